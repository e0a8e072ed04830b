"""The category model is trained in a child process (desk/services/suggest_apart.py): seconds of
pure Python on a thread of the window held Python's lock in turns with the window, which stood
still 50-60 ms at a time while a clerk typed just after log-in (issue 20's stall benchmark)."""

from __future__ import annotations

import pytest

from desk.demo import generate
from desk.services import suggest, suggest_apart
from desk.services.child_process import ChildProcessFailed
from desk.services.store import Store
from desk.services.suggest_seed import KINDS, seed_phrases


@pytest.fixture
def history(db_path, clock) -> Store:
    store = Store.open(db_path, clock=clock)
    generate(store, days=15, per_day=40, seed=5)
    yield store
    store.close()


def test_the_model_trained_apart_is_the_model_trained_here(history):
    trained = suggest_apart.train_apart(history, timeout=120)
    here = suggest.train_categories(history, seed_phrases(), seed_kinds=KINDS)
    assert trained.model.trained_on > 0 and len(trained.model.log_likelihood) > 100
    assert trained.model == here  # every number exactly: the flat array carries doubles as they are
    assert trained.frequency == suggest.category_frequency(history)
    assert trained.names == suggest.category_names(history)
    assert trained.search_keys == suggest.category_search_keys(history)


def test_a_database_in_memory_is_trained_here_instead(clock):
    store = Store.open(":memory:", clock=clock)
    try:
        with pytest.raises(ChildProcessFailed):
            suggest_apart.train_apart(store)
    finally:
        store.close()

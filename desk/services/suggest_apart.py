"""The category model trained in a child process, not on a thread of the window.

Training reads the station's recent history and fits the model in pure Python: seconds of work
that holds Python's lock in turns with the window's thread. While it ran beside a clerk typing
just after log-in, every Qt call of the window that needed the lock waited for it, and the
window stood still 50-60 ms at a time (the stall benchmark's typing phase at a million orders,
issue 20). In a child it costs the window nothing but reading the answer, which comes back in a
shape that unpickles in one short step (a flat array of numbers, not a dict of tuples) and is
rebuilt here in Python, which lets the window in between.

The child opens its own Store of the same file; an encrypted file's data key goes through the
pipe run_in_child uses, never a command line. Should no child start (a locked-down machine, a
file in memory), the caller trains on its own thread as before."""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import NamedTuple, Optional

from desk.services import suggest
from desk.services.store import Store


class Trained(NamedTuple):
    model: suggest.CategoryModel
    frequency: dict
    names: tuple  # suggest.category_names: what the search keys were made from
    search_keys: dict


def train_apart(store: Store, *, timeout: float = 600) -> Trained:
    """The model, the categories' frequency and their search keys, computed in a child.
    Raises ChildProcessFailed (or the child's own error) when it cannot be done there."""
    from desk.services.child_process import ChildProcessFailed, run_in_child

    if store.path is None:  # a database in memory
        raise ChildProcessFailed("a database in memory cannot be opened by another process")
    key: Optional[bytes] = store.keys.key if store.keys is not None else None
    packed = run_in_child(_train_in_child, str(store.path), key, timeout=timeout)
    return Trained(_unpack(packed[0]), *packed[1:])


def _train_in_child(path: str, key: Optional[bytes]) -> tuple:
    from desk.services.suggest_seed import KINDS, seed_phrases

    store = Store.open(Path(path))
    try:
        if key is not None:
            store.unlock(key)
        model = suggest.train_categories(store, seed_phrases(), seed_kinds=KINDS)
        frequency = suggest.category_frequency(store)
        names = suggest.category_names(store)
        keys = suggest.search_keys_of(names)
    finally:
        store.close()
    return _pack(model), frequency, names, keys


def _pack(model: suggest.CategoryModel) -> tuple:
    vocab = tuple(model.log_likelihood)
    flat = array("d")
    for gram in vocab:
        flat.extend(model.log_likelihood[gram])
    return (model.labels, model.log_prior, vocab, flat.tobytes(), model.log_unseen, model.departments,
            model.kinds, model.trained_on)


def _unpack(packed: tuple) -> suggest.CategoryModel:
    labels, log_prior, vocab, raw, log_unseen, departments, kinds, trained_on = packed
    flat = array("d")
    flat.frombytes(raw)
    n = len(labels)
    likelihood = {gram: tuple(flat[i * n:(i + 1) * n]) for i, gram in enumerate(vocab)}
    return suggest.CategoryModel(labels, log_prior, likelihood, log_unseen, departments, kinds, trained_on)

"""Category and knowledge-base suggestions: measured on the held-out sets in
tests/data/suggest/ (written independently of the demo's templates; see their README) and the
naive Bayes scores checked against scikit-learn's MultinomialNB."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from desk.services import knowledge, suggest
from desk.services.suggest_seed import seed_phrases

DATA = Path(__file__).resolve().parents[1] / "data" / "suggest"


def _rows(name):
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _codes(store):
    from sqlalchemy import text

    with store.read() as s:
        return dict(s.execute(text("SELECT code, id FROM category")).all())


def category_accuracy(model, ids) -> tuple[float, float]:
    rows = _rows("category_heldout.csv")
    top1 = top3 = 0
    for r in rows:
        got = [x.category_id for x in model.suggest(r["summary"])]
        top1 += got[:1] == [ids[r["category"]]]
        top3 += ids[r["category"]] in got
    return top1 / len(rows), top3 / len(rows)


def test_the_held_out_sets_are_large_enough_and_cover_the_tree(store):
    rows = _rows("category_heldout.csv")
    assert len(rows) >= 200 and len({r["summary"] for r in rows}) == len(rows)
    assert {r["category"] for r in rows} <= set(_codes(store))
    assert len({r["category"] for r in rows}) >= 20
    assert len(_rows("kb_heldout.csv")) >= 50


def test_a_new_station_is_suggested_from_the_shipped_phrases(store):
    model = suggest.train_categories(store, seed_phrases())
    assert model.trained_on == 0
    top1, top3 = category_accuracy(model, _codes(store))
    print(f"new station: top-1 {top1:.1%}, top-3 {top3:.1%}")
    assert top1 >= 0.80 and top3 >= 0.95


@pytest.mark.slow
def test_with_a_history_the_suggestions_stay_right(empty_store):
    from desk.demo import generate

    store = empty_store
    generate(store, days=60, per_day=60, seed=3)
    model = suggest.train_categories(store, seed_phrases())
    assert model.trained_on > 3000
    top1, top3 = category_accuracy(model, _codes(store))
    print(f"with {model.trained_on} orders of demo history: top-1 {top1:.1%}, top-3 {top3:.1%}")
    assert top1 >= 0.80 and top3 >= 0.95
    # the department and kind a station uses for a category come with it
    noise = _codes(store)["NOISE-RENO"]
    best = model.suggest("楼上装修电钻声音太吵")[0]
    assert best.category_id == noise and best.kind == "complaint" and best.department_id


def test_knowledge_suggestions_find_the_right_entry(store):
    index = suggest.index_knowledge(knowledge.suggestable(store))
    by_code = {e.code: e.id for e in knowledge.list_entries(store)}
    rows = _rows("kb_heldout.csv")
    hits = sum(by_code[r["entry"]] in [s.entry_id for s in index.suggest(r["question"])] for r in rows)
    print(f"knowledge base: right entry in the top 3 for {hits}/{len(rows)}")
    assert hits / len(rows) >= 0.90
    assert index.suggest("") == [] and index.suggest("？？！") == []
    assert index.suggest("量子计算机的散热方案") == []  # nothing shares more than a stray character


def test_naive_bayes_agrees_with_scikit_learn():
    sklearn = pytest.importorskip("sklearn.naive_bayes")
    from sklearn.feature_extraction.text import CountVectorizer

    samples = [(p, c, 1.0) for p, c in seed_phrases()]
    model = suggest.fit_categories(samples, alpha=0.3)
    vec = CountVectorizer(analyzer=suggest.ngrams)
    x = vec.fit_transform([s for s, _, _ in samples])
    reference = sklearn.MultinomialNB(alpha=0.3).fit(x, [c for _, c, _ in samples])
    assert tuple(reference.classes_) == model.labels
    for query in ("楼上装修吵", "食堂早饭几点", "外卖骑手充电", "医保卡补办"):
        ours = model.scores(query)
        theirs = reference.predict_joint_log_proba(vec.transform([query]))[0]
        # scikit-learn also charges n-grams seen under no label; they shift every label equally
        shift = ours[0] - theirs[0]
        assert all(math.isclose(a - b, shift, abs_tol=1e-6) for a, b in zip(ours, theirs))


def test_ngrams_are_characters_and_pairs_and_latin_words():
    assert suggest.ngrams("装修噪音！") == ["装", "修", "噪", "音", "装修", "修噪", "噪音"]
    assert suggest.ngrams("ＫＴＶ 22点") == ["ktv", "22", "点"]


@pytest.fixture(scope="module")
def models():
    from desk.models.knowledge_samples import SAMPLES

    docs = [suggest.KnowledgeDoc(code, q, a, (q, *v.splitlines())) for code, q, v, a, *_ in SAMPLES]
    return (suggest.fit_categories([(p, c, 1.0) for p, c in seed_phrases()]), suggest.index_knowledge(docs))


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_at_most_three_suggestions_and_no_error(models, value):
    categories, index = models
    cats, answers = categories.suggest(value), index.suggest(value)
    assert len(cats) <= 3 and len(answers) <= 3
    assert all(0.0 <= c.share <= 1.0 for c in cats) and all(a.score >= index.MIN_SCORE for a in answers)
    assert (cats == []) == (suggest.ngrams(value) == [])


def test_a_wording_typed_many_times_counts_once():
    """Issue 18: a history of a few sentences repeated 200,000 times must not drown the shipped
    phrases; the same wording (after normalising width, case, punctuation) is one piece of evidence."""
    rows = [("楼上装修太吵", "cat-reno", "d", "complaint", 5000), ("楼上装修太吵！", "cat-reno", "d", "complaint", 7),
            ("ＫＴＶ 唱歌", "cat-bar", None, "complaint", 3), ("KTV唱歌", "cat-bar", None, "complaint", 1),
            ("楼上装修太吵", "cat-bar", None, "complaint", 1), ("", "cat-bar", None, "help", 2)]
    got = suggest.distinct_wordings(rows)
    assert sorted((c, w) for _, c, w in got) == [("cat-bar", 1.0), ("cat-bar", 1.0), ("cat-reno", 1.0)]
    once = suggest.fit_categories(suggest.distinct_wordings(rows[:1]))
    many = suggest.fit_categories(suggest.distinct_wordings(rows[:1] * 1000 + rows[1:2]))
    assert once.log_likelihood == many.log_likelihood and once.log_prior == many.log_prior

"""The knowledge index in plain Python (issue 20: the window no longer imports numpy) gives the
suggestions the numpy index gave: the same entries and the same scores to float32 precision.

`NumpyIndex` below is the numpy index as it was on main (205e04b, desk/services/suggest.py),
kept here as the reference. Its sums were float32 and its ties among more than three entries
came out in argpartition's order; the plain index sums in float64 and puts a tie's earlier
entry first. So: every entry's score within TOL of numpy's, and where the two pick different
entries for a place, numpy scored them the same to within TOL."""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from desk.services import suggest

TOL = 1e-5  # float32 sums of up to ~100 terms in [0, 1]


class NumpyIndex:
    """main's KnowledgeIndex and index_knowledge (205e04b), unchanged but for the class shape."""

    def __init__(self, docs):
        lines, starts, kept = [], [], []
        for doc in docs:
            grams = [Counter(suggest.ngrams(t)) for t in doc.texts]
            grams = [g for g in grams if g]
            if grams:
                starts.append(len(lines))
                lines.extend(grams)
                kept.append(doc)
        df: Counter = Counter()
        for grams in lines:
            df.update(grams.keys())
        n = len(lines) or 1
        idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
        postings = defaultdict(lambda: ([], []))
        for i, grams in enumerate(lines):
            vec = {g: (1 + math.log(c)) * idf[g] for g, c in grams.items()}
            norm = math.sqrt(sum(v * v for v in vec.values()))
            for g, v in vec.items():
                p = postings[g]
                p[0].append(i)
                p[1].append(v / norm)
        self.docs = tuple(kept)
        self.postings = {g: (np.asarray(a, dtype=np.int32), np.asarray(w, dtype=np.float32))
                         for g, (a, w) in postings.items()}
        self.entry_starts = np.asarray(starts, dtype=np.intp)
        self.line_count = len(lines)
        self.idf = idf

    def best(self, question):
        """Every doc's score (its best line), as numpy computed it; None when the question has
        no known n-gram."""
        q = Counter(suggest.ngrams(question))
        qvec = {g: (1 + math.log(c)) * self.idf[g] for g, c in q.items() if g in self.idf}
        norm = math.sqrt(sum(v * v for v in qvec.values()))
        if not norm or not self.docs:
            return None
        scores = np.zeros(self.line_count, dtype=np.float32)
        for g, qv in qvec.items():
            lines, weights = self.postings[g]
            scores[lines] += weights * (qv / norm)
        return np.maximum.reduceat(scores, self.entry_starts)

    def suggest(self, question, n=3):
        best = self.best(question)
        if best is None:
            return []
        top = np.argsort(-best, kind="stable")[:n] if len(best) <= n else \
            sorted(np.argpartition(-best, n)[:n], key=lambda d: -best[d])
        return [(self.docs[d].entry_id, float(best[d])) for d in top if best[d] >= suggest.KnowledgeIndex.MIN_SCORE]


def same_suggestions(docs, questions):
    ours, ref = suggest.index_knowledge(docs), NumpyIndex(docs)
    assert [d.entry_id for d in ours.docs] == [d.entry_id for d in ref.docs]
    number = {d.entry_id: i for i, d in enumerate(ref.docs)}
    for q in questions:
        best = ref.best(q)
        scores = ours.scores(q)
        if best is None:
            assert scores == {} and ours.suggest(q) == [], q
            continue
        for d, v in enumerate(best):  # every entry, not only the top three
            assert abs(scores.get(d, 0.0) - float(v)) <= TOL, (q, ours.docs[d].entry_id, scores.get(d), v)
        theirs = ref.suggest(q)
        got = [(s.entry_id, s.score) for s in ours.suggest(q)]
        near_the_floor = any(abs(float(v) - ours.MIN_SCORE) <= TOL for v in best)
        if not near_the_floor:
            assert len(got) == len(theirs), (q, got, theirs)
        for (their_id, their_score), (our_id, our_score) in zip(theirs, got):
            assert abs(our_score - their_score) <= TOL, (q, got, theirs)
            if our_id != their_id:  # a tie to float32 precision, broken the other way
                assert abs(float(best[number[our_id]]) - their_score) <= TOL, (q, got, theirs)
        s = ours.suggest(q)
        assert all(a.score >= b.score for a, b in zip(s, s[1:]))


# A small alphabet, so that random lines share characters and pairs the way real questions do.
CHARS = "装修噪音楼上漏水晚托作业孩子放学路灯坏了停车老人证办理社区医院的在吗能"
text = st.text(alphabet=CHARS + " ，？ktv22", min_size=0, max_size=24)


@st.composite
def knowledge_bases(draw):
    n = draw(st.integers(1, 40))
    docs = []
    for i in range(n):
        lines = draw(st.lists(text, min_size=1, max_size=4))
        docs.append(suggest.KnowledgeDoc(f"e{i}", lines[0], f"answer {i}", tuple(lines),
                                         draw(st.sampled_from([None, "c1", "c2"]))))
    return docs


@settings(max_examples=300, deadline=None)
@given(knowledge_bases(), st.lists(text, min_size=1, max_size=8), st.data())
def test_random_knowledge_bases_get_the_numpy_indexs_suggestions(docs, questions, data):
    # ...and questions that are pieces of the entries' own lines (the high scores, the ties).
    lines = [t for d in docs for t in d.texts if t]
    if lines:
        for _ in range(4):
            line = data.draw(st.sampled_from(lines))
            a = data.draw(st.integers(0, len(line)))
            questions.append(line[a:a + data.draw(st.integers(1, 12))])
    same_suggestions(docs, questions)


def test_the_shipped_entries_and_the_held_out_questions_as_typed():
    from desk.models.knowledge_samples import SAMPLES

    docs = [suggest.KnowledgeDoc(code, q, a, (q, *v.splitlines())) for code, q, v, a, *_ in SAMPLES]
    path = Path(__file__).resolve().parents[1] / "data" / "suggest" / "kb_heldout.csv"
    with open(path, encoding="utf-8") as f:
        questions = [r["question"] for r in csv.DictReader(f)]
    assert len(questions) >= 50
    same_suggestions(docs, [q[:i] for q in questions for i in range(1, len(q) + 1)])


@pytest.mark.slow
def test_five_thousand_entries_as_the_benchmark_makes_them():
    from benchmarks.suggest import knowledge_docs, typed_prefixes

    same_suggestions(knowledge_docs(5000), typed_prefixes(30))

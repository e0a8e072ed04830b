"""Suggestions while a matter is typed: its category (and the department and kind the station
uses for it) from the summary, and the knowledge-base entries that answer it.

Both read character n-grams (each Chinese character and each pair of neighbours: 噪音, 漏水,
装修), which need no word list and handle the desk's short, colloquial lines. The category model
is multinomial naive Bayes over a dict of log-probabilities (tests/core/test_core_suggest.py
checks its scores against scikit-learn's MultinomialNB; the desk does not carry scikit-learn and
SciPy, ~50 MB, for this formula); the knowledge base is TF-IDF cosine over an inverted index in
plain Python (no numpy: see `KnowledgeIndex`).

Models are plain immutable values: built on a background thread from the station's history
(`train`), then queried from any thread without locks."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from sqlalchemy import text

from desk.services.store import Store

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
ALPHA = 0.3  # additive smoothing of the n-gram counts (fixed a priori, not tuned on the held-out set)


def ngrams(value: str) -> list[str]:
    """Characters and character pairs of each run of Chinese; whole Latin words and numbers."""
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", value or "").lower()):
        if run[0].isascii():
            out.append(run)
            continue
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


# -- categories ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CategorySuggestion:
    category_id: str
    department_id: Optional[str]
    kind: Optional[str]
    share: float  # the model's probability, 0..1


@dataclass(frozen=True)
class CategoryModel:
    labels: tuple[str, ...]
    log_prior: tuple[float, ...]
    # n-gram -> log P(n-gram | label) for each label; unseen n-grams use log_unseen[label]
    log_likelihood: dict
    log_unseen: tuple[float, ...]
    departments: dict  # label -> most used department id
    kinds: dict  # label -> most used kind
    trained_on: int  # orders of history read

    def scores(self, summary: str) -> list[float]:
        scores = list(self.log_prior)
        for gram in ngrams(summary):
            row = self.log_likelihood.get(gram)
            if row is None:
                continue  # never seen under any label: says nothing
            for i, v in enumerate(row):
                scores[i] += v
        return scores

    def suggest(self, summary: str, n: int = 3) -> list[CategorySuggestion]:
        if not self.labels or not ngrams(summary):
            return []
        scores = self.scores(summary)
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        best = sorted(range(len(scores)), key=lambda i: -scores[i])[:n]
        return [CategorySuggestion(self.labels[i], self.departments.get(self.labels[i]), self.kinds.get(self.labels[i]),
                                   weights[i] / total) for i in best]


def fit_categories(samples: Iterable[tuple[str, str, float]], *, departments: dict | None = None,
                   kinds: dict | None = None, trained_on: int = 0, alpha: float = ALPHA) -> CategoryModel:
    """Multinomial naive Bayes from (text, label, weight) triples."""
    counts: dict[str, Counter] = defaultdict(Counter)
    label_weight: Counter = Counter()
    for value, label, weight in samples:
        grams = ngrams(value)
        if not grams or not label:
            continue
        label_weight[label] += weight
        c = counts[label]
        for g in grams:
            c[g] += weight
    labels = tuple(sorted(counts))
    vocab = set().union(*counts.values()) if counts else set()
    total = sum(label_weight.values()) or 1.0
    log_prior = tuple(math.log(label_weight[lab] / total) for lab in labels)
    denominators = [sum(counts[lab].values()) + alpha * len(vocab) for lab in labels]
    log_unseen = tuple(math.log(alpha / d) for d in denominators)
    log_likelihood = {g: tuple(math.log((counts[lab].get(g, 0.0) + alpha) / d) for lab, d in zip(labels, denominators))
                      for g in vocab}
    return CategoryModel(labels, log_prior, log_likelihood, log_unseen, dict(departments or {}), dict(kinds or {}),
                         trained_on)


# -- the knowledge base ----------------------------------------------------------------------

@dataclass(frozen=True)
class KnowledgeSuggestion:
    entry_id: str
    question: str
    answer: str
    category_id: Optional[str]
    score: float


@dataclass(frozen=True)
class KnowledgeDoc:
    entry_id: str
    question: str
    answer: str
    texts: tuple[str, ...]  # the question, then its variants
    category_id: Optional[str] = None


@dataclass(frozen=True, eq=False)
class KnowledgeIndex:
    """Each question and variant is a line; an entry scores as its best line's cosine.

    Plain Python, not numpy: the window process then never imports numpy, whose import holds
    Python's lock in one C call for 0.1-0.3 s (a frozen window, or a slower log-in when done
    ahead of it: issue 20, benchmarks/README.md "Branch `firstkey3`"). The price is the
    keystroke's sum, a Python loop over the postings of the question's n-grams: at 5,000
    entries ~1 ms typical and ~4 ms at the 95th percentile against numpy's 0.25/0.4 ms
    (`python -m benchmarks.suggest`), and a loop gives the lock to the window every 5 ms.
    tests/core/test_knowledge_index_numpy.py checks the scores against the numpy formula."""

    docs: tuple[KnowledgeDoc, ...]
    postings: dict  # n-gram -> (line numbers, array 'i'; weights, array 'f': float32 as numpy had them)
    line_doc: array  # 'i': the doc of each line
    idf: dict

    # Below this a line shares only common characters with the question (set on the demo's own
    # complaints, e.g. 中午 vs 午间微党课 0.34; not on the held-out set).
    MIN_SCORE = 0.35

    def scores(self, question: str, floor: float = 0.0) -> dict[int, float]:
        """Doc number -> its best line's cosine with the question, for docs with a line at or
        above floor that shares an n-gram with it."""
        q = Counter(ngrams(question))
        qvec = {g: (1 + math.log(c)) * self.idf[g] for g, c in q.items() if g in self.idf}
        norm = math.sqrt(sum(v * v for v in qvec.values()))
        if not norm:
            return {}
        acc: dict[int, float] = {}
        get = acc.get
        for g, qv in qvec.items():
            scale = qv / norm
            lines, weights = self.postings[g]
            for line, w in zip(lines, weights):  # a gram occurs once per line
                acc[line] = get(line, 0.0) + w * scale
        best: dict[int, float] = {}
        line_doc = self.line_doc
        for line, v in acc.items():
            if v >= floor and v > best.get(line_doc[line], 0.0):
                best[line_doc[line]] = v
        return best

    def suggest(self, question: str, n: int = 3) -> list[KnowledgeSuggestion]:
        best = self.scores(question, self.MIN_SCORE)
        top = heapq.nsmallest(n, best.items(), key=lambda x: (-x[1], x[0]))  # a tie: the earlier entry
        return [KnowledgeSuggestion(self.docs[d].entry_id, self.docs[d].question, self.docs[d].answer,
                                    self.docs[d].category_id, v) for d, v in top]


def index_knowledge(docs: Sequence[KnowledgeDoc]) -> KnowledgeIndex:
    """TF-IDF over every question and variant line (an entry scores as its best line): each
    n-gram's lines and weights, so a question touches only the lines that share one with it."""
    lines: list[Counter] = []
    line_doc = array("i")
    kept: list[KnowledgeDoc] = []
    for doc in docs:
        grams = [Counter(ngrams(t)) for t in doc.texts]
        grams = [g for g in grams if g]
        if grams:
            line_doc.extend([len(kept)] * len(grams))
            lines.extend(grams)
            kept.append(doc)
    df: Counter = Counter()
    for grams in lines:
        df.update(grams.keys())
    n = len(lines) or 1
    idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
    postings: dict[str, tuple[array, array]] = {}
    for i, grams in enumerate(lines):
        vec = {g: (1 + math.log(c)) * idf[g] for g, c in grams.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        for g, v in vec.items():
            p = postings.get(g)
            if p is None:
                p = postings[g] = (array("i"), array("f"))
            p[0].append(i)
            p[1].append(v / norm)
    return KnowledgeIndex(tuple(kept), postings, line_doc, idf)


# -- training from the station ---------------------------------------------------------------

HISTORY_LIMIT = 200_000  # the most recent orders a category model reads (a year or more of a busy desk)


def history(store: Store, limit: int = HISTORY_LIMIT) -> tuple[list[tuple[str, str, str, str, int]], int]:
    """(summary, category, department, kind, count) of the station's recent orders, grouped in
    SQLite so Python sees each distinct row once whatever the history's length; and how many
    orders that was. (SQLite scans with Python's lock released: the window keeps its keys.)"""
    with store.read() as s:
        rows = s.execute(text(
            "SELECT summary, category_id, lead_department_id, kind, COUNT(*) FROM "
            "(SELECT summary, category_id, lead_department_id, kind FROM work_order "
            " WHERE category_id IS NOT NULL AND status != 'void' ORDER BY created_at DESC LIMIT :limit) "
            "GROUP BY 1, 2, 3, 4"), {"limit": limit}).all()
    return [tuple(r) for r in rows], sum(r[4] for r in rows)


def distinct_wordings(rows: Iterable[tuple]) -> list[tuple[str, str, float]]:
    """(summary, category, 1.0) once per distinct wording of a category: summaries that are the
    same after normalising (width, case, punctuation, spaces: the n-grams the model reads) are
    one piece of evidence, however often they were typed. A history of a few template sentences
    repeated 200,000 times then weighs as those few sentences, not as 200,000 votes that drown
    the shipped phrases; a station whose clerks write in their own words teaches with every
    new wording. (Chosen on tests/data/suggest/category_dev.csv, never on the held-out set.)"""
    seen: dict[tuple[str, str], str] = {}
    for summary, category, *_ in rows:
        key = (" ".join(ngrams(summary)), category)
        if key[0] and category and key not in seen:
            seen[key] = summary
    return [(summary, category, 1.0) for (_, category), summary in seen.items()]


def train_categories(store: Store, seed: Iterable[tuple[str, str]], *, seed_kinds: dict | None = None,
                     limit: int = HISTORY_LIMIT) -> CategoryModel:
    """The shipped phrases (by category code) plus each distinct wording of the station's
    history (`distinct_wordings`); the department and kind of a category are the ones the
    station used most often (there every order counts)."""
    rows, n = history(store, limit)
    with store.read() as s:
        codes = dict(s.execute(text("SELECT code, id FROM category WHERE active")).all())
        defaults = dict(s.execute(text("SELECT id, default_department_id FROM category")).all())
    samples = [(phrase, codes[code], 1.0) for phrase, code in seed if code in codes]
    samples += distinct_wordings(rows)
    dept_counts: dict[str, Counter] = defaultdict(Counter)
    kind_counts: dict[str, Counter] = defaultdict(Counter)
    for summary, cat, dept, kind, count in rows:
        if dept:
            dept_counts[cat][dept] += count
        kind_counts[cat][kind] += count
    departments = {cat: (dept_counts[cat].most_common(1)[0][0] if dept_counts[cat] else dept)
                   for cat, dept in defaults.items()}
    kinds = {codes[code]: kind for code, kind in (seed_kinds or {}).items() if code in codes}
    kinds.update({cat: c.most_common(1)[0][0] for cat, c in kind_counts.items()})
    return fit_categories(samples, departments=departments, kinds=kinds, trained_on=n)


def category_frequency(store: Store, limit: int = HISTORY_LIMIT) -> dict[str, int]:
    """How often each category was chosen in the recent history (the category box's order)."""
    with store.read() as s:
        return dict(s.execute(text(
            "SELECT category_id, COUNT(*) FROM (SELECT category_id FROM work_order WHERE category_id IS NOT NULL "
            "ORDER BY created_at DESC LIMIT :limit) GROUP BY 1"), {"limit": limit}).all())


def search_keys(name: str, code: str, parent_name: str = "") -> str:
    """Everything a clerk may type to find a category, in one lower-case string: the name, the
    code, the full pinyin and the initials of the name and its parent's (装修噪音 NOISE-RENO
    zhuangxiuzaoyin zxzy). pypinyin is imported here, never at start-up (see `search_keys_of`)."""
    from pypinyin import lazy_pinyin

    parts = [name, code.lower()]
    for n in (name, parent_name):
        if n:
            syllables = [s for s in lazy_pinyin(n) if s.isalpha()]
            parts += ["".join(syllables), "".join(s[0] for s in syllables)]
    return " ".join(parts).lower()


def category_names(store: Store) -> tuple[tuple[str, str, str, str], ...]:
    """(id, name, code, parent's name) of every category: what `search_keys_of` reads."""
    with store.read() as s:
        rows = s.execute(text("SELECT c.id, c.name, c.code, p.name FROM category c "
                              "LEFT JOIN category p ON p.id = c.parent_id ORDER BY c.id")).all()
    return tuple((cid, name, code, parent or "") for cid, name, code, parent in rows)


def search_keys_of(names: Sequence[tuple[str, str, str, str]]) -> dict[str, str]:
    """search_keys for every category, by id. Module-level and given plain tuples, so the
    window can run it in a child process: importing pypinyin unmarshals its dictionaries in one
    C call that holds Python's lock for 0.2–0.4 s, which on a thread of the window is a
    frozen window (measured: `python -m benchmarks.suggest --cold-start`)."""
    return {cid: search_keys(name, code, parent) for cid, name, code, parent in names}


def category_search_keys(store: Store) -> dict[str, str]:
    """search_keys for every category, by id, on the calling thread (the CLI and tests)."""
    return search_keys_of(category_names(store))

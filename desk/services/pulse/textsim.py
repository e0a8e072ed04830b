"""Text similarity for Chinese order summaries, offline and light: the desk's own character
bigrams (desk.services.search.tokens: 噪音, 漏水, 酒吧 come out whole) weighted by TF-IDF in
a scipy sparse matrix, rows L2-normalised so a dot product is the cosine.

Why not jieba or scikit-learn: a summary is a dozen characters; bigrams catch the two-character
words that carry the meaning without a 20 MB dictionary to load, and a few lines of scipy do
what scikit-learn's vectoriser would (scipy is here anyway for the effect statistics).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from desk.services.search import tokens

if TYPE_CHECKING:
    import numpy as np

# Bigrams that say nothing about the problem (politeness, filler, place words shared by all).
_STOP = frozenset({"希望", "请求", "反映", "居民", "问题", "一下", "帮忙", "处理", "解决", "情况", "我们", "你们",
                   "这个", "那个", "已经", "还是", "一直", "没有", "现在", "能否", "是否", "要求"})


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if len(t) == 2 and t not in _STOP and not t.isascii())


def terms(text: str) -> list[str]:
    return list(_terms(text))


class TfIdf:
    """Vectors for a set of texts; `vectors()` rows are unit length (or zero)."""

    def __init__(self, texts: Sequence[str]):
        import numpy as np
        from scipy import sparse

        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        seen: dict[str, tuple[list[int], list[float]]] = {}  # summaries repeat: each distinct text once
        for i, text in enumerate(texts):
            vec = seen.get(text)
            if vec is None:
                counts: dict[int, int] = {}
                for t in _terms(text):
                    j = self.vocab.setdefault(t, len(self.vocab))
                    counts[j] = counts.get(j, 0) + 1
                vec = seen[text] = (list(counts), [1.0 + math.log(c) for c in counts.values()])  # sublinear tf
            rows.extend([i] * len(vec[0]))
            cols.extend(vec[0])
            vals.extend(vec[1])
        n = len(texts)
        m = sparse.csr_matrix((np.array(vals, dtype=np.float64), (np.array(rows, dtype=np.int64),
                              np.array(cols, dtype=np.int64))), shape=(n, len(self.vocab)))
        df = np.bincount(m.indices, minlength=len(self.vocab)) if m.nnz else np.zeros(len(self.vocab))
        self.idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        m = m.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.diags(1.0 / norms) @ m
        self.words = {j: t for t, j in self.vocab.items()}

    def centroid(self, rows: Iterable[int]) -> "np.ndarray":
        import numpy as np

        idx = list(rows)
        if not idx:
            return np.zeros(len(self.vocab))
        c = np.asarray(self.matrix[idx].mean(axis=0)).ravel()
        norm = np.linalg.norm(c)
        return c / norm if norm else c

    def similarity_to(self, rows: Sequence[int], centroid: "np.ndarray") -> "np.ndarray":
        """Cosine of each given row with a unit centroid."""
        import numpy as np

        if not len(rows):
            return np.zeros(0)
        return np.asarray(self.matrix[list(rows)] @ centroid).ravel()

    def top_words(self, rows: Sequence[int], k: int = 3) -> list[str]:
        """The words most of these orders share (share of orders × idf): what people read as the
        cluster's words, not the rarest bigram of one order."""
        import numpy as np

        idx = list(rows)
        if not idx:
            return []
        present = (self.matrix[idx] > 0).astype(np.float64)
        share = np.asarray(present.sum(axis=0)).ravel() / len(idx)
        score = share * np.sqrt(self.idf)  # commonness first: a rare bigram of a few orders is not "the words"
        out: list[str] = []
        for j in np.argsort(-score):
            if score[j] <= 0 or len(out) == k:
                break
            word = self.words[int(j)]
            if not any(word[0] == w[1] or word[1] == w[0] for w in out):  # 漏水 and 水管, not 漏水 and 水漏
                out.append(word)
        return out

    def weights(self, centroid: "np.ndarray", k: int = 40) -> dict[str, float]:
        """The centroid's strongest terms, to store with a registered problem for matching."""
        import numpy as np

        order = np.argsort(-centroid)[:k]
        return {self.words[int(j)]: round(float(centroid[j]), 4) for j in order if centroid[j] > 0}


def cosine_with_weights(text: str, weights: dict[str, float]) -> float:
    """A new order's summary against a registered problem's stored terms (binary tf: a summary
    rarely repeats a bigram)."""
    ts = set(terms(text))
    if not ts or not weights:
        return 0.0
    dot = sum(weights.get(t, 0.0) for t in ts)
    wnorm = math.sqrt(sum(v * v for v in weights.values()))
    return dot / (math.sqrt(len(ts)) * wnorm) if wnorm else 0.0

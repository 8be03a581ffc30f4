"""The text model: character 1–3-grams, TF-IDF, a linear SVM calibrated to probabilities.

Trained with scikit-learn (``CalibratedClassifierCV(LinearSVC, cv=5, sigmoid)`` over a
``TfidfVectorizer``), then **exported as plain arrays** (:func:`export`) and evaluated
here with numpy alone: the vocabulary and idf weights, the five folds' SVM weights side
by side in one ``(n_features, folds × classes)`` matrix with their intercepts, and each
fold's sigmoid calibration ``(a, b)``.  One pass over a document's n-grams gives all
fifteen decision values; the calibration map and the fold average follow sklearn's
arithmetic step by step (float32 TF-IDF, float64 dot products summed in the order of the
sparse row, ``1 / (1 + exp(a·f + b))``), so the probabilities equal sklearn's to within
1e-12 (``benchmarks/speed.py`` checks it on the dev set and 300 corpus documents;
tests/classifier/test_model_arrays.py on a small fitted model).  scikit-learn is needed
only to train; loading and scoring import neither it nor scipy.

Character n-grams need no word segmentation, so no jieba.  The averaged SVM weights
explain a prediction by its strongest n-grams.
"""

from __future__ import annotations

import math
import re
from typing import Callable

import numpy as np

from reviewer.classifier.text import model_text

LABELS = ("proactive", "on_request", "not_public")
ARRAYS = ("labels", "vocabulary", "idf", "weights", "intercepts", "sigmoid_a", "sigmoid_b", "coef")
_WHITE_SPACES = re.compile(r"\s\s+")   # sklearn's _white_spaces, applied before char n-grams
_BITS = np.uint64(21)                    # a Unicode code point fits in 21 bits; 3 of them in 63


def build(seed: int = 0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=3, max_df=0.95, max_features=40000,
                          sublinear_tf=True, dtype=np.float32)
    clf = CalibratedClassifierCV(LinearSVC(C=0.3, class_weight="balanced", random_state=seed),
                                 cv=5, method="sigmoid")
    return vec, clf


def fit(texts: list[str], labels: list[str], seed: int = 0) -> dict:
    """Fit on raw texts (labels stripped and normalised here) and return the arrays to save."""
    vec, clf = build(seed)
    X = vec.fit_transform([model_text(t) for t in texts])
    clf.fit(X, labels)
    return export(vec, clf)


def export(vec, clf) -> dict[str, np.ndarray]:
    """The fitted vectorizer and calibrated classifier as plain arrays (see the module docstring).
    Refuses settings this module does not implement, rather than scoring differently."""
    if not (vec.analyzer == "char" and tuple(vec.ngram_range) == (1, 3) and vec.lowercase
            and vec.preprocessor is None and not vec.strip_accents and vec.sublinear_tf
            and vec.norm == "l2" and vec.use_idf and vec.dtype == np.float32):
        raise ValueError("export implements TfidfVectorizer(char, (1, 3), lowercase, sublinear_tf, l2, float32) only")
    if clf.method != "sigmoid" or len(clf.classes_) < 3:
        raise ValueError("export implements sigmoid calibration over 3+ classes only")
    classes = list(clf.classes_)
    terms = [""] * len(vec.vocabulary_)
    for term, j in vec.vocabulary_.items():
        if "\x00" in term or len(term) > 3:
            raise ValueError(f"vocabulary term {term!r} cannot be stored as a 3-character string")
        terms[j] = term
    weights, intercepts, a, b = [], [], [], []
    for cc in clf.calibrated_classifiers_:
        est = cc.estimator
        if list(est.classes_) != classes or list(cc.classes) != classes or len(cc.calibrators) != len(classes):
            raise ValueError("every fold must score every class, in the same order")
        weights.append(np.asarray(est.coef_, dtype=np.float64))
        intercepts.append(np.asarray(est.intercept_, dtype=np.float64))
        a.extend(float(c.a_) for c in cc.calibrators)
        b.extend(float(c.b_) for c in cc.calibrators)
    coef = np.mean([cc.estimator.coef_ for cc in clf.calibrated_classifiers_], axis=0).astype(np.float32)
    return {
        "labels": np.array(classes, dtype=str),
        "vocabulary": np.array(terms, dtype=str),
        "idf": np.asarray(vec.idf_),
        # (n_features, folds × classes), fold-major: column f*C + k is fold f's class k
        "weights": np.ascontiguousarray(np.concatenate(weights, axis=0).T),
        "intercepts": np.concatenate(intercepts),
        "sigmoid_a": np.array(a, dtype=np.float64),
        "sigmoid_b": np.array(b, dtype=np.float64),
        "coef": coef,
    }


def _ngram_lookup(vocabulary: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per n = 1, 2, 3: the vocabulary's n-grams as integers (code points, 21 bits each,
    packed) sorted, and their columns.  A document's n-grams are packed the same way and
    found with one ``searchsorted``, instead of one dict lookup per n-gram string."""
    terms = np.ascontiguousarray(vocabulary.astype("<U3"))
    cps = terms.view(np.uint32).reshape(-1, 3).astype(np.uint64)
    lengths = np.char.str_len(terms)
    if not ((cps != 0).sum(axis=1) == lengths).all():
        raise ValueError("the vocabulary holds a NUL character, which packed n-grams cannot tell apart")
    packed = [cps[:, 0], (cps[:, 0] << _BITS) | cps[:, 1]]
    packed.append((packed[1] << _BITS) | cps[:, 2])
    out = []
    for n in (1, 2, 3):
        cols = np.flatnonzero(lengths == n)
        keys = packed[n - 1][cols]
        order = np.argsort(keys, kind="stable")
        out.append((keys[order], cols[order].astype(np.int64)))
    return out


class Prediction:
    """The model's answer for one text.  ``features`` (label -> strongest n-grams for that
    label in this text) is worked out when first read: suggest() never shows n-grams."""

    __slots__ = ("attribute", "probabilities", "_features", "_explain")

    def __init__(self, attribute: str, probabilities: dict[str, float],
                 features: dict[str, list[str]] | Callable[[], dict[str, list[str]]]):
        self.attribute = attribute
        self.probabilities = probabilities
        self._features, self._explain = (None, features) if callable(features) else (features, None)

    @property
    def features(self) -> dict[str, list[str]]:
        if self._features is None:
            self._features = self._explain()
        return self._features

    def __repr__(self) -> str:
        return f"Prediction(attribute={self.attribute!r}, probabilities={self.probabilities!r})"


class DisclosureModel:
    """Scores texts with the exported arrays; numpy only."""

    def __init__(self, bundle: dict, metadata: dict):
        self.labels: list[str] = [str(x) for x in bundle["labels"]]
        self._names: np.ndarray = bundle["vocabulary"]
        self._lookup = _ngram_lookup(self._names)
        self.idf: np.ndarray = bundle["idf"]
        self.weights: np.ndarray = bundle["weights"]
        self.intercepts: np.ndarray = bundle["intercepts"]
        self.sigmoid_a: list[float] = bundle["sigmoid_a"].tolist()
        self.sigmoid_b: list[float] = bundle["sigmoid_b"].tolist()
        self.coef: np.ndarray = bundle["coef"]
        self.n_classes = len(self.labels)
        self.n_folds = self.weights.shape[1] // self.n_classes
        self.metadata = metadata

    @property
    def version(self) -> str:
        # model_id names the trained weights (kept when only the storage format changed)
        ident = self.metadata.get("model_id") or self.metadata.get("model_sha256", "")
        return f"disclosure-{self.metadata.get('model_version', '?')}+{ident[:12]}"

    # -- features ------------------------------------------------------------------
    def tfidf(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """``(indices, values)`` of one document's TF-IDF row (sorted indices, float32),
        as ``TfidfVectorizer.transform`` computes it."""
        t = _WHITE_SPACES.sub(" ", model_text(text).lower())
        cp = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
        codes = [cp, (cp[:-1] << _BITS) | cp[1:]]
        codes.append((codes[1][:-1] << _BITS) | cp[2:])
        found, counted = [], []
        for (keys, cols), x in zip(self._lookup, codes):   # n-grams as integers, looked up in bulk
            grams, n = np.unique(x, return_counts=True)
            pos = np.searchsorted(keys, grams)
            pos[pos == len(keys)] = 0
            hit = keys[pos] == grams
            found.append(cols[pos[hit]])
            counted.append(n[hit])
        cols, counts = np.concatenate(found), np.concatenate(counted)
        order = np.argsort(cols)           # each column is one n-gram: no two alike
        idx = cols[order]                  # sorted, as sklearn's rows
        data = counts[order].astype(np.float32)
        np.log(data, data)
        data += 1.0
        data *= self.idf[idx]
        if len(data):   # l2, like sklearn's inplace_csr_row_normalize_l2: sequential double sum
            norm = math.sqrt(float(np.cumsum((data * data).astype(np.float64))[-1]))
            if norm != 0.0:
                data = (data.astype(np.float64) / norm).astype(np.float32)
        return idx, data

    def decision(self, idx: np.ndarray, data: np.ndarray) -> np.ndarray:
        """All folds' SVM decision values for one row, ``(folds × classes,)``: the products
        summed in the row's order, as scipy's sparse product does."""
        if len(idx) == 0:
            return np.zeros(self.weights.shape[1]) + self.intercepts
        contrib = data.astype(np.float64)[:, None] * self.weights[idx]
        return np.add.reduce(contrib, axis=0) + self.intercepts   # row by row, in order (axis 0 of a C array)

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        """The folds' sigmoid maps, each fold's probabilities normalised, then averaged."""
        C, F = self.n_classes, self.n_folds
        a, b = self.sigmoid_a, self.sigmoid_b
        s = scores.tolist()
        mean = [0.0] * C   # plain floats: the same IEEE operations as sklearn's arrays, in order
        for f in range(F):
            p = [1.0 / (1.0 + math.exp(a[f * C + k] * s[f * C + k] + b[f * C + k])) for k in range(C)]
            den = p[0]
            for k in range(1, C):
                den += p[k]
            q = [x / den for x in p] if den != 0 else [1 / C] * C
            for k in range(C):
                mean[k] += 1.0 if 1.0 < q[k] <= 1.0 + 1e-5 else q[k]
        return np.array(mean) / F

    # -- API -------------------------------------------------------------------------
    def predict(self, text: str, top: int = 6) -> Prediction:
        idx, data = self.tfidf(text)
        proba = self.calibrate(self.decision(idx, data))
        probs = {lab: float(p) for lab, p in zip(self.labels, proba)}
        best = max(probs, key=probs.get)
        return Prediction(best, probs, lambda: self._features(idx, data, top))

    def predict_many(self, texts: list[str]) -> np.ndarray:
        """Probabilities, ``(len(texts), classes)`` in the order of :attr:`labels`."""
        out = np.zeros((len(texts), self.n_classes))
        for i, t in enumerate(texts):
            out[i] = self.calibrate(self.decision(*self.tfidf(t)))
        return out

    def _features(self, idx: np.ndarray, vals: np.ndarray, top: int) -> dict[str, list[str]]:
        out = {}
        for k, lab in enumerate(self.labels):
            contrib = vals * self.coef[k, idx]
            order = np.argsort(-contrib)
            names = [str(self._names[idx[i]]) for i in order[: top * 3] if contrib[i] > 0]
            # prefer longer n-grams: single characters explain little
            names = [n for n in names if len(n) > 1][:top] or names[:top]
            out[lab] = names
        return out

"""The text model: character 1–3-grams, TF-IDF, a linear SVM calibrated to probabilities.

Character n-grams need no word segmentation, so a 10,000-character document is scored
in a few milliseconds without jieba.  Probabilities come from ``CalibratedClassifierCV``
(sigmoid); the averaged SVM weights explain a prediction by its strongest n-grams.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reviewer.classifier.artifact import FORMAT_VERSION
from reviewer.classifier.text import model_text

LABELS = ("proactive", "on_request", "not_public")


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
    """Fit on raw texts (labels stripped and normalised here) and return the bundle to save."""
    vec, clf = build(seed)
    X = vec.fit_transform([model_text(t) for t in texts])
    if hasattr(vec, "stop_words_"):
        vec.stop_words_ = None  # only needed for introspection, and large
    clf.fit(X, labels)
    coef = np.mean([c.estimator.coef_ for c in clf.calibrated_classifiers_], axis=0).astype(np.float32)
    return {"format_version": FORMAT_VERSION, "vectorizer": vec, "classifier": clf,
            "labels": list(clf.classes_), "coef": coef}


@dataclass
class Prediction:
    attribute: str
    probabilities: dict[str, float]
    features: dict[str, list[str]]   # label -> strongest n-grams for that label in this text


class DisclosureModel:
    def __init__(self, bundle: dict, metadata: dict):
        self.vec = bundle["vectorizer"]
        self.clf = bundle["classifier"]
        self.labels: list[str] = list(bundle["labels"])
        self.coef: np.ndarray = bundle["coef"]
        self.metadata = metadata
        self._names: np.ndarray | None = None

    @property
    def version(self) -> str:
        return f"disclosure-{self.metadata.get('model_version', '?')}+{self.metadata.get('model_sha256', '')[:12]}"

    def predict(self, text: str, top: int = 6) -> Prediction:
        X = self.vec.transform([model_text(text)])
        proba = self.clf.predict_proba(X)[0]
        probs = {str(lab): float(p) for lab, p in zip(self.clf.classes_, proba)}
        best = max(probs, key=probs.get)
        return Prediction(best, probs, self._features(X, top))

    def predict_many(self, texts: list[str]) -> np.ndarray:
        X = self.vec.transform([model_text(t) for t in texts])
        return self.clf.predict_proba(X)

    def _features(self, X, top: int) -> dict[str, list[str]]:
        if self._names is None:
            self._names = self.vec.get_feature_names_out()
        row = X.tocsr()
        idx, vals = row.indices, row.data
        out = {}
        for k, lab in enumerate(self.labels):
            contrib = vals * self.coef[k, idx]
            order = np.argsort(-contrib)
            names = [str(self._names[idx[i]]) for i in order[: top * 3] if contrib[i] > 0]
            # prefer longer n-grams: single characters explain little
            names = [n for n in names if len(n) > 1][:top] or names[:top]
            out[lab] = names
        return out

"""The exported arrays score exactly as the scikit-learn model they came from, and scoring
needs neither scikit-learn nor scipy."""

import random
import subprocess
import sys

import numpy as np
import pytest

from reviewer.classifier.model import DisclosureModel, build, export
from reviewer.classifier.text import model_text

from .helpers import NOTICE, REPLY_TO_COMPANY, REQUEST

sklearn = pytest.importorskip("sklearn")


def _corpus(n_per_class: int = 12) -> tuple[list[str], list[str]]:
    rnd = random.Random(5)
    texts, labels = [], []
    for base, label in ((NOTICE, "proactive"), (REQUEST, "not_public"), (REPLY_TO_COMPANY, "on_request")):
        lines = base.splitlines()
        for i in range(n_per_class):
            body = lines[:]
            rnd.shuffle(body)
            texts.append("\n".join(body[: max(3, len(body) - i % 4)]) + f"\n第{i}号 ABC abc  x\t y")
            labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def fitted():
    texts, labels = _corpus()
    vec, clf = build(seed=0)
    vec.set_params(min_df=1)
    X = vec.fit_transform([model_text(t) for t in texts])
    clf.fit(X, labels)
    return vec, clf, DisclosureModel(export(vec, clf), {})


PROBES = [NOTICE, REQUEST, REPLY_TO_COMPANY, NOTICE + REQUEST, "", "。", "a", "ab", "  x  Y \n\n z ",
          "ＡＢＣ全角 Abc", "请示" * 500, "通\x00知\x00", "𠀀𠀁通知\ud800"]


@pytest.mark.parametrize("text", PROBES)
def test_exported_arrays_give_sklearn_probabilities(fitted, text):
    vec, clf, model = fitted
    X = vec.transform([model_text(text)])
    ref = clf.predict_proba(X)[0]
    got = model.predict_many([text])[0]
    assert np.max(np.abs(got - ref)) <= 1e-12
    idx, data = model.tfidf(text)
    assert np.array_equal(idx, X.indices) and np.array_equal(data, X.data)   # the same float32 row
    assert model.predict(text).attribute == clf.classes_[int(np.argmax(ref))]


def test_export_refuses_settings_it_does_not_implement(fitted):
    vec, clf, _ = fitted
    vec2 = sklearn.base.clone(vec).set_params(sublinear_tf=False)
    vec2.fit([model_text(t) for t in _corpus(3)[0]])
    with pytest.raises(ValueError, match="implements"):
        export(vec2, clf)


def test_loading_and_scoring_import_neither_sklearn_nor_scipy():
    code = ("import sys; from reviewer.classifier import load_model; m = load_model(); m.predict('关于做好工作的通知');"
            "print(sorted(k for k in ('sklearn', 'scipy', 'joblib') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

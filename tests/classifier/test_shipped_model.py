"""The model shipped in models/disclosure/ loads, describes itself and makes sense."""

import json

from reviewer.classifier import artifact, load_model, suggest

from .helpers import NOTICE, REQUEST, doc


def test_shipped_artifact_describes_itself():
    d = artifact.default_model_dir()
    meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
    for key in ("format_version", "libraries", "labels", "training_data", "held_out", "created", "model_sha256"):
        assert key in meta
    assert "scikit-learn" in meta["libraries"]
    assert all(len(h) == 64 for h in meta["training_data"]["sources"].values())
    assert (d / artifact.MODEL_FILE).stat().st_size <= 50 * 1024 * 1024
    assert set(meta["arrays"]) == {"labels", "vocabulary", "idf", "weights", "intercepts", "sigmoid_a",
                                   "sigmoid_b", "coef"}


def test_shipped_model_calls_a_clear_notice_proactive():
    s = suggest(doc(NOTICE), [])
    assert s.attribute == "proactive"
    assert s.probabilities["proactive"] > 0.5
    assert s.model_version and s.model_version.startswith("disclosure-v1")
    [model_reason] = [r for r in s.reasons if r.text.startswith("文本模型：倾向于")]
    assert "（概率0." in model_reason.text
    assert not model_reason.features and "特征" not in model_reason.text   # never n-grams to a person
    assert "与规则" not in model_reason.text                                # no rule fired here


def test_shipped_model_calls_a_request_to_a_superior_not_public():
    m = load_model()
    pred = m.predict(REQUEST)
    assert pred.attribute == "not_public"
    s = suggest(doc(REQUEST), [])
    assert s.attribute == "not_public" and not s.needs_human


def test_the_label_line_does_not_change_the_prediction():
    m = load_model()
    plain = m.predict(NOTICE).probabilities
    labelled = m.predict(NOTICE + "（此件不予公开）\n").probabilities
    assert plain == labelled


def test_a_near_empty_document_still_gets_a_suggestion():
    s = suggest(doc("。\n"), [])
    assert s.attribute in ("proactive", "on_request", "not_public")
    assert 0.0 <= s.confidence <= 1.0

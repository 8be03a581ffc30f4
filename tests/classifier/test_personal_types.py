"""Every personal type a detector reports is known to the classifier: sensitive or not, by declaration."""

from reviewer import detectors
from reviewer.classifier.rules import SENSITIVE_PERSONAL


def _personal_metas():
    return [m for m in detectors.default_registry().describe() if m["category"] == "personal"]


def test_every_personal_type_is_declared_sensitive_or_not():
    types = {t for m in _personal_metas() for t in m["type"].split(",")}
    declared = {m["type"]: m["harm"] for m in _personal_metas() if "," not in m["type"] and m["harm"] is not None}
    undecided = sorted(types - set(declared))
    assert not undecided, f"personal types without a HARM declaration on their detector: {undecided}"


def test_classifier_set_follows_the_declarations():
    for m in _personal_metas():
        if "," in m["type"] or m["harm"] is None:
            continue
        assert (m["type"] in SENSITIVE_PERSONAL) is m["harm"], m["id"]
    assert "id_card" in SENSITIVE_PERSONAL and "person_name" not in SENSITIVE_PERSONAL


def test_a_new_personal_type_needs_no_edit_in_the_classifier(monkeypatch):
    import reviewer.detectors as d
    from reviewer.classifier.rules import _SensitivePersonal
    from reviewer.detectors.base import ReviewerRecognizer

    class SocialSecurityCard(ReviewerRecognizer):   # a type the classifier has never heard of
        ID = "personal.test_social_security.v1"
        TYPE = "social_security_card"
        HARM = True
        PATTERNS = (("ssc", r"SSC\d{9}", 0.9),)

    reg = d.default_registry()
    reg.add(SocialSecurityCard())
    monkeypatch.setattr(d, "default_registry", lambda: reg)
    assert "social_security_card" in _SensitivePersonal()

"""A scan uses presidio's core classes without importing spaCy or presidio's predefined
recognizers; whoever asks for more of presidio still gets all of it, offline."""

import subprocess
import sys

import pytest

HEAVY = ("spacy", "thinc", "scipy", "sklearn", "tldextract", "presidio_analyzer.predefined_recognizers",
         "presidio_analyzer.nlp_engine", "presidio_analyzer.recognizer_registry")


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_detecting_and_suggesting_imports_none_of_presidios_heavy_parts():
    code = ("import sys\n"
            "from reviewer.parsers import parse_bytes\n"
            "from reviewer.scan import detect, suggest\n"
            "doc = parse_bytes('联系人：张三，身份证号11010519491231002X\\n'.encode(), filename='a.txt')\n"
            "fs = detect(doc); suggest(doc, fs)\n"
            f"print(len(fs) > 0, sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert _run(code) == "True []"


@pytest.mark.parametrize("after", [
    "from presidio_analyzer import AnalyzerEngine; print(AnalyzerEngine.__name__)",
    "import presidio_analyzer.predefined_recognizers as p; print(p.EmailRecognizer.__name__)",
    "from presidio_analyzer.nlp_engine import NlpArtifacts; print(NlpArtifacts.__name__)",
])
def test_the_rest_of_presidio_still_imports_after_the_core(after):
    code = ("import reviewer.detectors, reviewer.detectors.offline as o, reviewer.detectors.presidio_core as c\n"
            "assert not c.is_fully_loaded()\n"
            f"{after}\n"
            "import tldextract\n"
            "print(c.is_fully_loaded(), o.is_patched())")
    lines = _run(code).splitlines()
    assert lines[-1] == "True True"


def test_core_classes_are_presidios_own():
    from presidio_analyzer.pattern_recognizer import PatternRecognizer

    from reviewer.detectors import presidio_core
    from reviewer.detectors.base import ReviewerRecognizer

    assert presidio_core.PatternRecognizer is PatternRecognizer
    assert issubclass(ReviewerRecognizer, PatternRecognizer)


def test_presidio_engine_over_the_same_recognizers_finds_the_same():
    from reviewer.detectors import build_engine

    eng = build_engine()
    res = eng.presidio_engine().analyze("身份证号11010519491231002X", language="zh")
    assert [r.entity_type for r in res] == ["id_card"]

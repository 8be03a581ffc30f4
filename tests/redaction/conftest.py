"""Helpers for the redaction tests: findings made from known strings, golden files,
independent extraction, and the kept-text measure."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reviewer.findings import Finding

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "redaction"
REGEN = os.environ.get("REVIEWER_REGEN_GOLDEN") == "1"

ID_A = "11010519491231002X"      # check digits valid (domain.md §5)
ID_B = "360426199101010071"
MOBILE = "13812345678"
CARD = "6228480402564890018"


def finding(doc, text: str, ftype: str, category: str = "personal", action: str = "redact",
            occurrence: int = 0, fid: str | None = None) -> Finding:
    """A Finding for the ``occurrence``-th appearance of ``text`` in ``doc.text``."""
    starts = [m.start() for m in re.finditer(re.escape(text), doc.text)]
    assert len(starts) > occurrence, f"{text!r} not in the document text"
    s = starts[occurrence]
    return Finding(category, ftype, text, s, s + len(text), 0.95, action, "《中华人民共和国政府信息公开条例》第十五条",
                   id=fid or f"T{ftype}{s}", location=doc.location_of(s, s + len(text)))


def all_findings(doc, text: str, ftype: str, **kw) -> list[Finding]:
    n = len(re.findall(re.escape(text), doc.text))
    return [finding(doc, text, ftype, occurrence=i, **kw) for i in range(n)]


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/redaction/<name>; REVIEWER_REGEN_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {path.name} missing; run with REVIEWER_REGEN_GOLDEN=1 and review the diff"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {path.name}"


def compact(s: str) -> str:
    return re.sub(r"[\s\-]+", "", s)


def kept_ratio(original: str, removed_spans: list[tuple[int, int]], output: str) -> float:
    """Share of the original's non-removed, non-space characters found again in order in ``output``."""
    sensitive = bytearray(len(original))
    for s, e in removed_spans:
        sensitive[s:e] = b"\1" * (e - s)
    idx = [i for i, ch in enumerate(original) if not ch.isspace()]
    a = "".join(original[i] for i in idx)
    b = "".join(ch for ch in output if not ch.isspace())
    total = sum(1 for i in idx if not sensitive[i])
    kept = 0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for blk in sm.get_matching_blocks():
        for k in range(blk.a, blk.a + blk.size):
            if not sensitive[idx[k]]:
                kept += 1
    return kept / total if total else 1.0


def pdftotext(data: bytes) -> str:
    exe = shutil.which("pdftotext")
    if not exe:
        pytest.skip("pdftotext (poppler-utils) is not installed; scripts/system-deps.sh installs it")
    return subprocess.run([exe, "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True, timeout=60).stdout.decode("utf-8")


def needle_forms(s: str) -> set[str]:
    c = compact(s)
    out = {c}
    digits = re.sub(r"\D", "", c)
    if len(digits) >= 6:
        out.add(digits)
    return out


def assert_absent(haystack: str, secrets: list[str], where: str = "") -> None:
    hay = compact(haystack)
    for s in secrets:
        for form in needle_forms(s):
            assert form not in hay, f"removed string {form[:3]}… still present {where}"

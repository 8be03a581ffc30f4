"""Shared rule machinery sits below its users: no detector category reaches into another."""

import re
from pathlib import Path

CATEGORIES = ("personal", "secrecy", "commercial", "credential", "process")
PKG = Path(__file__).resolve().parents[2] / "reviewer" / "detectors"


def test_no_category_imports_another_category():
    bad = []
    for cat in CATEGORIES:
        for path in (PKG / cat).glob("*.py"):
            src = path.read_text(encoding="utf-8")
            for other in CATEGORIES:
                if other != cat and re.search(rf"reviewer\.detectors\.{other}\b|from \.\.{other}\b", src):
                    bad.append(f"{cat}/{path.name} -> {other}")
    assert not bad, bad

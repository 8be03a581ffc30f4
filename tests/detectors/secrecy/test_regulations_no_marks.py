"""The 712 regulations mention 国家秘密/内部资料/工作秘密 constantly and carry no mark:
no secrecy finding may come out of them (skipped without ../shared/data)."""

import json

import pytest

from reviewer.detectors.secrecy import DETECTORS
from reviewer.parsers import parse_bytes


@pytest.mark.slow
def test_regulations_raise_no_secrecy_finding(shared_data):
    dets = [cls() for cls in DETECTORS]
    found = []
    with open(shared_data / "corpus" / "regulations.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            d = json.loads(line)
            doc = parse_bytes(d["text"].encode("utf-8"))
            found += [(d["id"], f.type, f.text) for det in dets for f in det.analyze(doc)]
    assert n >= 700
    assert found == []

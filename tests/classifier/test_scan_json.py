"""`reviewer scan --json` on a text file fills `suggestion` per the contract."""

import json
import subprocess
import sys

from .helpers import REQUEST


def test_scan_json_fills_the_suggestion(tmp_path):
    path = tmp_path / "request.txt"
    path.write_text(REQUEST + "（此件主动公开）\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reviewer", "scan", "--json", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout)
    if isinstance(result, list):
        result = result[0]
    s = result["suggestion"]
    assert s["attribute"] == "not_public" and s["label"] == "不予公开"
    assert 0.0 <= s["confidence"] <= 1.0
    assert s["reasons"]
    for r in s["reasons"]:
        assert set(r) >= {"text", "basis", "finding_ids"}
        assert r["basis"].startswith("《中华人民共和国政府信息公开条例》")
    assert s["declared_check"]["declared"] == "proactive"
    assert s["declared_check"]["severity"] in ("warning", "error")
    assert set(s["probabilities"]) == {"proactive", "on_request", "not_public"}

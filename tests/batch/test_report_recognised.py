"""Batch reports carry the scan contract's recognised (lawful) items apart from the findings."""

import csv

from reviewer.batch.report import risk_score, summarise, write_csv
from reviewer.parsers import parse_bytes
from reviewer.scan import scan_document


def _row(text: str) -> dict:
    return scan_document(parse_bytes(text.encode("utf-8"), filename="a.txt")).to_dict(path="a.txt")


def test_recognised_items_are_counted_apart_and_never_raise_the_risk(tmp_path):
    lawful = _row("请于6月30日前报送。联系人：李四，电话：0311-87654321。如有疑问请拨打12345政务服务便民热线。")
    assert lawful["recognised"] and not lawful["findings"]
    assert risk_score(lawful) == risk_score({**lawful, "recognised": []})   # lawful items add no risk
    summary = summarise([lawful])
    assert summary["recognised_by_rule"]["official_contact"] >= 1
    assert summary["recognised_by_rule"]["public_hotline"] == 1
    write_csv([lawful], tmp_path / "summary.csv")
    with open(tmp_path / "summary.csv", encoding="utf-8-sig") as fh:
        [line] = list(csv.DictReader(fh))
    assert int(line["recognised"]) == len(lawful["recognised"]) and line["findings"] == "0"

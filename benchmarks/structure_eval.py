"""How well reviewer.structure reads the declared 公开属性 and the 版头 on real documents.

Reads ../shared/data/corpus (REVIEWER_SHARED_DATA overrides the location) and prints:
* agreement of ``declared_attribute`` with ``disclosure_label`` on the labelled
  documents (label read by the data set's own regex from the 附注);
* declared attributes found on unlabelled documents (listed, for reading: the data
  set's regex is narrower than ours, so some are real declarations it missed);
* false declarations on the 712 administrative regulations (public by law, no 附注);
* 发文字号 and 标题 agreement on govcn (which carries them as metadata);
* secrecy lines found (there should be none in published documents);
* time per document and for a 1 MB text.

Writes the figures to benchmarks/results/structure.json.  Not a test: a measurement.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.structure import extract_structure  # noqa: E402

DATA = Path(os.environ.get("REVIEWER_SHARED_DATA", ROOT.parent / "shared" / "data")) / "corpus"
LABELS = {"主动公开": "proactive", "依申请公开": "on_request", "不予公开": "not_public"}


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def main() -> int:
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}; nothing to measure")
        return 0
    results: dict = {}
    labelled = agree = 0
    disagreements = []
    unlabelled_found: Counter = Counter()
    unlabelled_examples = []
    secrecy = []
    t0 = time.perf_counter()
    ndocs = 0
    for name in ("hebei_gov.jsonl", "govcn.jsonl", "shandong_gov_letters.jsonl"):
        for d in load(name):
            ndocs += 1
            s = extract_structure(d["text"])
            if s.secrecy_line:
                secrecy.append((d["id"], s.secrecy_line))
            gold = LABELS.get(d.get("disclosure_label") or "")
            if gold:
                labelled += 1
                if s.declared_attribute == gold:
                    agree += 1
                else:
                    disagreements.append((d["id"], gold, s.declared_attribute, d.get("label_evidence")))
            elif s.declared_attribute:
                unlabelled_found[s.declared_attribute] += 1
                unlabelled_examples.append((d["id"], s.declared_attribute_text))
    elapsed = time.perf_counter() - t0
    results["labelled_docs"] = labelled
    results["declared_agreement"] = round(agree / labelled, 4) if labelled else None
    results["unlabelled_with_declaration"] = dict(unlabelled_found)
    results["secrecy_lines_in_published_docs"] = len(secrecy)

    regs = load("regulations.jsonl")
    t1 = time.perf_counter()
    false_regs = []
    for d in regs:
        s = extract_structure(d["text"])
        if s.declared_attribute:
            false_regs.append((d["id"], s.declared_attribute_text))
        if s.secrecy_line:
            secrecy.append((d["id"], s.secrecy_line))
    elapsed += time.perf_counter() - t1
    ndocs += len(regs)
    results["regulations"] = len(regs)
    results["regulations_false_declared"] = len(false_regs)

    gov = load("govcn.jsonl")
    dn = sum(extract_structure(d["text"]).doc_number == d["doc_number"] for d in gov if d.get("doc_number"))
    ti = sum(extract_structure(d["text"]).title == d["title"] for d in gov)
    results["govcn_doc_number_agreement"] = round(dn / sum(1 for d in gov if d.get("doc_number")), 4)
    results["govcn_title_agreement"] = round(ti / len(gov), 4)

    # 成文日期 on Hebei: found how often, and plausible (0-120 days before the web page's date)?
    import datetime as dt
    import re

    with_pub = found = plausible = 0
    for d in load("hebei_gov.jsonl"):
        m = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", d.get("date") or "")
        if not m:
            continue
        with_pub += 1
        s = extract_structure(d["text"])
        if s.date:
            found += 1
            lag = (dt.date(*map(int, m.groups())) - dt.date.fromisoformat(s.date)).days
            plausible += -3 <= lag <= 120
    results["hebei_date_found"] = round(found / with_pub, 4)
    results["hebei_date_plausible_of_found"] = round(plausible / max(found, 1), 4)

    big = ("\n".join(d["text"] for d in regs))[:1_000_000]
    t2 = time.perf_counter()
    for _ in range(5):
        extract_structure(big)
    results["ms_per_1mb_text"] = round((time.perf_counter() - t2) / 5 * 1000, 2)
    results["ms_per_doc_mean"] = round(elapsed / ndocs * 1000, 3)

    print(f"declared attribute agreement on {labelled} labelled docs: {results['declared_agreement']:.4f}")
    for row in disagreements:
        print("   disagree:", row)
    print(f"declarations on unlabelled docs: {dict(unlabelled_found)}")
    for row in unlabelled_examples[:20]:
        print("   unlabelled:", row)
    print(f"false declared attribute on {len(regs)} regulations: {len(false_regs)}")
    for row in false_regs[:10]:
        print("   regulation:", row)
    print(f"secrecy lines found: {len(secrecy)} {secrecy[:5]}")
    print(f"govcn 发文字号 agreement {results['govcn_doc_number_agreement']:.3f}, "
          f"标题 agreement {results['govcn_title_agreement']:.3f}")
    print(f"Hebei 成文日期 found in {results['hebei_date_found']:.3f} of docs; "
          f"{results['hebei_date_plausible_of_found']:.3f} of those within 120 days before publication")
    print(f"{results['ms_per_doc_mean']} ms/doc mean; {results['ms_per_1mb_text']} ms for a 1 MB text")
    out = ROOT / "benchmarks" / "results" / "structure.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Reports people read: a CSV summary and an HTML report for the office head.

* ``summary.csv`` — one line per document (UTF-8 with BOM so that Excel opens it right).
* ``report.html`` — counts by category and by suggested attribute (inline SVG bars, no
  network), the riskiest documents first, files that could not be scanned, each
  document linked to a detail page under ``details/`` with every finding.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

CATEGORIES = ["personal", "secrecy", "commercial", "credential", "process"]
CATEGORY_ZH = {"personal": "个人信息", "secrecy": "保密标志", "commercial": "商业秘密",
               "credential": "账号/内网地址", "process": "过程性信息"}
ATTR_ZH = {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开", None: "—"}
ACTION_WEIGHT = {"block": 10, "redact": 3, "review": 1}
MAX_LISTED = 2000


def risk_score(row: dict) -> int:
    """Higher is riskier: blocks weigh most, then redactions, then review items."""
    score = sum(ACTION_WEIGHT.get(f.get("action"), 0) for f in row.get("findings", []))
    sug = row.get("suggestion") or {}
    if sug.get("attribute") == "not_public":
        score += 5
    if row.get("declared_attribute") == "proactive" and sug.get("attribute") in {"not_public", "on_request"}:
        score += 10
    return score


def _detail_name(row: dict) -> str:
    key = (row.get("batch") or {}).get("key") or row.get("path") or ""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] + ".html"


def summarise(rows: list[dict]) -> dict:
    by_cat: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    by_attr: Counter[str] = Counter()
    by_format: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    errors = 0
    recognised: Counter = Counter()
    for row in rows:
        if row.get("errors"):
            errors += 1
            continue
        by_format[row.get("format") or "?"] += 1
        cats = set()
        for f in row.get("findings", []):
            by_cat[f["category"]] += 1
            by_type[f["type"]] += 1
            cats.add(f["category"])
        for c in cats:
            docs_with[c] += 1
        attr = (row.get("suggestion") or {}).get("attribute")
        by_attr[attr or "none"] += 1
        for r in row.get("recognised", []):
            recognised[r.get("rule") or "?"] += 1
    return {"documents": len(rows), "errors": errors, "by_category": dict(by_cat),
            "recognised_by_rule": dict(recognised.most_common()),
            "documents_with": dict(docs_with), "by_type": dict(by_type.most_common()),
            "by_attribute": dict(by_attr), "by_format": dict(by_format)}


def _csv_row(row: dict) -> dict:
    counts = Counter(f["category"] for f in row.get("findings", []))
    actions = Counter(f["action"] for f in row.get("findings", []))
    sug = row.get("suggestion") or {}
    err = (row.get("errors") or [{}])[0]
    st = row.get("structure") or {}
    declared = row.get("declared_attribute")
    return {
        "path": (row.get("batch") or {}).get("key") or row.get("path"),
        "format": row.get("format") or "",
        "pages": row.get("pages") or "",
        "chars": row.get("chars") or 0,
        "title": st.get("title") or "",
        "doc_number": st.get("doc_number") or "",
        "findings": len(row.get("findings", [])),
        **{c: counts.get(c, 0) for c in CATEGORIES},
        "block": actions.get("block", 0),
        "redact": actions.get("redact", 0),
        "review": actions.get("review", 0),
        "recognised": len(row.get("recognised", [])),   # lawful items seen and judged publishable (contract 2)
        "suggested_attribute": sug.get("attribute") or "",
        "confidence": sug.get("confidence", ""),
        "declared_attribute": declared or "",
        "declared_disagrees": bool(declared and sug.get("attribute") and declared != sug.get("attribute")),
        "risk": risk_score(row),
        "error_code": err.get("code", ""),
        "error_message": err.get("message", ""),
        "sha256": row.get("sha256") or "",
    }


def write_csv(rows: list[dict], path: Path) -> None:
    tmp = path.with_suffix(".csv.part")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        out = None
        for row in rows:
            rec = _csv_row(row)
            if out is None:
                out = csv.DictWriter(fh, fieldnames=list(rec))
                out.writeheader()
            out.writerow(rec)
        if out is None:
            fh.write("path\n")
    tmp.replace(path)


def _env() -> Environment:
    env = Environment(loader=PackageLoader("reviewer.batch", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    from reviewer.catalogue import message as zh      # the error column in Chinese (code kept beside it)

    env.globals.update(CATEGORY_ZH=CATEGORY_ZH, ATTR_ZH=ATTR_ZH, CATEGORIES=CATEGORIES, zh=zh)
    return env


def _bars(counts: dict, labels: dict, order: list) -> list[dict]:
    top = max([counts.get(k, 0) for k in order] + [1])
    return [{"label": labels.get(k, k), "value": counts.get(k, 0), "width": round(300 * counts.get(k, 0) / top, 1)}
            for k in order]


def write_html(rows: list[dict], report_dir: Path, run: dict) -> None:
    env = _env()
    details = report_dir / "details"
    details.mkdir(exist_ok=True)
    summary = summarise(rows)
    ok = [r for r in rows if not r.get("errors")]
    failed = [r for r in rows if r.get("errors")]
    ranked = sorted(ok, key=lambda r: (-risk_score(r), (r.get("batch") or {}).get("key") or ""))
    listed = []
    detail_tpl = env.get_template("detail.html")
    for row in ranked[:MAX_LISTED]:
        entry = {"row": row, "csv": _csv_row(row), "risk": risk_score(row), "detail": None}
        if row.get("findings") or row.get("suggestion"):
            name = _detail_name(row)
            (details / name).write_text(detail_tpl.render(row=row, csv=entry["csv"]), encoding="utf-8")
            entry["detail"] = "details/" + name
        listed.append(entry)
    attr_order = ["not_public", "on_request", "proactive", "none"]
    unreadable = [(r, w) for r in ok for w in r.get("warnings", []) if w.get("code") == "ocr_unreadable"]
    html = env.get_template("report.html").render(
        summary=summary, run=run, listed=listed, failed=failed, more=max(0, len(ranked) - MAX_LISTED),
        unreadable=unreadable,
        cat_bars=_bars(summary["by_category"], CATEGORY_ZH, CATEGORIES),
        attr_bars=_bars(summary["by_attribute"], {**ATTR_ZH, "none": "未给出建议"}, attr_order),
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
    tmp = report_dir / "report.html.part"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(report_dir / "report.html")


def write_reports(rows: list[dict], report_dir: Path, run: dict) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    write_csv(rows, report_dir / "summary.csv")
    write_html(rows, report_dir, run)
    (report_dir / "summary.json").write_text(
        json.dumps({"run": run, "cancelled": bool(run.get("cancelled")), "not_scanned": run.get("not_scanned", 0),
                    **summarise(rows)}, ensure_ascii=False, indent=2), encoding="utf-8")

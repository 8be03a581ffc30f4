"""Build the held-out set from the annotated sources in src/*.src.

Source format (one or more documents per file):
  === NNN_slug                 starts a document
  @genre: / @agency: / @attr: proactive|on_request|not_public
  @partial: yes|no   @mismatch: yes|no   @human: yes|no   @reason: ...
  @header: text      @footer: text      @author: text   (page header/footer, DOCX author)
  @comment(Author): text   a comment on the preceding paragraph
  @pagebreak
  # title / ## heading     headings
  | a | b |               table rows (consecutive rows = one table)
  anything else            a paragraph
Inline markup:
  [[type:text]]            a gold finding (category from the type)
  {{rule.type:text}}       a recognised (lawful) item
  <ID 17digits> <IDs ..> (6-8-4 spaced) <IDf ..> (full-width) <IDx 14digits> (check
  digit forced to lower-case x by choosing the sequence number) <CARD digits> (Luhn
  digit appended) <CARDs digits> (grouped by 4)
This script writes docs/NNN_slug.txt, files/NNN_slug.txt and labels.json.
"""
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent

CATEGORY = {}
for cat, types in {
    "personal": "person_name id_card id_card_legacy mobile landline email bank_card passport "
                "travel_permit vehicle_plate wechat_qq address health minor criminal_record income",
    "secrecy": "secrecy_mark warning_label distribution_limit",
    "commercial": "bid_price cost_profit technical_secret customer_list financial_data trade_secret_label",
    "credential": "password account connection_string api_key intranet_ip admin_url account_attachment",
    "process": "internal_affairs draft_marker consultation_letter meeting_minutes request_report internal_remark",
}.items():
    for t in types.split():
        CATEGORY[t] = cat
SPAN_TYPES = set(t for t, c in CATEGORY.items() if c in ("process", "commercial")) | {
    "health", "minor", "income", "address", "criminal_record"}
RULES = {"official_contact", "public_hotline", "agency_address", "official_acting",
         "published_by_rule", "masked"}

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHK = "10X98765432"


def id_check(d17):
    return CHK[sum(int(a) * b for a, b in zip(d17, W)) % 11]


def valid_id(s):
    s = s.upper()
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))  # raises if bad
    return id_check(s[:17]) == s[17]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]


FW = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def expand(m):
    kind, arg = m.group(1), m.group(2)
    if kind.startswith("ID"):
        if kind == "IDx":
            assert len(arg) == 14, arg
            for seq in range(1, 1000):
                d17 = arg + "%03d" % seq
                if id_check(d17) == "X":
                    break
            full = d17 + "x"
        else:
            assert len(arg) == 17, arg
            full = arg + id_check(arg)
        assert valid_id(full), full
        if kind == "IDs":
            return full[:6] + " " + full[6:14] + " " + full[14:]
        if kind == "IDf":
            return full.translate(FW)
        return full
    if kind.startswith("CARD"):
        full = arg + luhn_digit(arg)
        assert luhn_ok(full)
        if kind == "CARDs":
            return " ".join(full[i:i + 4] for i in range(0, len(full), 4))
        return full
    raise ValueError(kind)


EXP = re.compile(r"<(IDx|IDs|IDf|ID|CARDs|CARD) (\d+)>")
MARK = re.compile(r"\[\[(\w+):(.*?)\]\]|\{\{(\w+)\.(\w+):(.*?)\}\}")


def strip_marks(line):
    """Return clean text and a list of (kind, type_or_rule, type, text, start)."""
    line = EXP.sub(expand, line)
    out, marks, pos = [], [], 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1):
            t, txt = m.group(1), m.group(2)
            if t not in CATEGORY:
                raise ValueError("unknown type %s in %r" % (t, line))
            marks.append(("finding", CATEGORY[t], t, txt, start))
        else:
            rule, t, txt = m.group(3), m.group(4), m.group(5)
            if rule not in RULES:
                raise ValueError("unknown rule %s in %r" % (rule, line))
            marks.append(("recognised", rule, t, txt, start))
        out.append(txt)
        pos = m.end()
    out.append(line[pos:])
    clean = "".join(out)
    if "[[" in clean or "{{" in clean or "]]" in clean or "}}" in clean:
        raise ValueError("unbalanced markup: %r" % line)
    return clean, marks


def parse_sources():
    docs = []
    cur = None
    for path in sorted((HERE / "src").glob("*.src")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("=== "):
                cur = {"slug": raw[4:].strip(), "meta": {}, "blocks": [], "header": None,
                       "footer": None, "author": None}
                docs.append(cur)
                continue
            if cur is None or not raw.strip():
                continue
            m = re.match(r"@(\w+)(?:\(([^)]*)\))?:\s?(.*)$", raw)
            if raw.strip() == "@pagebreak":
                cur["blocks"].append({"kind": "pagebreak"})
            elif m and m.group(1) in ("header", "footer", "author"):
                cur[m.group(1)] = m.group(3)
            elif m and m.group(1) == "comment":
                cur["blocks"].append({"kind": "comment", "author": m.group(2) or "审核人",
                                      "raw": m.group(3)})
            elif m and m.group(1) in ("genre", "agency", "attr", "partial", "mismatch",
                                      "human", "reason"):
                cur["meta"][m.group(1)] = m.group(3).strip()
            elif raw.startswith("|"):
                cells = [c.strip() for c in raw.strip().strip("|").split("|")]
                if cur["blocks"] and cur["blocks"][-1]["kind"] == "table":
                    cur["blocks"][-1]["rows"].append(cells)
                else:
                    cur["blocks"].append({"kind": "table", "rows": [cells]})
            elif raw.startswith("## "):
                cur["blocks"].append({"kind": "h2", "raw": raw[3:]})
            elif raw.startswith("# "):
                cur["blocks"].append({"kind": "h1", "raw": raw[2:]})
            else:
                cur["blocks"].append({"kind": "p", "raw": raw.strip()})
    return docs


def comment_line(author, text):
    return "【批注（%s）：%s】" % (author, text)


def assemble(doc):
    """Produce the TXT text, clean strings for rendering, and marks with offsets."""
    lines, marks = [], []
    offset = [0]

    def add(raw, part, fmt=None):
        clean, ms = strip_marks(raw)
        shown = fmt(clean) if fmt else clean
        shift = shown.index(clean) if fmt else 0
        for k in ms:
            marks.append(k + (offset[0] + shift + k[4], part))
        lines.append(shown)
        offset[0] += len(shown) + 1
        return clean

    if doc["header"]:
        doc["header_clean"] = add(doc["header"], "header")
    for b in doc["blocks"]:
        if b["kind"] in ("h1", "h2", "p"):
            b["text"] = add(b["raw"], "body")
        elif b["kind"] == "comment":
            author = b["author"]
            b["text"] = add(b["raw"], "comment", lambda c, a=author: comment_line(a, c))
        elif b["kind"] == "table":
            b["cells"] = []
            for row in b["rows"]:
                cleaned, ms_all, cur = [], [], 0
                for cell in row:
                    c, ms = strip_marks(cell)
                    for k in ms:
                        ms_all.append(k[:4] + (cur + k[4],))
                    cleaned.append(c)
                    cur += len(c) + 1
                line = "\t".join(cleaned)
                for k in ms_all:
                    marks.append(k + (offset[0] + k[4], "table"))
                lines.append(line)
                offset[0] += len(line) + 1
                b["cells"].append(cleaned)
    if doc["footer"]:
        doc["footer_clean"] = add(doc["footer"], "footer")
    if doc["author"]:
        doc["author_clean"] = add(doc["author"], "properties", lambda c: "【文档属性】作者：" + c)
    text = "\n".join(lines) + "\n"
    for k in marks:
        assert text[k[5]:k[5] + len(k[3])] == k[3], (doc["slug"], k)
    return text, marks


def occurrences(text, sub):
    res, i = [], text.find(sub)
    while i >= 0:
        res.append(i)
        i = text.find(sub, i + 1)
    return res


def make_context(text, start, length):
    for k in range(2, 200):
        a, b = max(0, start - k), min(len(text), start + length + k)
        ctx = text[a:b]
        if len(occurrences(text, ctx)) == 1:
            return ctx
    raise ValueError("no unique context")


def labels_for(doc, text, marks):
    """One label per (kind, rule/category, type, text).  Unmarked occurrences of the same
    text belong to the label unless they lie inside a recognised item's span or a span
    with identical text but another key; then every occurrence of the label gets its own
    unique context."""
    findings, recognised = [], []
    groups = {}
    spans = []
    for kind, cat_or_rule, t, txt, _unused, pos, part in marks:
        key = (kind, cat_or_rule, t, txt)
        groups.setdefault(key, []).append((pos, part))
        spans.append((key, pos, pos + len(txt)))
    for key, occ in groups.items():
        kind, cr, t, txt = key
        marked = {p for p, _ in occ}

        def claimed(p):
            for k2, a, b in spans:
                if k2 == key or b <= p or a >= p + len(txt):
                    continue
                if k2[0] == "recognised" or k2[3] == txt or k2[2] not in SPAN_TYPES:
                    return True
            return False

        for p in occurrences(text, txt):
            if txt[0].isdigit() and p > 0 and text[p - 1].isdigit() or \
                    txt[-1].isdigit() and p + len(txt) < len(text) and text[p + len(txt)].isdigit():
                print("WARN %s: %r inside a longer number at %d" % (doc["slug"], txt, p))
        free = [p for p in occurrences(text, txt) if p in marked or not claimed(p)]
        conflict = len(free) < len(occurrences(text, txt))
        parts = {pt for _, pt in occ}
        base = ({"category": cr, "type": t, "text": txt} if kind == "finding"
                else {"type": t, "text": txt, "rule": cr})
        if not conflict:
            item = dict(base)
            if len(parts) == 1:
                item["part"] = parts.pop()
            items = [item]
        else:
            items, seen = [], set()
            partof = dict(occ)
            for p in free:
                ctx = make_context(text, p, len(txt))
                if ctx in seen:
                    continue
                seen.add(ctx)
                item = dict(base, context=ctx)
                if p in partof:
                    item["part"] = partof[p]
                items.append(item)
        for it in items:
            if kind == "recognised":
                it.pop("part", None)
            (findings if kind == "finding" else recognised).append(it)
    return findings, recognised


def yes(v):
    return str(v).strip().lower() in ("yes", "true", "1", "是")


def build():
    docs = parse_sources()
    slugs = [d["slug"] for d in docs]
    assert len(slugs) == len(set(slugs)), "duplicate slug"
    out = {}
    for d in docs:
        text, marks = assemble(d)
        f, r = labels_for(d, text, marks)
        meta = d["meta"]
        for key in ("genre", "agency", "attr", "reason"):
            assert meta.get(key), (d["slug"], key)
        assert meta["attr"] in ("proactive", "on_request", "not_public"), d["slug"]
        (HERE / "docs" / (d["slug"] + ".txt")).write_text(text, encoding="utf-8")
        (HERE / "files" / (d["slug"] + ".txt")).write_text(text, encoding="utf-8")
        out[d["slug"]] = {
            "genre": meta["genre"], "agency": meta["agency"], "attribute": meta["attr"],
            "partial_disclosure": yes(meta.get("partial", "no")),
            "annotation_mismatch": yes(meta.get("mismatch", "no")),
            "needs_human_expected": yes(meta.get("human", "no")),
            "attribute_reason": meta["reason"],
            "chars": len(text),
            "findings": f, "recognised": r,
        }
    return docs, out


def counts(files):
    by_type, by_cat, by_attr, rec_rule, rec_type = {}, {}, {}, {}, {}
    for v in files.values():
        by_attr[v["attribute"]] = by_attr.get(v["attribute"], 0) + 1
        for f in v["findings"]:
            by_type[f["type"]] = by_type.get(f["type"], 0) + 1
            by_cat[f["category"]] = by_cat.get(f["category"], 0) + 1
        for r in v["recognised"]:
            rec_rule[r["rule"]] = rec_rule.get(r["rule"], 0) + 1
            rec_type[r["type"]] = rec_type.get(r["type"], 0) + 1
    return {
        "documents": len(files),
        "findings": sum(by_cat.values()),
        "recognised": sum(rec_rule.values()),
        "findings_by_category": dict(sorted(by_cat.items())),
        "findings_by_type": dict(sorted(by_type.items())),
        "recognised_by_rule": dict(sorted(rec_rule.items())),
        "recognised_by_type": dict(sorted(rec_type.items())),
        "attributes": dict(sorted(by_attr.items())),
        "partial_disclosure": sum(v["partial_disclosure"] for v in files.values()),
        "annotation_mismatch": sum(v["annotation_mismatch"] for v in files.values()),
        "needs_human_expected": sum(v["needs_human_expected"] for v in files.values()),
    }


def main():
    docs, files = build()
    meta = {
        "description": "Frozen blind held-out evaluation set for reviewer: synthetic Chinese "
                       "government document drafts with gold findings, recognised lawful items "
                       "and gold disclosure attributes. All personal data is invented.",
        "author": "blind helper",
        "date": "2026-12-04",
        "scoring_note": "A label's text counts at every occurrence in the document's text; when "
                        "context is given, only occurrences inside that context count.",
        "counts": counts(files),
    }
    (HERE / "labels.json").write_text(
        json.dumps({"meta": meta, "files": files}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    print(json.dumps(meta["counts"], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    sys.exit(main())

"""Independent checks of the held-out set (run after build.py / render.py).

1. every label text and context is an exact substring of docs/NNN.txt, context contains text;
2. labelled 18-digit ID numbers pass GB 11643 MOD 11-2 with a valid birth date, 15-digit
   legacy IDs have a valid YYMMDD date, labelled bank cards pass Luhn;
3. files/NNN.txt equals docs/NNN.txt;
4. with --render: the DOCX (body, tables, header/footer, comments, author) and the PDF
   (pdftotext) contain every label text, comparing with whitespace removed.
Exit status 1 on any failure.
"""
import datetime
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def id_ok(s):
    s = unicodedata.normalize("NFKC", s).replace(" ", "").upper()
    if len(s) == 15 and s.isdigit():
        try:
            datetime.date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
            return True
        except ValueError:
            return False
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    try:
        datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return "10X98765432"[sum(int(a) * b for a, b in zip(s[:17], W)) % 11] == s[17]


def luhn(s):
    d = [int(c) for c in s if c.isdigit()]
    tot = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            x -= 9 if x > 9 else 0
        tot += x
    return tot % 10 == 0


def docx_text(path):
    from docx import Document
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            parts.extend(c.text for c in r.cells)
    for s in d.sections:
        parts.extend(p.text for p in s.header.paragraphs)
        parts.extend(p.text for p in s.footer.paragraphs)
    try:
        parts.extend(c.text for c in d.comments)
    except AttributeError:
        pass
    parts.append(d.core_properties.author or "")
    return "\n".join(parts)


def main():
    render = "--render" in sys.argv
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    errors = 0
    ids = cards = 0
    for slug, v in labels["files"].items():
        text = (HERE / "docs" / (slug + ".txt")).read_text(encoding="utf-8")
        if (HERE / "files" / (slug + ".txt")).read_text(encoding="utf-8") != text:
            print("FAIL files/%s.txt differs from docs" % slug)
            errors += 1
        items = v["findings"] + v["recognised"]
        for it in items:
            if it["text"] not in text:
                print("FAIL %s: text %r not in document" % (slug, it["text"]))
                errors += 1
            if "context" in it and (it["context"] not in text or it["text"] not in it["context"]):
                print("FAIL %s: bad context %r" % (slug, it["context"]))
                errors += 1
        for it in v["findings"]:
            if it["type"] in ("id_card", "id_card_legacy") and re.search(r"\d{6}", it["text"]):
                ids += 1
                if not id_ok(it["text"]):
                    print("FAIL %s: invalid ID %r" % (slug, it["text"]))
                    errors += 1
            if it["type"] == "bank_card":
                cards += 1
                if not luhn(it["text"]):
                    print("FAIL %s: bank card fails Luhn %r" % (slug, it["text"]))
                    errors += 1
        if render:
            dt = norm(docx_text(HERE / "files" / (slug + ".docx")))
            pdf = subprocess.run(["pdftotext", str(HERE / "files" / (slug + ".pdf")), "-"],
                                 capture_output=True, text=True).stdout
            info = subprocess.run(["pdfinfo", str(HERE / "files" / (slug + ".pdf"))],
                                  capture_output=True, text=True).stdout
            pt = norm(pdf + "\n" + info)
            for it in items:
                t = norm(it["text"])
                if t not in dt:
                    print("FAIL %s: DOCX lacks %r" % (slug, it["text"]))
                    errors += 1
                if t not in pt:
                    print("WARN %s: PDF text lacks %r (line-wrap or extraction)" % (slug, it["text"]))
    print("checked %d documents, %d ID numbers, %d bank cards, errors=%d"
          % (len(labels["files"]), ids, cards, errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

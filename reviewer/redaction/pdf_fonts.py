"""What a PDF font's codes mean: bytes → codes → Unicode and glyph widths.

Supported: simple fonts (Type1, TrueType, MMType1 — reportlab's TrueType subsets among
them) with a ToUnicode CMap, or a standard encoding (WinAnsi, MacRoman, Standard,
with Differences in Adobe glyph names); Type0 fonts with Identity-H (two-byte CIDs)
and a ToUnicode CMap.  Anything else (Type3, other CMaps, vertical writing, no way
to know the characters) is *unusable*: the page is rasterised instead.
"""

from __future__ import annotations

import re

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[|\]")

# A few Adobe glyph names beyond single letters and uniXXXX (enough for Differences
# arrays written by common producers for Latin text and digits).
_AGL = {"space": " ", "exclam": "!", "quotedbl": '"', "numbersign": "#", "dollar": "$", "percent": "%",
        "ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘", "parenleft": "(",
        "parenright": ")", "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "period": ".",
        "slash": "/", "colon": ":", "semicolon": ";", "less": "<", "equal": "=", "greater": ">",
        "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\", "bracketright": "]",
        "underscore": "_", "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
        "seven": "7", "eight": "8", "nine": "9", "endash": "–", "emdash": "—", "bullet": "•"}
_STD14 = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
          "Times-Bold", "Times-Italic", "Times-BoldItalic", "Courier", "Courier-Bold", "Courier-Oblique",
          "Courier-BoldOblique"}


def _utf16(hexbytes: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hexbytes).decode())
    if len(raw) % 2:
        raw = b"\0" + raw
    return raw.decode("utf-16-be", "replace")


def _code(hexbytes: bytes) -> int:
    h = re.sub(rb"\s", b"", hexbytes)
    return int(h, 16) if h else 0


def parse_tounicode(data: bytes) -> dict[int, str]:
    """bfchar and bfrange sections of a ToUnicode CMap."""
    out: dict[int, str] = {}
    for sect in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        vals = _HEX.findall(sect)
        for src, dst in zip(vals[0::2], vals[1::2]):
            out[_code(src)] = _utf16(dst)
    for sect in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        toks = _TOKEN.findall(sect)
        i = 0
        while i + 2 < len(toks):
            lo, hi = _code(toks[i][1:-1]), _code(toks[i + 1][1:-1])
            if toks[i + 2] == b"[":
                j = i + 3
                k = lo
                while j < len(toks) and toks[j] != b"]":
                    out[k] = _utf16(toks[j][1:-1])
                    k += 1
                    j += 1
                i = j + 1
                continue
            dst = bytes.fromhex(re.sub(rb"\s", b"", toks[i + 2][1:-1]).decode())
            if hi - lo > 65535:
                raise ValueError("bfrange too large")
            base = int.from_bytes(dst, "big")
            for n, c in enumerate(range(lo, hi + 1)):
                val = (base + n).to_bytes(len(dst), "big")
                out[c] = val.decode("utf-16-be", "replace")
            i += 3
    return out


def _glyph_name(name: str) -> str | None:
    if name in _AGL:
        return _AGL[name]
    if len(name) == 1 and name.isalpha():
        return name
    m = re.fullmatch(r"uni([0-9A-Fa-f]{4})", name)
    if m:
        return chr(int(m.group(1), 16))
    return None


class FontInfo:
    """Decoding and metrics for one font resource."""

    def __init__(self, font: pikepdf.Dictionary):
        self.usable = True
        self.reason = ""
        self.two_byte = False
        self.widths: dict[int, float] = {}
        self.default_width = 0.0
        self.to_unicode: dict[int, str] = {}
        self.family = "identity"       # how bytes are cut into codes for a Type0 font
        self.cmap = None               # a predefined CMap (pdfminer) giving CIDs
        self.codec: str | None = None  # for Unicode from a DBCS encoding without ToUnicode
        self._cids: dict[bytes, int] = {}
        subtype = str(font.get("/Subtype", ""))
        base = str(font.get("/BaseFont", "")).lstrip("/")
        try:
            if "/ToUnicode" in font and isinstance(font.ToUnicode, pikepdf.Stream):
                self.to_unicode = parse_tounicode(font.ToUnicode.read_bytes())
        except Exception:
            self.to_unicode = {}
        if subtype == "/Type3":
            self._unusable("Type3 字体")
        elif subtype == "/Type0":
            self._type0(font)
        else:
            self._simple(font, base)

    def _unusable(self, why: str) -> None:
        self.usable = False
        self.reason = why

    def _type0(self, font) -> None:
        self.two_byte = True
        enc = font.get("/Encoding")
        name = str(enc)[1:] if isinstance(enc, pikepdf.Name) else ""
        if name != "Identity-H":
            if not self._predefined(name):
                self._unusable(f"不支持的复合字体编码 {name or '(嵌入的 CMap)'}")
                return
        elif not self.to_unicode:
            self._unusable("复合字体缺少 ToUnicode 映射")
            return
        desc = font.DescendantFonts[0]
        self.default_width = float(desc.get("/DW", 1000))
        w = desc.get("/W")
        if w is not None:
            items = list(w)
            i = 0
            while i < len(items):
                first = int(items[i])
                nxt = items[i + 1]
                if isinstance(nxt, pikepdf.Array):
                    for k, v in enumerate(nxt):
                        self.widths[first + k] = float(v)
                    i += 2
                else:
                    last, v = int(nxt), float(items[i + 2])
                    for c in range(first, last + 1):
                        self.widths[c] = v
                    i += 3

    def _predefined(self, name: str) -> bool:
        """A predefined CJK CMap (UniGB-UCS2-H, GBK-EUC-H, ETen-B5-H …), horizontal only.

        Codes are cut by the encoding's own rules (UTF-16 units, or a lead byte
        0x81–0xFE then one more byte); CIDs, which key the widths, come from the CMap
        data pdfminer.six ships; Unicode from ToUnicode or else from the encoding.
        """
        if not name.endswith("-H"):
            return False
        if "UCS2" in name or "UTF16" in name:
            self.family, codec = "utf16", None
        elif name.startswith(("GBK-EUC", "GBKp-EUC", "GB-EUC", "GBK2K")):
            self.family, codec = "dbcs", "gb18030"
        elif name.startswith(("ETen-B5", "B5pc", "HKscs-B5")):
            self.family, codec = "dbcs", "big5hkscs"
        else:
            return False
        try:
            from pdfminer.cmapdb import CMapDB

            self.cmap = CMapDB.get_cmap(name)
        except Exception:
            return False
        self.codec = codec
        return True

    def _cid(self, code: int, raw: bytes) -> int:
        if self.cmap is None:
            return code
        cid = self._cids.get(raw)
        if cid is None:
            got = list(self.cmap.decode(raw))
            cid = got[0] if len(got) == 1 else -1
            self._cids[raw] = cid
        return cid

    def _simple(self, font, base: str) -> None:
        first = int(font.get("/FirstChar", 0))
        if "/Widths" in font:
            for k, v in enumerate(font.Widths):
                self.widths[first + k] = float(v)
            fd = font.get("/FontDescriptor")
            if fd is not None:
                self.default_width = float(fd.get("/MissingWidth", 0))
        elif base in _STD14 or base in ("Symbol", "ZapfDingbats"):
            from reportlab.pdfbase import pdfmetrics

            try:
                rl = pdfmetrics.getFont(base)
                for code in range(256):
                    self.widths[code] = float(rl.widths[code])
            except Exception:
                self._unusable("缺少字宽信息")
                return
        else:
            self._unusable("缺少字宽信息")
            return
        if self.to_unicode:
            return
        enc = font.get("/Encoding")
        table: dict[int, str] = {}
        base_enc, diffs = enc, None
        if isinstance(enc, pikepdf.Dictionary):
            base_enc, diffs = enc.get("/BaseEncoding"), enc.get("/Differences")
        name = str(base_enc) if base_enc is not None else ""
        codec = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}.get(name)
        if codec is None and (name == "/StandardEncoding" or (not name and base in _STD14)):
            codec = "ascii"
        if codec is None and not diffs:
            self._unusable("无 ToUnicode 映射且编码未知")
            return
        if codec:
            for code in range(32, 256):
                try:
                    table[code] = bytes([code]).decode(codec)
                except UnicodeDecodeError:
                    pass
        if diffs is not None:
            code = 0
            for item in diffs:
                if isinstance(item, pikepdf.Name):
                    ch = _glyph_name(str(item)[1:])
                    if ch is None:
                        table.pop(code, None)
                    else:
                        table[code] = ch
                    code += 1
                else:
                    code = int(item)
        self.to_unicode = table

    def codes(self, data: bytes) -> list[tuple[int, bytes]]:
        if not self.two_byte:
            return [(b, bytes([b])) for b in data]
        out: list[tuple[int, bytes]] = []
        i, n = 0, len(data)
        while i < n:
            if self.family == "dbcs":
                step = 2 if 0x81 <= data[i] <= 0xFE and i + 1 < n else 1
            elif self.family == "utf16" and 0xD8 <= data[i] <= 0xDB and i + 3 < n:
                step = 4                  # a surrogate pair is one character
            else:
                step = 2
            raw = data[i:i + step]
            if len(raw) < step or (step == 2 and len(raw) == 1):
                break
            out.append((int.from_bytes(raw, "big"), raw))
            i += step
        return out

    def width(self, code: int, raw: bytes | None = None) -> float:
        if raw is not None and self.cmap is not None:
            cid = self._cid(code, raw)
            return self.widths.get(cid, self.default_width) / 1000.0
        return self.widths.get(code, self.default_width) / 1000.0

    def unicode(self, code: int, raw: bytes | None = None) -> str | None:
        u = self.to_unicode.get(code)
        if u is not None or raw is None or self.cmap is None:
            return u
        try:
            if self.family == "utf16":
                return raw.decode("utf-16-be")
            return raw.decode(self.codec or "gb18030")
        except (UnicodeDecodeError, LookupError):
            return None


def font_table(resources) -> dict[str, FontInfo]:
    out: dict[str, FontInfo] = {}
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return out
    for name, f in fonts.items():
        try:
            out[name] = FontInfo(f)
        except Exception as exc:  # a malformed font: treat as unusable
            fi = FontInfo.__new__(FontInfo)
            fi.usable, fi.reason, fi.two_byte = False, f"字体无法解析（{type(exc).__name__}）", False
            fi.widths, fi.default_width, fi.to_unicode = {}, 0.0, {}
            fi.family, fi.cmap, fi.codec, fi._cids = "identity", None, None, {}
            out[name] = fi
    return out

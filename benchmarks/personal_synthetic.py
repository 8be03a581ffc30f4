"""Recall and precision of the personal-data detectors on synthetic labelled text.

Planted values (checksum-valid IDs, Luhn-valid cards, phones, names, addresses…) are
written into sentence templates of the kind government documents use, with and without
context words; masked values and the usual false alarms (文号, 索引号, dates, amounts,
postcodes, 12345, ICP 备案号, article numbers) are planted as negatives.  Templates were
written by the same engineer as the detectors, so recall here is an upper bound.

    .venv/bin/python benchmarks/personal_synthetic.py [--n 3000] [--seed 7]

Prints a table and writes benchmarks/results/personal_synthetic.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.detectors import get_engine  # noqa: E402
from reviewer.detectors.validators import PROVINCE_CODES, id_check_char, uscc_check_char  # noqa: E402
from reviewer.document import Document, Metadata, TextBuilder  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉玉兰志红海峰春梅晓东立新国庆宏亮"


def luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        s = prefix + d
        total = 0
        for i, ch in enumerate(reversed(s)):
            n = int(ch)
            if i % 2:
                n = n * 2 - 9 if n > 4 else n * 2
            total += n
        if total % 10 == 0:
            return s
    raise AssertionError


def gen(r: random.Random):
    prov = r.choice(sorted(c for c in PROVINCE_CODES if int(c) < 70))
    y, m, d = r.randint(1940, 2004), r.randint(1, 12), r.randint(1, 28)
    body17 = f"{prov}{r.randint(1, 99):02d}{r.randint(1, 99):02d}{y}{m:02d}{d:02d}{r.randint(0, 999):03d}"
    name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))
    mobile = "1" + r.choice("3456789") + "".join(r.choice("0123456789") for _ in range(9))
    return {
        "id_card": [body17 + id_check_char(body17)],
        "id_card_legacy": [f"{prov}{r.randint(1, 99):02d}{r.randint(1, 99):02d}{y % 100:02d}{m:02d}{d:02d}{r.randint(0, 999):03d}"],
        "mobile": [mobile, f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}"],
        "landline": [f"0{r.choice(['10', '21', '311', '531', '755'])}-{r.randint(2, 9)}{r.randint(0, 9999999):07d}",
                     f"（0{r.choice(['10', '311'])}）{r.randint(2, 9)}{r.randint(0, 9999999):07d}"],
        "email": [f"{r.choice(['zhang', 'li.wei', 'wang_fang', 'hbrs'])}{r.randint(1, 999)}@{r.choice(['163.com', 'qq.com', 'example.org'])}"],
        "bank_card": [luhn_complete("62" + "".join(r.choice("0123456789") for _ in range(r.choice((13, 14, 16)))))],
        "passport": [f"E{r.randint(10000000, 99999999)}"],
        "vehicle_plate": [f"{r.choice('京冀鲁粤苏浙')}{r.choice('ABCDEFGH')}{r.randint(10000, 99999)}"],
        "person_name": [name],
        "address": [f"{r.choice(['石家庄市长安区', '保定市竞秀区', '济南市历下区'])}{r.choice(['幸福', '和平', '建设'])}小区"
                    f"{r.randint(1, 30)}号楼{r.randint(1, 6)}单元{r.randint(1, 30)}0{r.randint(1, 4)}室"],
    }, name


TEMPLATES = {
    "id_card": ["申请人{name}，身份证号{v}，", "公民身份号码：{v}", "{name}（{v}）", "{v}"],
    "id_card_legacy": ["身份证号码：{v}", "{name}，身份证{v}"],
    "mobile": ["联系电话：{v}", "{name}{v}", "手机{v}。", "{v}"],
    "landline": ["户主{name}，住宅电话：{v}", "电话{v}"],
    "email": ["邮箱：{v}", "{name}的电子邮件{v}"],
    "bank_card": ["卡号{v}后", "开户行：农业银行，账号{v}", "{v}"],
    "passport": ["护照号码{v}", "{v}"],
    "vehicle_plate": ["车牌号{v}", "驾驶{v}小型汽车"],
    "person_name": ["申请人{v}，男，汉族", "姓名：{v}", "当事人：{v}（", "户主 {v}，"],
    "address": ["{name}，家住{v}。", "住址：{v}"],
}
NEGATIVES = [
    "510203********1234", "138****5678", "当事人张某", "户主：王××", "姓名：李*", "卡号：622848******4890018",
    "资府办函〔2017〕71号", "索引号：000014349/2024-00123", "索引号：11370000MB28403XXX/2024-01234",
    "2024年6月4日", "20240604", "12,345.67元", "1234567890元", "邮政编码：100000", "请拨打12345热线",
    "京ICP备05070218号", "网站标识码：1100000088", "第十五条", "第2条", "申请人应当提交材料",
    "各行业主管部门", "处理不满十四周岁未成年人个人信息的", "加强艾滋病防治", "曾被判处有期徒刑以上刑罚的，不得担任",
]
FILLER = ["为进一步做好相关工作，现将有关事项通知如下。", "各市人力资源社会保障局：", "请认真贯彻落实。",
          "根据《政府信息公开条例》第十五条规定，", "经研究，同意上述申请。"]


def make_doc(lines):
    tb = TextBuilder()
    for i, line in enumerate(lines):
        if i:
            tb.sep("\n")
        tb.add(line, "body", {"line": i + 1})
    text = tb.text()
    return Document(text=text, blocks=tb.blocks, metadata=Metadata("txt", "0" * 64, len(text)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    r = random.Random(args.seed)
    lines, gold = [], []  # gold: (line_no, start, end, type)
    for i in range(args.n):
        values, name = gen(r)
        t = r.choice(sorted(TEMPLATES))
        v = r.choice(values[t])
        tpl = r.choice(TEMPLATES[t])
        pre = r.choice(FILLER)
        line = pre + tpl.format(v=v, name=name)
        start = len(pre) + tpl.format(v="\0", name=name).index("\0")
        gold.append((len(lines), start, start + len(v), t))
        if "{name}" in tpl:  # the name written in the template is personal data too
            ns = len(pre) + tpl.format(v=v, name="\1").index("\1")
            gold.append((len(lines), ns, ns + len(name), "person_name"))
        lines.append(line)
        if i % 3 == 0:
            lines.append(r.choice(FILLER) + r.choice(NEGATIVES) + r.choice(FILLER))
    doc = make_doc(lines)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    gold_set = {(offsets[ln] + s, offsets[ln] + e, t) for ln, s, e, t in gold}
    engine = get_engine()
    t0 = time.process_time()
    found = [f for f in engine.analyze(doc) if f.category == "personal"]
    cpu = time.process_time() - t0
    tp, fp, fn = Counter(), Counter(), Counter()
    fp_examples = defaultdict(list)
    got = set()
    for f in found:
        key = (f.start, f.end, "id_card" if f.type == "id_card" else f.type)
        got.add(key)
        if key in gold_set:
            tp[f.type] += 1
        elif f.type == "person_name" and any(g[0] == f.start and g[1] == f.end for g in gold_set):
            tp[f.type] += 1
        else:
            fp[f.type] += 1
            fp_examples[f.type].append(f.text)
    fn_examples = defaultdict(list)
    for g in gold_set:
        if g not in got:
            fn[g[2]] += 1
            fn_examples[g[2]].append(doc.text[max(0, g[0] - 8):g[1] + 4])
    rows = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        rc = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        rows[t] = {"tp": tp[t], "fp": fp[t], "fn": fn[t], "precision": round(p, 4), "recall": round(rc, 4)}
        print(f"{t:16s} P={p:.3f} R={rc:.3f}  tp={tp[t]} fp={fp[t]} fn={fn[t]}  fp e.g. {fp_examples[t][:3]} fn e.g. {fn_examples[t][:3]}")
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = {"precision": round(T / (T + F), 4) if T + F else 0, "recall": round(T / (T + N), 4) if T + N else 0}
    print(f"micro: P={micro['precision']} R={micro['recall']}  ({len(doc.text):,} chars, {len(doc.text) / cpu:,.0f} chars/s CPU)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "personal_synthetic.json").write_text(json.dumps(
        {"n": args.n, "seed": args.seed, "per_type": rows, "micro": micro,
         "chars_per_s_cpu": round(len(doc.text) / cpu)}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

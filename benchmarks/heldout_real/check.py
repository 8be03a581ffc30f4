#!/usr/bin/env python3
"""Verify benchmarks/heldout_real/labels.json against the corpus it was drawn from.

Checks: the drawn ids are exactly the first N ids of the seeded shuffle; every doc in
`docs` is a drawn id (and vice versa); every label's `text` (and `context`, if given) is an
exact substring of that document's text within `labelled_chars`; `text` lies inside
`context`; categories/rules are from the allowed sets; counts in meta match.
Usage: python3 benchmarks/heldout_real/check.py [path/to/hebei_gov.jsonl]
"""
import json, os, random, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'corpus', 'hebei_gov.jsonl')
CATS = {'personal', 'secrecy', 'commercial', 'credential', 'process'}
RULES = {'official_contact', 'public_hotline', 'agency_address', 'official_acting', 'published_by_rule', 'masked'}

def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    if not os.path.exists(src):
        print('SKIP: corpus not found at', src); return 0
    lines = open(src, encoding='utf-8').read().splitlines()
    docs = [json.loads(l) for l in lines]
    lab = json.load(open(os.path.join(HERE, 'labels.json'), encoding='utf-8'))
    meta = lab['meta']; errs = []
    idx = list(range(len(lines))); random.Random(meta['seed']).shuffle(idx)
    drawn = meta['drawn_ids']
    exp = [docs[i]['id'] for i in idx[:len(drawn)]]
    if drawn != exp: errs.append('drawn_ids are not the seeded shuffle order')
    if set(drawn) != set(lab['docs']): errs.append('docs keys differ from drawn_ids')
    byid = {d['id']: d for d in docs}
    nf = nr = 0
    for did, d in lab['docs'].items():
        full = byid[did]['text']; lc = d.get('labelled_chars')
        if len(full) > 12000 and lc != 12000: errs.append(f'{did}: long doc without labelled_chars=12000')
        t = full[:lc] if lc else full
        if d['title'] != byid[did]['title']: errs.append(f'{did}: title mismatch')
        for kind in ('findings', 'recognised'):
            for it in d[kind]:
                tx = it['text']; cx = it.get('context')
                if kind == 'findings':
                    nf += 1
                    if it.get('category') not in CATS: errs.append(f'{did}: bad category {it}')
                else:
                    nr += 1
                    if it.get('rule') not in RULES: errs.append(f'{did}: bad rule {it}')
                if not it.get('type'): errs.append(f'{did}: missing type {it}')
                if tx not in t: errs.append(f'{did}: text not found: {tx!r}')
                if cx is not None:
                    if cx not in t: errs.append(f'{did}: context not found: {cx!r}')
                    if tx not in cx: errs.append(f'{did}: text not inside context: {tx!r}')
        keys = [(k, it['text'], it.get('context')) for k in ('findings', 'recognised') for it in d[k]]
        dup = [k for k, c in collections.Counter(keys).items() if c > 1]
        if dup: errs.append(f'{did}: duplicate labels {dup}')
    c = meta['counts']
    if c['findings'] != nf or c['recognised'] != nr or c['total_items'] != nf + nr: errs.append('meta counts mismatch')
    if c['documents_drawn'] != len(drawn): errs.append('documents_drawn mismatch')
    for e in errs: print('ERROR', e)
    print(f'{len(drawn)} docs, {nf} findings, {nr} recognised, {nf+nr} items: ' + ('FAIL' if errs else 'OK'))
    return 1 if errs else 0

if __name__ == '__main__':
    sys.exit(main())

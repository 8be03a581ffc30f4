"""Exact-span precision, recall and F1 per entity type on a labelled set.

Each set is scored in its own annotation scheme: MSRA and People's Daily know no ADDR, so a
predicted ADDR counts as LOC there; CLUENER's ``address`` covers plain place names too, so a
predicted LOC counts as ADDR there ("address") unless it is exactly a gold CLUENER ``scene``
span (trained as LOC: a correct scene is not a wrong address).  The mappings are applied to the
predictions only, never to the gold spans.
"""

from __future__ import annotations

from collections import Counter

# how predictions are renamed before scoring on a set, by the set's name prefix
PREDICTION_MAP = {
    "msra": {"ADDR": "LOC"},
    "pd": {"ADDR": "LOC"},
    "weibo": {"ADDR": "LOC"},
    "cluener": {"LOC": "ADDR"},
}


def _prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


def evaluate(model, sentences, set_name: str) -> dict:
    pmap = PREDICTION_MAP.get(set_name.split("/")[0], {})
    tp, pred, gold = Counter(), Counter(), Counter()
    for s in sentences:
        g = {(a, b, t) for a, b, t in s.spans}
        p = {(e.start, e.end, e.label if (e.start, e.end, e.label) in g else pmap.get(e.label, e.label))
             for e in model.entities(s.text)}
        for x in g:
            gold[x[2]] += 1
        for x in p:
            pred[x[2]] += 1
            if x in g:
                tp[x[2]] += 1
    types = sorted(set(gold) | set(pred))
    per_type = {t: _prf(tp[t], pred[t], gold[t]) for t in types}
    overall = _prf(sum(tp.values()), sum(pred.values()), sum(gold.values()))
    return {"n_sentences": len(sentences), "per_type": per_type, "overall": overall}

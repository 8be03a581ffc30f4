"""Dump ``reviewer scan --json`` for every sample and dev-set file, timing fields removed,
so that a change meant to alter no behaviour can be checked byte for byte.

    .venv/bin/python benchmarks/scan_dump.py before.json              # this tree's code
    .venv/bin/python benchmarks/scan_dump.py after.json --tree /tmp/copy
    cmp before.json after.json

The files are those of this checkout (samples/ without its scripts and notes, and
benchmarks/devset/files), scanned by the code of ``--tree`` in one process, run from
``--tree`` with paths relative to it (so two trees give comparable ``path`` fields).  To
test one change in isolation while others edit the same working tree, copy the tree
before the change and lay only the changed files over a second copy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMING_KEYS = ("seconds", "elapsed", "elapsed_ms", "timing")


def files(tree: Path) -> list[str]:
    out = [p for p in (tree / "samples").rglob("*")
           if p.is_file() and p.suffix not in (".py", ".md") and p.name != "expected.json"]
    out += [p for p in (tree / "benchmarks" / "devset" / "files").iterdir() if p.is_file()]
    return sorted(str(p.relative_to(tree)) for p in out)


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in TIMING_KEYS}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--tree", type=Path, default=ROOT, help="whose code scans (default this checkout)")
    args = ap.parse_args(argv)
    tree = args.tree.resolve()
    names = files(tree)
    res = subprocess.run([sys.executable, "-m", "reviewer", "scan", "--json", *names], cwd=tree,
                         env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True)
    if res.returncode not in (0, 3):
        print(res.stderr, file=sys.stderr)
        return res.returncode
    data = strip(json.loads(res.stdout))
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(names)} files scanned by {tree} (exit {res.returncode}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

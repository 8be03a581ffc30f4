"""The ``reviewer`` command.

Exit codes (docs/cli.md): 0 scanned (whatever was found), 2 usage error, 3 at least
one file could not be parsed (its error is in the output too).  No traceback ever
reaches the user; ``REVIEWER_DEBUG=1`` shows one for developers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARSE = 3
EXIT_FAILED = 4

# Sub-commands register here: name -> (help, add_arguments(parser), run(args) -> int)
_COMMANDS: dict[str, tuple[str, Callable, Callable]] = {}


def register_command(name: str, help: str, add: Callable, run: Callable) -> None:
    """Add a sub-command: ``add(parser)`` declares its arguments, ``run(args)`` returns the exit code."""
    _COMMANDS[name] = (help, add, run)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with a one-line message
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


# --------------------------------------------------------------------------- scan
def _add_scan(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="TXT, DOCX or PDF files to scan")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object (an array for several files)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line")


_CATEGORY_ZH = {"personal": "个人信息", "secrecy": "保密标志", "commercial": "商业秘密",
                "credential": "账号/内网", "process": "过程性信息"}
_ACTION_ZH = {"redact": "建议删除", "review": "请人工复核", "block": "不得公开"}


def _summary(result: dict) -> str:
    lines = [f"== {result['path']}"]
    if result["errors"]:
        for e in result["errors"]:
            lines.append(f"   ERROR [{e['code']}] {e['message']}")
        return "\n".join(lines)
    pages = f", {result['pages']} pages" if result.get("pages") else ""
    enc = f", {result['encoding']}" if result.get("encoding") else ""
    lines.append(f"   {result['format'].upper()}{enc}{pages}, {result['chars']:,} characters, sha256 {result['sha256'][:12]}…")
    st = result.get("structure") or {}
    for key, label in (("doc_number", "发文字号"), ("title", "标题"), ("secrecy_line", "密级"),
                       ("date", "成文日期")):
        if st.get(key):
            lines.append(f"   {label}: {st[key]}")
    declared = result.get("declared_attribute")
    lines.append(f"   附注公开属性: {declared or '未标注'}")
    sug = result.get("suggestion")
    if sug:
        lines.append(f"   建议公开属性: {sug['label']} (置信度 {sug['confidence']:.2f})")
        for r in sug.get("reasons", [])[:5]:
            lines.append(f"     - {r['text']} 〔{r['basis']}〕")
    findings = result.get("findings", [])
    lines.append(f"   发现 {len(findings)} 处问题" if findings else "   未发现问题")
    for f in findings[:50]:
        where = f.get("location", {})
        pos = where.get("page") or where.get("line") or where.get("part", "")
        lines.append(f"   [{_CATEGORY_ZH.get(f['category'], f['category'])}/{f['type']}] {f['text']!s:.40}"
                     f"  @{pos}  {_ACTION_ZH.get(f['action'], f['action'])}  〔{f['basis']}〕")
    if len(findings) > 50:
        lines.append(f"   … {len(findings) - 50} more (use --json for all)")
    for w in result.get("warnings", []):
        lines.append(f"   warning [{w['code']}] {w['message']}")
    return "\n".join(lines)


def _run_scan(args) -> int:
    from reviewer.scan import scan_path
    from reviewer.settings import Limits

    try:
        limits = Limits.from_env()
    except ValueError as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    results = []
    failed = False
    for path in args.paths:
        res = scan_path(path, limits=limits)
        failed = failed or bool(res["errors"])
        if args.jsonl:
            sys.stdout.write(json.dumps(res, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif args.json:
            results.append(res)
        else:
            print(_summary(res), flush=True)
    if args.json:
        out = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return EXIT_PARSE if failed else EXIT_OK


register_command("scan", "scan files and report what must not be published", _add_scan, _run_scan)


def _add_formats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON array")


def _run_formats(args: argparse.Namespace) -> int:
    from reviewer import formats

    rows = formats.describe()
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for r in rows:
            print(f"{r['name']:6} {' '.join(r['extensions']):40} {r['label']}（{r['notes']}）")
    return EXIT_OK


register_command("formats", "list the formats read (from the format registry)", _add_formats, _run_formats)


def _load_plugins() -> None:
    """Sub-commands that live with their feature register themselves on import: the core's
    own, then every module named by an entry point of the group ``reviewer.commands``
    (the service declares its ``serve`` and ``admin`` there, in pyproject.toml; the core
    never names it)."""
    import importlib
    from importlib.metadata import entry_points

    for mod in ("reviewer.redaction.cli", "reviewer.batch.cli", "reviewer.review.cli"):
        importlib.import_module(mod)
    for ep in entry_points(group="reviewer.commands"):
        try:
            ep.load()
        except ModuleNotFoundError as exc:
            if exc.name and ep.value.startswith(exc.name):
                continue  # that package is not installed
            raise


def build_parser() -> argparse.ArgumentParser:
    _load_plugins()
    from reviewer import __version__

    parser = _Parser(prog="reviewer", description="Pre-publication review of government documents (政府信息公开 · 保密审查).")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (help_, add, _run) in _COMMANDS.items():
        add(sub.add_parser(name, help=help_, description=help_))
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    except Exception:
        pass
    parser = build_parser()
    args = parser.parse_args(argv)
    _help, _add, run = _COMMANDS[args.command]
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        from reviewer.errors import ReviewerError

        if isinstance(exc, ReviewerError):
            print(f"reviewer: [{exc.code}] {exc.message}", file=sys.stderr)
            return EXIT_USAGE if exc.code == "usage_error" else EXIT_FAILED
        print(f"reviewer: internal error ({type(exc).__name__}); set REVIEWER_DEBUG=1 for details", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    # Run through the imported module, so that sub-commands registered by plugins
    # (which import ``reviewer.cli``) land in the same registry.
    from reviewer.cli import main as _main

    raise SystemExit(_main())

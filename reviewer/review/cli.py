"""``reviewer verify`` (sign-offs) and ``reviewer audit verify|checkpoint`` (the keyed hash chain).

Exit codes: 0 valid, 5 invalid (each problem printed with its code), 2 usage (e.g. the server
secret needed for the keyed chain is not available).

Both read the service's database (REVIEWER_DATABASE_URL / REVIEWER_DATA_DIR, or
``--database-url``).  The database access lives in the service package (``api``), which
registers its tools here (``provide_tools``) and they load only when these commands run:
the core itself never imports an ORM nor names the service.
"""

from __future__ import annotations

import argparse
import json
import sys

from reviewer.cli import EXIT_OK, register_command

EXIT_INVALID = 5

# The service registers the tools that read its database (api/cli.py calls provide_tools on
# import); the core never names the service package.
_PROVIDER = None


def provide_tools(provider) -> None:
    """``provider()`` returns the object with ``open_runtime``, ``verify_signatures``, … ."""
    global _PROVIDER
    _PROVIDER = provider


def _tools():
    if _PROVIDER is None:
        from reviewer.errors import UsageError

        raise UsageError("These commands need the review service package, which is not installed.",
                         code="service_not_installed")
    return _PROVIDER()


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database-url", help="SQLAlchemy URL (default: REVIEWER_DATABASE_URL or the SQLite file "
                                          "in REVIEWER_DATA_DIR)")
    p.add_argument("--data-dir", help="service data directory (default: REVIEWER_DATA_DIR or ./var)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def _runtime(args):
    tools = _tools()
    return tools.open_runtime(args.database_url, args.data_dir)


def _add_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("document", nargs="?", type=int, help="document (case) id; default: every signed document")
    _add_common(p)


def _run_verify(args) -> int:
    tools = _tools()
    reports = tools.verify_signatures(_runtime(args), args.document)
    ok = all(r["valid"] for r in reports)
    if args.json:
        print(json.dumps({"valid": ok, "documents": reports}, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            verdict = "OK（签名有效）" if r["valid"] else "INVALID（签名或状态不符）"
            print(f"document {r['case_id']}: {verdict} ({r['count']} signature(s), state {r.get('state', '?')})")
            for problem in r.get("problems", []):
                print(f"  - {problem}")
            for s in r["signatures"]:
                mark = "ok " if s["valid"] else "BAD"
                print(f"  [{mark}] tier {s['tier']} {s['decision']} by {s['user']} at {s['signed_at']}"
                      f" output {str(s['output_sha256'])[:12]}…")
                for problem in s["problems"]:
                    print(f"        - {problem}")
        if not reports:
            print("no signed documents")
    return EXIT_OK if ok else EXIT_INVALID


def _add_audit(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    sub.required = True
    v = sub.add_parser("verify", help="recompute the keyed audit chain; check it against the checkpoint "
                                      "and the signed statements")
    _add_common(v)
    v.add_argument("--checkpoint", help="checkpoint file to check against (default: audit-checkpoint.json "
                                        "in the data directory; give a copy kept elsewhere)")
    c = sub.add_parser("checkpoint", help="verify the chain, then sign its head and length into the checkpoint file")
    _add_common(c)
    c.add_argument("--checkpoint", help="file to write (default: audit-checkpoint.json in the data directory)")


def _print_problems(problems: list[dict]) -> None:
    for p in problems:
        where = f"event seq {p['seq']} (id {p['id']}, {p['action']})" if p.get("id") is not None else (
            f"seq {p['seq']}" if p.get("seq") is not None else "chain")
        print(f"  {where}: {p.get('message') or p['problem']} [{p.get('code', '?')}]", file=sys.stderr)


def _run_audit(args) -> int:
    tools = _tools()
    if args.audit_command == "checkpoint":
        out = tools.write_checkpoint(_runtime(args), args.checkpoint)
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=2))
        elif out["written"]:
            print(f"检查点已写入 {out['checkpoint']}：第 {out['seq']} 个事件，链头 {out['head'][:16]}…"
                  f"（检查点密钥 {out['checkpoint_key']}）")
        elif out["ok"]:
            print(f"检查点未写：{out['checkpoint']} 已记录第 {out['seq']} 个或更晚的事件")
        else:
            print(f"审计链核验未通过，不写检查点 (audit chain BROKEN, no checkpoint written):", file=sys.stderr)
            _print_problems(out["problems"])
        return EXIT_OK if out["ok"] else EXIT_INVALID
    report = tools.verify_audit(_runtime(args), args.checkpoint)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report["ok"]:
        keyed = f"，自第 {report['keyed_from']} 个事件起加密钥" if report.get("keyed_from") else ""
        print(f"audit chain OK（审计链完好）：{report['events']} 个事件，链头 {report['head'][:16]}…{keyed}，"
              f"核对了 {report.get('anchors_checked', 0)} 个表外锚点（检查点、签署声明）")
    else:
        print(f"audit chain BROKEN（审计链被篡改）：{len(report['problems'])} 个问题，表中 {report['events']} 个事件",
              file=sys.stderr)
        _print_problems(report["problems"])
    for w in report.get("warnings", []):
        print(f"  注意：{w}", file=sys.stderr)
    return EXIT_OK if report["ok"] else EXIT_INVALID


register_command("verify", "verify the sign-off signatures of reviewed documents", _add_verify, _run_verify)
register_command("audit", "audit trail tools (verify, checkpoint)", _add_audit, _run_audit)

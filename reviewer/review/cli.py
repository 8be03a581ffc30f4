"""``reviewer verify`` (sign-offs) and ``reviewer audit verify`` (the hash chain).

Both read the service's database (REVIEWER_DATABASE_URL / REVIEWER_DATA_DIR, or
``--database-url``).  The database access lives in the service package (``api``), which
is loaded only when these commands run: the core itself never imports an ORM.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys

from reviewer.cli import EXIT_OK, register_command

EXIT_INVALID = 5


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database-url", help="SQLAlchemy URL (default: REVIEWER_DATABASE_URL or the SQLite file "
                                          "in REVIEWER_DATA_DIR)")
    p.add_argument("--data-dir", help="service data directory (default: REVIEWER_DATA_DIR or ./var)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def _runtime(args):
    tools = importlib.import_module("api.cli_tools")
    return tools.open_runtime(args.database_url, args.data_dir)


def _add_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("document", nargs="?", type=int, help="document (case) id; default: every signed document")
    _add_common(p)


def _run_verify(args) -> int:
    tools = importlib.import_module("api.cli_tools")
    reports = tools.verify_signatures(_runtime(args), args.document)
    ok = all(r["valid"] for r in reports)
    if args.json:
        print(json.dumps({"valid": ok, "documents": reports}, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            print(f"document {r['case_id']}: {'OK' if r['valid'] else 'INVALID'} ({r['count']} signature(s))")
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
    _add_common(sub.add_parser("verify", help="recompute the audit hash chain and report tampering"))


def _run_audit(args) -> int:
    tools = importlib.import_module("api.cli_tools")
    report = tools.verify_audit(_runtime(args))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report["ok"]:
        print(f"audit chain OK: {report['events']} events, head {report['head'][:16]}…")
    else:
        print(f"audit chain BROKEN ({len(report['problems'])} problem(s) in {report['events']} events):",
              file=sys.stderr)
        for p in report["problems"]:
            print(f"  event seq {p['seq']} (id {p['id']}, {p['action']}): {p['problem']}", file=sys.stderr)
    return EXIT_OK if report["ok"] else EXIT_INVALID


register_command("verify", "verify the sign-off signatures of reviewed documents", _add_verify, _run_verify)
register_command("audit", "audit trail tools (verify)", _add_audit, _run_audit)

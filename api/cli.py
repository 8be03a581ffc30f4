"""``reviewer serve`` and ``reviewer admin create-user`` (registered on import by reviewer.cli)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from reviewer.cli import EXIT_OK, EXIT_USAGE, register_command
from reviewer.review import cli as _review_cli
from reviewer.review.workflow import ROLES


def _cli_tools():
    import importlib

    return importlib.import_module("api.cli_tools")   # loads the ORM only when a command runs


_review_cli.provide_tools(_cli_tools)   # `reviewer verify` / `reviewer audit` read the database through these


def _add_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--demo", action="store_true", help="create demo accounts at start and print them")
    p.add_argument("--workers-off", action="store_true", help="do not start the background scan worker")


def _run_serve(args) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"reviewer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.demo:
        settings = settings.with_(demo=True)
    if args.workers_off:
        settings = settings.with_(worker=False)
    where = "PostgreSQL" if settings.database_url and "postgres" in settings.database_url else "SQLite"
    print(f"reviewer: serving on http://{args.host}:{args.port} ({where}, data in {settings.data_dir})", flush=True)
    app = create_app(settings, print_demo=lambda line: print(line, flush=True))
    uvicorn.run(app, host=args.host, port=args.port, log_level=os.environ.get("REVIEWER_LOG_LEVEL", "warning"),
                proxy_headers=False, timeout_keep_alive=75)   # longer than clients keep idle connections
    return EXIT_OK


def _add_admin(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="admin_command", metavar="ACTION")
    sub.required = True
    cu = sub.add_parser("create-user", help="create a local user account")
    cu.add_argument("username")
    cu.add_argument("--name", dest="display_name", help="display name (default: the username)")
    cu.add_argument("--role", dest="roles", action="append", choices=ROLES, required=True,
                    help="a role; repeat for several")
    cu.add_argument("--department", help="department name (created if missing); required for drafter and dept_head")
    cu.add_argument("--organisation", default=None, help="organisation name (default 本单位)")
    cu.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _run_admin(args) -> int:
    from api.accounts import create_user
    from api.errors import ApiError
    from api.runtime import Runtime
    from api.settings import Settings

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            print("reviewer: the passwords differ", file=sys.stderr)
            return EXIT_USAGE
    if len(password) < 8:
        print("reviewer: the password needs at least 8 characters", file=sys.stderr)
        return EXIT_USAGE
    rt = Runtime.start(Settings.from_env())
    try:
        with rt.sessions() as db:
            user = create_user(rt, db, args.username, args.display_name or args.username, password,
                               args.roles, args.department, organisation_name=args.organisation)
            print(f"created user {user.username} (id {user.id}) roles {','.join(sorted(args.roles))}")
    except ApiError as exc:
        print(f"reviewer: [{exc.code}] {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        rt.close()
    return EXIT_OK


register_command("serve", "run the review service (HTTP API)", _add_serve, _run_serve)
register_command("admin", "administer the review service (create-user)", _add_admin, _run_admin)

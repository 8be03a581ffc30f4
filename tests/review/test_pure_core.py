"""The core is pure (house style §1, §14): nothing in reviewer/ imports a web framework or an
ORM, or names the service package — not by ``import``, not through ``importlib`` or
``__import__``, not as a module path in a string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "reviewer"
FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "alembic", "api", "uvicorn", "psycopg")
_MODULE_PATH = re.compile(rf"^({'|'.join(FORBIDDEN)})(\.[A-Za-z_]\w*)*(:\w+)?$")


def _string_imports(node) -> list[str]:
    """Module names handed to importlib.import_module / __import__ / an 'a.b:c' target."""
    out = []
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
            and isinstance(node.args[0].value, str):
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        if name in ("import_module", "__import__", "find_spec"):
            out.append(node.args[0].value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_PATH.match(node.value) \
            and "." in node.value + ":" and node.value.split(".")[0].split(":")[0] in FORBIDDEN:
        out.append(node.value)
    return out


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_pure_core_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        names += _string_imports(node)
        for name in names:
            assert name.split(".")[0].split(":")[0] not in FORBIDDEN, f"{path.relative_to(CORE)} names {name}"

"""The CLI reaches the HTTP layer only to serve it: never to find a tenant or mint a token."""

from __future__ import annotations

import ast
from pathlib import Path

import vital.cli

SERVING_MODULES = {"serve.py"}  # `vital serve`, and `vital up`, which serves through it


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_cli_imports_the_http_layer_only_to_serve_it():
    folder = Path(vital.cli.__file__).parent
    offenders = {path.name: sorted(n for n in _imports(path) if n == "vital.api" or n.startswith("vital.api."))
                 for path in sorted(folder.glob("*.py")) if path.name not in SERVING_MODULES}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_imports_inside_functions():
    assert "vital.api.app" in _imports(Path(vital.cli.__file__).parent / "serve.py")

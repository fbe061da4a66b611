"""Imports sit at the top of the module; one inside a function says why in a comment.

Reasons that hold: in `AppConfig.ready()` or an AppConfig hook (models load after apps.py),
a real import circle, a heavy library only some paths need (openpyxl, pyarrow, PySAL), and in
bench/ scripts the app modules imported after `django.setup()`. The comment goes on the import's
line or the line above it; one comment above a run of consecutive imports covers the run.
Tests, test kits and migrations are not checked.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_PARTS = {"tests", "testing", "migrations", "node_modules"}
# Tool directives are not reasons.
# Files another change is editing right now; each is taken off once its imports say why (the
# last test below fails as soon as a file here has nothing left to explain).
PENDING: set[str] = set()
DIRECTIVE = re.compile(r"^#\s*(noqa\b.*|type:\s*ignore.*|fmt:\s*\w+|pragma\b.*)$", re.IGNORECASE)


def _reasons(source: str) -> set[int]:
    """Line numbers that carry a comment other than a tool directive."""
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        # "# noqa: F401  # why" still gives a reason; a lone directive does not.
        parts = [p.strip() for p in token.string.split("#") if p.strip()]
        if any(not DIRECTIVE.match(f"# {p}") for p in parts):
            lines.add(token.start[0])
    return lines


def unexplained_imports(source: str) -> list[int]:
    """Line numbers of imports inside a function with no comment saying why."""
    reasons = _reasons(source)
    found = []

    def explained(run: list[ast.stmt]) -> bool:
        first = run[0]
        if first.lineno - 1 in reasons:
            return True
        return any(
            line in reasons for node in run for line in range(node.lineno, node.end_lineno + 1)
        )

    def visit(node: ast.AST, in_function: bool) -> None:
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            run: list[ast.stmt] = []
            for statement in [*block, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    run.append(statement)
                    continue
                if run and in_function:
                    # Each import of the run is covered by the comment above the run's first.
                    for i, imp in enumerate(run):
                        if not explained(run[: i + 1]):
                            found.append(imp.lineno)
                run = []
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            visit(child, nested)

    visit(ast.parse(source), False)
    return sorted(set(found))


def _checked_files() -> list[Path]:
    files = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if any(p.startswith(".") for p in parts) or SKIPPED_PARTS & set(parts):
            continue
        files.append(path)
    return files


def test_function_level_imports_say_why():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _checked_files()
        if path.relative_to(ROOT).as_posix() not in PENDING
        for line in unexplained_imports(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "Move these imports to the module top, or say on the line (or the one above) why they "
        "must stay inside the function:\n" + "\n".join(offenders)
    )


def test_the_scan_covers_apps_kit_and_bench():
    checked = {path.relative_to(ROOT).parts[0] for path in _checked_files()}
    assert {"accounts", "monitoring", "offers", "bildungsnetz", "bench"} <= checked
    assert not any("tests" in path.parts for path in _checked_files())


def test_it_flags_an_import_without_a_reason():
    source = "def f():\n    import json\n    return json\n"
    assert unexplained_imports(source) == [2]


def test_a_directive_alone_is_no_reason():
    source = "def f():\n    import json  # noqa: F401\n"
    assert unexplained_imports(source) == [2]


def test_a_comment_on_the_line_or_above_a_run_is_a_reason():
    source = (
        "def f():\n"
        "    import os  # heavy: only here\n"
        "    # after django.setup(): these import models\n"
        "    import json\n"
        "\n"
        "    import re\n"
        "    x = 1\n"
        "    import sys\n"
        "    return json, os, re, sys, x\n"
    )
    assert unexplained_imports(source) == [8]


def test_imports_at_module_or_class_level_are_not_checked():
    source = "import json\n\n\nclass A:\n    import os\n"
    assert unexplained_imports(source) == []


def test_imports_nested_in_blocks_of_a_function_are_checked():
    source = (
        "def f(x):\n"
        "    if x:\n"
        "        try:\n"
        "            import json\n"
        "        except ImportError:\n"
        "            pass\n"
    )
    assert unexplained_imports(source) == [4]


def test_pending_files_still_need_their_exemption():
    for name in PENDING:
        assert unexplained_imports((ROOT / name).read_text(encoding="utf-8")), (
            f"{name} explains its imports now: take it off PENDING"
        )

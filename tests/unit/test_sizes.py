"""Modules and classes a newcomer can read: none over 500 lines, no class over 300, unless its
docstring says why in a line starting with ``Size:``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dienchau_desktop"
MODULE_LINES = 500
CLASS_LINES = 300


def _has_reason(doc: str | None) -> bool:
    return any(line.strip().startswith("Size: ") for line in (doc or "").splitlines())


def test_no_module_or_class_too_long_without_a_reason() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text("utf-8")
        tree = ast.parse(source)
        name = str(path.relative_to(PACKAGE))
        lines = len(source.splitlines())
        if lines > MODULE_LINES and not _has_reason(ast.get_docstring(tree)):
            too_long.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > CLASS_LINES and not _has_reason(ast.get_docstring(node)):
                    too_long.append(f"{name}: class {node.name}, {length} lines")
    assert too_long == []


def test_the_reason_must_be_said() -> None:
    assert not _has_reason("A long module.\n\nIt is long.")
    assert _has_reason("A long module.\n\nSize: one grammar, read and written back.")

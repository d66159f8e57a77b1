"""The layers, read from the source: arrows point down only.

model (template, draft, figures, validation, textclean, dates, and the small shared utilities)
  ← services (store/, layout, printed, pdf/, word/, rollup/) ← application (workspace/)
  ← faces (cli/, gui/).

Every ``import`` counts, including those inside functions (imported late for a faster start).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dienchau_desktop"

MODEL = {"template", "draft", "figures", "validation", "textclean", "dates"}
UTILITIES = {"paths", "atomic", "datafile", "crashlog", "safezip", "__init__"}
SERVICES = {"store", "pdf", "layout", "printed", "word", "rollup"}
APPLICATION = {"workspace"}
FACES = {"cli", "gui"}
ENTRY = {"__main__"}  # ``python -m dienchau_desktop``: the command line's door

# What each layer may not import.
FORBIDDEN = {
    "model": SERVICES | APPLICATION | FACES,
    "services": APPLICATION | FACES,
    "application": FACES,
}


def _part(module: str) -> str:
    """``dienchau_desktop.store.drafts`` → ``store``; ``dienchau_desktop.draft`` → ``draft``."""
    return module.split(".")[1] if module.count(".") >= 1 else ""


def _layer(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if first in MODEL or first in UTILITIES:
        return "model"
    if first in SERVICES:
        return "services"
    if first in APPLICATION:
        return "application"
    return "faces"


def _imports(path: Path) -> set[str]:
    """Every ``dienchau_desktop`` module a source file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m.startswith("dienchau_desktop.")}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unknown = [
        str(p.relative_to(PACKAGE))
        for p in _sources()
        if _layer(p) == "faces"
        and p.relative_to(PACKAGE).parts[0].removesuffix(".py") not in FACES | ENTRY
    ]
    assert unknown == [], "add each new top-level module to a layer in this test"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_a_layer_above_it(layer: str) -> None:
    wrong = sorted(
        f"{p.relative_to(PACKAGE)} imports {m}"
        for p in _sources()
        if _layer(p) == layer
        for m in _imports(p)
        if _part(m) in FORBIDDEN[layer]
    )
    assert wrong == []


def test_the_rule_would_catch_an_upward_import(tmp_path: Path) -> None:
    """The reader sees imports inside functions too (how a late import would sneak in)."""
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from dienchau_desktop.gui.app import run_gui\n", "utf-8")
    assert "dienchau_desktop.gui.app" in _imports(source)

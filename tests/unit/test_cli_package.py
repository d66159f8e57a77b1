"""The command line is one package, a face on the application layer, read from its source.

- It reaches the data only through :class:`~dienchau_desktop.workspace.Workspace`: from the store,
  printing, drafts and forms (and validation) it imports exception classes and model types only.
- Its commands are registered with plain imports: no ``__import__`` or ``importlib`` by name.
- Only the module that launches the window names the GUI.
- No private helper (a leading underscore) is used from another module.
- No module over 500 lines, no class over 300.
- Importing it and building the window's parser loads none of the core it reaches lazily.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "dienchau_desktop" / "cli"
SOURCES = sorted(CLI.glob("*.py"))

# Below the application layer: only its exceptions and its plain model types.
LOWER = ("store", "pdf", "draft", "template", "validation")
MODEL_TYPES = {
    "Draft",
    "Problem",
    "DraftSummary",
    "DamagedDraft",
    "HistoryEntry",
    "Template",
    "Layout",
}
GUI_LAUNCHER = CLI / "gui.py"


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _lower_part(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "dienchau_desktop" and parts[1] in LOWER:
        return parts[1]
    return None


def _lower_imports(path: Path) -> list[str]:
    """``file: what`` for every import from below the application layer that is not allowed."""
    wrong = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            wrong += [f"{path.name}: import {a.name}" for a in node.names if _lower_part(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and _lower_part(node.module):
            wrong += [
                f"{path.name}: from {node.module} import {a.name}"
                for a in node.names
                if not (a.name.endswith("Error") or a.name in MODEL_TYPES)
            ]
    return wrong


def test_the_package_is_there() -> None:
    names = {p.stem for p in SOURCES}
    assert {"__init__", "parser", "output", "report", "drafts", "gui", "app"} <= names
    assert not (ROOT / "dienchau_desktop" / "cli.py").exists()
    assert not (ROOT / "dienchau_desktop" / "store_commands.py").exists()
    assert not (ROOT / "dienchau_desktop" / "pdf" / "commands.py").exists()


def test_only_exceptions_and_model_types_from_below_the_workspace() -> None:
    wrong = [line for path in SOURCES for line in _lower_imports(path)]
    assert wrong == []


def test_the_rule_would_catch_a_store_import(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text(
        "from dienchau_desktop.store import DraftStore, StoreError\n"
        "import dienchau_desktop.pdf.builder\n"
        "def f():\n    from dienchau_desktop.draft import read_draft_file, Draft\n",
        "utf-8",
    )
    assert _lower_imports(source) == [
        "x.py: from dienchau_desktop.store import DraftStore",
        "x.py: import dienchau_desktop.pdf.builder",
        "x.py: from dienchau_desktop.draft import read_draft_file",
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_import_by_name(path: Path) -> None:
    text = path.read_text("utf-8")
    assert "__import__(" not in text
    assert "importlib" not in text


def test_only_the_gui_launcher_names_the_gui() -> None:
    naming = [p.name for p in SOURCES if "dienchau_desktop.gui" in p.read_text("utf-8")]
    assert naming == [GUI_LAUNCHER.name]


def test_no_private_helper_crosses_a_module() -> None:
    """``from dienchau_desktop.cli.x import _y`` and ``x._y`` on a cli module are both refused."""
    modules = {p.stem for p in SOURCES}
    wrong = []
    for path in SOURCES:
        tree = _tree(path)
        imported_modules = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "dienchau_desktop.cli"
            ):
                for a in node.names:
                    if a.name.startswith("_"):
                        wrong.append(f"{path.name}: from {node.module} import {a.name}")
                    if node.module == "dienchau_desktop.cli" and a.name in modules:
                        imported_modules.add(a.asname or a.name)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in imported_modules
            ):
                wrong.append(f"{path.name}: {node.value.id}.{node.attr}")
    assert wrong == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_modules_and_classes_stay_small(path: Path) -> None:
    text = path.read_text("utf-8")
    assert len(text.splitlines()) <= 500
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno + 1 <= 300, node.name


def test_opening_the_window_imports_no_core_from_the_command_line() -> None:
    """The parser the window start builds loads no workspace, store or printing, nor the GUI."""
    code = (
        "import sys\n"
        "from dienchau_desktop.cli import build_parser\n"
        "build_parser(with_extras=False).parse_args(['gui'])\n"
        "heavy = ('dienchau_desktop.workspace', 'dienchau_desktop.store', 'dienchau_desktop.pdf',"
        " 'dienchau_desktop.gui', 'PySide6')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_public_names() -> None:
    from dienchau_desktop import cli

    assert {"main", "build_parser", "UserError"} <= set(cli.__all__)
    assert (cli.EXIT_OK, cli.EXIT_REFUSED, cli.EXIT_BAD_INPUT, cli.EXIT_INTERNAL) == (0, 1, 2, 3)
    assert callable(cli.main)

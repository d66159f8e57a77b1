"""Qt stays out of the core: only dienchau_desktop/gui may import PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dienchau_desktop"


def test_no_pyside_import_outside_gui() -> None:
    """No core module's source mentions PySide6 (the GUI package is the only exception)."""
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "gui" not in p.relative_to(PACKAGE).parts and "PySide6" in p.read_text("utf-8")
    ]
    assert offenders == []


def test_core_and_cli_import_without_loading_qt() -> None:
    """Importing every core module (and running the CLI parser) never loads PySide6."""
    modules = sorted(
        "dienchau_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if "gui" not in p.relative_to(PACKAGE).parts and p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m.removesuffix('.__init__'))\n"
        "from dienchau_desktop.cli import build_parser\n"
        "build_parser()\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""The store is a layer below forms, validation, printing and the faces of the program."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE = (
    "dienchau_desktop.validation",
    "dienchau_desktop.template",
    "dienchau_desktop.pdf",
    "dienchau_desktop.workspace",
    "dienchau_desktop.cli",
    "dienchau_desktop.gui",
    "PySide6",
)
PROBE = """
import json, sys
import dienchau_desktop.store
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_store_imports_nothing_above_it() -> None:
    """``import dienchau_desktop.store`` loads no validation, template, pdf, workspace, cli, gui."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = json.loads(result.stdout)
    assert "dienchau_desktop.store.drafts" in loaded
    above = [m for m in loaded if any(m == a or m.startswith(a + ".") for a in ABOVE)]
    assert above == []


def test_no_store_module_names_a_layer_above() -> None:
    """Not even a lazy import inside a function: the store's sources never name them."""
    folder = ROOT / "dienchau_desktop" / "store"
    for path in sorted(folder.glob("*.py")):
        text = path.read_text("utf-8")
        for name in ABOVE:
            assert f"import {name}" not in text and f"from {name} " not in text, (path, name)

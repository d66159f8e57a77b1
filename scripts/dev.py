#!/usr/bin/env python3
"""Developer tasks in one place, the same on Linux and Windows.

    python3 scripts/dev.py run    # set up, then run the program on the bundled example report
    python3 scripts/dev.py test   # set up, then the whole test suite, ruff and mypy

Set-up makes ``.venv`` beside this repository and installs the project into it (editable, with the
test extras). It is skipped when ``pyproject.toml`` has not changed since the last set-up.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dienchau-setup"
OUT = ROOT / "out"


def sh(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup(extras: str = "test") -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        print(f"+ python -m venv {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]")
    STAMP.write_text(wanted)


def run() -> None:
    setup()
    OUT.mkdir(exist_ok=True)
    app = BIN / ("dienchau-desktop.exe" if os.name == "nt" else "dienchau-desktop")
    sh(app, "example", "-o", OUT / "bao-cao-vi-du.json")
    sh(app, "validate", OUT / "bao-cao-vi-du.json")


def test() -> None:
    setup()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    sh(PY, "-m", "pytest", "-q", *sys.argv[2:], env=env)
    sh(PY, "-m", "ruff", "check", ".")
    sh(PY, "-m", "ruff", "format", "--check", ".")
    sh(PY, "-m", "mypy")


TASKS = {"run": run, "test": test, "setup": setup}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        sys.exit(2)
    TASKS[sys.argv[1]]()

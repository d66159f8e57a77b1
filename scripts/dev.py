#!/usr/bin/env python3
"""Developer tasks in one place, the same on Linux and Windows.

    python3 scripts/dev.py run    # set up, print the example report, open the program on it
    python3 scripts/dev.py test   # set up, then the whole test suite, ruff and mypy
    python3 scripts/dev.py frozen # build with PyInstaller, smoke-test the build, then the installer

Set-up makes ``.venv`` beside this repository and installs the project into it (editable, with the
test extras). It is skipped when ``pyproject.toml`` has not changed since the last set-up.
"""

from __future__ import annotations

import hashlib
import os
import shutil
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


def _has_screen() -> bool:
    if os.name == "nt" or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run() -> None:
    """Print the example report to out/, then open the program on it (when there is a screen)."""
    setup()
    OUT.mkdir(exist_ok=True)
    app = BIN / ("dienchau-desktop.exe" if os.name == "nt" else "dienchau-desktop")
    sh(app, "render", "--example", "--final", "-o", OUT / "bao-cao-vi-du.pdf")
    if _has_screen():
        sh(app, "gui", "--example", *sys.argv[2:])
    else:
        print("No screen here: the example report is in out/bao-cao-vi-du.pdf.")


def test() -> None:
    setup()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    sh(PY, "-m", "pytest", "-q", *sys.argv[2:], env=env)
    sh(PY, "-m", "ruff", "check", ".")
    sh(PY, "-m", "ruff", "format", "--check", ".")
    sh(PY, "-m", "mypy")


def _makensis() -> str | None:
    found = shutil.which("makensis")
    if found or os.name != "nt":
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "C:/") / "NSIS" / "makensis.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def frozen() -> None:
    """Build dist/dienchau-desktop from build_installer.spec and test the build itself.

    The smoke test runs the frozen executable (docs/install.md). On Windows makensis then builds the
    real installer (dist/CaiDat-BaoCaoDangUyXa-VERSION.exe); elsewhere it compiles the installer
    script against the Linux build, as a check of the script. Extra arguments go to the smoke test.
    """
    setup("test,build")
    sh(PY, "-m", "PyInstaller", "build_installer.spec", "--noconfirm", "--log-level", "WARN")
    sh(PY, "packaging/smoke_test.py", "--max-mb", "150", *sys.argv[2:])
    makensis = _makensis()
    if makensis is None:
        print("makensis not found: install NSIS (apt-get install nsis / choco install nsis)")
        sys.exit(1)
    if os.name == "nt":
        sh(makensis, "/V2", "packaging\\installer.nsi")  # makensis takes /options on Windows
    else:
        check = ROOT / "build" / "installer-check"
        check.mkdir(parents=True, exist_ok=True)
        sh(
            makensis,
            "-V2",
            f"-DDIST_DIR={ROOT / 'dist' / 'dienchau-desktop'}",
            "-DAPP_EXE=dienchau-desktop",
            "-DNO_COMPRESSION",  # LZMA takes minutes here; a script check needs no small file
            f"-DOUTFILE={check / 'CaiDat-kiem-tra.exe'}",
            "packaging/installer.nsi",
        )


TASKS = {"run": run, "test": test, "setup": setup, "frozen": frozen}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        sys.exit(2)
    TASKS[sys.argv[1]]()

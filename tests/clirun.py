"""Running the command line as a real process, the way users and IT staff do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, cwd: Path | None = None, **env_overrides: str
) -> subprocess.CompletedProcess[str]:
    """``python -m dienchau_desktop ARGS`` with UTF-8 output; the test's DIENCHAU_DATA_DIR holds
    unless ``env_overrides`` say otherwise."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=path, **env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "dienchau_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or ROOT,
        timeout=120,
    )

"""Where things live: bundled resources, and the user's data directory.

One resolver for each, so the frozen program and the source tree find the same files. Never the
working directory, never ``sys.executable``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "DIENCHAU_DATA_DIR"
RESOURCES_ENV = "DIENCHAU_RESOURCES"
APP_DIR_NAME = "DienChauBaoCao"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (templates, layouts, fonts, example, icons)."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under the bundled resources, e.g. ``resource_path("templates", "kl62.json")``."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The platform's per-user data location for this program."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        root = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return root / APP_DIR_NAME


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``--data-dir`` first, then ``DIENCHAU_DATA_DIR``, then the default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()

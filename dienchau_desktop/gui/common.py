"""What the main window's parts share: the core modules imported on first use, and names.

The window is on screen before the core (drafts, store, forms) is imported: a faster start.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

APP_TITLE = "Báo cáo Đảng ủy xã"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(title: str, fallback: str) -> str:
    """A file name (without extension) from a report's title: no character Windows refuses."""
    return _UNSAFE.sub(" ", title).strip().strip(".") or fallback


class _Lazy:
    """A module imported on first use: the window is on screen before the core is imported."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def _lazy(name: str) -> Any:
    return _Lazy(name)


drafts = _lazy("dienchau_desktop.draft")
storage = _lazy("dienchau_desktop.store")
templates = _lazy("dienchau_desktop.template")

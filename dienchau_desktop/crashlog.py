"""The log of unexpected errors: written to the data directory, never shown as a traceback."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from dienchau_desktop import __version__
from dienchau_desktop.paths import user_data_dir

LOG_NAME = "loi.log"
MAX_LOG_BYTES = 2 * 1024 * 1024


def log_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return user_data_dir(data_dir) / "logs" / LOG_NAME


def write_crash_log(exc: BaseException, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Append the exception with its traceback to the log; return where it went.

    Falls back to the temporary folder when the data directory cannot be written.
    """
    text = (
        f"==== {datetime.now().isoformat(timespec='seconds')} "
        f"dienchau-desktop {__version__} Python {platform.python_version()} {sys.platform}\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        + "\n"
    )
    candidates = [log_path(data_dir)]
    candidates.append(Path(os.environ.get("TEMP") or os.environ.get("TMPDIR") or "/tmp") / LOG_NAME)
    for path in candidates:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.replace(path.with_suffix(".log.1"))
            with path.open("a", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return candidates[-1]

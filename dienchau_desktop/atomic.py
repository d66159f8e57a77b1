"""Writing files so that a crash or a power cut never leaves half of one.

One writer for every file the program saves: drafts in the store, exported draft files, PDFs.
Temporary file in the same folder, write, flush, fsync, replace, fsync the folder: the file on
disk is always the old one or the new one, whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

# The temporary file of a write is ``.<name>.<8 random>.dienchau-tmp``: a name only this program
# makes, so that clearing up after a killed write never touches a user's own ``.notes.tmp``.
TMP_SUFFIX = ".dienchau-tmp"
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.dienchau-tmp$")
# Earlier versions wrote ``.<name>.<8 random>.tmp``; only a JSON file's such name is ours.
_OLD_TEMP_NAME = re.compile(r"^\..+\.json\.[a-z0-9_]{8}\.tmp$")
PRIVATE = 0o600

# WORKAROUND: on Windows an antivirus scanner or the search indexer briefly opens a freshly
# written file, and replacing it then fails with "Access is denied" (winerror 5), a sharing
# violation (32) or a lock violation (33); a retry moments later succeeds.
# https://github.com/golang/go/issues/16882
_TRANSIENT_WINERRORS = {5, 32, 33}
_REPLACE_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8)


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask is process-wide and not safe to toggle while threads write files.
_UMASK = _read_umask()


def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """``os.replace``, patient with the short-lived handles Windows scanners hold."""
    for delay in (*_REPLACE_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if delay is None or getattr(exc, "winerror", None) not in _TRANSIENT_WINERRORS:
                raise
            time.sleep(delay)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
    """Write ``path`` so that it is the old file or the new one, whole, whatever happens.

    ``mode`` defaults to that of the file being replaced, or for a new file to what a plain
    ``open()`` would give (the user's umask), so an exported file is as readable as one Word
    writes; the store passes :data:`PRIVATE` for its own files. On any failure the temporary file
    is removed and the ``OSError`` propagates; the old file is intact.
    """
    target = Path(path)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_UMASK
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    try:
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def is_temp_name(name: str) -> bool:
    """A temporary file :func:`atomic_write` (of this or an earlier version) leaves behind when
    the process is killed; never a name a user would give a file."""
    return bool(_TEMP_NAME.match(name) or _OLD_TEMP_NAME.match(name))

"""One writer per data directory.

The lock is an operating-system lock on a small file (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows), so it disappears with the process that held it, even when that
process crashed or was killed. The file itself records who holds it (process id, computer name,
start time) so the second copy of the program can say who has the data open.

Where the file system offers no locks (some network shares), the record alone decides: a holder
on this computer whose process is gone, or one on another computer older than
:data:`STALE_AFTER`, no longer counts.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dienchau_desktop.dates import stamp_phrase
from dienchau_desktop.store.docs import HONG_DIR
from dienchau_desktop.store.errors import StoreLockedError, write_error
from dienchau_desktop.store.files import DamagedFileError, open_regular, set_aside

LOCK_NAME = "dang-mo.lock"
LOCK_SET_ASIDE = "tệp khóa không phải tệp thường (lối tắt hoặc tệp đặc biệt); đã tạo tệp khóa mới"
# Never through a link (where the system can say so), never waiting on a pipe.
_OPEN_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
)
STALE_AFTER = timedelta(hours=12)
# Windows locks byte ranges and a locked range cannot be read by others: lock a byte far past
# the record so that the second copy can still read who holds the data.
_WIN_LOCK_OFFSET = 1 << 20
_BUSY = {errno.EAGAIN, errno.EACCES, getattr(errno, "EWOULDBLOCK", errno.EAGAIN)}
if sys.platform == "win32":
    _BUSY.add(getattr(errno, "EDEADLOCK", 36))


def _host() -> str:
    try:
        return socket.gethostname() or "?"
    except OSError:
        return "?"


def locked_message(info: dict[str, Any]) -> str:
    host = str(info.get("host") or "không rõ")
    since = stamp_phrase(str(info.get("started", "")))
    return (
        f"Dữ liệu đang được mở bởi một cửa sổ khác của chương trình (máy {host}, từ {since}). "
        "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại."
    )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        alive = bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        kernel32.CloseHandle(handle)
        return alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WriterLock:
    """The writer lock of one data directory; :meth:`acquire` raises when another holds it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None
        self.moved = ""  # where a non-regular file found in the lock's place was set aside

    def read_info(self) -> dict[str, Any]:
        try:
            with open_regular(self.path) as fh:
                raw = fh.read(4096)
            info = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, DamagedFileError):
            return {}
        return info if isinstance(info, dict) else {}

    def _open(self) -> int:
        """The lock file, opened (created if need be) for writing: never through a link, never
        a pipe or a folder. Anything but a regular file in its place is moved into ``hong/``
        (it is not ours and stays as it was; :attr:`moved` says where) and a fresh one made."""
        for _attempt in range(2):
            if hasattr(os, "O_NOFOLLOW") or not self.path.is_symlink():
                try:
                    fd = os.open(self.path, _OPEN_FLAGS, 0o644)
                except OSError as exc:
                    if exc.errno != errno.ELOOP and not isinstance(exc, IsADirectoryError):
                        raise
                else:
                    info = os.fstat(fd)
                    # A hard link to another file would have that file overwritten.
                    if stat.S_ISREG(info.st_mode) and info.st_nlink <= 1:
                        return fd
                    os.close(fd)
            self.moved = str(set_aside(self.path, self.path.parent / HONG_DIR, LOCK_SET_ASIDE))
        raise OSError(errno.EEXIST, "không tạo được tệp khóa", str(self.path))

    def acquire(self) -> None:
        try:
            fd = self._open()
        except OSError as exc:
            raise write_error(
                exc, "chưa mở được dữ liệu để ghi", self.path.parent, kept=False
            ) from exc
        try:
            self._os_lock(fd)
        except _Busy:
            os.close(fd)
            raise StoreLockedError(locked_message(self.read_info())) from None
        except OSError:
            # No locks on this file system: decide from the record.
            info = self.read_info()
            if info and not self._stale(info):
                os.close(fd)
                raise StoreLockedError(locked_message(info)) from None
        self._fd = fd
        record = {
            "pid": os.getpid(),
            "host": _host(),
            "started": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
        except OSError as exc:
            self.release()
            raise write_error(
                exc, "chưa mở được dữ liệu để ghi", self.path.parent, kept=False
            ) from exc

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            self._os_unlock(fd)
        with contextlib.suppress(OSError):
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    @staticmethod
    def _stale(info: dict[str, Any]) -> bool:
        pid = info.get("pid")
        if info.get("host") == _host():
            return not (isinstance(pid, int) and _pid_alive(pid))
        try:
            started = datetime.fromisoformat(str(info.get("started")))
        except ValueError:
            return True
        return datetime.now().astimezone() - started > STALE_AFTER

    if sys.platform == "win32":

        @staticmethod
        def _os_lock(fd: int) -> None:
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError as exc:
                if exc.errno in _BUSY:
                    raise _Busy from exc
                raise

        @staticmethod
        def _os_unlock(fd: int) -> None:
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    else:

        @staticmethod
        def _os_lock(fd: int) -> None:
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in _BUSY:
                    raise _Busy from exc
                raise

        @staticmethod
        def _os_unlock(fd: int) -> None:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


class _Busy(Exception):
    """The operating-system lock is held by someone else."""

"""Files of the store: atomic UTF-8 writes, the TinyDB storage built on them, setting files aside.

TinyDB's own ``JSONStorage`` rewrites its file in place (seek, write, truncate) and opens it in
the locale's encoding: a crash mid-write leaves a broken file, and a Windows PC writes cp1258.
:class:`AtomicJSONStorage` writes a temporary file in the same folder, flushes, fsyncs and
replaces, always in UTF-8, so the file on disk is always either the old database or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

from dienchau_desktop.atomic import PRIVATE, atomic_write, fsync_dir, is_temp_name, replace
from dienchau_desktop.datafile import JSONBytesError, NotRegularFileError, parse_json_bytes
from dienchau_desktop.datafile import open_regular as datafile_open_regular
from dienchau_desktop.store.errors import StoreError

# A draft file holds at most a 16 MB draft (draft.MAX_FILE_BYTES) and its summary; anything
# much larger is not ours and is refused before it is read into memory.
MAX_DB_BYTES = 40 * 1024 * 1024


class DamagedFileError(Exception):
    """A store file that cannot be read; ``reason`` is a Vietnamese phrase for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NOT_REGULAR = "không phải một tệp dữ liệu thường (có thể là lối tắt hoặc tệp đặc biệt)"


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, never through a link nor waiting on a pipe
    (:func:`datafile.open_regular`); anything but a regular file is :class:`DamagedFileError`."""
    try:
        return datafile_open_regular(path)
    except NotRegularFileError as exc:
        raise DamagedFileError(NOT_REGULAR) from exc


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_temp_files(folder: Path, names: Iterable[str] | None = None) -> None:
    """Remove unfinished writes; they never held a saved version (the replace never happened).

    ``names`` is what the caller has just listed in ``folder``, so as not to list it twice.
    """
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return
    for name in names:
        if is_temp_name(name):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def read_capped(path: Path, limit: int = MAX_DB_BYTES) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``limit`` before reading it.

    Only a regular file is read: a link or a pipe in a store file's place is refused as
    damaged (never followed, never waited on).
    """
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise DamagedFileError(
                f"tệp quá lớn ({size / 1024 / 1024:.0f} MB), không phải dữ liệu của chương trình"
            )
        return fh.read(limit + 1)


_DAMAGE_REASONS = {
    "empty": "tệp rỗng (có thể do mất điện hoặc tắt máy đột ngột khi đang ghi)",
    "blank": "tệp chỉ có khoảng trắng, không có nội dung",
    "binary": "tệp chứa dữ liệu nhị phân lạ, không phải dữ liệu của chương trình",
    "encoding": "tệp không phải chữ UTF-8, không phải dữ liệu của chương trình",
    "nesting": "tệp có cấu trúc lồng nhau quá sâu, không phải dữ liệu hợp lệ",
    "number": "tệp có một con số dài hàng nghìn chữ số, không phải dữ liệu hợp lệ",
}


def parse_store_bytes(raw: bytes) -> Any:
    """Parse a store file, turning every way it can be broken into a :class:`DamagedFileError`."""
    try:
        return parse_json_bytes(raw)
    except JSONBytesError as exc:
        reason = _DAMAGE_REASONS.get(exc.kind) or (
            "tệp bị cắt cụt hoặc hỏng, không đọc được nội dung "
            f"(dòng {exc.lineno}, cột {exc.colno})"
        )
        raise DamagedFileError(reason) from exc


def dump_json_bytes(data: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON; a stray lone surrogate (which UTF-8 cannot hold) is written as an escape."""
    separators = (",", ": ") if indent else (",", ":")
    try:
        text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
        return (text + "\n" if indent else text).encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, indent=indent, separators=separators)
        return (text + "\n" if indent else text).encode("ascii")


class AtomicJSONStorage(Storage):
    """TinyDB storage: one UTF-8 JSON file, replaced atomically on every write.

    ``read`` raises :class:`DamagedFileError` for a file that is not a TinyDB database (empty,
    truncated, garbage, not UTF-8, too large) instead of letting TinyDB start afresh over it.
    A read-only storage never writes.
    """

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.readonly = readonly

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = read_capped(self.path)
        except FileNotFoundError:
            return None
        data = parse_store_bytes(raw)
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, dict) for k, v in data.items()
        ):
            raise DamagedFileError("tệp không có cấu trúc dữ liệu của chương trình")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.readonly:
            raise StoreError("Kho bản nháp đang được mở chỉ để đọc, không ghi được.")
        atomic_write(self.path, dump_json_bytes(data), mode=PRIVATE)

    def close(self) -> None:
        """Nothing stays open between reads and writes."""


def set_aside(path: Path, hong_dir: Path, reason: str) -> Path:
    """Move a file that cannot be read into ``hong_dir`` under a new, unused name.

    The file is kept as it was, never overwritten; a note beside it says what it was and why it
    was moved. Returns where it went. Raises ``OSError`` when it could not be moved.
    """
    hong_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{stamp}-{path.parent.name}-{path.name}"
    dest = hong_dir / base
    n = 2
    while dest.exists() or dest.with_name(dest.name + ".txt").exists():
        dest = hong_dir / f"{stamp}-{n}-{path.parent.name}-{path.name}"
        n += 1
    replace(path, dest)
    note = (
        f"Tệp gốc: {path}\n"
        f"Chuyển sang đây lúc: {datetime.now().isoformat(timespec='seconds')}\n"
        f"Lý do: {reason}\n"
        "Tệp này được giữ nguyên để có thể kiểm tra hoặc cứu dữ liệu; chương trình không xóa nó.\n"
    )
    with contextlib.suppress(OSError):
        atomic_write(dest.with_name(dest.name + ".txt"), note.encode("utf-8"), mode=PRIVATE)
    fsync_dir(path.parent)
    return dest

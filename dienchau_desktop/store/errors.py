"""Errors of the draft store. ``str()`` of each is a Vietnamese message for the user."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """The store refused or failed; the message says why, in Vietnamese."""


class StoreLockedError(StoreError):
    """Another running copy of the program holds the data directory."""


class StoreWriteError(StoreError):
    """The disk refused a write (full, read-only, no permission).

    Nothing already saved is damaged and the draft in memory is untouched: the caller keeps it
    and tries again later.
    """

    def __init__(self, message: str, *, errno_code: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno_code


class UnknownDraftError(StoreError):
    """No draft with this id (in the list, or in the trash when restoring)."""


class DraftDamagedError(StoreError):
    """The draft's file cannot be read; it was set aside and can usually be recovered."""

    def __init__(self, message: str, draft_id: str) -> None:
        super().__init__(message)
        self.draft_id = draft_id


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_KEPT = (
    "Nội dung đang soạn vẫn còn nguyên trong chương trình; các bản đã lưu trước không bị ảnh hưởng."
)


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """A short Vietnamese reason for an operating-system error (``reading``: met while reading)."""
    if exc.errno in _FULL:
        return "ổ đĩa đã đầy"
    if exc.errno == errno.EROFS:
        return "ổ đĩa chỉ cho phép đọc"
    if reading and isinstance(exc, PermissionError):
        return "không có quyền đọc"
    if exc.errno in _READ_ONLY or isinstance(exc, PermissionError):
        return "không có quyền ghi hoặc tệp đang bị chương trình khác giữ"
    if exc.errno == errno.ENOENT:
        return "thư mục không tồn tại"
    if exc.errno == errno.EISDIR:
        return "đó là một thư mục, không phải tệp"
    if exc.errno == errno.EIO:
        return "lỗi đọc ghi của ổ đĩa"
    if exc.errno == errno.ENAMETOOLONG:
        return "tên tệp quá dài"
    return f"lỗi của hệ điều hành: {exc.strerror or exc}"


def write_error(exc: OSError, failed: str, folder: Path, *, kept: bool = True) -> StoreWriteError:
    """A :class:`StoreWriteError` explaining ``exc``.

    ``failed`` says what did not happen (“chưa lưu được bản nháp …”); ``kept`` adds that the
    draft being typed is still in memory and will be saved again.
    """
    tail = f" {_KEPT}" if kept else ""
    if exc.errno in _FULL:
        message = (
            f"Ổ đĩa đã đầy, {failed}.{tail} Hãy xóa bớt tệp không cần thiết để giải phóng chỗ "
            "trống" + ("; chương trình sẽ thử lưu lại." if kept else ", rồi thử lại.")
        )
    elif exc.errno in _READ_ONLY or isinstance(exc, PermissionError):
        message = (
            f"Không ghi được vào “{folder}” (ổ đĩa chỉ cho phép đọc, không có quyền ghi, hoặc tệp "
            f"đang bị chương trình khác giữ), {failed}.{tail} Hãy kiểm tra ổ đĩa hoặc chọn thư mục "
            "dữ liệu khác" + ("; chương trình sẽ thử lưu lại." if kept else ", rồi thử lại.")
        )
    else:
        message = f"Không ghi được vào “{folder}” ({os_reason(exc)}), {failed}.{tail}" + (
            " Chương trình sẽ thử lưu lại." if kept else ""
        )
    return StoreWriteError(message, errno_code=exc.errno)

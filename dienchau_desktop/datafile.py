"""Reading the program's own JSON data files (templates, layout profiles, drafts) with clear errors.

Also the few rules every data file shares, each written once: the shape of ids and of ``{name}``
placeholders, where a bundled form lives, and how bytes are taken as JSON
(:func:`parse_json_bytes`, whose failures each reader words in its own way).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from dienchau_desktop.paths import resource_path

# Ids written in data files and used in file names: forms, questions, sections, layout profiles.
NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
# A draft's id: 32 hex digits (a uuid4 without dashes); also the name of its folder in the store.
DRAFT_ID_RE = re.compile(r"^[0-9a-f]{32}$")
# ``{commune}`` in a form's sentences: a general-information field filled in when printing.
PLACEHOLDER_RE = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


def template_path(template_id: str) -> Path | None:
    """Where the bundled form ``template_id`` would be (it may not exist); None for a bad id."""
    if not NAME_RE.match(template_id):
        return None
    return resource_path("templates", f"{template_id}.json")


class JSONBytesError(ValueError):
    """Bytes that are not JSON, and why: ``kind`` is one of

    ``size`` (over the caller's limit), ``binary`` (NUL bytes), ``encoding`` (not UTF-8),
    ``empty`` (no bytes), ``blank`` (only spaces), ``syntax`` (``lineno``/``colno`` say where),
    ``nesting`` (too deep to parse), ``number`` (an integer of thousands of digits).
    The caller turns it into its own message.
    """

    def __init__(self, kind: str, lineno: int = 0, colno: int = 0) -> None:
        super().__init__(kind if not lineno else f"{kind} (line {lineno}, column {colno})")
        self.kind = kind
        self.lineno = lineno
        self.colno = colno


# A ``\uD800``–``\uDFFF`` escape: the only way JSON text can carry a lone surrogate, which no
# file can store as UTF-8 (a proper pair is joined into one character by the parser).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _without_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate, in keys as in values, shown as U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def parse_json_text(text: str) -> Any:
    """``json.loads``, every failure a :class:`JSONBytesError`.

    ``syntax`` and ``nesting`` as :class:`JSONBytesError` says, and ``number`` for an integer
    too long to read (Python refuses more than 4,300 digits). A lone surrogate escape, which
    could never be written back as UTF-8, is read as U+FFFD wherever it is, keys included.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONBytesError("syntax", exc.lineno, exc.colno) from exc
    except RecursionError as exc:
        raise JSONBytesError("nesting") from exc
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise JSONBytesError("number") from exc
    if _SURROGATE_ESCAPE.search(text):
        try:
            return _without_surrogates(data)
        except RecursionError as exc:
            raise JSONBytesError("nesting") from exc
    return data


def parse_json_bytes(raw: bytes, *, limit: int | None = None) -> Any:
    """UTF-8 JSON bytes (a BOM is allowed) parsed; :class:`JSONBytesError` when they are not."""
    if limit is not None and len(raw) > limit:
        raise JSONBytesError("size")
    if b"\x00" in raw:
        raise JSONBytesError("binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JSONBytesError("encoding") from exc
    try:
        return parse_json_text(text)
    except JSONBytesError as exc:
        if exc.kind == "syntax" and not raw.strip():
            kind = "blank" if raw else "empty"
            raise JSONBytesError(kind, exc.lineno, exc.colno) from exc.__cause__
        raise


class NotRegularFileError(OSError):
    """A path that is a pipe, a device, a folder or (when links are not followed) a link."""


def open_regular(path: Path, *, follow_links: bool = False) -> BinaryIO:
    """``path`` opened for reading if it is a regular file, without ever waiting on a pipe.

    The program's own files are opened without following a link (``follow_links=False``); a
    file the user names may be a shortcut to one. :class:`NotRegularFileError` for anything but
    a regular file, ``FileNotFoundError`` and other ``OSError`` as ``open`` gives them.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():
            raise NotRegularFileError(errno.ELOOP, "not a regular file", str(path))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR):
            raise NotRegularFileError(exc.errno, "not a regular file", str(path)) from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(
    path: Path,
    limit: int,
    error: type[Exception],
    what: str,
    too_big: Callable[[int], str],
) -> bytes:
    """A file's bytes, refused with ``error`` and a Vietnamese reason when it cannot be read or
    is over ``limit`` bytes (checked before reading, and again while reading a growing file).

    ``what`` names the kind of file ("tệp nháp"); ``too_big(size)`` says why a big one is refused.
    """
    try:
        if path.is_dir():
            raise error(f"“{path}” là một thư mục, không phải {what}.")
        with open_regular(path, follow_links=True) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise error(too_big(size))
            raw = fh.read(limit + 1)
    except NotRegularFileError as exc:
        raise error(f"“{path}” không phải một tệp thường, không đọc được như {what}.") from exc
    except FileNotFoundError as exc:
        raise error(f"Không tìm thấy tệp “{path}”.") from exc
    except PermissionError as exc:
        raise error(f"Không có quyền đọc tệp “{path}”.") from exc
    except OSError as exc:
        raise error(f"Không đọc được tệp “{path}” ({exc.strerror or exc}).") from exc
    if len(raw) > limit:
        raise error(too_big(len(raw)))
    return raw


_JSON_REASONS = {
    "nesting": "cấu trúc lồng nhau quá sâu",
    "number": "có một con số dài hàng nghìn chữ số",
}


def read_json_data(path: Path, error: type[Exception], what: str) -> Any:
    """Parse a UTF-8 JSON file, raising ``error`` with the file, place and reason in Vietnamese.

    ``what`` names the kind of file in messages, e.g. "tệp mẫu", "tệp bố cục".
    """
    try:
        with open_regular(path, follow_links=True) as fh:
            raw = fh.read().decode("utf-8-sig")
    except NotRegularFileError as exc:
        raise error(f"{path}: không phải một tệp thường, không đọc được như {what}") from exc
    except FileNotFoundError as exc:
        raise error(f"{path}: không có {what} này") from exc
    except OSError as exc:
        raise error(f"{path}: không đọc được {what} ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {what} không phải chữ UTF-8") from exc
    try:
        return parse_json_text(raw)
    except JSONBytesError as exc:
        if exc.kind == "syntax":
            raise error(f"{path}: dòng {exc.lineno}, cột {exc.colno}: JSON không hợp lệ") from exc
        raise error(f"{path}: {what} không đọc được ({_JSON_REASONS[exc.kind]})") from exc


def header_problems(data: dict[str, Any], fmt: str, max_version: int) -> list[tuple[str, str]]:
    """Mistakes in a data file's ``format`` / ``format_version`` header, as (place, message)."""
    found: list[tuple[str, str]] = []
    if data.get("format") != fmt:
        found.append(("format", f"phải là “{fmt}”"))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        found.append(("format_version", "phải là số nguyên dương"))
    elif version > max_version:
        found.append(("format_version", f"phiên bản {version} mới hơn chương trình này hiểu được"))
    return found


class MistakeCollector:
    """Collects every mistake found in a data file, each as ``file: place: message``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{self.source}: {where}: {message}")

"""One safe reader for every zip container that comes from outside: .zip, .docx, .xlsx.

Communes send files by USB, Zalo and e-mail; a province office opens whatever arrived. A zip
is a table of contents that may lie, so nothing in it is trusted before it is checked, and
nothing is ever written to disk: members are read into memory, bounded, or not at all.

**Refused for the whole archive** (:class:`SafeZip` raises :class:`ZipRefused`):

- ``unreadable``: the file cannot be opened; ``not_zip``: it is not a zip (or its table of
  contents is broken, or truncated);
- ``too_many``: more members than :attr:`ZipLimits.members`, or a table of contents far larger
  than that many members need. Counted from the raw table of contents *before*
  :mod:`zipfile` builds an object per member, so a 100,000-member archive costs no memory;
- ``too_large``: the members' declared inflated sizes add up past :attr:`ZipLimits.total`.

**Refused member by member** (:attr:`SafeZip.refused`, in archive order among
:attr:`SafeZip.entries`; the other members stay readable):

- ``unsafe_name``: an empty name, NUL or control characters, an absolute name (``/x``,
  ``\\x``, ``\\\\server\\share``), a drive (``C:\\x``, ``C:x``) or any other ``:``, a ``..``
  part (with ``\\`` taken as a separator, trailing dots and spaces stripped as Windows does,
  and fullwidth lookalikes folded by NFKC);
- ``link``: a symlink or any other special file in the Unix mode bits of ``external_attr``,
  or a Windows reparse point;
- ``duplicate``: a second member of the same name (compared as Windows and OOXML do: case and
  Unicode form folded), which different readers would resolve differently;
- ``nested``: a member whose name ends in one of the archive suffixes the caller passed as
  ``nested`` (by default :data:`ARCHIVE_SUFFIXES`; a zip inside a zip is to be unpacked first).

**Refused when a member is read** (:meth:`SafeZip.read`, :meth:`SafeZip.chunks`,
:meth:`SafeZip.verify` raise :class:`ZipRefused`), so that members a caller skips (a scanned
PDF next to the reports) cost nothing and are not reported:

- ``member_too_large``: declared over :attr:`ZipLimits.member`;
- ``encrypted``: a password-protected member (flag bit 0, or strong encryption, bit 6);
- ``method``: any compression but stored and deflate. :mod:`zipfile` inflates bzip2 and LZMA
  without a bound per read (a bzip2 member of a few hundred bytes becomes gigabytes in one
  call), and Office and Windows never write them;
- ``damaged``: the data cannot be inflated, or fails its CRC-32;
- ``size_mismatch``: the data inflates to more, or less, than it declares, or holds more packed
  bytes than that size can take. Reads go through :mod:`zipfile` in chunks of :data:`CHUNK`
  bytes and stop one byte past the declared size (zipfile itself cuts there, and the CRC-32
  then fails), so a member that lies about its size (a zip bomb) is never inflated into
  memory.

``ZipRefused.kind`` says which; ``ZipRefused.reason`` is a plain Vietnamese phrase for the user
(``str()`` adds the member's name); each caller words its own sentence around them.

**Office packages.** python-docx and openpyxl open the zip themselves, so they must be handed
bytes that were checked *whole*: :func:`check_package` refuses on any problem above, requires
the parts the caller names, inflates every member once (bounded, discarded) and returns the
same bytes, for the library to open from memory::

    raw = check_package(raw, required=[re.compile(r"word/document\\d*\\.xml")])
    document = docx.Document(io.BytesIO(raw))

    raw = check_package(raw, required=["[Content_Types].xml", "xl/workbook.xml"])
    workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)

Pass the bytes, not a path: the library then reads exactly what was checked. Read a file with
its size bounded first (:func:`dienchau_desktop.datafile.read_bounded`).

Model layer: no Qt, no workspace, no faces; only the standard library.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import TracebackType
from typing import BinaryIO, Literal

MiB = 1024 * 1024
CHUNK = 1 * MiB  # bytes inflated per read
ARCHIVE_SUFFIXES = (
    ".zip", ".zipx", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab",
)  # fmt: skip

Kind = Literal[
    "unreadable",
    "not_zip",
    "too_many",
    "too_large",
    "unsafe_name",
    "link",
    "duplicate",
    "nested",
    "member_too_large",
    "encrypted",
    "method",
    "damaged",
    "size_mismatch",
    "missing",
]

# What zipfile raises on a hostile or broken archive (a name that is not UTF-8 is a ValueError,
# an unknown "version needed" a NotImplementedError, a bad password a RuntimeError).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    zlib.error,
    OverflowError,
)
_FLAG_ENCRYPTED = 0x0001
_FLAG_STRONG_ENCRYPTION = 0x0040
_REPARSE_POINT = 0x0400  # FILE_ATTRIBUTE_REPARSE_POINT, in the low (MS-DOS) attribute bits
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DRIVE = re.compile(r"^[A-Za-z]:")

# The records that say where the table of contents is (APPNOTE.TXT 4.3.12-4.3.16).
_END = struct.Struct("<4s4H2LH")  # end of central directory, 22 bytes
_END64_LOCATOR = struct.Struct("<4sLQL")  # 20 bytes
_END64 = struct.Struct("<4sQ2H2L4Q")  # 56 bytes
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # one central directory header, 46 bytes
_END_SIG, _END64_LOCATOR_SIG, _END64_SIG = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_CENTRAL_SIG = b"PK\x01\x02"
# Table-of-contents bytes allowed per permitted member: the fixed header and room for a long
# name with its extra fields. A larger table is refused before zipfile reads it into memory.
_ENTRY_BUDGET = _CENTRAL.size + 512


@dataclass(frozen=True)
class ZipLimits:
    """How much one archive may hold; each caller sets its own (a report, a roll-up's bundle)."""

    members: int = 10_000  # entries, files and folders
    total: int = 200 * MiB  # declared inflated bytes of all members together
    member: int = 100 * MiB  # declared inflated bytes of one member


class ZipRefused(Exception):
    """A zip, or one of its members, refused: ``kind`` (see :data:`Kind`) for the program,
    ``reason`` (plain Vietnamese) for the user, ``member`` its printable name ("" for the
    whole archive)."""

    def __init__(self, kind: Kind, reason: str, member: str = "") -> None:
        super().__init__(kind, reason, member)
        self.kind: Kind = kind
        self.reason = reason
        self.member = member

    def __str__(self) -> str:
        return f"“{self.member}”: {self.reason}" if self.member else self.reason


def display_name(name: str, limit: int = 160) -> str:
    """A member's name fit to show: unprintable characters as "?", cut to ``limit``."""
    shown = "".join(c if c.isprintable() else "?" for c in name)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _mb(size: int) -> str:
    return f"{max(size // MiB, 1)} MB"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 20.000, the Vietnamese way


def _name_problem(name: str) -> str | None:
    if not name:
        return "tên tệp trống"
    if any(c < " " or c == "\x7f" for c in name):
        return "tên tệp có ký tự không hợp lệ"
    path = name.replace("\\", "/")
    if path.startswith("/"):
        return "tên tệp trỏ ra ngoài thư mục (đường dẫn tuyệt đối)"
    parts = path.split("/")
    if _DRIVE.match(parts[0]):
        return "tên tệp trỏ ra ngoài thư mục (có tên ổ đĩa)"
    if ":" in path:  # a drive once "./" is dropped, or a hidden NTFS stream; never a name
        return "tên tệp có dấu “:”, Windows không cho phép"
    # Windows drops trailing dots and spaces from each part: ".. " and "..." are ".." there.
    if any(".." in part and not part.strip(". ") for part in parts):
        return "tên tệp trỏ ra ngoài thư mục (có “..”)"
    return None


def name_problem(name: str) -> str | None:
    """Why a member's name is unsafe (Vietnamese), or None when it is a plain relative name.

    Checked as written and once more with lookalikes folded (NFKC turns "／" into "/" and
    "．．" into ".."), since some Windows programs fold them the same way when extracting.
    """
    problem = _name_problem(name)
    if problem is None:
        folded = unicodedata.normalize("NFKC", name)
        if folded != name:
            problem = _name_problem(folded)
    return problem


def _is_link(info: zipfile.ZipInfo) -> bool:
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR) or bool(info.external_attr & _REPARSE_POINT)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name.replace("\\", "/")).casefold()


def archive_suffix(name: str, suffixes: Iterable[str] = ARCHIVE_SUFFIXES) -> str:
    """The archive suffix ``name`` ends in (".zip"), or "" (case, trailing dots and spaces
    ignored, as Windows ignores them)."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1].rstrip(". ").lower()
    return next((s for s in suffixes if last.endswith(s)), "")


@dataclass(frozen=True)
class Member:
    """A file in the archive that passed the name, link and duplicate checks."""

    name: str  # as stored (backslashes kept; never a path to write to)
    size: int  # declared inflated size, bytes
    info: zipfile.ZipInfo = field(repr=False, compare=False)

    @property
    def display(self) -> str:
        return display_name(self.name)

    @property
    def suffix(self) -> str:
        """The lower-case suffix (".json"), trailing dots and spaces ignored."""
        last = self.name.replace("\\", "/").rsplit("/", 1)[-1].rstrip(". ")
        return PurePosixPath(last).suffix.lower()


def _directory(fp: BinaryIO) -> tuple[int, int, int]:
    """Where the central directory starts, its size and the member count it declares.

    Found exactly as :func:`zipfile._EndRecData` finds it (the record at the very end, else the
    last signature in the final 64 KiB; the ZIP64 record just before its locator), so that the
    bytes counted here are the bytes zipfile is about to parse.
    """
    fp.seek(0, os.SEEK_END)
    size = fp.tell()
    tail_at = max(size - (1 << 16) - _END.size, 0)
    fp.seek(tail_at)
    tail = fp.read()
    if tail[-_END.size : -_END.size + 4] == _END_SIG and tail[-2:] == b"\0\0":
        at = len(tail) - _END.size
    else:
        at = tail.rfind(_END_SIG)
        if at < 0 or len(tail) - at < _END.size:
            raise ZipRefused("not_zip", "không phải tệp .zip, hoặc tệp bị hỏng")
    end = _END.unpack_from(tail, at)
    count, dir_size, location = end[4], end[5], tail_at + at
    extra = 0
    if location >= _END64_LOCATOR.size:
        fp.seek(location - _END64_LOCATOR.size)
        locator = fp.read(_END64_LOCATOR.size)
        if locator[:4] == _END64_LOCATOR_SIG and location >= _END64_LOCATOR.size + _END64.size:
            fp.seek(location - _END64_LOCATOR.size - _END64.size)
            record = fp.read(_END64.size)
            if len(record) == _END64.size and record[:4] == _END64_SIG:
                fields = _END64.unpack(record)
                count, dir_size = fields[7], fields[8]
                extra = _END64_LOCATOR.size + _END64.size
    start = location - dir_size - extra
    if start < 0:
        raise ZipRefused("not_zip", "không phải tệp .zip, hoặc tệp bị hỏng")
    return start, dir_size, count


def _largest_packed(method: int, size: int) -> int:
    """The most bytes an honest member of ``size`` inflated bytes takes when packed: stored,
    exactly its size; deflate, 9 bits a byte (fixed codes, the worst an encoder does) plus
    block headers."""
    return size if method == zipfile.ZIP_STORED else size + size // 8 + 1024


def _too_many(limits: ZipLimits) -> ZipRefused:
    return ZipRefused(
        "too_many", f"tệp .zip có quá nhiều tệp bên trong (trên {_count(limits.members)} tệp)"
    )


def _precheck(fp: BinaryIO, limits: ZipLimits) -> None:
    """Count the members in the raw table of contents; refuse too many before zipfile parses."""
    start, dir_size, declared = _directory(fp)
    if declared > limits.members or dir_size > limits.members * _ENTRY_BUDGET:
        raise _too_many(limits)
    fp.seek(start)
    table = fp.read(dir_size)
    pos = members = 0
    while pos + _CENTRAL.size <= len(table) and table[pos : pos + 4] == _CENTRAL_SIG:
        header = _CENTRAL.unpack_from(table, pos)
        pos += _CENTRAL.size + header[12] + header[13] + header[14]
        members += 1
        if members > limits.members:
            raise _too_many(limits)


class SafeZip:
    """A zip opened from a path or bytes and checked (see the module's docstring).

    Use it as a context manager. :attr:`entries` lists, in archive order, a :class:`Member`
    for each readable file and a :class:`ZipRefused` for each refused entry; folders are left
    out once their names have been checked.
    """

    def __init__(
        self,
        source: bytes | str | os.PathLike[str],
        limits: ZipLimits | None = None,
        *,
        nested: Iterable[str] = ARCHIVE_SUFFIXES,
    ) -> None:
        self.limits = limits or ZipLimits()
        self._fp = fp = _open_source(source)
        try:
            _precheck(fp, self.limits)
            self._zip = zipfile.ZipFile(fp)
        except ZipRefused:
            fp.close()
            raise
        except _ZIP_ERRORS as exc:
            fp.close()
            raise ZipRefused("not_zip", "không phải tệp .zip, hoặc tệp bị hỏng") from exc
        try:
            self.entries = self._survey(self._zip.infolist(), tuple(nested))
        except BaseException:
            self.close()
            raise

    def _survey(
        self, infos: list[zipfile.ZipInfo], nested: tuple[str, ...]
    ) -> list[Member | ZipRefused]:
        limits = self.limits
        if len(infos) > limits.members:
            raise _too_many(limits)
        if sum(i.file_size for i in infos) > limits.total:
            raise ZipRefused(
                "too_large", f"tệp .zip giải nén ra quá lớn (trên {_mb(limits.total)})"
            )
        entries: list[Member | ZipRefused] = []
        seen: set[str] = set()
        for info in infos:
            name = info.orig_filename
            shown = display_name(name)
            key = _fold(name).rstrip("/")
            problem = name_problem(name)
            suffix = archive_suffix(name, nested) if nested else ""
            if problem is not None:
                entries.append(ZipRefused("unsafe_name", problem, shown))
            elif _is_link(info):
                reason = "là liên kết (symlink) hoặc tệp đặc biệt, không phải tệp thường"
                entries.append(ZipRefused("link", reason, shown))
            elif key in seen:
                reason = "trùng tên với một tệp khác trong tệp .zip"
                entries.append(ZipRefused("duplicate", reason, shown))
            elif suffix and not info.is_dir():
                reason = f"tệp {suffix} nằm trong tệp .zip; hãy giải nén ra trước"
                entries.append(ZipRefused("nested", reason, shown))
            elif not info.is_dir():
                entries.append(Member(name, info.file_size, info))
            seen.add(key)
        return entries

    @property
    def members(self) -> list[Member]:
        """The readable files, in archive order."""
        return [e for e in self.entries if isinstance(e, Member)]

    @property
    def refused(self) -> list[ZipRefused]:
        """The refused entries, in archive order."""
        return [e for e in self.entries if isinstance(e, ZipRefused)]

    def chunks(self, member: Member) -> Iterator[bytes]:
        """A member's inflated bytes, :data:`CHUNK` at a time; :class:`ZipRefused` on a
        member too large, encrypted, compressed another way, damaged or lying about its size.
        """
        info, shown = member.info, member.display
        if info.file_size > self.limits.member:
            reason = f"giải nén ra quá lớn (trên {_mb(self.limits.member)})"
            raise ZipRefused("member_too_large", reason, shown)
        if info.flag_bits & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION):
            raise ZipRefused("encrypted", "được đặt mật khẩu nên không đọc được", shown)
        if info.compress_type not in _METHODS:
            reason = (
                "được nén theo kiểu không đọc được (chỉ đọc được kiểu nén thông thường); "
                "hãy nén lại bằng Windows: bấm chuột phải, chọn “Gửi tới” > “Thư mục nén”"
            )
            raise ZipRefused("method", reason, shown)
        mismatch = ZipRefused("size_mismatch", "bị hỏng (kích thước không khớp)", shown)
        if info.compress_size > _largest_packed(info.compress_type, info.file_size):
            raise mismatch  # more data than that size can take: it hides more than it says
        read = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    # One byte past the declared size is asked for, never more: that is how a
                    # member inflating past its size is caught without inflating it.
                    block = fh.read(min(CHUNK, info.file_size - read + 1))
                    if not block:
                        break
                    read += len(block)
                    if read > info.file_size:
                        raise mismatch
                    yield block
        except _ZIP_ERRORS as exc:
            raise ZipRefused("damaged", "bị hỏng, không giải nén được", shown) from exc
        if read != info.file_size:
            raise mismatch

    def read(self, member: Member) -> bytes:
        """A member's bytes (at most its declared size, itself within the limits)."""
        out = bytearray()
        for block in self.chunks(member):
            out += block
        return bytes(out)

    def verify(self, member: Member) -> None:
        """Inflate a member and throw the bytes away: does it read back whole and honest?"""
        for _ in self.chunks(member):
            pass

    def close(self) -> None:
        self._zip.close()
        self._fp.close()  # zipfile leaves a file object it was given open

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _open_source(source: bytes | str | os.PathLike[str]) -> BinaryIO:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    try:
        return open(source, "rb")  # closed by SafeZip.close
    except FileNotFoundError as exc:
        raise ZipRefused("unreadable", "không tìm thấy tệp") from exc
    except PermissionError as exc:
        raise ZipRefused("unreadable", "không có quyền đọc tệp") from exc
    except OSError as exc:
        raise ZipRefused("unreadable", "không đọc được tệp") from exc


def check_package(
    raw: bytes,
    *,
    required: Iterable[str | re.Pattern[str]] = (),
    limits: ZipLimits | None = None,
    nested: Iterable[str] = (),
) -> bytes:
    """``raw`` itself once it is a sound zip package, for python-docx or openpyxl to open.

    Every check of :class:`SafeZip` applies and any refusal is raised (the first, in archive
    order); each of ``required`` must name a member (a string exactly, a pattern in full) or
    :class:`ZipRefused` ``missing`` is raised; then every member is inflated once, bounded, to
    prove its size and CRC. Nested archives are allowed by default: an Office package keeps
    attachments the reader never opens.
    """
    wanted = list(required)
    with SafeZip(raw, limits, nested=nested) as package:
        for entry in package.entries:
            if isinstance(entry, ZipRefused):
                raise entry
        names = [m.name for m in package.members]
        for want in wanted:
            if isinstance(want, str):
                found = want in names
            else:
                found = any(want.fullmatch(n) for n in names)
            if not found:
                label = want if isinstance(want, str) else want.pattern
                raise ZipRefused("missing", f"thiếu phần “{label}”")
        for member in package.members:
            package.verify(member)
    return raw

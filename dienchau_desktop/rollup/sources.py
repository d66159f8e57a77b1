"""Where a roll-up's reports come from: draft files, folders, zip files, Word reports.

Communes send their reports by USB, Zalo or e-mail, so a province office points the program at
whatever arrived: a draft file (.json), a Word report (.docx), a folder of them (searched
recursively, without following links), or a .zip of them. Every file is read in memory and
nothing is ever written.

A zip is opened by :class:`~dienchau_desktop.safezip.SafeZip`, whose rules are this module's:
a zip with more than :data:`MAX_ZIP_MEMBERS` members, or whose members would inflate past
:data:`MAX_ZIP_UNPACKED`, is refused whole (a zip bomb); a member whose name climbs out of its
folder ("../x.json") or is absolute, a link, a second member of the same name and a zip inside
the zip are refused and named, the rest still read; a member is read bounded by the draft or
Word size limit, and refused when it is password-protected, damaged or lies about its size. In
folders and zips, files that are no report (a PDF, a picture) are skipped and listed; a file
named on the command line that is no report is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dienchau_desktop.draft import MAX_FILE_BYTES, Draft, DraftError, read_draft_bytes
from dienchau_desktop.rollup.tally import Entry
from dienchau_desktop.safezip import Member, SafeZip, ZipLimits, ZipRefused

MAX_ZIP_UNPACKED = 500 * 1024 * 1024
MAX_ZIP_MEMBERS = 20_000
MAX_WORD_BYTES = 50 * 1024 * 1024
REPORT_SUFFIXES = (".json", ".docx", ".doc")
_FOLDER_LIMIT = 100_000  # files looked at in one folder tree

# A Word report read into a draft: (its bytes, its name) -> Draft, or DraftError.
WordReader = Callable[[bytes, str], Draft]


@dataclass
class Gathered:
    entries: list[Entry] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    skipped: list[str] = field(default_factory=list)  # not reports, in folders or zips


def _read_bytes(data: bytes, name: str, suffix: str, read_word: WordReader) -> Draft:
    if suffix in (".docx", ".doc"):
        return read_word(data, PurePosixPath(name.replace("\\", "/")).name)
    return read_draft_bytes(data)


def _file(path: Path, out: Gathered, read_word: WordReader, *, named: bool) -> None:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as exc:
        out.refused.append((source, f"không đọc được tệp ({exc.strerror or exc})"))
        return
    if not regular:  # a pipe would be waited on forever, a device read without end
        if named or suffix in (*REPORT_SUFFIXES, ".zip"):
            out.refused.append((source, "không phải một tệp thường; bỏ qua"))
        else:
            out.skipped.append(source)
        return
    if suffix == ".zip":
        _zip(path, out, read_word)
        return
    if suffix not in REPORT_SUFFIXES:
        if named:
            out.refused.append((source, "không phải tệp nháp (.json), báo cáo Word hay tệp .zip"))
        else:
            out.skipped.append(source)
        return
    limit = MAX_WORD_BYTES if suffix != ".json" else MAX_FILE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            out.refused.append((source, f"tệp quá lớn ({size // (1024 * 1024)} MB)"))
            return
        data = path.read_bytes()
    except OSError as exc:
        out.refused.append((source, f"không đọc được tệp ({exc.strerror or exc})"))
        return
    try:
        out.entries.append(Entry(_read_bytes(data, path.name, suffix, read_word), source))
    except DraftError as exc:
        out.refused.append((source, str(exc)))


def _zip_limits() -> ZipLimits:
    # Read at each call, so that a test may lower a limit.
    return ZipLimits(members=MAX_ZIP_MEMBERS, total=MAX_ZIP_UNPACKED, member=MAX_WORD_BYTES)


def _zip(path: Path, out: Gathered, read_word: WordReader) -> None:
    source = str(path)
    try:
        archive = SafeZip(path, _zip_limits())
    except ZipRefused as exc:
        if exc.kind in ("too_many", "too_large"):
            out.refused.append((source, f"{exc.reason}; không đọc tệp này"))
        elif exc.kind == "not_zip":
            reason = "không phải tệp .zip đọc được (tệp bị hỏng hoặc chưa tải về hết)"
            out.refused.append((source, reason))
        else:
            out.refused.append((source, exc.reason))
        return
    with archive:
        for entry in archive.entries:
            if isinstance(entry, ZipRefused):
                reason = entry.reason if entry.kind == "nested" else f"{entry.reason}; bỏ qua"
                out.refused.append((f"{source}!{entry.member}", reason))
            elif entry.suffix not in REPORT_SUFFIXES:
                out.skipped.append(f"{source}!{entry.display}")
            else:
                _member(archive, entry, f"{source}!{entry.display}", out, read_word)


def _member(
    archive: SafeZip, member: Member, where: str, out: Gathered, read_word: WordReader
) -> None:
    limit = MAX_FILE_BYTES if member.suffix == ".json" else MAX_WORD_BYTES
    if member.size > limit:
        out.refused.append((where, f"tệp quá lớn (trên {limit // (1024 * 1024)} MB)"))
        return
    try:
        data = archive.read(member)
    except ZipRefused as exc:
        out.refused.append((where, f"tệp trong .zip {exc.reason}"))
        return
    try:
        read = _read_bytes(data, member.name, member.suffix, read_word)
        out.entries.append(Entry(read, where))
    except DraftError as exc:
        out.refused.append((where, str(exc)))


def _walk(folder: Path) -> Iterator[Path]:
    seen = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):  # hidden files, Word's lock files
                continue
            seen += 1
            if seen > _FOLDER_LIMIT:
                return
            yield Path(root) / name


def gather(paths: Iterable[str | os.PathLike[str]], read_word: WordReader) -> Gathered:
    """Every report found at ``paths``; what was refused, with the reason; what was skipped."""
    out = Gathered()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                if not found.is_symlink():
                    _file(found, out, read_word, named=False)
        elif path.is_file():
            _file(path, out, read_word, named=True)
        else:
            out.refused.append((str(path), "không có tệp hay thư mục này"))
    return out

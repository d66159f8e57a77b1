"""Where a roll-up's reports come from: draft files, folders, zip files, Word reports.

Communes send their reports by USB, Zalo or e-mail, so a province office points the program at
whatever arrived: a draft file (.json), a Word report (.docx), a folder of them (searched
recursively, without following links), or a .zip of them. Every file is read in memory and
nothing is ever written: a zip's member names are only names, so one that climbs out of its
folder ("../x.json") or is absolute is refused and named, never extracted.

Limits, so that a hostile file cannot exhaust the machine: a file or zip member over the draft
size limit is refused; a zip whose members would inflate past :data:`MAX_ZIP_UNPACKED` or that
holds more than :data:`MAX_ZIP_MEMBERS` members is refused whole (a zip bomb); a zip inside a zip
is refused and named. In folders and zips, files that are no report (a PDF, a picture) are
skipped and listed; a file named on the command line that is no report is refused.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dienchau_desktop.draft import MAX_FILE_BYTES, Draft, DraftError, read_draft_bytes
from dienchau_desktop.rollup.tally import Entry

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


def _read_bytes(data: bytes, name: str, read_word: WordReader) -> Draft:
    if name.lower().endswith((".docx", ".doc")):
        return read_word(data, PurePosixPath(name).name)
    return read_draft_bytes(data)


def _file(path: Path, out: Gathered, read_word: WordReader, *, named: bool) -> None:
    source = str(path)
    suffix = path.suffix.lower()
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
        out.entries.append(Entry(_read_bytes(data, path.name, read_word), source))
    except DraftError as exc:
        out.refused.append((source, str(exc)))


def _unsafe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.startswith(("/", "\\")) or ".." in parts or (bool(parts) and ":" in parts[0])


def _zip(path: Path, out: Gathered, read_word: WordReader) -> None:
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        out.refused.append((source, f"không phải tệp .zip đọc được ({exc})"))
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        unpacked = sum(m.file_size for m in members)
        if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_ZIP_UNPACKED:
            out.refused.append(
                (source, "tệp .zip giải nén ra quá lớn hoặc quá nhiều tệp; không đọc tệp này")
            )
            return
        for member in members:
            where = f"{source}!{member.filename}"
            lower = member.filename.lower()
            if _unsafe_member(member.filename):
                out.refused.append((where, "tên tệp trong .zip trỏ ra ngoài thư mục; bỏ qua"))
            elif lower.endswith(".zip"):
                out.refused.append((where, "tệp .zip nằm trong tệp .zip; hãy giải nén ra trước"))
            elif not lower.endswith(REPORT_SUFFIXES):
                out.skipped.append(where)
            elif member.file_size > (MAX_FILE_BYTES if lower.endswith(".json") else MAX_WORD_BYTES):
                out.refused.append((where, "tệp quá lớn"))
            else:
                _member(archive, member, where, out, read_word)


def _member(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    where: str,
    out: Gathered,
    read_word: WordReader,
) -> None:
    try:
        with archive.open(member) as fh:
            data = fh.read(member.file_size + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError) as exc:
        out.refused.append((where, f"không đọc được trong tệp .zip ({exc})"))
        return
    if len(data) > member.file_size:  # a member that inflates past what it declares
        out.refused.append((where, "tệp trong .zip bị hỏng (kích thước không khớp)"))
        return
    try:
        out.entries.append(Entry(_read_bytes(data, member.filename, read_word), where))
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

"""Bringing a Word report (.docx) into a new draft.

Communes send their report as the Word file they typed it in, laid out like the printed form:
a header block, "BÁO CÁO" and the subject, the preamble, the five-column table (TT, Nội dung,
Nội dung trả lời, Số liệu minh chứng, Ghi chú), the closing, "Nơi nhận" and the signature.
Typing that again by hand is where mistakes come from, so :func:`read_word` reads it back:
the table's rows into the answers and figures of the form's questions
(:mod:`~dienchau_desktop.word.reader_table`), the text around it into the general information
(:mod:`~dienchau_desktop.word.reader_meta`), Word's merged cells, lists, line breaks and old
TCVN3/VNI fonts handled on the way (:mod:`~dienchau_desktop.word.reader_text`).

Nothing the file says is dropped: what cannot be placed goes into the nearest question's note
and is listed in :attr:`WordImport.unplaced`, for the user to move. The draft is new and not
saved here. A file that is not a readable .docx is refused with a :class:`WordImportError`
whose message tells the user what to do (a Word 97–2003 ``.doc`` is to be saved as .docx).
Only python-docx and its lxml parse the file, and only once
:func:`~dienchau_desktop.safezip.check_package` has vetted the package whole (its size, its
parts' names and sizes, every part inflated once within the limits) and handed back the bytes.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx

from dienchau_desktop.datafile import read_bounded
from dienchau_desktop.draft import Draft, DraftError, new_draft
from dienchau_desktop.safezip import ZipLimits, ZipRefused, check_package
from dienchau_desktop.template import Template
from dienchau_desktop.word.reader_meta import read_back, read_front
from dienchau_desktop.word.reader_table import Collector, TableReader, header_roles
from dienchau_desktop.word.reader_text import Block, Cell, Styles, TextReader

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 10_000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word saves a password-protected .docx as an OLE2 file holding an "EncryptedPackage" stream.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_TOO_LARGE = ("too_many", "too_large", "member_too_large")
_MAIN_PART = re.compile(r"^word/document\d*\.xml$")
_SAVE_AS = (
    "Hãy mở tệp bằng Word, chọn “Lưu thành” (Save As), chọn kiểu “Word Document (*.docx)” "
    "rồi nhập tệp .docx vừa lưu."
)


class WordImportError(DraftError):
    """A file that cannot be read as a Word report; ``str()`` is a message for the user."""


@dataclass
class WordImport:
    """A Word report read into a new draft, with what went where."""

    draft: Draft
    placed: list[str] = field(default_factory=list)  # "I.2: câu trả lời (3 đoạn), 3 số liệu"
    unplaced: list[str] = field(default_factory=list)  # text put into a note instead
    missing: list[str] = field(default_factory=list)  # questions the file gave no answer


def read_word(
    source: str | os.PathLike[str] | bytes, template: Template, *, name: str = ""
) -> WordImport:
    """Read a .docx report (a path or its bytes) into a new draft of ``template``.

    ``name`` is the file's name for messages and the draft's title (a path's own name when
    empty). Raises :class:`WordImportError` for anything that is not a readable report.
    """
    if isinstance(source, bytes):
        raw = source
    else:
        name = name or Path(source).name
        raw = _read_file(Path(source), name)
    body, styles = _open(raw, name)
    return _import(TextReader(styles).body(body), template, name)


def _who(name: str) -> str:
    return f"“{name}”" if name else "này"


def _read_file(path: Path, name: str) -> bytes:
    return read_bounded(path, MAX_FILE_BYTES, WordImportError, "tệp Word", lambda _: _message(name))


def _message(name: str) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"Tệp {_who(name)} quá lớn (trên {limit} MB) để là một báo cáo Word."


def _damaged(name: str, why: str = "") -> WordImportError:
    detail = f" ({why})" if why else ""
    return WordImportError(
        f"Tệp Word {_who(name)} bị hỏng, không đọc được{detail}. "
        "Hãy mở tệp bằng Word, lưu lại rồi nhập lại."
    )


def _check_package(raw: bytes, name: str) -> bytes:
    """The package's bytes once they are a sound .docx, before any XML is parsed; else a
    refusal saying what the file is and what to do."""
    who = _who(name)
    if raw.startswith(_OLE2):
        if _ENCRYPTED_PACKAGE in raw:
            raise WordImportError(
                f"Tệp Word {who} được đặt mật khẩu nên chương trình không đọc được. Hãy mở tệp "
                "bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật "
                "khẩu, xóa mật khẩu), lưu lại rồi nhập lại."
            )
        raise WordImportError(
            f"Tệp {who} là tệp Word 97–2003 (.doc); chương trình chỉ đọc được tệp .docx. "
            + _SAVE_AS
        )
    if raw.lstrip().startswith(b"{\\rtf"):
        raise WordImportError(f"Tệp {who} là tệp RTF, không phải tệp Word .docx. " + _SAVE_AS)
    limits = ZipLimits(members=MAX_PARTS, total=MAX_UNPACKED_BYTES, member=MAX_UNPACKED_BYTES)
    try:
        return check_package(raw, required=[_MAIN_PART], limits=limits)
    except ZipRefused as exc:
        if exc.kind == "not_zip":
            raise WordImportError(f"Tệp {who} không phải là tệp Word (.docx).") from exc
        if exc.kind == "missing":
            raise WordImportError(
                f"Tệp {who} không phải là tệp Word (.docx): trong tệp không có nội dung văn bản."
            ) from exc
        if exc.kind == "encrypted":
            raise WordImportError(
                f"Tệp Word {who} có phần được đặt mật khẩu nên chương trình không đọc được. "
                "Hãy mở tệp bằng Word, lưu lại không đặt mật khẩu rồi nhập lại."
            ) from exc
        if exc.kind in _TOO_LARGE:
            raise _damaged(name, "nội dung giải nén ra lớn bất thường") from exc
        raise _damaged(name, f"phần {exc}" if exc.member else exc.reason) from exc


def _open(raw: bytes, name: str) -> tuple[Any, Styles]:
    """The document's body element and its styles, or a refusal."""
    vetted = _check_package(raw, name)
    try:
        document = docx.Document(io.BytesIO(vetted))
        return document.element.body, Styles(document.styles.element)
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken package
        raise _damaged(name) from exc


def _grid_width(rows: list[list[Cell]]) -> int:
    return max((c.col + c.span for row in rows for c in row), default=0)


def _report_table(blocks: list[Block]) -> tuple[int, int, list[list[Cell]], dict[int, str]]:
    """Where the report table is (first and past-last block), its rows and its columns.

    A table that Word users split in two (the header repeated, or the same columns) goes on.
    """
    for start, block in enumerate(blocks):
        head = (block.rows or [])[:2]
        roles = next((r for row in head if (r := header_roles(row)) is not None), None)
        if block.rows is None or roles is None:
            continue
        rows, end, width = list(block.rows), start + 1, _grid_width(block.rows)
        while end < len(blocks) and (more := blocks[end].rows):
            if header_roles(more[0]) is None and _grid_width(more) != width:
                break
            rows += more
            end += 1
        return start, end, rows, roles
    raise LookupError


def _import(blocks: list[Block], template: Template, name: str) -> WordImport:
    try:
        start, end, rows, roles = _report_table(blocks)
    except LookupError:
        raise WordImportError(
            f"Trong tệp {_who(name)} không có bảng báo cáo: cần một bảng có hàng tiêu đề "
            "“TT | Nội dung | Nội dung trả lời | Số liệu minh chứng | Ghi chú”."
        ) from None
    collector = Collector(template)
    front, front_rest = read_front(blocks[:start], template)
    for line in front_rest:
        collector.put_aside([line], "Đoạn văn trước bảng báo cáo", template.questions[0])
    TableReader(template, collector).read(rows, roles)
    back, back_rest = read_back(blocks[end:], template)
    for line in back_rest:
        collector.put_aside([line], "Đoạn văn sau bảng báo cáo")
    meta = {k: v for k, v in {**back, **front}.items() if template.meta_field(k) is not None}
    suffix = f" {name}" if name else ""
    draft = new_draft(template, title=f"{template.name} (nhập từ tệp Word{suffix})")
    draft.meta.update(meta)
    placed, missing = collector.finish(draft)
    labels = [f.label for f in template.meta_fields if meta.get(f.key)]
    if labels:
        placed.insert(0, f"Thông tin chung: {len(labels)} mục ({', '.join(labels)})")
    return WordImport(draft, placed, collector.unplaced, missing)

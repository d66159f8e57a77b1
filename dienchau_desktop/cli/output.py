"""What the command line writes: results to stdout, messages to stderr, in Vietnamese.

stdout carries only the result (a list, JSON, a new draft's id) so that it can be piped; every
sentence for the person at the keyboard goes to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dienchau_desktop.dates import stamp_text

if TYPE_CHECKING:
    from dienchau_desktop.store import DamagedDraft
    from dienchau_desktop.validation import Problem
    from dienchau_desktop.word.reader import WordImport


def out(text: str) -> None:
    """A result line (or block) on stdout."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader (e.g. ``| head``) has gone; the rest of the output has nowhere to go.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def err(text: str) -> None:
    """A message for the user on stderr."""
    print(text, file=sys.stderr, flush=True)


def error(text: str) -> None:
    """``Lỗi: …`` on stderr."""
    err(f"Lỗi: {text}")


def when(stamp: str) -> str:
    """A time stamp in a table column: ``13/04/2026 09:05`` local time, "—" when empty."""
    return stamp_text(stamp)


# --- problems ------------------------------------------------------------------------------


def _split(problems: Iterable[Problem]) -> tuple[list[Problem], list[Problem]]:
    listed = list(problems)
    return [p for p in listed if p.is_error], [p for p in listed if not p.is_error]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def problems_json(problems: Sequence[Problem]) -> str:
    errs, warns = _split(problems)
    return json.dumps(
        {"errors": [p.to_dict() for p in errs], "warnings": [p.to_dict() for p in warns]},
        ensure_ascii=False,
        indent=2,
    )


def problems_text(problems: Sequence[Problem]) -> str:
    errs, warns = _split(problems)
    lines = []
    if not problems:
        lines.append("Không có lỗi và không có cảnh báo. Báo cáo sẵn sàng để in bản chính thức.")
    else:
        lines.append(f"{len(errs)} lỗi, {len(warns)} cảnh báo.")
        if errs:
            lines.append("")
            lines.append("LỖI (phải sửa trước khi in bản chính thức):")
            lines.extend(f"  ✗ {p.message}" for p in errs)
        if warns:
            lines.append("")
            lines.append("CẢNH BÁO (nên xem lại):")
            lines.extend(f"  ! {p.message}" for p in warns)
    return "\n".join(lines)


# --- the sentences shared by several commands ----------------------------------------------


def final_refused(problems: Sequence[Problem], kind: str = "PDF") -> None:
    """Why the final copy was not printed, the errors, and how to print a draft copy instead."""
    err(f"Không in bản chính thức: báo cáo còn lỗi phải sửa. Tệp {kind} chưa được ghi.")
    err(problems_text(problems))
    err("Muốn in để xin ý kiến thì bỏ --final (bản in sẽ ghi “DỰ THẢO”).")


def damaged_sentence(damaged: DamagedDraft) -> str:
    """A damaged draft, with the command that recovers it (when a good version exists)."""
    text = damaged.sentence(
        f"Khôi phục bằng: dienchau-desktop drafts recover {damaged.draft_id}", ""
    )
    return f"Cảnh báo: {text[:1].lower()}{text[1:]}"


def data_warnings(damaged: Iterable[DamagedDraft], notices: Iterable[str]) -> None:
    """What the user should know about the data folder: damaged drafts, then the notices."""
    for d in damaged:
        err(damaged_sentence(d))
    for notice in notices:
        err(f"Cảnh báo: {notice}")


def word_import(result: WordImport, name: str) -> None:
    """What a Word report gave: what went where, what could not be placed, what is missing."""
    err(f"Đã đọc tệp Word “{name}”:")
    for line in result.placed:
        err(f"  {line}")
    if result.unplaced:
        count = len(result.unplaced)
        err(f"Cảnh báo: {count} đoạn chưa xếp được vào đúng chỗ, đã ghi vào phần ghi chú:")
        for line in result.unplaced:
            err(f"  {line}")
    if result.missing:
        err(f"Chưa có câu trả lời trong tệp: {', '.join(result.missing)}.")

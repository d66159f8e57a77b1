"""The draft: what the user typed for one report, and its versioned file format.

The draft file is also the exchange format between PCs::

    {"format": "dienchau-draft", "format_version": 1,
     "template": {"id": …, "version": …}, "meta": {…},
     "answers": {"<question id>": {"text": …, "figures": {…}, "note": …, …}}}

Values are kept as typed after cleaning (:mod:`dienchau_desktop.textclean`): an invalid figure is
stored and flagged by validation, never dropped or rounded. Reading a file checks it fully and
refuses anything that is not a draft with a Vietnamese message (:class:`DraftError`).
"""

from __future__ import annotations

import copy
import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.datafile import (
    DRAFT_ID_RE,
    PLACEHOLDER_RE,
    JSONBytesError,
    parse_json_bytes,
    parse_json_text,
    read_bounded,
)
from dienchau_desktop.dates import parse_date, short_date
from dienchau_desktop.paths import resource_path
from dienchau_desktop.textclean import clean_line, clean_text

DRAFT_FORMAT = "dienchau-draft"
DRAFT_FORMAT_VERSION = 1
EXAMPLE_FILE = ("examples", "kl62-dien-chau.json")
EXAMPLE_DRAFT_ID = "00000000000000000000000000000062"

# Limits that keep a hostile or broken file from hanging the program. A draft within them may
# still be too long to print in reasonable time: printing has its own limit, by pages
# (printed.MAX_PRINTED_PAGES), refused with a message saying which part to shorten.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
MAX_LINE_CHARS = 20_000
MAX_ITEMS = 2_000
MAX_NESTING = 12

_ANSWER_KEYS = ("text", "figures", "note", "extra_figures", "previous_figures")


class DraftError(ValueError):
    """A file that cannot be taken as a draft; ``str()`` is a message for the user."""


@dataclass
class ExtraFigure:
    """An evidence line the user added under a question."""

    label: str = ""
    value: str = ""


@dataclass
class Answer:
    text: str = ""
    figures: dict[str, str] = field(default_factory=dict)
    note: str = ""
    extra_figures: list[ExtraFigure] = field(default_factory=list)
    previous_figures: dict[str, str] = field(default_factory=dict)
    # Fields a newer program wrote; carried along untouched so nothing is lost.
    unknown: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.text.strip()
            or any(v.strip() for v in self.figures.values())
            or self.note.strip()
            or self.extra_figures
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.unknown)
        out.update(
            {
                "text": self.text,
                "figures": dict(self.figures),
                "note": self.note,
                "extra_figures": [{"label": e.label, "value": e.value} for e in self.extra_figures],
                "previous_figures": dict(self.previous_figures),
            }
        )
        return out


@dataclass
class Draft:
    template_id: str
    template_version: int
    meta: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.meta.get("draft_id", ""))

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    def answer(self, question_id: str) -> Answer:
        """The answer to a question, created empty when there is none yet."""
        if question_id not in self.answers:
            self.answers[question_id] = Answer()
        return self.answers[question_id]

    def get_answer(self, question_id: str) -> Answer:
        """The answer to a question without changing the draft (an empty one when missing)."""
        return self.answers.get(question_id) or Answer()

    def meta_text(self, key: str) -> str:
        value = self.meta.get(key, "")
        return value if isinstance(value, str) else ""

    def meta_lines(self, key: str) -> list[str]:
        value = self.meta.get(key, [])
        return [str(v) for v in value] if isinstance(value, list) else []

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": DRAFT_FORMAT,
            "format_version": DRAFT_FORMAT_VERSION,
            "template": {"id": self.template_id, "version": self.template_version},
            "meta": copy.deepcopy(self.meta),
            "answers": {qid: a.to_dict() for qid, a in self.answers.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def copy(self) -> Draft:
        return draft_from_dict(self.to_dict())


def new_draft_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


# The meta values the program keeps itself: a draft's identity and its times.
BOOKKEEPING_META = ("draft_id", "title", "created", "updated")


def restamp(meta: dict[str, Any], title: str) -> None:
    """Give a draft a new identity: a new id, ``title``, created and updated now.

    The one rule for every new draft: an empty one, a duplicate, a report carried over.
    """
    stamp = now_iso()
    meta.update({"draft_id": new_draft_id(), "title": title, "created": stamp, "updated": stamp})


def new_draft(template: Any, **meta: Any) -> Draft:
    """An empty draft of a template (a :class:`~dienchau_desktop.template.Template`)."""
    values = template.default_meta()
    restamp(values, template.name)
    values.update(meta)
    return Draft(template_id=template.id, template_version=template.version, meta=values)


# --- reading -------------------------------------------------------------------------------


def _depth(obj: Any, limit: int) -> int:
    """Nesting depth of parsed JSON, stopping once it passes ``limit``."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    deepest = 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


def _text(value: Any, where: str, *, multiline: bool) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DraftError(f"Tệp nháp có lỗi: “{where}” phải là chữ.")
    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    if len(value) > limit:
        raise DraftError(f"Tệp nháp có lỗi: “{where}” dài quá mức cho phép ({limit:,} ký tự).")
    return clean_text(value) if multiline else clean_line(value)


def _str_map(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DraftError(f"Tệp nháp có lỗi: “{where}” phải là một bảng giá trị.")
    if len(value) > MAX_ITEMS:
        raise DraftError(f"Tệp nháp có lỗi: “{where}” có quá nhiều mục.")
    out: dict[str, str] = {}
    for k, v in value.items():
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            raise DraftError(f"Tệp nháp có lỗi: “{where}.{k}” phải là chữ hoặc số.")
        # A number written by another tool is kept as its text: nothing is rounded.
        out[str(k)] = _text(
            str(v) if not isinstance(v, str) else v, f"{where}.{k}", multiline=False
        )
    return out


def _answer(value: Any, qid: str) -> Answer:
    where = f"answers.{qid}"
    if not isinstance(value, dict):
        raise DraftError(f"Tệp nháp có lỗi: “{where}” phải là một đối tượng.")
    extras_raw = value.get("extra_figures") or []
    if not isinstance(extras_raw, list) or len(extras_raw) > MAX_ITEMS:
        raise DraftError(f"Tệp nháp có lỗi: “{where}.extra_figures” phải là một danh sách.")
    extras = []
    for i, e in enumerate(extras_raw):
        if not isinstance(e, dict):
            raise DraftError(
                f"Tệp nháp có lỗi: “{where}.extra_figures[{i}]” phải là một đối tượng."
            )
        extras.append(
            ExtraFigure(
                label=_text(e.get("label"), f"{where}.extra_figures[{i}].label", multiline=False),
                value=_text(e.get("value"), f"{where}.extra_figures[{i}].value", multiline=False),
            )
        )
    return Answer(
        text=_text(value.get("text"), f"{where}.text", multiline=True),
        figures=_str_map(value.get("figures"), f"{where}.figures"),
        note=_text(value.get("note"), f"{where}.note", multiline=True),
        extra_figures=extras,
        previous_figures=_str_map(value.get("previous_figures"), f"{where}.previous_figures"),
        unknown={k: v for k, v in value.items() if k not in _ANSWER_KEYS},
    )


def _meta(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DraftError("Tệp nháp có lỗi: “meta” phải là một đối tượng.")
    if len(value) > MAX_ITEMS:
        raise DraftError("Tệp nháp có lỗi: “meta” có quá nhiều mục.")
    out: dict[str, Any] = {}
    for k, v in value.items():
        where = f"meta.{k}"
        if isinstance(v, list):
            if len(v) > MAX_ITEMS or not all(isinstance(x, str) for x in v):
                raise DraftError(f"Tệp nháp có lỗi: “{where}” phải là danh sách các dòng chữ.")
            lines = [_text(x, where, multiline=False) for x in v]
            out[k] = [x for x in lines if x]
        elif v is None:
            out[k] = ""
        elif isinstance(v, str):
            out[k] = _text(v, where, multiline=False)
        else:
            raise DraftError(f"Tệp nháp có lỗi: “{where}” phải là chữ.")
    draft_id = out.get("draft_id", "")
    if not (isinstance(draft_id, str) and DRAFT_ID_RE.match(draft_id)):
        out["draft_id"] = new_draft_id()
    return out


# Step-by-step migrations: MIGRATIONS[n] turns a format_version n document into n + 1.
# Version 1 is the first published format, so the chain is empty today; each later format
# adds one function here, and older files are upgraded through every step in turn.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data["format_version"]
    while version < DRAFT_FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DraftError(
                f"Tệp nháp theo định dạng phiên bản {version}, phiên bản này không còn được hỗ trợ."
            )
        data = step(copy.deepcopy(data))
        version += 1
        data["format_version"] = version
    return data


# A form's id names its file (``kl62.json``): one too long for a file name names no form, and
# looking it up would fail in the operating system rather than say so.
_MAX_TEMPLATE_ID_CHARS = 200


def draft_from_dict(data: Any) -> Draft:
    """Check a parsed draft document fully and build the draft (cleaning every value)."""
    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        raise DraftError("Tệp này không phải tệp nháp báo cáo của chương trình.")
    if _depth(data, MAX_NESTING) > MAX_NESTING:
        raise DraftError("Tệp nháp có cấu trúc lồng nhau quá sâu, không phải tệp nháp hợp lệ.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError("Tệp nháp thiếu số phiên bản định dạng hợp lệ.")
    if version > DRAFT_FORMAT_VERSION:
        raise DraftError(
            f"Tệp nháp được tạo bằng phiên bản chương trình mới hơn (định dạng {version}). "
            "Hãy cập nhật chương trình để mở tệp này; tệp không bị thay đổi."
        )
    data = migrate(data)
    tpl = data.get("template")
    if not isinstance(tpl, dict):
        raise DraftError("Tệp nháp có lỗi: thiếu thông tin mẫu báo cáo (“template”).")
    tid, tver = tpl.get("id"), tpl.get("version")
    if not isinstance(tid, str) or not tid or not isinstance(tver, int) or isinstance(tver, bool):
        raise DraftError("Tệp nháp có lỗi: “template” phải có “id” (chữ) và “version” (số).")
    if len(tid) > _MAX_TEMPLATE_ID_CHARS:
        raise DraftError("Tệp nháp có lỗi: “template.id” quá dài, không phải mã mẫu báo cáo nào.")
    answers_raw = data.get("answers", {})
    if not isinstance(answers_raw, dict) or len(answers_raw) > MAX_ITEMS:
        raise DraftError("Tệp nháp có lỗi: “answers” phải là một đối tượng.")
    answers = {str(qid): _answer(a, str(qid)) for qid, a in answers_raw.items()}
    return Draft(
        template_id=tid,
        template_version=tver,
        meta=_meta(data.get("meta", {})),
        answers=answers,
    )


def _refusal(exc: JSONBytesError, size: int) -> DraftError:
    """Why a file is not a draft, for the user, from why it is not JSON."""
    if exc.kind == "size":
        return DraftError(f"Tệp quá lớn ({size / 1024 / 1024:.0f} MB) để là một tệp nháp báo cáo.")
    if exc.kind == "binary":
        return DraftError("Tệp này không phải tệp nháp báo cáo (có dữ liệu nhị phân).")
    if exc.kind == "encoding":
        return DraftError("Tệp này không phải tệp nháp báo cáo (không phải chữ UTF-8).")
    if exc.kind == "nesting":
        return DraftError("Tệp nháp có cấu trúc lồng nhau quá sâu, không phải tệp nháp hợp lệ.")
    if exc.kind == "number":
        return DraftError(
            "Tệp nháp có một con số dài hàng nghìn chữ số, không phải tệp nháp hợp lệ."
        )
    return DraftError(
        f"Tệp nháp bị hỏng: không đọc được nội dung (dòng {exc.lineno}, cột {exc.colno})."
    )


def draft_from_json(text: str) -> Draft:
    try:
        data = parse_json_text(text)
    except JSONBytesError as exc:
        raise _refusal(exc, len(text)) from exc
    return draft_from_dict(data)


def read_draft_bytes(raw: bytes) -> Draft:
    try:
        data = parse_json_bytes(raw, limit=MAX_FILE_BYTES)
    except JSONBytesError as exc:
        raise _refusal(exc, len(raw)) from exc
    return draft_from_dict(data)


def read_draft_file(path: str | os.PathLike[str]) -> Draft:
    """Read a draft file, refusing with a :class:`DraftError` whatever is not a good draft."""
    raw = read_bounded(
        Path(path),
        MAX_FILE_BYTES,
        DraftError,
        "tệp nháp",
        lambda size: f"Tệp quá lớn ({size / 1024 / 1024:.0f} MB) để là một tệp nháp báo cáo.",
    )
    return read_draft_bytes(raw)


def write_draft_file(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write a draft file atomically (UTF-8)."""
    atomic_write(path, draft.to_json().encode("utf-8"))


def example_path() -> Path:
    return resource_path(*EXAMPLE_FILE)


def example_draft() -> Draft:
    """The bundled example: the real report of xã Diễn Châu."""
    return read_draft_file(example_path())


def fill_placeholders(text: str, meta: dict[str, Any]) -> str:
    """Put meta values into a template sentence; dates are written ``13/4/2026``.

    An empty value leaves a visible gap (``…``) rather than a silently broken sentence.
    """

    def value(m: re.Match[str]) -> str:
        raw = meta.get(m.group(1), "")
        if isinstance(raw, list):
            raw = ", ".join(str(x) for x in raw)
        raw = str(raw).strip()
        if not raw:
            return "…"
        parsed = parse_date(raw) if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw) else None
        return short_date(parsed) if parsed else raw

    return PLACEHOLDER_RE.sub(value, text)

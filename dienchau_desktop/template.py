"""The report form as data: loading and checking a template file.

A template says what a report asks: its sections, questions, evidence figures (with kind, unit,
required flag and hint), the general-information fields, and the fixed text around the answers.
Adding a new report form is adding a file under ``resources/templates/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dienchau_desktop.datafile import (
    NAME_RE,
    PLACEHOLDER_RE,
    MistakeCollector,
    header_problems,
    read_json_data,
    template_path,
)
from dienchau_desktop.paths import resource_path

TEMPLATE_FORMAT = "dienchau-template"
TEMPLATE_FORMAT_VERSION = 1
FIGURE_KINDS = ("count", "percent", "money", "ratio", "range", "text")
META_KINDS = ("text", "date", "lines")
DEFAULT_TEMPLATE_ID = "kl62"


class TemplateError(ValueError):
    """A template file with a mistake; the message names the file and the place."""


@dataclass(frozen=True)
class FigureSpec:
    id: str
    label: str
    kind: str
    unit: str
    required: bool
    hint: str


@dataclass(frozen=True)
class Question:
    id: str
    number: str  # printed in the TT column: the position in its section
    prompt: str
    answer_required: bool
    figures: tuple[FigureSpec, ...]
    section_id: str

    def figure(self, figure_id: str) -> FigureSpec | None:
        return next((f for f in self.figures if f.id == figure_id), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class MetaField:
    key: str
    label: str
    kind: str
    required: bool
    hint: str
    default: str | list[str]
    group: str = ""  # the heading it is shown under on the general-information page
    remember: bool = False  # offered again in the next new report (who signs, which bodies …)
    per_report: bool = False  # belongs to one report only: cleared in a report made from it


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    name: str
    document_kind: str
    document_symbol: str
    summary: str
    preamble: str
    closing: str
    meta_fields: tuple[MetaField, ...]
    sections: tuple[Section, ...]
    source: str = ""
    _questions: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for section in self.sections:
            for q in section.questions:
                self._questions[q.id] = q

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def meta_field(self, key: str) -> MetaField | None:
        return next((m for m in self.meta_fields if m.key == key), None)

    def default_meta(self) -> dict[str, Any]:
        """Meta values a new draft starts with."""
        meta: dict[str, Any] = {}
        for mf in self.meta_fields:
            meta[mf.key] = list(mf.default) if isinstance(mf.default, list) else mf.default
        if not meta.get("subject"):
            meta["subject"] = self.summary
        if not meta.get("document_symbol"):
            meta["document_symbol"] = self.document_symbol
        return meta


class _Checker(MistakeCollector):
    """Reads a parsed JSON template, collecting every mistake with its place."""

    def text(self, obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{where}.{key}" if where else key, "thiếu (bắt buộc)")
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}" if where else key, "phải là chuỗi chữ")
            return ""
        return value

    def flag(self, obj: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", "phải là true hoặc false")
            return default
        return value

    def ident(self, obj: dict[str, Any], where: str, seen: set[str], what: str) -> str:
        value = self.text(obj, "id", where)
        if value and not NAME_RE.match(value):
            self.fail(f"{where}.id", f"mã {what} “{value}” chỉ được dùng chữ không dấu, số, . _ -")
        if value in seen:
            self.fail(f"{where}.id", f"mã {what} “{value}” bị trùng")
        seen.add(value)
        return value

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{where}.{key}" if where else key, "phải là một danh sách")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(
                    f"{where}.{key}[{i}]" if where else f"{key}[{i}]", "phải là một đối tượng"
                )
                continue
            out.append(item)
        return out


def parse_template(data: Any, source: str = "<template>") -> Template:
    """Check a template's parsed JSON and build it; raise TemplateError listing every mistake."""
    chk = _Checker(source)
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: mẫu báo cáo phải là một đối tượng JSON")
    for where, message in header_problems(data, TEMPLATE_FORMAT, TEMPLATE_FORMAT_VERSION):
        chk.fail(where, message)
    tid = chk.text(data, "id", "")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        chk.fail("version", "phải là số nguyên dương")
        version = 1

    meta_fields: list[MetaField] = []
    seen_keys: set[str] = set()
    for i, mf in enumerate(chk.items(data, "meta_fields", "")):
        where = f"meta_fields[{i}]"
        key = chk.text(mf, "key", where)
        if key in seen_keys:
            chk.fail(f"{where}.key", f"trường “{key}” bị trùng")
        seen_keys.add(key)
        kind = chk.text(mf, "kind", where)
        if kind and kind not in META_KINDS:
            chk.fail(
                f"{where}.kind", f"loại “{kind}” không có; dùng một trong {', '.join(META_KINDS)}"
            )
        default: Any = mf.get("default", [] if kind == "lines" else "")
        if kind == "lines":
            if not isinstance(default, list) or not all(isinstance(x, str) for x in default):
                chk.fail(f"{where}.default", "phải là danh sách chuỗi")
                default = []
        elif not isinstance(default, str):
            chk.fail(f"{where}.default", "phải là chuỗi chữ")
            default = ""
        meta_fields.append(
            MetaField(
                key=key,
                label=chk.text(mf, "label", where),
                kind=kind,
                required=chk.flag(mf, "required", where, False),
                hint=chk.text(mf, "hint", where, required=False),
                default=default,
                group=chk.text(mf, "group", where, required=False),
                remember=chk.flag(mf, "remember", where, False),
                per_report=chk.flag(mf, "per_report", where, False),
            )
        )

    sections: list[Section] = []
    seen_sections: set[str] = set()
    seen_questions: set[str] = set()
    for si, sec in enumerate(chk.items(data, "sections", "")):
        swhere = f"sections[{si}]"
        sid = chk.ident(sec, swhere, seen_sections, "phần")
        questions: list[Question] = []
        for qi, q in enumerate(chk.items(sec, "questions", swhere)):
            qwhere = f"{swhere}.questions[{qi}]"
            qid = chk.ident(q, qwhere, seen_questions, "câu hỏi")
            figures: list[FigureSpec] = []
            seen_figures: set[str] = set()
            for fi, fig in enumerate(chk.items(q, "figures", qwhere)):
                fwhere = f"{qwhere}.figures[{fi}]"
                fid = chk.ident(fig, fwhere, seen_figures, "số liệu")
                kind = chk.text(fig, "kind", fwhere)
                if kind and kind not in FIGURE_KINDS:
                    chk.fail(
                        f"{fwhere}.kind",
                        f"loại “{kind}” không có; dùng một trong {', '.join(FIGURE_KINDS)}",
                    )
                figures.append(
                    FigureSpec(
                        id=fid,
                        label=chk.text(fig, "label", fwhere),
                        kind=kind,
                        unit=chk.text(fig, "unit", fwhere, required=False),
                        required=chk.flag(fig, "required", fwhere, True),
                        hint=chk.text(fig, "hint", fwhere, required=False),
                    )
                )
            questions.append(
                Question(
                    id=qid,
                    number=str(qi + 1),
                    prompt=chk.text(q, "prompt", qwhere),
                    answer_required=chk.flag(q, "answer_required", qwhere, True),
                    figures=tuple(figures),
                    section_id=sid,
                )
            )
        if not questions:
            chk.fail(f"{swhere}.questions", "phần nào cũng cần ít nhất một câu hỏi")
        sections.append(
            Section(id=sid, title=chk.text(sec, "title", swhere), questions=tuple(questions))
        )
    if not sections:
        chk.fail("sections", "mẫu cần ít nhất một phần")

    preamble = chk.text(data, "preamble", "", required=False)
    closing = chk.text(data, "closing", "", required=False)
    for key, text in (("preamble", preamble), ("closing", closing)):
        for name in PLACEHOLDER_RE.findall(text):
            if name not in seen_keys:
                chk.fail(key, f"chỗ điền {{{name}}} không phải trường thông tin chung nào")

    if chk.errors:
        raise TemplateError("Mẫu báo cáo có lỗi:\n" + "\n".join(chk.errors))
    return Template(
        id=tid,
        version=int(version),
        name=chk.text(data, "name", "", required=False) or tid,
        document_kind=chk.text(data, "document_kind", "", required=False) or "BÁO CÁO",
        document_symbol=chk.text(data, "document_symbol", "", required=False),
        summary=chk.text(data, "summary", ""),
        preamble=preamble,
        closing=closing,
        meta_fields=tuple(meta_fields),
        sections=tuple(sections),
        source=source,
    )


def load_template_file(path: Path) -> Template:
    """Load and check one template file."""
    return parse_template(read_json_data(path, TemplateError, "tệp mẫu"), str(path))


_CACHE: dict[str, Template] = {}


def load_template(template_id: str = DEFAULT_TEMPLATE_ID) -> Template:
    """The bundled template with this id (cached)."""
    if template_id not in _CACHE:
        path = template_path(template_id)
        if path is None:
            raise TemplateError(f"mã mẫu báo cáo không hợp lệ: “{template_id}”")
        try:
            found = path.is_file()
        except OSError:  # e.g. an id too long to be a file name: no such form either
            found = False
        if not found:
            raise TemplateError(f"Không có mẫu báo cáo “{template_id}” trong chương trình này.")
        template = load_template_file(path)
        if template.id != template_id:
            raise TemplateError(f"{path}: id “{template.id}” khác tên tệp “{template_id}”")
        _CACHE[template_id] = template
    return _CACHE[template_id]


def available_templates() -> list[Template]:
    """Every bundled template that loads."""
    out = []
    for path in sorted(resource_path("templates").glob("*.json")):
        out.append(load_template(path.stem))
    return out

"""Many communes' reports added up, figure by figure, the way a careful clerk would.

Every value comes from the figure reader (:func:`~dienchau_desktop.figures.parse_figure`), the
same reading that checks the figure as it is typed; nothing is re-read in a new way here. By
the kind the form gives each figure:

- counts, money and ranges: the low ends and the high ends are summed (a single number is its
  own low and high end), so "5 – 6 triệu" and "4 triệu" add up to "9 – 10 triệu";
- ratios (8/8): parts and wholes are summed apart, 8/8 + 7/8 = 15/16;
- percentages are never summed: their minimum, maximum and median, and how many gave one; nor
  are averages ("Bình quân hỗ trợ …": a figure whose label says it is one), for the same reason;
- a qualifier ("trên 85%", "khoảng 500") keeps its value and marks the total: at least, at
  most, or approximate;
- a missing value, one that cannot be read, or one of the wrong shape (a ratio where a count is
  asked) is shown as such in its cell, left out of the total and counted.

Across communes: the same commune twice (same issuing body, same form) keeps the newer report
and lists the older one as replaced; a draft of another form or form version is matched by
figure id, and what matches no column is listed; every commune's errors and warnings are those
of the one validation.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from dienchau_desktop.draft import Draft
from dienchau_desktop.figures import (
    FigureSyntaxError,
    Shape,
    fold,
    format_number,
    parse_figure,
    qualifier_bound,
)
from dienchau_desktop.rollup import processes
from dienchau_desktop.template import Template, TemplateError, load_template
from dienchau_desktop.validation import validate

ADDED = ("count", "money", "range")  # kinds whose values are summed, low and high ends apart
BOUND_WORDS = {"at_least": "ít nhất", "at_most": "không quá", "approximate": "khoảng"}


@dataclass(frozen=True)
class Entry:
    """A draft to tally and where it came from (a file's path, a member of a zip, the store)."""

    draft: Draft
    source: str


@dataclass(frozen=True)
class Column:
    """One figure of the form: a column of the summary."""

    key: str  # "II.3/tong_kinh_phi"
    question_id: str
    question: str  # what the summary shows for the question: "II.3"
    prompt: str
    figure_id: str
    label: str
    unit: str
    kind: str


@dataclass(frozen=True)
class Value:
    """One commune's figure as the tally reads it."""

    raw: str  # as typed; "" when missing
    state: str  # "ok" | "missing" | "unreadable" | "unusable" | "text"
    low: Decimal | None = None  # the number; a range's low end; a ratio's part; a percentage
    high: Decimal | None = None  # a range's high end (equal to ``low`` for one number)
    whole: Decimal | None = None  # a ratio's whole
    bound: str = ""  # "" (exact) | "at_least" | "at_most" | "approximate"
    note: str = ""  # why a value is unreadable or unusable, in Vietnamese

    @property
    def counted(self) -> bool:
        return self.state == "ok"


@dataclass
class Commune:
    """One report in the tally."""

    name: str  # the commune (general information), else the issuing body, else the title
    issuing_body: str
    source: str
    draft_id: str
    title: str
    updated: str
    report_date: str
    template_id: str
    template_version: int
    values: dict[str, Value] = field(default_factory=dict)  # by column key
    answers: dict[str, str] = field(default_factory=dict)  # question id -> the narrative answer
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "II.3 Tổng kinh phí cấp/năm"
    unmatched: list[str] = field(default_factory=list)  # figures of another form with no column
    replaced_by: str = ""  # the source of the newer report of the same commune, when replaced


@dataclass(frozen=True)
class Total:
    """A column's total over the communes tallied."""

    kind: str
    given: int  # values counted in the total
    missing: int  # communes that gave none
    unreadable: int  # values that could not be counted (unreadable or of the wrong shape)
    low: Decimal | None = None  # sum of numbers / low ends / parts
    high: Decimal | None = None  # sum of high ends
    whole: Decimal | None = None  # sum of wholes (ratios)
    minimum: Decimal | None = None  # percentages
    maximum: Decimal | None = None
    median: Decimal | None = None
    bound: str = ""
    text: str = ""  # the total as the summary shows it, in Vietnamese


@dataclass
class Rollup:
    """The tally of many reports of one form."""

    template: Template
    columns: list[Column]
    communes: list[Commune]  # tallied, in the order of their names
    replaced: list[Commune]  # older reports of a commune that is also there newer: not tallied
    totals: dict[str, Total]
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    skipped: list[str] = field(default_factory=list)  # files in folders that are no report

    def to_json(self) -> dict[str, Any]:
        """The tally for other programs: plain JSON types, numbers as numbers."""
        return {
            "form": {"id": self.template.id, "version": self.template.version},
            "columns": [c.__dict__ for c in self.columns],
            "communes": [_commune_json(c) for c in self.communes],
            "replaced": [_commune_json(c) for c in self.replaced],
            "totals": {k: _total_json(t) for k, t in self.totals.items()},
            "refused": [{"source": s, "reason": r} for s, r in self.refused],
            "skipped": list(self.skipped),
        }


# --- reading one value ---------------------------------------------------------------------


def read_value(raw: str, kind: str) -> Value:
    """A commune's figure for a column of ``kind``, as the tally counts it."""
    text = " ".join(raw.split())
    if not text:
        return Value("", "missing")
    if kind == "text":
        return Value(text, "text")
    try:
        fig = parse_figure(text)
    except FigureSyntaxError as exc:
        return Value(text, "unreadable", note=str(exc))
    bound = qualifier_bound(fig.qualifier)
    if kind == "ratio":
        if fig.shape is not Shape.RATIO:
            return Value(text, "unusable", bound=bound, note="không phải dạng tỷ số (ví dụ 8/8)")
        return Value(text, "ok", fig.value, fig.value, fig.whole, bound)
    if fig.shape is Shape.RATIO:
        if kind == "percent" and fig.whole:
            share = fig.value * 100 / fig.whole
            return Value(text, "ok", share, share, None, bound)
        return Value(text, "unusable", bound=bound, note="là một tỷ số, không cộng được")
    high = fig.high if fig.shape is Shape.RANGE and fig.high is not None else fig.value
    if kind == "percent" and high != fig.value:  # "5 – 6%"
        middle = (fig.value + high) / 2  # a range of percentages counts as its middle, about
        return Value(text, "ok", middle, middle, None, "approximate")
    return Value(text, "ok", fig.value, high, None, bound)


# --- totals --------------------------------------------------------------------------------


def _bound(values: Sequence[Value]) -> str:
    kinds = {v.bound for v in values} - {""}
    if not kinds:
        return ""
    if len(kinds) == 1:
        return kinds.pop()
    return "approximate"


def _middle(value: Value) -> Decimal:
    """One number for a value: a range counts as its middle."""
    low = value.low if value.low is not None else Decimal(0)
    return (low + value.high) / 2 if value.high is not None else low


def _amount(value: Decimal, unit: str) -> str:
    return f"{format_number(value)} {unit}".strip()


def _percent(value: Decimal) -> str:
    try:
        shown = value.quantize(Decimal("0.1"))
    except InvalidOperation:  # more digits than the decimal context holds: shown as it is
        shown = value
    return f"{format_number(shown)}%"


def averaged(column: Column) -> bool:
    """A figure that is an average ("Bình quân hỗ trợ …/thôn"): never summed, like a percentage.

    Adding up each commune's average per village would give a number that means nothing.
    """
    return fold(column.label).startswith(("binh quan", "trung binh"))


def total(column: Column, values: Sequence[Value]) -> Total:
    """The total of one column over the communes' values."""
    counted = [v for v in values if v.counted]
    missing = sum(1 for v in values if v.state == "missing")
    bad = sum(1 for v in values if v.state in ("unreadable", "unusable"))
    base: dict[str, Any] = {"kind": column.kind, "given": len(counted), "missing": missing}
    base["unreadable"] = bad
    if column.kind == "text":
        given = sum(1 for v in values if v.state == "text")
        return Total(**{**base, "given": given}, text=f"{given} xã có ghi")
    if not counted:
        return Total(**base, text="—")
    bound = _bound(counted)
    prefix = f"{BOUND_WORDS[bound]} " if bound else ""
    unit = column.unit.strip()
    if column.kind == "percent" or averaged(column):
        shares = sorted(_middle(v) for v in counted)
        low, high = shares[0], shares[-1]
        middle = Decimal(statistics.median(shares))
        show = _percent if column.kind == "percent" else lambda d: _amount(d, unit)
        text = show(low) if low == high else f"{show(low)} – {show(high)}, trung vị {show(middle)}"
        return Total(**base, minimum=low, maximum=high, median=middle, bound=bound, text=text)
    low = sum((v.low for v in counted if v.low is not None), Decimal(0))
    if column.kind == "ratio":
        whole = sum((v.whole for v in counted if v.whole is not None), Decimal(0))
        text = f"{prefix}{format_number(low)}/{format_number(whole)} {unit}".strip()
        return Total(**base, low=low, whole=whole, bound=bound, text=text)
    high = sum((v.high for v in counted if v.high is not None), Decimal(0))
    if high != low:
        text = f"{prefix}{format_number(low)} – {_amount(high, unit)}"
    else:
        text = f"{prefix}{_amount(low, unit)}"
    return Total(**base, low=low, high=high, bound=bound, text=text)


# --- the communes --------------------------------------------------------------------------


def columns_of(template: Template) -> list[Column]:
    """Every figure of the form, in the form's order."""
    out = []
    for section in template.sections:
        for q in section.questions:
            shown = q.id if q.id == section.id else f"{section.id}.{q.number}" if q.number else q.id
            for spec in q.figures:
                key = f"{q.id}/{spec.id}"
                out.append(
                    Column(key, q.id, shown, q.prompt, spec.id, spec.label, spec.unit, spec.kind)
                )
    return out


def _name(draft: Draft) -> str:
    for key in ("commune", "issuing_body"):
        text = " ".join(draft.meta_text(key).split())
        if text:
            return text
    return draft.title or draft.id


@functools.lru_cache(maxsize=16)
def _installed_form(template_id: str) -> Template | None:
    """A form by its id, read once per roll-up process (None when this program has none)."""
    try:
        return load_template(template_id)
    except TemplateError:
        return None


def _own_form(draft: Draft, template: Template) -> Template | None:
    if draft.template_id == template.id and draft.template_version == template.version:
        return template
    return _installed_form(draft.template_id)


@dataclass(frozen=True)
class _Index:
    """The columns looked up, built once per tally (not once per commune)."""

    columns: Sequence[Column]
    by_key: dict[str, Column]
    by_figure: dict[str, list[Column]]
    required: frozenset[str]

    @classmethod
    def of(cls, template: Template, columns: Sequence[Column]) -> _Index:
        by_figure: dict[str, list[Column]] = {}
        for c in columns:
            by_figure.setdefault(c.figure_id, []).append(c)
        required = set()
        for c in columns:
            spec = template.question(c.question_id)
            figure = spec.figure(c.figure_id) if spec else None
            if figure is not None and figure.required:
                required.add(c.key)
        return cls(columns, {c.key: c for c in columns}, by_figure, frozenset(required))


def _commune(entry: Entry, template: Template, index: _Index) -> Commune:
    draft = entry.draft
    commune = Commune(
        name=_name(draft),
        issuing_body=" ".join(draft.meta_text("issuing_body").split()),
        source=entry.source,
        draft_id=draft.id,
        title=draft.title,
        updated=draft.meta_text("updated"),
        report_date=draft.meta_text("report_date"),
        template_id=draft.template_id,
        template_version=draft.template_version,
    )
    for qid, answer in draft.answers.items():
        if answer.text.strip():
            commune.answers[qid] = answer.text
        for fid, raw in answer.figures.items():
            column = index.by_key.get(f"{qid}/{fid}")
            if column is None:  # another form or version: the figure id alone, when unique
                matches = index.by_figure.get(fid, [])
                column = matches[0] if len(matches) == 1 else None
            if column is None or column.key in commune.values:
                if raw.strip():
                    commune.unmatched.append(f"{qid} {fid}: {raw.strip()}")
                continue
            commune.values[column.key] = read_value(raw, column.kind)
    for c in index.columns:
        value = commune.values.setdefault(c.key, Value("", "missing"))
        if value.state == "missing" and c.key in index.required:
            commune.missing.append(f"{c.question} {c.label}")
    form = _own_form(draft, template)
    if form is None:
        commune.warnings.append(
            f"Không có mẫu “{draft.template_id}” để kiểm tra báo cáo này; "
            "số liệu được ghép theo mã."
        )
    else:
        for problem in validate(draft, form):
            (commune.errors if problem.is_error else commune.warnings).append(problem.message)
    return commune


def name_order(name: str) -> tuple[tuple[int, int, str], ...]:
    """How names sort: without tone marks, and numbers by value ("xã Số 2" before "xã Số 10")."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, fold(part))
        for part in re.split(r"(\d+)", name)
        if part
    )


def _newer(a: Commune, b: Commune) -> bool:
    return (a.updated, a.report_date) > (b.updated, b.report_date)


# From this many reports on, they are read and checked in other processes, one per core.
PARALLEL_FROM = 200
_WORKER: tuple[Template, _Index] | None = None  # the form, in a worker process


def _start_worker(template: Template, columns: list[Column]) -> None:
    global _WORKER
    _WORKER = (template, _Index.of(template, columns))


def _commune_in_worker(entry: Entry) -> Commune:
    assert _WORKER is not None, "the worker process was started without its form"
    return _commune(entry, *_WORKER)


def _communes(entries: Sequence[Entry], template: Template, columns: list[Column]) -> list[Commune]:
    """Each entry read against the form, validated: in other processes for a big roll-up."""
    cores = processes.cores()
    if len(entries) >= PARALLEL_FROM and cores > 1:
        pool = processes.spawn_pool(cores, _start_worker, (template, columns))
        if pool is not None:
            chunk = max(1, len(entries) // (4 * cores))
            try:
                with pool:
                    return list(pool.map(_commune_in_worker, entries, chunksize=chunk))
            except processes.POOL_FAILURES:
                pass  # no process could do it: done here instead
    index = _Index.of(template, columns)
    return [_commune(entry, template, index) for entry in entries]


def tally(entries: Sequence[Entry], template: Template) -> Rollup:
    """The tally of ``entries`` against ``template``'s figures."""
    columns = columns_of(template)
    kept: dict[tuple[str, str], Commune] = {}
    replaced: list[Commune] = []
    for commune in _communes(entries, template, columns):
        key = (fold(commune.issuing_body or commune.name), commune.template_id)
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = commune
            continue
        newer, older = (commune, earlier) if _newer(commune, earlier) else (earlier, commune)
        older.replaced_by = newer.source
        replaced.append(older)
        kept[key] = newer
    communes = sorted(kept.values(), key=lambda c: (name_order(c.name), c.name, c.source))
    totals = {c.key: total(c, [m.values[c.key] for m in communes]) for c in columns}
    replaced.sort(key=lambda c: (name_order(c.name), c.source))
    return Rollup(template, columns, communes, replaced, totals)


# --- JSON ----------------------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _total_json(t: Total) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": t.kind, "given": t.given, "missing": t.missing}
    out["unreadable"] = t.unreadable
    for name in ("low", "high", "whole", "minimum", "maximum", "median"):
        value = getattr(t, name)
        if value is not None:
            out[name] = _number(value)
    out.update(bound=t.bound, text=t.text)
    return out


def _commune_json(c: Commune) -> dict[str, Any]:
    values = {}
    for key, v in c.values.items():
        item: dict[str, Any] = {"raw": v.raw, "state": v.state}
        for name in ("low", "high", "whole"):
            number = getattr(v, name)
            if number is not None:
                item[name] = _number(number)
        if v.bound:
            item["bound"] = v.bound
        if v.note:
            item["note"] = v.note
        values[key] = item
    return {
        "name": c.name,
        "issuing_body": c.issuing_body,
        "source": c.source,
        "draft_id": c.draft_id,
        "report_date": c.report_date,
        "updated": c.updated,
        "form": {"id": c.template_id, "version": c.template_version},
        "values": values,
        "errors": c.errors,
        "warnings": c.warnings,
        "missing": c.missing,
        "unmatched": c.unmatched,
        "replaced_by": c.replaced_by,
    }

"""The tally as a printed summary: an A4 landscape PDF for the province's meeting table.

What is on the paper, in the report's font family (:mod:`dienchau_desktop.pdf.fonts`):

1. a header naming the form, how many reports were tallied, replaced and refused, and the date;
2. the totals: one row per figure (question, label, unit, total, how many communes gave it,
   left it out, wrote it so that it could not be counted);
3. the figures of every commune: the figures in groups as wide as the page (a question's
   figures kept together), one table per group with its header row on every page and its totals
   in the last row; each value as the commune wrote it, "—" when missing;
4. a bar chart of each of the figures most communes gave as plain numbers (the choice is the
   workbook's, :func:`~dienchau_desktop.rollup.xlsx.chart_columns`), communes as categories
   (their TT numbers in the communes' tables when there are many).

Linear in the number of communes: the table cells are plain strings, wrapped here once (a
``Paragraph`` in a cell would be set again each time ReportLab splits what is left of a table at
a page end); no ``SPAN`` (ReportLab recomputes spans over the whole rest of a table at each
split); one row per commune. User text that the family cannot draw goes through
:func:`~dienchau_desktop.pdf.text.markup` in a ``Paragraph`` instead. Same tally and same
``made``, same bytes: ReportLab's invariant mode.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dienchau_desktop import __version__
from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.figures import format_number
from dienchau_desktop.layout import LayoutError, load_layout
from dienchau_desktop.pdf.fonts import Family, report_family
from dienchau_desktop.pdf.text import markup
from dienchau_desktop.printed import bind_dashes
from dienchau_desktop.rollup.tally import Column, Rollup
from dienchau_desktop.rollup.xlsx import (
    APP_NAME,
    chart_columns,
    figure_title,
    how_many,
    made_date,
    problems,
)
from dienchau_desktop.textclean import printable

PAGE = landscape(A4)
MARGIN = 14 * mm
WIDTH = PAGE[0] - 2 * MARGIN
SIZE, LEADING = 8.5, 10.0  # the tables' text
PAD = 2.5  # a cell's left and right padding, pt
NUMBER_MM, NAME_MM, FIGURE_MM = 9.0, 46.0, 26.0  # the communes' tables: TT, name, a figure
PER_GROUP = max(1, int((WIDTH / mm - NUMBER_MM - NAME_MM) // FIGURE_MM))  # figures a table
MAX_CELL = 240  # characters of a value shown in a cell (a figure is short; a row never huge)
NAMED_CHART = 40  # up to this many communes a chart names them; beyond, it numbers them
GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.87, 0.92, 0.97)
TOTAL_FILL = colors.Color(0.89, 0.94, 0.87)
BAD_FILL = colors.Color(0.97, 0.80, 0.68)
BAR = colors.Color(0.27, 0.45, 0.70)
MISSING_INK = colors.Color(0.45, 0.45, 0.45)


class _Styles:
    """Paragraph styles of the summary and plain text as the tables take it."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self.cells: dict[tuple[str, float, bool], str | None] = {}  # many communes write alike
        f = family

        def style(name: str, font: str, size: float, align: int = TA_LEFT) -> ParagraphStyle:
            return ParagraphStyle(
                f"dc-rollup-{name}", fontName=font,
                fontSize=size, leading=size * 1.2, alignment=align, splitLongWords=1,
            )  # fmt: skip

        self.title = style("title", f.bold, 15, TA_CENTER)
        self.subtitle = style("subtitle", f.bold, 12, TA_CENTER)
        self.centre = style("centre", f.regular, 10.5, TA_CENTER)
        self.note = style("note", f.italic, 9)
        self.legend = style("legend", f.italic, 9)
        self.legend.keepWithNext = 1
        self.heading = style("heading", f.bold, 12)
        self.heading.spaceBefore, self.heading.spaceAfter = 8, 4
        self.heading.keepWithNext = 1
        self.head = style("head", f.bold, SIZE, TA_CENTER)
        self.head.leading = LEADING
        self.cell = style("cell", f.regular, SIZE)
        self.cell.leading = LEADING

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup(text, self.family), style)

    def cell_text(self, text: str, width: float, *, bold: bool = False) -> Any:
        """A cell's content: the text wrapped to ``width`` as a plain string (fast to measure
        again and again), or a Paragraph when the family lacks one of its characters."""
        key = (text, width, bold)
        if key not in self.cells:
            self.cells[key] = self._wrapped(text, width, bold)
        wrapped = self.cells[key]
        if wrapped is not None:
            return wrapped
        shown = markup(self._clean(text), self.family)  # a flowable of its own in each cell
        return Paragraph(f"<b>{shown}</b>" if bold else shown, self.cell)

    def _clean(self, text: str) -> str:
        text = bind_dashes(" ".join(printable(text).split()))
        return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"

    def _wrapped(self, text: str, width: float, bold: bool) -> str | None:
        """The text wrapped as a plain string; None when the family lacks a character of it."""
        text = self._clean(text)
        if any(ord(c) not in self.family.covered for c in text):
            return None
        font = self.family.bold if bold else self.family.regular
        return wrap(text, font, SIZE, width - 2 * PAD)


def wrap(text: str, font: str, size: float, width: float) -> str:
    """Text broken into lines no wider than ``width`` (at spaces; a longer word stands alone)."""
    lines: list[str] = []
    line, used = "", 0.0
    space = stringWidth(" ", font, size)
    for word in text.split(" "):
        w = stringWidth(word, font, size)
        if line and used + space + w > width:
            lines.append(line)
            line, used = word, w
        else:
            line, used = (f"{line} {word}", used + space + w) if line else (word, w)
    lines.append(line)
    return "\n".join(lines)


class _Table(Table):  # type: ignore[misc]
    """A Table whose plain-text cells on a page share one text object.

    WORKAROUND: ReportLab (5.1, pure Python without its C accelerator) opens and closes a text
    object for every string cell; for a thousand communes that is most of the summary's time.
    Here a top-aligned, left- or right-aligned string cell is added to one text object, drawn
    before the rules; any other cell is drawn by ReportLab as before.
    """

    _text: Any = None
    _font: Any = None
    _ink: Any = None

    def draw(self) -> None:
        self._text = None
        super().draw()

    def _drawLines(self) -> None:
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = None
        super()._drawLines()

    def _drawCell(self, value: Any, style: Any, pos: Any, size: Any) -> None:
        s = style
        plain = isinstance(value, str) and s.valign == "TOP" and s.alignment in ("LEFT", "RIGHT")
        if not plain or s.href or s.destination or s.direction or s.shaping:
            super()._drawCell(value, style, pos, size)
            return
        if self._text is None:
            self._text, self._font, self._ink = self.canv.beginText(), None, None
        text = self._text
        if (s.fontname, s.fontsize, s.leading) != self._font:
            self._font = (s.fontname, s.fontsize, s.leading)
            text.setFont(*self._font)
        if s.color != self._ink:
            self._ink = s.color
            text.setFillColor(s.color)
        x, y = pos[0], pos[1] + size[1] - s.topPadding - s.fontsize
        for line in value.split("\n"):
            if s.alignment == "RIGHT":
                text.setTextOrigin(
                    x + size[0] - s.rightPadding - stringWidth(line, *self._font[:2]), y
                )
            else:
                text.setTextOrigin(x + s.leftPadding, y)
            text.textOut(line)
            y -= s.leading


def _grid(family: Family, *, head_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), family.regular, SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, head_rows - 1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]


# --- the header and the totals -------------------------------------------------------------


def _header(st: _Styles, rollup: Rollup, made: datetime) -> list[Any]:
    out: list[Any] = [
        st.para("TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC XÃ", st.title),
        Spacer(1, 2 * mm),
        st.para(rollup.template.name, st.subtitle),
        Spacer(1, 2 * mm),
        st.para(f"{how_many(rollup)} Lập ngày {made_date(made)}.", st.centre),
        Spacer(1, 3 * mm),
    ]
    wrong = [c for c in rollup.communes if c.errors]
    if wrong:
        names = ", ".join(f"{c.name} ({problems(c)})" for c in wrong[:30])
        more = f" và {len(wrong) - 30} xã khác" if len(wrong) > 30 else ""
        text = f"Báo cáo còn lỗi ({len(wrong)} xã): {names}{more}."
        out.append(st.para(f"{text} Chi tiết ở trang “Kiểm tra” của tệp Excel.", st.note))
    if rollup.refused:
        shown = "; ".join(f"{s}: {r.rstrip('.')}" for s, r in rollup.refused[:20])
        more = f"; và {len(rollup.refused) - 20} tệp khác" if len(rollup.refused) > 20 else ""
        out.append(st.para(f"Tệp không nhận: {shown}{more}.", st.note))
    return out


def _totals_table(st: _Styles, rollup: Rollup) -> Table:
    widths_mm = (16, 96, 30, 70, 19, 17, 21)
    widths = [w * mm for w in widths_mm]
    widths[-1] = WIDTH - sum(widths[:-1])
    titles = ("Câu", "Số liệu", "Đơn vị", "Tổng", "Số xã có số liệu", "Không ghi",
              "Không đọc được, sai dạng")  # fmt: skip
    rows: list[list[Any]] = [[st.para(t, st.head) for t in titles]]
    for column in rollup.columns:
        t = rollup.totals[column.key]
        texts = (column.question, column.label, column.unit, t.text)
        cells = [st.cell_text(x, widths[k], bold=k == 3) for k, x in enumerate(texts)]
        rows.append([*cells, str(t.given), str(t.missing), str(t.unreadable)])
    table = _Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = _grid(st.family)
    commands += [("ALIGN", (3, 1), (-1, -1), "RIGHT"), ("FONT", (3, 1), (3, -1), st.family.bold)]
    table.setStyle(TableStyle(commands))
    return table


# --- the communes' figures -----------------------------------------------------------------


def groups(columns: Sequence[Column], size: int) -> list[list[Column]]:
    """The figures in groups of at most ``size``, a question's figures kept in one group when
    they fit in one."""
    out: list[list[Column]] = []
    current: list[Column] = []
    i = 0
    while i < len(columns):
        j = i
        while j < len(columns) and columns[j].question_id == columns[i].question_id:
            j += 1
        question = list(columns[i:j])
        if current and len(current) + len(question) > size:
            out.append(current)
            current = []
        while len(question) > size:
            out.append(question[:size])
            question = question[size:]
        current += question
        i = j
    if current:
        out.append(current)
    return out


def _communes_table(st: _Styles, rollup: Rollup, group: Sequence[Column]) -> Table:
    fam = st.family
    figure = (WIDTH - (NUMBER_MM + NAME_MM) * mm) / len(group)
    widths = [NUMBER_MM * mm, NAME_MM * mm, *([figure] * len(group))]
    head = [st.para("TT", st.head), st.para("Tên xã", st.head)]
    head += [
        Paragraph(f"<b>{markup(c.question, fam)}</b><br/>{markup(figure_title(c), fam)}", st.head)
        for c in group
    ]
    rows: list[list[Any]] = [head]
    commands = _grid(fam)
    for r, commune in enumerate(rollup.communes, start=1):
        row: list[Any] = [str(r), st.cell_text(commune.name, widths[1])]
        for k, column in enumerate(group, start=2):
            value = commune.values[column.key]
            if value.state == "missing":
                row.append("—")
                commands.append(("TEXTCOLOR", (k, r), (k, r), MISSING_INK))
                continue
            row.append(st.cell_text(value.raw, figure))
            if value.state in ("unreadable", "unusable"):
                commands.append(("BACKGROUND", (k, r), (k, r), BAD_FILL))
        rows.append(row)
    totals = [rollup.totals[c.key].text for c in group]
    rows.append(["", "Tổng cộng", *(st.cell_text(t, figure, bold=True) for t in totals)])
    commands += [
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("FONT", (0, -1), (-1, -1), fam.bold, SIZE, LEADING),
        ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
    ]
    table = _Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


# --- the charts ----------------------------------------------------------------------------


def _short(name: str, limit: int = 18) -> str:
    name = name.removeprefix("xã ").removeprefix("Xã ")
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _axis_label(percent: bool) -> Any:
    def label(value: float) -> str:
        text = format_number(Decimal(str(round(value, 2))))
        return f"{text}%" if percent else text

    return label


def _chart(
    st: _Styles, rollup: Rollup, column: Column, numbers: Sequence[Decimal | None], index: int
) -> list[Any]:
    fam = st.family
    n = len(numbers)
    given = sum(1 for x in numbers if x is not None)
    title = f"Biểu đồ {index}. {column.question} – {figure_title(column)}"
    note = (
        f"{given}/{n} xã ghi một con số; các xã ghi dạng khoảng, tỷ số, kèm “trên”, “khoảng”…, "
        "không ghi hoặc ghi không đọc được không có cột."
    )
    if n > NAMED_CHART:
        note += " Số dưới mỗi cột là số thứ tự (TT) của xã trong bảng số liệu từng xã."
    height = 64 * mm  # two charts a page
    drawing = Drawing(WIDTH, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 18 * mm, 22 * mm if n <= NAMED_CHART else 10 * mm
    chart.width, chart.height = WIDTH - 24 * mm, height - chart.y - 4 * mm
    chart.data = [[float(x) if x is not None else None for x in numbers]]
    chart.bars[0].fillColor = BAR
    chart.bars.strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 2 if n <= NAMED_CHART else 1
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = _axis_label(column.kind == "percent")
    chart.valueAxis.labels.fontName = fam.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    axis = chart.categoryAxis
    axis.labels.fontName, axis.labels.fontSize = fam.regular, 6.5
    if n <= NAMED_CHART:
        names = (printable(_short(c.name)) for c in rollup.communes)
        axis.categoryNames = [
            "".join(c if ord(c) in fam.covered else "?" for c in n) for n in names
        ]
        axis.labels.angle, axis.labels.boxAnchor = 40, "ne"
        axis.labels.dx, axis.labels.dy = 2, -2
    else:  # a label per category would cost more than the whole table: a few numbers instead
        axis.visibleLabels = axis.visibleTicks = 0
        step = max(1, math.ceil(n / 40))
        slot = chart.width / n
        for i in range(0, n, step):
            x = chart.x + (i + 0.5) * slot
            drawing.add(String(x, chart.y - 8, str(i + 1), fontName=fam.regular, fontSize=6.5,
                               textAnchor="middle"))  # fmt: skip
    drawing.add(chart)
    return [KeepTogether([st.para(title, st.heading), st.para(note, st.note), drawing])]


# --- the document --------------------------------------------------------------------------


def _footer(family: Family, rollup: Rollup, made: datetime) -> Any:
    text = printable(f"Tổng hợp {rollup.template.name} – lập ngày {made_date(made)}")
    text = "".join(c if ord(c) in family.covered else "?" for c in text)

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(family.regular, 8)
        canvas.setFillColor(MISSING_INK)
        canvas.drawString(MARGIN, 8 * mm, text)
        canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, f"Trang {canvas.getPageNumber()}")
        canvas.restoreState()

    return decorate


def _family() -> Family:
    try:
        use_system = load_layout().fonts.use_system_times_new_roman
    except LayoutError:
        use_system = True
    return report_family(use_system=use_system)


def summary_pdf_bytes(rollup: Rollup, *, made: datetime | None = None, charts: int = 8) -> bytes:
    """The printed summary of the tally as PDF bytes (A4 landscape)."""
    made = made or datetime.now()
    family = _family()
    st = _Styles(family)
    story: list[Any] = _header(st, rollup, made)
    story += [st.para("1. TỔNG SỐ LIỆU CÁC XÃ", st.heading), _totals_table(st, rollup)]
    legend = (
        "Số liệu ghi như trong báo cáo của từng xã; “—”: xã không ghi; ô nền cam: ghi không "
        "đọc được hoặc sai dạng, không cộng vào tổng. Dòng cuối mỗi bảng là tổng của các xã."
    )
    story += [CondPageBreak(60 * mm), st.para("2. SỐ LIỆU TỪNG XÃ", st.heading)]
    story.append(st.para(legend, st.legend))
    parts = groups(rollup.columns, PER_GROUP)
    for k, group in enumerate(parts, start=1):
        span = f"{group[0].question} – {group[-1].question}"
        heading = f"Bảng số liệu từng xã, phần {k}/{len(parts)} (câu {span})"
        if k > 1:
            story.append(CondPageBreak(50 * mm))
        story.append(st.para(heading, st.heading))
        story.append(_communes_table(st, rollup, group))
    chosen = chart_columns(rollup, charts) if rollup.communes else []
    if chosen:
        story += [CondPageBreak(90 * mm), st.para("3. BIỂU ĐỒ", st.heading)]
        for k, (column, numbers) in enumerate(chosen, start=1):
            story += _chart(st, rollup, column, numbers, k)
            story.append(Spacer(1, 4 * mm))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(f"Tổng hợp {rollup.template.name}"),
        author=APP_NAME,
        subject=how_many(rollup),
        creator=f"{APP_NAME} {__version__}",
        keywords=f"mẫu: {rollup.template.id} v{rollup.template.version}; "
        f"phông chữ: {family.description}",
        lang="vi",
        initialFontName=family.regular,
        invariant=1,
        pageCompression=1,
        displayDocTitle=1,
    )
    frame = Frame(MARGIN, MARGIN, WIDTH, PAGE[1] - 2 * MARGIN, 0, 0, 0, 0, id="body")
    page = PageTemplate(id="page", frames=[frame], onPage=_footer(family, rollup, made))
    doc.addPageTemplates([page])
    doc.build(story)
    return buffer.getvalue()


def write_summary_pdf(
    rollup: Rollup,
    path: str | os.PathLike[str],
    *,
    made: datetime | None = None,
    charts: int = 8,
) -> None:
    """Write the summary atomically: ``path`` is either left as it was or written whole."""
    atomic_write(path, summary_pdf_bytes(rollup, made=made, charts=charts))

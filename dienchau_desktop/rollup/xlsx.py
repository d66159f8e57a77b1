"""The tally as an Excel workbook: the figures by commune, the checks, the answers, the charts.

A province office works on in Excel: sorts, filters, adds its own formulas. So every figure a
commune typed as one plain number ("18 cuộc", "500.000.000 đồng", "92,5%") is stored as a
number, and nothing else is: a range, a ratio, a figure with a qualifier ("trên 85%"), one that
cannot be read or is missing stays the text the commune wrote (or "—"), on a coloured cell, so
that no number appears that nobody typed. Sheets:

- "Tổng hợp": one row per commune, one column per figure under its question, a "Ghi chú"
  column, then the totals (a number where the total is a plain sum, else the tally's text) and
  how many communes gave, left out or mis-wrote each figure;
- "Kiểm tra": each commune's source, errors, warnings, missing and unmatched figures; the
  replaced reports, the refused inputs, the skipped files;
- "Trả lời": the narrative answers, one row per question, one column per commune;
- "Biểu đồ": native bar charts of the figures most communes gave as plain numbers.

Percentages are stored as fractions with the format ``0.0%`` (92,5% is 0.925): Excel then treats
them as percentages everywhere (formulas, charts' axes, sorting), shows them with the decimal
separator of the user's locale, and a formula such as ``=B8*C8`` means what it says.
openpyxl's normal workbook (merged cells, comments, charts); linear: 1,000 communes in seconds.
"""

from __future__ import annotations

import copy
import io
import math
import os
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.figures import FigureSyntaxError, Shape, parse_figure
from dienchau_desktop.rollup.tally import ADDED, Column, Commune, Rollup, Total, Value, averaged
from dienchau_desktop.textclean import printable

APP_NAME = "dienchau_desktop"
CHARTED_KINDS = ("count", "money", "range", "percent")
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
PERCENT_FORMAT = "0.0%"
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell
HEADER_TOP = 6  # the first of the two header rows of "Tổng hợp"
FIRST_DATA = HEADER_TOP + 2
CHART_ROWS = 16  # rows of the "Biểu đồ" sheet each chart takes: two fit a landscape page

FONT = "Times New Roman"  # the report's family (Liberation Serif, its metric twin, elsewhere)
PLAIN = Font(name=FONT, size=11)
BOLD = Font(name=FONT, size=11, bold=True)
TITLE = Font(name=FONT, size=14, bold=True)
NOTE = Font(name=FONT, size=10, italic=True, color="595959")
MISSING = Font(name=FONT, size=11, italic=True, color="808080")
KEPT_FILL = PatternFill("solid", fgColor="FFF2CC")  # kept as typed: range, ratio, qualifier
BAD_FILL = PatternFill("solid", fgColor="F8CBAD")  # unreadable or of the wrong shape
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
WRAP_RIGHT = Alignment(horizontal="right", vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
RIGHT = Alignment(horizontal="right")
CENTRE = Alignment(horizontal="center")

CHECK_TITLES = ("Tên xã", "Tệp nguồn", "Lỗi", "Số lỗi", "Cảnh báo", "Số cảnh báo",
                "Số liệu bắt buộc còn thiếu", "Số liệu không khớp mẫu (mẫu khác)")  # fmt: skip
LEGEND = (
    "Số liệu ghi đúng một con số được lưu dạng số. Ô nền vàng: số liệu ghi dạng khoảng, tỷ số "
    "hoặc kèm “trên”, “khoảng”…, giữ nguyên như xã đã ghi. Ô nền hồng: không đọc được hoặc sai "
    "dạng, không cộng vào tổng. “—”: xã không ghi."
)


# --- what the writers share ----------------------------------------------------------------


def made_date(made: datetime) -> str:
    return f"{made.day:02d}/{made.month:02d}/{made.year}"


def how_many(rollup: Rollup) -> str:
    """How many reports were tallied, replaced and refused, as a sentence."""
    return (
        f"Số xã được tổng hợp: {len(rollup.communes)}; báo cáo cũ đã được thay: "
        f"{len(rollup.replaced)}; tệp không nhận: {len(rollup.refused)}."
    )


def plain_number(value: Value, column: Column) -> Decimal | None:
    """The number a commune typed when it typed one plain number, in percent for percentages
    (92.5); None for a range, a ratio (also "8/8" for a percentage), a qualifier ("trên 85%",
    "khoảng 500"), a missing or unreadable value."""
    if value.state != "ok" or value.bound or column.kind not in CHARTED_KINDS:
        return None
    if value.low is None or value.high != value.low or value.whole is not None:
        return None
    try:
        shape = parse_figure(value.raw).shape
    except FigureSyntaxError:
        return None
    return value.low if shape is Shape.NUMBER else None


def plain_total(total: Total, column: Column) -> Decimal | None:
    """A column's total when it is one exact sum (counts, money, ranges without a range)."""
    if total.kind not in ADDED or averaged(column) or total.bound or total.whole is not None:
        return None
    return total.low if total.given and total.low is not None and total.high == total.low else None


def chart_columns(rollup: Rollup, limit: int) -> list[tuple[Column, list[Decimal | None]]]:
    """The figures worth a chart: those most communes gave as plain numbers, in form order."""
    found = []
    for index, column in enumerate(rollup.columns):
        if column.kind not in CHARTED_KINDS:
            continue
        numbers = [plain_number(c.values[column.key], column) for c in rollup.communes]
        given = sum(1 for n in numbers if n is not None)
        if given:
            found.append((given, index, column, numbers))
    found.sort(key=lambda item: (-item[0], item[1]))
    chosen = sorted(found[: max(0, limit)], key=lambda item: item[1])
    return [(column, numbers) for _, _, column, numbers in chosen]


def figure_title(column: Column) -> str:
    """A figure's label with its unit: "Tổng kinh phí cấp/năm (đồng)"."""
    unit = column.unit.strip()
    return f"{column.label} ({unit})" if unit else column.label


def problems(commune: Commune) -> str:
    """The "Ghi chú" of a commune: what is wrong with its report, briefly."""
    parts = ((commune.errors, "có lỗi ({})"), (commune.warnings, "{} cảnh báo"),
             (commune.missing, "thiếu {} số liệu bắt buộc"),
             (commune.unmatched, "{} số liệu không khớp mẫu"))  # fmt: skip
    return "; ".join(text.format(len(items)) for items, text in parts if items)


def _number(value: Decimal, *, percent: bool = False) -> tuple[int | float, str]:
    """A number as a cell holds it, and its format."""
    if percent:
        return float(value / 100), PERCENT_FORMAT
    if value == value.to_integral_value():
        return int(value), COUNT_FORMAT
    return float(value), DECIMAL_FORMAT


# Characters :func:`printable` keeps as they are and a cell may hold, learnt as texts come: a
# text made only of them, already NFC, needs no cleaning (checking each text's characters again
# would be most of the workbook's time).
_CLEAN = set("\n") | {chr(c) for c in range(0x20, 0x7F)}


def _text(value: str) -> str:
    """User text a cell can hold: printable, no characters XML forbids, not too long."""
    chars = set(value)
    if not chars <= _CLEAN:
        new = chars - _CLEAN
        if all(printable(ch) == ch and not ILLEGAL_CHARACTERS_RE.search(ch) for ch in new):
            _CLEAN.update(new)
    if chars <= _CLEAN and unicodedata.is_normalized("NFC", value):
        text = value
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", printable(value))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


class _Sheet:
    """One worksheet being written: its cells, their styles, the heights its wrapped rows need.

    openpyxl hashes a font or a fill each time one is set on a cell, so each combination of
    style objects (module constants) is set once and then copied into further cells; the
    copies are shared by the workbook's sheets through ``styles``. Neither Excel nor LibreOffice
    sizes a row to its wrapped text when opening a file, so each row gets the height its
    longest wrapped text needs, estimated from the column's width.
    """

    def __init__(self, ws: Any, styles: dict[tuple[Any, ...], Any]) -> None:
        self.ws = ws
        self.styles = styles
        self.widths: dict[int, float] = {}
        self.lines: dict[int, int] = {}

    def set_widths(self, widths: Sequence[float]) -> None:
        for col, width in enumerate(widths, start=1):
            self.widths[col] = width
            self.ws.column_dimensions[get_column_letter(col)].width = width

    def put(self, row: int, col: int, value: Any, font: Font = PLAIN, **style: Any) -> Any:
        """Write one cell; a text is always a text (a commune's "=1+1" is never a formula)."""
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, str):
            text = _text(value)
            cell.value = text
            cell.data_type = "s"
            alignment = style.get("alignment")
            if alignment is not None and alignment.wrap_text:
                lines = _lines(text, self.widths.get(col, 9.0))
                if lines > self.lines.get(row, 1):
                    self.lines[row] = lines
        else:
            cell.value = value
        style["font"] = font
        key = tuple((name, id(item)) for name, item in style.items())
        array = self.styles.get(key)
        if array is not None:
            cell._style = copy.copy(array)
            return cell
        for name, item in style.items():
            if item is not None:
                setattr(cell, name, item)
        self.styles[key] = copy.copy(cell._style)
        return cell

    def fit_rows(self) -> None:
        for row, lines in self.lines.items():
            self.ws.row_dimensions[row].height = min(409.0, 13.8 * lines + 3)

    def print_setup(self, *, titles: str = "", columns: str = "", across: int = 0) -> None:
        """A4 landscape, ``across`` pages wide (0: as many as keep the text readable, about 160
        characters a page; -1: not fitted), the rows running on over as many pages as needed."""
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        if across >= 0:
            readable = math.ceil(sum(self.widths.values()) / 160)
            ws.page_setup.fitToWidth = across or max(1, readable)
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_options.gridLines = True
        ws.oddFooter.center.text = "Trang &P/&N"
        if titles:
            ws.print_title_rows = titles
        if columns:
            ws.print_title_cols = columns


def _lines(text: str, width: float) -> int:
    """About how many lines a wrapped text takes in a column ``width`` characters wide."""
    per_line = max(4.0, width * 1.1 - 2)  # Times New Roman is narrower than the width unit
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _titles(sh: _Sheet, rollup: Rollup, made: datetime, heading: str) -> None:
    t = rollup.template
    sh.put(1, 1, heading, font=TITLE)
    sh.put(2, 1, f"{t.name} (mẫu {t.id}, phiên bản {t.version})", font=BOLD)
    sh.put(3, 1, f"{how_many(rollup)} Lập ngày {made_date(made)}.")


# --- "Tổng hợp" ----------------------------------------------------------------------------


def _value_cell(sh: _Sheet, row: int, col: int, value: Value, column: Column) -> None:
    number = plain_number(value, column)
    if number is not None:
        shown, fmt = _number(number, percent=column.kind == "percent")
        sh.put(row, col, shown, number_format=fmt)
    elif value.state == "missing":
        sh.put(row, col, "—", font=MISSING, alignment=CENTRE)
    elif value.state == "text":
        sh.put(row, col, value.raw)
    elif value.state in ("unreadable", "unusable"):
        cell = sh.put(row, col, value.raw, fill=BAD_FILL, alignment=RIGHT)
        if value.note:
            cell.comment = Comment(_text(f"Không cộng vào tổng: {value.note}"), APP_NAME)
    else:
        sh.put(row, col, value.raw, fill=KEPT_FILL, alignment=RIGHT)


def _summary_header(sh: _Sheet, columns: Sequence[Column], note_col: int) -> None:
    top, below = HEADER_TOP, HEADER_TOP + 1
    head: dict[str, Any] = {"font": BOLD, "alignment": HEAD, "fill": HEADER_FILL, "border": BOX}
    for col, title in ((1, "Tên xã"), (note_col, "Ghi chú")):
        sh.put(top, col, title, **head)
        sh.put(below, col, None, fill=HEADER_FILL, border=BOX)
        sh.ws.merge_cells(start_row=top, start_column=col, end_row=below, end_column=col)
    first = 2
    for i, column in enumerate(columns):
        col = i + 2
        sh.put(below, col, figure_title(column), **head)
        if i + 1 < len(columns) and columns[i + 1].question_id == column.question_id:
            continue
        cell = sh.put(top, first, column.question, **head)
        cell.comment = Comment(_text(column.prompt), APP_NAME, width=320, height=140)
        for other in range(first + 1, col + 1):
            sh.put(top, other, None, fill=HEADER_FILL, border=BOX)
        if col > first:
            sh.ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=col)
        first = col + 1


def _summary_sheet(sh: _Sheet, rollup: Rollup, made: datetime) -> None:
    columns = rollup.columns
    note_col = len(columns) + 2
    longest = max((len(c.name) for c in rollup.communes), default=10)
    sh.set_widths([min(max(28, longest + 2), 40), *([15] * len(columns)), 32])
    _titles(sh, rollup, made, "TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC XÃ")
    sh.put(4, 1, LEGEND, font=NOTE)
    _summary_header(sh, columns, note_col)
    row = FIRST_DATA
    for commune in rollup.communes:
        sh.put(row, 1, commune.name)
        for i, column in enumerate(columns):
            _value_cell(sh, row, i + 2, commune.values[column.key], column)
        note = problems(commune)
        if note:
            sh.put(row, note_col, note, fill=BAD_FILL if commune.errors else None)
        row += 1
    total_style: dict[str, Any] = {"font": BOLD, "fill": TOTAL_FILL, "border": BOX}
    sh.put(row, 1, "Tổng cộng", alignment=TOP, **total_style)
    sh.put(row, note_col, None, fill=TOTAL_FILL, border=BOX)
    counts = (("Số xã có số liệu", "given"), ("Số xã không ghi", "missing"),
              ("Số xã ghi sai, không đọc được", "unreadable"))  # fmt: skip
    for k, (title, _) in enumerate(counts, start=1):
        sh.put(row + k, 1, title, font=NOTE)
    for i, column in enumerate(columns):
        total = rollup.totals[column.key]
        number = plain_total(total, column)
        if number is not None:
            shown, fmt = _number(number)
            sh.put(row, i + 2, shown, number_format=fmt, alignment=TOP, **total_style)
        else:
            sh.put(row, i + 2, total.text, alignment=WRAP_RIGHT, **total_style)
        for k, (_, name) in enumerate(counts, start=1):
            sh.put(row + k, i + 2, getattr(total, name), number_format=COUNT_FORMAT)
    sh.fit_rows()
    sh.ws.freeze_panes = sh.ws.cell(row=FIRST_DATA, column=2).coordinate
    sh.print_setup(titles=f"{HEADER_TOP}:{HEADER_TOP + 1}", columns="A:A")


# --- "Kiểm tra" ----------------------------------------------------------------------------


def _table(sh: _Sheet, row: int, titles: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """A block of rows under a header row at ``row``; the row after it and a blank one."""
    for col, title in enumerate(titles, start=1):
        sh.put(row, col, title, font=BOLD, alignment=HEAD, fill=HEADER_FILL, border=BOX)
    start = row = row + 1
    for values in rows:
        for col, value in enumerate(values, start=1):
            sh.put(row, col, value, alignment=WRAP)
        row += 1
    if row == start:
        sh.put(row, 1, "Không có.", font=NOTE)
        row += 1
    return row + 1


def _joined(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _check_sheet(sh: _Sheet, rollup: Rollup, made: datetime) -> None:
    sh.set_widths((26, 32, 50, 7, 50, 8, 32, 32))
    _titles(sh, rollup, made, "KIỂM TRA CÁC BÁO CÁO ĐÃ TỔNG HỢP")
    communes = (
        (c.name, c.source, _joined(c.errors), len(c.errors), _joined(c.warnings),
         len(c.warnings), _joined(c.missing), _joined(c.unmatched))
        for c in rollup.communes
    )  # fmt: skip
    # The short lists first: the communes' table ends the sheet, its header repeated on paper.
    sh.put(5, 1, "TỆP KHÔNG NHẬN (không tổng hợp)", font=BOLD)
    row = _table(sh, 6, ("Tệp", "Lý do"), rollup.refused)
    sh.put(row, 1, "BÁO CÁO CŨ ĐÃ ĐƯỢC THAY BẰNG BÁO CÁO MỚI HƠN (không tổng hợp)", font=BOLD)
    replaced = ((c.name, c.source, f"đã thay bằng {c.replaced_by}") for c in rollup.replaced)
    row = _table(sh, row + 1, ("Tên xã", "Tệp nguồn", "Ghi chú"), replaced)
    sh.put(row, 1, "TỆP BỎ QUA (không phải báo cáo)", font=BOLD)
    row = _table(sh, row + 1, ("Tệp",), ((s,) for s in rollup.skipped))
    sh.put(row, 1, "CÁC XÃ ĐÃ TỔNG HỢP", font=BOLD)
    _table(sh, row + 1, CHECK_TITLES, communes)
    sh.fit_rows()
    if row < 40:  # a frozen block taller than the screen would hide the table
        sh.ws.freeze_panes = sh.ws.cell(row=row + 2, column=2).coordinate
    sh.print_setup(titles=f"{row + 1}:{row + 1}", across=1)


# --- "Trả lời" -----------------------------------------------------------------------------


def _answers_sheet(sh: _Sheet, rollup: Rollup) -> None:
    communes = rollup.communes
    sh.set_widths((7, 45, *([55] * len(communes))))
    titles = ["Câu", "Nội dung câu hỏi", *(c.name for c in communes)]
    for col, title in enumerate(titles, start=1):
        sh.put(1, col, title, font=BOLD, alignment=HEAD, fill=HEADER_FILL, border=BOX)
    row = 2
    for section in rollup.template.sections:
        for q in section.questions:  # the question as :func:`~.tally.columns_of` shows it
            shown = q.id if q.id == section.id or not q.number else f"{section.id}.{q.number}"
            sh.put(row, 1, shown, font=BOLD, alignment=WRAP)
            sh.put(row, 2, q.prompt, alignment=WRAP)
            for col, commune in enumerate(communes, start=3):
                answer = commune.answers.get(q.id, "")
                if answer:
                    sh.put(row, col, answer, alignment=WRAP)
            row += 1
    sh.fit_rows()
    sh.ws.freeze_panes = "C2"
    sh.print_setup(titles="1:1", columns="A:B", across=-1)  # a page across for each commune


# --- "Biểu đồ" -----------------------------------------------------------------------------


def _charts_sheet(sh: _Sheet, rollup: Rollup, limit: int) -> None:
    """The charts one under the other, each as wide as a landscape page (wider for many
    communes); below them the numbers they draw, one column per figure."""
    chosen = chart_columns(rollup, limit)
    n = len(rollup.communes)
    sh.set_widths((28, *([16] * len(chosen))))
    if not chosen:
        sh.put(1, 1, "Không có số liệu ghi dạng số để vẽ biểu đồ.", font=NOTE)
        return
    top = CHART_ROWS * len(chosen) + 2  # the data's header row
    sh.put(top - 1, 1, "Số liệu của các biểu đồ (chỉ những số ghi đúng một con số)", font=BOLD)
    sh.put(top, 1, "Tên xã", font=BOLD, alignment=HEAD, fill=HEADER_FILL, border=BOX)
    for row, commune in enumerate(rollup.communes, start=top + 1):
        sh.put(row, 1, commune.name)
    width = min(max(26.0, 4 + 0.55 * n), 120.0)
    for k, (column, numbers) in enumerate(chosen):
        col = k + 2
        percent = column.kind == "percent"
        title = f"{column.question} – {figure_title(column)}"
        sh.put(top, col, title, font=BOLD, alignment=HEAD, fill=HEADER_FILL, border=BOX)
        for row, number in enumerate(numbers, start=top + 1):
            if number is not None:
                shown, fmt = _number(number, percent=percent)
                sh.put(row, col, shown, number_format=fmt)
        chart = BarChart()
        chart.type, chart.title, chart.legend = "col", title, None
        chart.width, chart.height = width, CHART_ROWS * 0.529 - 0.6
        chart.y_axis.title = column.unit.strip() or None
        chart.y_axis.numFmt = "0%" if percent else COUNT_FORMAT
        chart.x_axis.title = "Xã"
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides them otherwise
        data = Reference(sh.ws, min_col=col, min_row=top, max_row=top + n)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sh.ws, min_col=1, min_row=top + 1, max_row=top + n))
        sh.ws.add_chart(chart, f"A{1 + CHART_ROWS * k}")
        if k % 2:  # two charts a page
            sh.ws.row_breaks.append(Break(id=CHART_ROWS * (k + 1)))
    for row in range(1, top - 1):
        sh.ws.row_dimensions[row].height = 15  # 0.529 cm, the row the chart sizes count on
    sh.fit_rows()
    sh.print_setup()
    sh.ws.print_options.gridLines = False


# --- the workbook --------------------------------------------------------------------------


def build_workbook(rollup: Rollup, *, made: datetime | None = None, charts: int = 8) -> Any:
    """The tally as an openpyxl workbook (unsaved)."""
    made = made or datetime.now()
    wb = Workbook()
    styles: dict[tuple[Any, ...], Any] = {}
    wb.active.title = "Tổng hợp"
    _summary_sheet(_Sheet(wb.active, styles), rollup, made)
    _check_sheet(_Sheet(wb.create_sheet("Kiểm tra"), styles), rollup, made)
    _answers_sheet(_Sheet(wb.create_sheet("Trả lời"), styles), rollup)
    _charts_sheet(_Sheet(wb.create_sheet("Biểu đồ"), styles), rollup, charts)
    props = wb.properties
    props.title = _text(f"Tổng hợp {rollup.template.name}")
    props.subject = _text(f"{len(rollup.communes)} xã; mẫu {rollup.template.id}")
    props.creator = props.lastModifiedBy = APP_NAME
    props.created = made.astimezone(UTC).replace(tzinfo=None) if made.tzinfo else made
    props.language = "vi-VN"
    return wb


def xlsx_bytes(rollup: Rollup, *, made: datetime | None = None) -> bytes:
    """The tally as the bytes of an .xlsx workbook."""
    buffer = io.BytesIO()
    build_workbook(rollup, made=made).save(buffer)
    return buffer.getvalue()


def write_xlsx(
    rollup: Rollup, path: str | os.PathLike[str], *, made: datetime | None = None
) -> None:
    """Write the workbook atomically: ``path`` is either left as it was or written whole."""
    atomic_write(path, xlsx_bytes(rollup, made=made))

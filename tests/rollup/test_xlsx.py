"""The roll-up's Excel workbook, read back with openpyxl and opened by LibreOffice Calc.

The figures of :mod:`rollup_data` are known, so every number in the workbook is checked against
what the communes typed, and every total against the sum worked out here.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "word"))

from rollup_data import (
    CHECKS,
    MISSING,
    MONEY,
    PERCENT,
    QUALIFIED,
    RANGE,
    RATIO,
    REFUSED,
    SKIPPED,
    UNREADABLE,
    UNREADABLE_TEXT,
    build_rollup,
    checks_total,
    commune_name,
    money,
    money_total,
    percent,
    shared_rollup,
    source,
)
from word_helpers import libreoffice_convert

from dienchau_desktop.rollup.tally import Rollup, tally
from dienchau_desktop.rollup.xlsx import (
    FIRST_DATA,
    HEADER_TOP,
    build_workbook,
    plain_number,
    write_xlsx,
    xlsx_bytes,
)
from dienchau_desktop.template import load_template

N = 12
MADE = datetime(2026, 4, 20, 9, 30)
SHEETS = ["Tổng hợp", "Kiểm tra", "Trả lời", "Biểu đồ"]


@pytest.fixture(scope="module")
def rollup() -> Rollup:
    return shared_rollup(N)


@pytest.fixture(scope="module")
def data(rollup: Rollup) -> bytes:
    return xlsx_bytes(rollup, made=MADE)


@pytest.fixture(scope="module")
def book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _col(rollup: Rollup, key: str) -> int:
    """The "Tổng hợp" column of a figure (the commune's name is column 1)."""
    return [c.key for c in rollup.columns].index(key) + 2


def _index(name: str) -> int:
    """Which commune of :mod:`rollup_data` a name is."""
    return next(i for i in range(N) if commune_name(i, N) == name)


def _fill(cell: Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else ""


def test_the_sheets_and_properties(book: Any, rollup: Rollup) -> None:
    assert book.sheetnames == SHEETS
    assert book.properties.creator == "dienchau_desktop"
    assert rollup.template.name in book.properties.title


def test_the_title_rows(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    assert ws["A1"].value == "TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC XÃ"
    assert rollup.template.name in ws["A2"].value
    counts = ws["A3"].value
    assert f"Số xã được tổng hợp: {N}" in counts
    assert "báo cáo cũ đã được thay: 1" in counts
    assert "tệp không nhận: 1" in counts
    assert "Lập ngày 20/04/2026" in counts


def test_the_header_names_questions_and_figures(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    assert ws.cell(HEADER_TOP, 1).value == "Tên xã"
    assert ws.cell(HEADER_TOP, len(rollup.columns) + 2).value == "Ghi chú"
    money_col = _col(rollup, MONEY)
    assert ws.cell(HEADER_TOP + 1, money_col).value == "Tổng kinh phí cấp/năm (đồng)"
    checks = _col(rollup, CHECKS)
    assert ws.cell(HEADER_TOP + 1, checks).value == "Số cuộc kiểm tra, giám sát (cuộc)"
    # Each question is merged over its figures: II.3 has two.
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = min(_col(rollup, c.key) for c in rollup.columns if c.question == "II.3")
    assert ws.cell(HEADER_TOP, first).value == "II.3"
    assert (
        f"{ws.cell(HEADER_TOP, first).coordinate}:{ws.cell(HEADER_TOP, first + 1).coordinate}"
        in merged
    )
    assert ws.cell(HEADER_TOP, first).comment is not None  # the question's prompt


def test_each_commune_row_holds_its_typed_numbers(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    names = [ws.cell(FIRST_DATA + r, 1).value for r in range(N)]
    assert names == [c.name for c in rollup.communes]
    for r, name in enumerate(names):
        i = _index(name)
        checks = ws.cell(FIRST_DATA + r, _col(rollup, CHECKS))
        assert checks.value == i + 1 and isinstance(checks.value, int)
        assert checks.number_format == "#,##0"
        cash = ws.cell(FIRST_DATA + r, _col(rollup, MONEY))
        assert cash.value == int(money(i)) and cash.number_format == "#,##0"
        share = ws.cell(FIRST_DATA + r, _col(rollup, PERCENT))
        assert share.value == pytest.approx(float(percent(i) / 100))
        assert share.number_format == "0.0%"


def test_no_number_appears_that_was_not_typed(book: Any, rollup: Rollup) -> None:
    """A cell is a number exactly when the commune typed one plain number."""
    ws = book["Tổng hợp"]
    for r, commune in enumerate(rollup.communes):
        for column in rollup.columns:
            cell = ws.cell(FIRST_DATA + r, _col(rollup, column.key))
            value = commune.values[column.key]
            number = plain_number(value, column)
            if number is None:
                assert isinstance(cell.value, str), (commune.name, column.key, cell.value)
                assert cell.value == (value.raw or "—")
            else:
                expected = number / 100 if column.kind == "percent" else number
                assert Decimal(str(cell.value)) == expected.normalize()


def test_ranges_ratios_qualifiers_are_text_and_marked(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    row = FIRST_DATA
    for key, shown in ((RANGE, "2 - 3 buổi/năm"), (QUALIFIED, "trên 85% hộ dân")):
        cell = ws.cell(row, _col(rollup, key))
        assert cell.value == shown and _fill(cell) == "FFF2CC"
    ratio = ws.cell(row, _col(rollup, RATIO))
    assert ratio.value in ("8/8 tổ chức", "7/8 tổ chức") and _fill(ratio) == "FFF2CC"


def test_unreadable_and_missing_cells_are_marked(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    names = [c.name for c in rollup.communes]
    bad_row = FIRST_DATA + names.index(commune_name(1, N))
    bad = ws.cell(bad_row, _col(rollup, UNREADABLE))
    assert bad.value == UNREADABLE_TEXT
    assert _fill(bad) == "F8CBAD"
    assert bad.comment is not None and "Không cộng vào tổng" in bad.comment.text
    assert "có lỗi" in ws.cell(bad_row, len(rollup.columns) + 2).value
    gap_row = FIRST_DATA + names.index(commune_name(2, N))
    gap = ws.cell(gap_row, _col(rollup, MISSING))
    assert gap.value == "—" and gap.font.i and gap.font.color.rgb.endswith("808080")


def test_the_totals_row_sums_exactly(book: Any, rollup: Rollup) -> None:
    ws = book["Tổng hợp"]
    row = FIRST_DATA + N
    assert ws.cell(row, 1).value == "Tổng cộng"
    assert ws.cell(row, _col(rollup, CHECKS)).value == checks_total(N)
    assert ws.cell(row, _col(rollup, MONEY)).value == money_total(N)
    assert ws.cell(row, _col(rollup, MISSING)).value == 15 * (N - 1)
    assert ws.cell(row, _col(rollup, UNREADABLE)).value == 120 * (N - 1)
    # What is no plain sum is the tally's own text.
    for key in (PERCENT, RATIO, RANGE, QUALIFIED):
        assert ws.cell(row, _col(rollup, key)).value == rollup.totals[key].text
    parts = sum(7 if i % 2 else 8 for i in range(N))
    assert ws.cell(row, _col(rollup, RATIO)).value == f"{parts}/{8 * N} tổ chức"
    # How many communes gave, left out, mis-wrote each figure.
    assert ws.cell(row + 1, _col(rollup, MISSING)).value == N - 1
    assert ws.cell(row + 2, _col(rollup, MISSING)).value == 1
    assert ws.cell(row + 3, _col(rollup, UNREADABLE)).value == 1


def test_frozen_header_and_print_setup(book: Any) -> None:
    ws = book["Tổng hợp"]
    assert ws.freeze_panes == f"B{FIRST_DATA}"
    assert ws.print_title_rows == f"${HEADER_TOP}:${HEADER_TOP + 1}"
    assert ws.print_title_cols == "$A:$A"
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
    for name in ("Tổng hợp", "Kiểm tra", "Biểu đồ"):
        sheet = book[name]
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth) >= 1
        assert int(sheet.page_setup.fitToHeight) == 0
    assert book["Kiểm tra"].page_setup.fitToWidth == 1


def test_the_checks_sheet(book: Any, rollup: Rollup) -> None:
    ws = book["Kiểm tra"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    text = "\n".join(str(v) for row in rows for v in row if v is not None)
    assert REFUSED[0] in text and REFUSED[1] in text
    assert SKIPPED in text
    assert "đã thay bằng bao-cao/0000.json" in text
    by_name = {row[0]: row for row in rows if row[0] in {c.name for c in rollup.communes}}
    assert len(by_name) == N
    bad = by_name[commune_name(1, N)]
    assert bad[1] == source(1)
    assert bad[3] >= 1 and UNREADABLE_TEXT in bad[2]
    gap = by_name[commune_name(2, N)]
    assert "chưa nhập" in gap[2]
    assert "Số kế hoạch" in gap[6]  # the required figure left out
    assert by_name[commune_name(5, N)][3] == 0


def test_the_answers_sheet(book: Any, rollup: Rollup) -> None:
    ws = book["Trả lời"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Câu", "Nội dung câu hỏi"]
    assert header[2:] == [c.name for c in rollup.communes]
    questions = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert "I.1" in questions and "V" in questions and "II.3" in questions
    v_row = questions.index("V") + 2
    for col, commune in enumerate(rollup.communes, start=3):
        assert ws.cell(v_row, col).value.startswith(f"Kiến nghị của {commune.name}: ")
        assert ws.cell(v_row, col).alignment.wrap_text
    assert ws.freeze_panes == "C2"


def test_the_charts(book: Any, rollup: Rollup) -> None:
    ws = book["Biểu đồ"]
    assert 1 <= len(ws._charts) <= 8
    titles = [c.title.tx.rich.p[0].r[0].t for c in ws._charts]
    assert "II.1 – Số cuộc kiểm tra, giám sát (cuộc)" in titles
    assert "II.3 – Tổng kinh phí cấp/năm (đồng)" in titles
    built = build_workbook(rollup, made=MADE, charts=3)["Biểu đồ"]
    assert len(built._charts) == 3


def test_user_text_is_never_a_formula(tmp_path: Path) -> None:
    rollup = build_rollup(3)
    rollup.communes[0].name = '=HYPERLINK("http://x","bấm")'
    rollup.communes[1].name = "xã\x07 Có\u200b ký tự lạ"
    rollup.communes[1].answers["V"] = "#N/A"
    path = tmp_path / "tong-hop.xlsx"
    write_xlsx(rollup, path, made=MADE)
    ws = load_workbook(path)["Tổng hợp"]
    names = [ws.cell(FIRST_DATA + r, 1) for r in range(3)]
    assert names[0].value.startswith("=HYPERLINK") and names[0].data_type == "s"
    assert names[1].value == "xã Có ký tự lạ"


def test_no_commune_at_all() -> None:
    empty = tally([], load_template())
    book = load_workbook(io.BytesIO(xlsx_bytes(empty, made=MADE)))
    assert book.sheetnames == SHEETS
    assert book["Tổng hợp"].cell(FIRST_DATA, 1).value == "Tổng cộng"
    assert book["Biểu đồ"]._charts == []


def test_many_communes() -> None:
    rollup = shared_rollup(200)
    ws = load_workbook(io.BytesIO(xlsx_bytes(rollup, made=MADE)))["Tổng hợp"]
    assert ws.cell(FIRST_DATA + 200, 1).value == "Tổng cộng"
    assert ws.cell(FIRST_DATA + 200, _col(rollup, CHECKS)).value == checks_total(200)


def _csv_of_first_sheet(data: bytes) -> list[list[str]]:
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1"
    text = libreoffice_convert(data, "tong-hop.xlsx", csv_filter, ".csv").decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_libreoffice_reads_the_summary(data: bytes, rollup: Rollup) -> None:
    rows = _csv_of_first_sheet(data)
    names = [row[0] for row in rows if row]
    for commune in rollup.communes:
        assert commune.name in names
    total = next(row for row in rows if row and row[0] == "Tổng cộng")
    shown = total[_col(rollup, CHECKS) - 1]
    assert shown.replace(",", "").replace(".", "") == str(checks_total(N))
    cash = total[_col(rollup, MONEY) - 1]
    assert cash.replace(",", "").replace(".", "") == str(money_total(N))

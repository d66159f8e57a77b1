"""Evidence figures: reading Vietnamese-style numbers and writing them back."""

from __future__ import annotations

import dataclasses
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dienchau_desktop.figures import (
    Figure,
    FigureSyntaxError,
    Shape,
    fold,
    format_figure,
    format_for_print,
    format_number,
    parse_figure,
    units_match,
)

N, RG, RT = Shape.NUMBER, Shape.RANGE, Shape.RATIO
D = Decimal

# text, shape, qualifier, value, high, whole, percent, scale, unit
READINGS: list[tuple[str, Shape, str, str, str | None, str | None, bool, str, str]] = [
    # plain numbers, units, percent
    ("8", N, "", "8", None, None, False, "", ""),
    ("8 nghị quyết", N, "", "8", None, None, False, "", "nghị quyết"),
    ("100%", N, "", "100", None, None, True, "", ""),
    ("92,5%", N, "", "92.5", None, None, True, "", ""),
    ("92,5 %", N, "", "92.5", None, None, True, "", ""),
    ("0", N, "", "0", None, None, False, "", ""),
    ("0,5", N, "", "0.5", None, None, False, "", ""),
    ("-5", N, "", "-5", None, None, False, "", ""),
    ("\u22125", N, "", "-5", None, None, False, "", ""),
    ("- 5 người", N, "", "5", None, None, False, "", "người"),
    ("• 5 người", N, "", "5", None, None, False, "", "người"),
    ("12abc", N, "", "12", None, None, False, "", "abc"),
    ("8nghị quyết", N, "", "8", None, None, False, "", "nghị quyết"),
    ("8 nghị quyết.", N, "", "8", None, None, False, "", "nghị quyết"),
    ("8   nghị    quyết", N, "", "8", None, None, False, "", "nghị quyết"),
    ("8\u00a0nghị quyết", N, "", "8", None, None, False, "", "nghị quyết"),
    ("150%", N, "", "150", None, None, True, "", ""),
    ("2,5 người", N, "", "2.5", None, None, False, "", "người"),
    ("100% thôn có Ban công tác", N, "", "100", None, None, True, "", "thôn có Ban công tác"),
    # thousands grouping and decimals
    ("500.000.000", N, "", "500000000", None, None, False, "", ""),
    ("500.000.000 đồng", N, "", "500000000", None, None, False, "", "đồng"),
    ("500000000 đồng", N, "", "500000000", None, None, False, "", "đồng"),
    ("500 000 000", N, "", "500000000", None, None, False, "", ""),
    ("5 000 000 đồng", N, "", "5000000", None, None, False, "", "đồng"),
    ("1.000.000,5", N, "", "1000000.5", None, None, False, "", ""),
    ("1.000,25 đồng", N, "", "1000.25", None, None, False, "", "đồng"),
    ("1.000", N, "", "1000", None, None, False, "", ""),
    ("500.000.000đ", N, "", "500000000", None, None, False, "", "đ"),
    ("500.000.000 VNĐ", N, "", "500000000", None, None, False, "", "VNĐ"),
    # scale words
    ("500 triệu", N, "", "500000000", None, None, False, "triệu", ""),
    ("1,5 tỷ", N, "", "1500000000", None, None, False, "tỷ", ""),
    ("1,5 tỉ đồng", N, "", "1500000000", None, None, False, "tỉ", "đồng"),
    ("2 nghìn", N, "", "2000", None, None, False, "nghìn", ""),
    ("3 ngàn người", N, "", "3000", None, None, False, "ngàn", "người"),
    ("500 Triệu đồng", N, "", "500000000", None, None, False, "triệu", "đồng"),
    ("500triệu", N, "", "500000000", None, None, False, "triệu", ""),
    ("5 triệu/năm", N, "", "5000000", None, None, False, "triệu", "/năm"),
    ("2 nghìn tỷ", N, "", "2000000000000", None, None, False, "nghìn tỷ", ""),
    ("5 tỉnh", N, "", "5", None, None, False, "", "tỉnh"),
    # ranges
    ("5 – 6 triệu", RG, "", "5000000", "6000000", None, False, "triệu", ""),
    ("5 triệu – 6 triệu", RG, "", "5000000", "6000000", None, False, "triệu", ""),
    ("500 nghìn – 2 triệu", RG, "", "500000", "2000000", None, False, "triệu", ""),
    ("2 - 3", RG, "", "2", "3", None, False, "", ""),
    ("2-3", RG, "", "2", "3", None, False, "", ""),
    ("2 -3", RG, "", "2", "3", None, False, "", ""),
    ("2 – 3 buổi/năm", RG, "", "2", "3", None, False, "", "buổi/năm"),
    ("2 — 3 buổi", RG, "", "2", "3", None, False, "", "buổi"),
    ("2 ~ 3 buổi", RG, "", "2", "3", None, False, "", "buổi"),
    ("từ 2 đến 3 buổi", RG, "từ", "2", "3", None, False, "", "buổi"),
    ("từ 2 tới 3 buổi", RG, "từ", "2", "3", None, False, "", "buổi"),
    ("từ 2 – 3 cuộc", RG, "từ", "2", "3", None, False, "", "cuộc"),
    ("85 - 90%", RG, "", "85", "90", None, True, "", ""),
    ("85% - 90%", RG, "", "85", "90", None, True, "", ""),
    ("3 - 2", RG, "", "3", "2", None, False, "", ""),
    ("1,5 - 2,5 tỷ đồng", RG, "", "1500000000", "2500000000", None, False, "tỷ", "đồng"),
    ("-5 - -3", RG, "", "-5", "-3", None, False, "", ""),
    ("bình quân 5 – 6 triệu", RG, "bình quân", "5000000", "6000000", None, False, "triệu", ""),
    ("đạt khoảng 25 – 30 lượt/năm", RG, "đạt khoảng", "25", "30", None, False, "", "lượt/năm"),
    # ratios
    ("8/8", RT, "", "8", None, "8", False, "", ""),
    ("8/8 tổ chức", RT, "", "8", None, "8", False, "", "tổ chức"),
    ("8 / 8 tổ chức", RT, "", "8", None, "8", False, "", "tổ chức"),
    ("9/8", RT, "", "9", None, "8", False, "", ""),
    ("8/0", RT, "", "8", None, "0", False, "", ""),
    # qualifiers
    ("trên 85%", N, "trên", "85", None, None, True, "", ""),
    ("trên 85% hộ dân", N, "trên", "85", None, None, True, "", "hộ dân"),
    ("khoảng 120", N, "khoảng", "120", None, None, False, "", ""),
    ("khoảng 120 ý kiến", N, "khoảng", "120", None, None, False, "", "ý kiến"),
    ("Khoảng 35 người", N, "khoảng", "35", None, None, False, "", "người"),
    ("KHOẢNG 35 người", N, "khoảng", "35", None, None, False, "", "người"),
    ("khoảng120", N, "khoảng", "120", None, None, False, "", ""),
    ("dưới 10%", N, "dưới", "10", None, None, True, "", ""),
    ("gần 200 hộ", N, "gần", "200", None, None, False, "", "hộ"),
    ("hơn 90%", N, "hơn", "90", None, None, True, "", ""),
    ("trung bình 4 buổi", N, "trung bình", "4", None, None, False, "", "buổi"),
    ("ước tính 300 triệu", N, "ước tính", "300000000", None, None, False, "triệu", ""),
    ("khoảng chừng 50 người", N, "khoảng chừng", "50", None, None, False, "", "người"),
    ("xấp xỉ 70%", N, "xấp xỉ", "70", None, None, True, "", ""),
    ("tối thiểu 2 lần", N, "tối thiểu", "2", None, None, False, "", "lần"),
    ("tối đa 5 lần", N, "tối đa", "5", None, None, False, "", "lần"),
    ("ít nhất 3 cuộc", N, "ít nhất", "3", None, None, False, "", "cuộc"),
    ("không quá 5 ngày", N, "không quá", "5", None, None, False, "", "ngày"),
    ("đạt 95%", N, "đạt", "95", None, None, True, "", ""),
    ("trên dưới 100 người", N, "trên dưới", "100", None, None, False, "", "người"),
    ("- khoảng 120 ý kiến", N, "khoảng", "120", None, None, False, "", "ý kiến"),
    # the seed report's figures
    ("15 văn bản", N, "", "15", None, None, False, "", "văn bản"),
    ("18 cuộc", N, "", "18", None, None, False, "", "cuộc"),
    ("10 nội dung", N, "", "10", None, None, False, "", "nội dung"),
    ("90%", N, "", "90", None, None, True, "", ""),
    ("5 – 6 triệu/năm", RG, "", "5000000", "6000000", None, False, "triệu", "/năm"),
    ("2 - 3 buổi/năm", RG, "", "2", "3", None, False, "", "buổi/năm"),
    ("120 ý kiến", N, "", "120", None, None, False, "", "ý kiến"),
    ("92%", N, "", "92", None, None, True, "", ""),
    ("8/8 tổ chức bao gồm", RT, "", "8", None, "8", False, "", "tổ chức bao gồm"),
    ("95%", N, "", "95", None, None, True, "", ""),
    ("6 phong trào/năm", N, "", "6", None, None, False, "", "phong trào/năm"),
    ("18 mô hình", N, "", "18", None, None, False, "", "mô hình"),
    ("35 người", N, "", "35", None, None, False, "", "người"),
    ("9 cuộc/năm", N, "", "9", None, None, False, "", "cuộc/năm"),
    ("45 kiến nghị", N, "", "45", None, None, False, "", "kiến nghị"),
    ("88%", N, "", "88", None, None, True, "", ""),
    ("13 người", N, "", "13", None, None, False, "", "người"),
    ("26 lượt/năm", N, "", "26", None, None, False, "", "lượt/năm"),
]


@pytest.mark.parametrize(
    ("text", "shape", "qualifier", "value", "high", "whole", "percent", "scale", "unit"),
    READINGS,
    ids=[r[0] for r in READINGS],
)
def test_parse_reads_figure(
    text: str,
    shape: Shape,
    qualifier: str,
    value: str,
    high: str | None,
    whole: str | None,
    percent: bool,
    scale: str,
    unit: str,
) -> None:
    """Each accepted form is read into the right shape, qualifier, numbers, scale and unit."""
    fig = parse_figure(text)
    assert fig.shape is shape
    assert fig.qualifier == qualifier
    assert isinstance(fig.value, Decimal)
    assert fig.value == D(value)
    assert fig.high == (None if high is None else D(high))
    assert fig.whole == (None if whole is None else D(whole))
    assert fig.percent is percent
    assert fig.scale == scale
    assert fig.unit == unit


SEPARATORS = [
    ("5 – 6 triệu", "–"),
    ("2 - 3", "-"),
    ("2-3", "-"),
    ("2 — 3", "—"),
    ("2 ~ 3", "~"),
    ("từ 2 đến 3 buổi", "đến"),
    ("từ 2 Tới 3 buổi", "tới"),
    ("2 \u2212 3", "-"),
    ("8", ""),
    ("8/8", ""),
]


@pytest.mark.parametrize(("text", "separator"), SEPARATORS, ids=[s[0] for s in SEPARATORS])
def test_parse_keeps_range_separator(text: str, separator: str) -> None:
    """A range keeps the separator as typed (words lower-cased); other shapes have none."""
    assert parse_figure(text).separator == separator


def test_parse_never_misreads_vietnamese_separators() -> None:
    """500.000.000 is five hundred million (not 500.0) and 92,5 is 92.5 (not 925)."""
    assert parse_figure("500.000.000").value == D(500_000_000)
    assert parse_figure("92,5").value == D("92.5")
    assert parse_figure("1.500,25").value == D("1500.25")


def test_parse_keeps_raw_stripped_nfc() -> None:
    """raw is the text as given, stripped and in NFC; NFD input reads like NFC input."""
    nfd = unicodedata.normalize("NFD", "  Khoảng 120 ý kiến ")
    fig = parse_figure(nfd)
    assert fig.raw == unicodedata.normalize("NFC", "Khoảng 120 ý kiến")
    assert fig.qualifier == "khoảng"
    assert fig.unit == "ý kiến"
    assert unicodedata.is_normalized("NFC", fig.unit)
    assert dataclasses.replace(fig, raw="") == dataclasses.replace(
        parse_figure("Khoảng 120 ý kiến"), raw=""
    )


def test_figure_is_frozen() -> None:
    """A parsed figure cannot be changed by accident."""
    fig = parse_figure("8")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fig.value = D(9)  # type: ignore[misc]


NOTES = [
    ("1,000", "1", "1.000"),
    ("1,500 người", "1,5", "1.500"),
    ("2,000 - 3,000", "2", "2.000"),
]


@pytest.mark.parametrize(("text", "reading", "suggestion"), NOTES, ids=[n[0] for n in NOTES])
def test_parse_notes_comma_thousand_ambiguity(text: str, reading: str, suggestion: str) -> None:
    """A comma before exactly three digits reads as decimals, with a note suggesting a dot."""
    fig = parse_figure(text)
    assert fig.value == D(reading.replace(",", "."))
    assert fig.notes
    assert reading in fig.notes[0]
    assert suggestion in fig.notes[0]


@pytest.mark.parametrize("text", ["1.000", "1,5", "1.000,500", "0,500", "1234,567", "8 người"])
def test_parse_no_note_when_unambiguous(text: str) -> None:
    """Figures whose reading is certain carry no notes."""
    assert parse_figure(text).notes == ()


@pytest.mark.parametrize("text", ["150%", "9/8", "3 - 2", "-5", "2,5 người", "8/0", "0"])
def test_parse_leaves_judgement_to_validation(text: str) -> None:
    """Odd but readable figures parse; validation, not the parser, flags them."""
    assert parse_figure(text).raw == text


ERRORS = [
    ("abc", "không tìm thấy con số"),
    ("", "chưa nhập"),
    ("   ", "chưa nhập"),
    ("%", "không tìm thấy con số"),
    (".", "không tìm thấy con số"),
    ("khoảng", "không tìm thấy con số"),
    ("1.5", "dùng dấu phẩy cho phần thập phân, ví dụ 1,5"),
    ("92.5%", "dùng dấu phẩy cho phần thập phân, ví dụ 92,5"),
    ("0.500", "dùng dấu phẩy cho phần thập phân"),
    ("1.50.000", "nhóm 3 chữ số"),
    ("1234.567", "nhóm 3 chữ số"),
    ("8/", "thiếu số sau dấu “/”"),
    ("/8", "thiếu số trước dấu “/”"),
    ("5 – ", "thiếu số sau dấu “–”"),
    ("– 6", "thiếu số trước dấu “–”"),
    ("5 đến", "thiếu số sau chữ “đến”"),
    ("8 - nghị quyết", "thiếu số sau dấu “-”"),
    ("1,2,3", "một dấu phẩy"),
    ("1,000,000", "dấu chấm để ngăn hàng nghìn"),
    ("1,000.5", "trước dấu phẩy thập phân"),
    ("2 3", "liền nhau"),
    ("Số nghị quyết: 8", "“Số nghị quyết:”"),
    ("8/8/2020", "“/2020”"),
    ("2 - 3 - 4", "“- 4”"),
    ("100%%", "“%”"),
    (",5", "0,5"),
    ("~5", "khoảng"),
]


@pytest.mark.parametrize(("text", "reason"), ERRORS, ids=[e[0] or "<empty>" for e in ERRORS])
def test_parse_rejects_with_vietnamese_reason(text: str, reason: str) -> None:
    """Unreadable figures raise FigureSyntaxError whose message says why, in Vietnamese."""
    with pytest.raises(FigureSyntaxError) as info:
        parse_figure(text)
    message = str(info.value)
    assert reason in message
    assert not message.endswith(".")  # validation adds its own full stop


def test_syntax_error_is_value_error() -> None:
    """Callers catching ValueError also catch unreadable figures."""
    assert issubclass(FigureSyntaxError, ValueError)


CANONICAL = [
    "8",
    "8 nghị quyết",
    "100%",
    "92,5%",
    "500.000.000",
    "500.000.000 đồng",
    "500 triệu",
    "1,5 tỷ",
    "1,5 tỉ đồng",
    "2 nghìn",
    "3 ngàn người",
    "5 – 6 triệu",
    "2 - 3",
    "2 – 3 buổi/năm",
    "từ 2 đến 3 buổi",
    "85 - 90%",
    "8/8",
    "8/8 tổ chức",
    "trên 85%",
    "trên 85% hộ dân",
    "khoảng 120",
    "khoảng 120 ý kiến",
    "bình quân 5 – 6 triệu",
    "1.000.000,5",
    "0",
    "0,5",
    "-5",
    "5 triệu/năm",
    "đạt khoảng 25 – 30 lượt/năm",
    "15 văn bản",
    "18 cuộc",
    "10 nội dung",
    "90%",
    "5 – 6 triệu/năm",
    "2 - 3 buổi/năm",
    "120 ý kiến",
    "92%",
    "8/8 tổ chức bao gồm",
    "95%",
    "6 phong trào/năm",
    "18 mô hình",
    "35 người",
    "9 cuộc/năm",
    "45 kiến nghị",
    "88%",
    "13 người",
    "26 lượt/năm",
]


@pytest.mark.parametrize("text", CANONICAL)
def test_format_figure_round_trips_canonical(text: str) -> None:
    """A figure already written canonically is written back exactly as typed."""
    assert format_figure(parse_figure(text)) == text


NORMALISED = [
    ("92,5 %", "92,5%"),
    ("2-3", "2 - 3"),
    ("5 triệu – 6 triệu", "5 – 6 triệu"),
    ("85% - 90%", "85 - 90%"),
    ("Khoảng 35 người", "khoảng 35 người"),
    ("500 000 000", "500.000.000"),
    ("500000000 đồng", "500.000.000 đồng"),
    ("- 5 người", "5 người"),
    ("\u22125", "-5"),
    ("12abc", "12 abc"),
    ("8 / 8", "8/8"),
    ("500 Triệu", "500 triệu"),
    ("1,000", "1"),
    ("500 nghìn – 2 triệu", "0,5 – 2 triệu"),
    ("8   nghị   quyết.", "8 nghị quyết"),
    ("1500000 đồng", "1.500.000 đồng"),
    ("0,50", "0,5"),
]


@pytest.mark.parametrize(("text", "written"), NORMALISED, ids=[n[0] for n in NORMALISED])
def test_format_figure_normalises(text: str, written: str) -> None:
    """Loose typing is written back in the one canonical Vietnamese style."""
    assert format_figure(parse_figure(text)) == written


NUMBERS = [
    ("500000000", "500.000.000"),
    ("92.5", "92,5"),
    ("1500.25", "1.500,25"),
    ("-5", "-5"),
    ("0", "0"),
    ("-0", "0"),
    ("0.00", "0"),
    ("0.50", "0,5"),
    ("100.00", "100"),
    ("1E+6", "1.000.000"),
    ("1E-7", "0,0000001"),
    ("1.000", "1"),
    ("123", "123"),
    ("1234", "1.234"),
    ("-1234567.891", "-1.234.567,891"),
    ("999999", "999.999"),
]


@pytest.mark.parametrize(("value", "written"), NUMBERS)
def test_format_number(value: str, written: str) -> None:
    """Numbers use "." for thousands, "," for decimals, no exponent and no trailing zeros."""
    assert format_number(D(value)) == written


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_format_number_rejects_non_finite(value: str) -> None:
    """A non-number is refused rather than printed as "NaN"."""
    with pytest.raises(ValueError):
        format_number(D(value))


PRINTS = [
    ("8", "count", "nghị quyết", "8 nghị quyết"),
    ("8 nghị quyết", "count", "nghị quyết", "8 nghị quyết"),
    ("500000000", "money", "đồng", "500.000.000 đồng"),
    ("500 000 000", "money", "đồng", "500.000.000 đồng"),
    ("500 triệu", "money", "đồng", "500 triệu đồng"),
    ("500 triệu", "money", "triệu đồng", "500 triệu đồng"),
    ("1,5", "money", "tỷ đồng", "1,5 tỷ đồng"),
    ("5 – 6 triệu", "money", "đồng/năm", "5 – 6 triệu đồng/năm"),
    ("5 – 6 triệu/năm", "money", "đồng/năm", "5 – 6 triệu/năm"),
    ("92,5", "percent", "%", "92,5%"),
    ("92,5%", "percent", "%", "92,5%"),
    ("92,5 %", "percent", "%", "92,5%"),
    ("85 - 90", "percent", "%", "85 - 90%"),
    ("trên 85% hộ dân", "percent", "%", "trên 85% hộ dân"),
    ("trên 85", "percent", "%", "trên 85%"),
    ("8/8", "ratio", "tổ chức", "8/8 tổ chức"),
    ("8/8 tổ chức bao gồm", "ratio", "tổ chức", "8/8 tổ chức bao gồm"),
    ("2 - 3", "range", "buổi/năm", "2 - 3 buổi/năm"),
    ("9", "count", "cuộc/năm", "9 cuộc/năm"),
    ("Khoảng 120", "count", "ý kiến", "khoảng 120 ý kiến"),
    ("8", "count", "", "8"),
    ("abc", "count", "người", "abc"),
    ("1.5", "money", "đồng", "1.5"),
    ("  không   có ", "count", "người", "không có"),
    ("", "count", "người", ""),
    ("8  người", "text", "người", "8 người"),
    ("Có  đầy đủ", "text", "", "Có đầy đủ"),
]


@pytest.mark.parametrize(("raw", "kind", "unit", "printed"), PRINTS, ids=[p[0] for p in PRINTS])
def test_format_for_print(raw: str, kind: str, unit: str, printed: str) -> None:
    """The printed report shows readable figures canonically with the form's unit added."""
    assert format_for_print(raw, kind, unit) == printed


UNITS: list[tuple[str, str, str, bool | None]] = [
    ("", "người", "count", None),
    ("   ", "người", "count", None),
    ("người", "người", "count", True),
    ("Người", "người", "count", True),
    ("tổ chức bao gồm", "tổ chức", "ratio", True),
    ("phong trào/năm", "phong trào/năm", "count", True),
    ("phong trào / năm", "phong trào/năm", "count", True),
    ("buổi", "buổi/năm", "range", True),
    ("/năm", "lượt/năm", "count", True),
    ("Uỷ viên", "ủy viên", "count", True),
    ("hội viên", "hộ", "count", False),
    ("người", "nghị quyết", "count", False),
    ("đồng chí", "người", "count", False),
    ("buổi/tháng", "buổi/năm", "range", False),
    ("hộ dân", "%", "percent", True),
    ("%", "%", "percent", True),
    ("đồng", "đồng", "money", True),
    ("đ", "đồng", "money", True),
    ("VNĐ", "đồng", "money", True),
    ("vnd", "đồng", "money", True),
    ("đồng/năm", "đồng", "money", True),
    ("đồng", "đồng/năm", "money", True),
    ("/năm", "đồng/năm", "money", True),
    ("đ/năm", "đồng/năm", "money", True),
    ("đồng/thôn/năm", "đồng/năm", "money", True),
    ("đồng", "triệu đồng", "money", True),
    ("/tháng", "đồng/năm", "money", False),
    ("đồng/tháng", "đồng/năm", "money", False),
    ("người", "đồng", "money", False),
    ("đồng", "người", "count", False),
]


@pytest.mark.parametrize(
    ("typed", "template", "kind", "expected"), UNITS, ids=[f"{u[0]}|{u[1]}|{u[2]}" for u in UNITS]
)
def test_units_match(typed: str, template: str, kind: str, expected: bool | None) -> None:
    """A typed unit agrees with the form's unit by folded prefix or, for money, currency form."""
    assert units_match(typed, template, kind) is expected


FOLDS = [
    ("Uỷ", "uy"),
    ("Ủy", "uy"),
    ("Đảng  Ủy\tXã", "dang uy xa"),
    (unicodedata.normalize("NFD", "Nghị quyết"), "nghi quyet"),
    ("  ", ""),
    ("VNĐ", "vnd"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDS)
def test_fold(text: str, folded: str) -> None:
    """fold lower-cases, drops diacritics, turns đ into d and collapses whitespace."""
    assert fold(text) == folded


def test_fold_makes_tone_placements_equal() -> None:
    """Old and new tone placement ("Uỷ"/"Ủy", "hoà"/"hòa") compare equal after folding."""
    assert fold("Uỷ ban") == fold("Ủy ban")
    assert fold("hoà") == fold("hòa")


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, places=2, allow_nan=False, allow_infinity=False))
def test_property_format_number_reads_back(value: Decimal) -> None:
    """Any non-negative number with up to 2 decimals survives format_number then parse_figure."""
    fig = parse_figure(format_number(value))
    assert fig.value == value
    assert fig.notes == ()


_FIGURE_ALPHABET = "0123456789 .,-–—~/%\u2212\u00a0" + "khoảngtrênđếntừtriệutỷnghìnđồngngườinăm"


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_FIGURE_ALPHABET, max_size=30)))
def test_property_parse_only_raises_figure_syntax_error(text: str) -> None:
    """For any text, parse_figure either returns a Figure or raises FigureSyntaxError."""
    try:
        fig = parse_figure(text)
    except FigureSyntaxError as exc:
        assert str(exc)
        return
    assert isinstance(fig, Figure)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_FIGURE_ALPHABET, max_size=30)))
def test_property_canonical_writing_is_stable(text: str) -> None:
    """Whatever parses, its canonical writing parses to the same figure and writes identically."""
    try:
        fig = parse_figure(text)
    except FigureSyntaxError:
        return
    written = format_figure(fig)
    again = parse_figure(written)
    assert (again.shape, again.qualifier, again.unit) == (fig.shape, fig.qualifier, fig.unit)
    assert (again.value, again.high, again.whole) == (fig.value, fig.high, fig.whole)
    assert again.percent == fig.percent
    assert format_figure(again) == written

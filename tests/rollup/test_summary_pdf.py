"""The roll-up's printed summary, read back as text (pdftotext) and as pages (pypdf)."""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pdf"))

from pdf_helpers import pdftotext_pages
from rollup_data import build_rollup, shared_rollup

from dienchau_desktop.rollup.summary_pdf import (
    PER_GROUP,
    groups,
    summary_pdf_bytes,
    write_summary_pdf,
)
from dienchau_desktop.rollup.tally import Rollup, tally
from dienchau_desktop.template import load_template

N = 12
MADE = datetime(2026, 4, 20, 9, 30)
A4_LANDSCAPE = (841.89, 595.28)
TABLE_ROW = re.compile(r"^\s*\d+\s+xã ", re.MULTILINE)  # a row of the communes' tables


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def rollup() -> Rollup:
    return shared_rollup(N)


@pytest.fixture(scope="module")
def data(rollup: Rollup) -> bytes:
    return summary_pdf_bytes(rollup, made=MADE)


@pytest.fixture(scope="module")
def pages(data: bytes) -> list[str]:
    return pdftotext_pages(data)


def test_the_header_names_what_was_tallied(pages: list[str], rollup: Rollup) -> None:
    first = " ".join(pages[0].split())
    assert "TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC XÃ" in first
    assert rollup.template.name in first
    assert f"Số xã được tổng hợp: {N}" in first
    assert "báo cáo cũ đã được thay: 1" in first
    assert "tệp không nhận: 1" in first
    assert "Lập ngày 20/04/2026" in first


def test_every_commune_and_every_total_is_printed(pages: list[str], rollup: Rollup) -> None:
    text = _squeeze("\n".join(pages))
    for commune in rollup.communes:
        assert _squeeze(commune.name) in text
    for column in rollup.columns:
        assert _squeeze(rollup.totals[column.key].text) in text, column.key
        assert _squeeze(column.label) in text


def test_pages_are_a4_landscape(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_LANDSCAPE, abs=0.5)


def _table_pages(pages: list[str]) -> list[str]:
    return [p for p in pages if TABLE_ROW.search(p)]


def _headers_fit(page: str) -> bool:
    """A page of the communes' tables shows a header row for the table it continues, if any,
    and one for each table it starts: never none, never one twice."""
    starts = page.count("Bảng số liệu từng xã, phần")
    return 1 <= page.count("Tên xã") <= starts + 1


def test_the_communes_tables_header_is_on_each_of_their_pages(pages: list[str]) -> None:
    table_pages = _table_pages(pages)
    assert table_pages
    assert all(_headers_fit(page) for page in table_pages)


def test_the_figures_come_in_groups_as_wide_as_the_page(rollup: Rollup) -> None:
    parts = groups(rollup.columns, PER_GROUP)
    assert [c for g in parts for c in g] == rollup.columns
    assert all(1 <= len(g) <= PER_GROUP for g in parts)
    for g in parts[:-1]:  # a question is never cut between two groups when it fits in one
        nxt = parts[parts.index(g) + 1]
        assert g[-1].question_id != nxt[0].question_id


def test_a_chart_is_drawn_for_the_main_figures(data: bytes, pages: list[str]) -> None:
    text = " ".join(" ".join(pages).split())
    assert "3. BIỂU ĐỒ" in text
    assert "II.1 – Số cuộc kiểm tra, giám sát (cuộc)" in text
    reader = PdfReader(io.BytesIO(data))
    chart_page = next(i for i, p in enumerate(pages) if "II.1 – Số cuộc kiểm tra" in p)
    content = reader.pages[chart_page].get_contents()
    assert content is not None
    bars = content.get_data().count(b" re")  # a bar is a filled rectangle
    assert bars >= N


def test_same_tally_same_bytes(rollup: Rollup, data: bytes) -> None:
    assert summary_pdf_bytes(rollup, made=MADE) == data


def test_without_charts(rollup: Rollup) -> None:
    text = "\n".join(pdftotext_pages(summary_pdf_bytes(rollup, made=MADE, charts=0)))
    assert "BIỂU ĐỒ" not in text


def test_hostile_names_print_literally(tmp_path: Path) -> None:
    rollup = build_rollup(3)
    rollup.communes[0].name = "xã <b>A & B</b>"
    rollup.communes[1].name = "xã Có\x07 ký\u200b tự 😀"
    path = tmp_path / "tong-hop.pdf"
    write_summary_pdf(rollup, path, made=MADE)
    text = " ".join(" ".join(pdftotext_pages(path.read_bytes())).split())
    assert "xã <b>A & B</b>" in text
    assert "xã Có ký tự" in text


def test_no_commune_at_all() -> None:
    pages = pdftotext_pages(summary_pdf_bytes(tally([], load_template()), made=MADE))
    assert "Số xã được tổng hợp: 0" in " ".join(pages[0].split())


def test_two_hundred_communes() -> None:
    rollup = shared_rollup(200)
    pages = pdftotext_pages(summary_pdf_bytes(rollup, made=MADE))
    text = "\n".join(pages)
    rows = [int(m.group(0).split()[0]) for m in TABLE_ROW.finditer(text)]
    groups_count = len(groups(rollup.columns, PER_GROUP))
    assert sorted(set(rows)) == list(range(1, 201))
    assert len(rows) == 200 * groups_count  # every commune once in each group's table
    table_pages = _table_pages(pages)
    assert all(_headers_fit(page) for page in table_pages)
    continued = [p for p in table_pages if "Bảng số liệu từng xã, phần" not in p]
    assert len(continued) >= 4 and all(p.count("Tên xã") == 1 for p in continued)
    squeezed = _squeeze(text)
    for commune in rollup.communes:
        assert _squeeze(commune.name) in squeezed

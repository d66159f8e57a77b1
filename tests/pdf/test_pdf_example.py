"""The example report printed: every word of the seed, on A4, in the Party's layout."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pdf_helpers import (
    A4,
    MM,
    bundled_layout,
    norm,
    open_pdf,
    pdffonts,
    pdftotext_pages,
    printed,
    render,
    seed_pieces,
)
from pypdf import PdfReader

from dienchau_desktop.draft import example_draft
from dienchau_desktop.figures import format_for_print
from dienchau_desktop.printed import recipient_lines
from dienchau_desktop.template import load_template

LEFT = 30 * MM
TEXT_WIDTH = 165 * MM
RIGHT = LEFT + TEXT_WIDTH
HEADER_LEFT_WIDTH = bundled_layout().header.left_column_mm * MM


def _search(page: Any, text: str) -> dict[str, Any]:
    found = page.search(text, regex=False)
    assert found, f"“{text}” not found on page {page.page_number}"
    return dict(found[0])


def _font(match: dict[str, Any]) -> str:
    return str(match["chars"][0]["fontname"])


def _centre(match: dict[str, Any]) -> float:
    return (float(match["x0"]) + float(match["x1"])) / 2


# --- content ---------------------------------------------------------------------------------


def test_every_sentence_of_every_seed_answer_is_printed(example_pages: list[str]) -> None:
    """Each sentence of the seed's answers (and section V's text) is in pdftotext's output."""
    pieces = seed_pieces(2) + seed_pieces(1)
    assert len(pieces) > 100
    missing = [p for p in pieces if not printed(example_pages, p)]
    assert missing == []


def test_every_figure_is_printed_as_label_value_unit(example_pages: list[str]) -> None:
    """Each evidence figure prints on its own as "label: value unit", as the seed wrote it."""
    draft = example_draft()
    template = load_template(draft.template_id)
    count = 0
    for question in template.questions:
        answer = draft.get_answer(question.id)
        for spec in question.figures:
            raw = answer.figures[spec.id]
            value = format_for_print(raw, spec.kind, spec.unit)
            assert value == raw, "the seed's figures are already in Vietnamese style"
            assert printed(example_pages, f"{spec.label}: {value}"), (question.id, spec.id)
            count += 1
    assert count == 26  # every figure of the form


def test_fixed_texts_summary_and_signature_are_printed(example_pages: list[str]) -> None:
    """The header strings, title, summary, closing, recipients and signer all print."""
    draft = example_draft()
    text = norm(" ".join(example_pages))
    for expected in (
        "ĐẢNG BỘ TỈNH NGHỆ AN",
        "ĐẢNG ỦY XÃ DIỄN CHÂU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Diễn Châu, ngày 15 tháng 4 năm 2026",
        "BÁO CÁO",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Đặng Thị Thanh",
        "- Ban Tuyên giáo và Dân vận Tỉnh uỷ (b/c),",
        "- Lưu Văn phòng Đảng uỷ.",
    ):
        assert expected in text, expected
    assert norm(draft.meta_text("subject")) in text
    assert printed(example_pages, "Trên đây là báo cáo Tổng kết Kết luận số 62-KL/TW")
    assert printed(example_pages, "những kiến nghị, đề xuất của Đảng ủy xã Diễn Châu.")
    assert printed(example_pages, "Thực hiện Công văn số 538-CV/BTGDVTU, ngày 13/4/2026")
    assert "Số:" not in text


def test_recipient_lines_get_dash_commas_and_final_period() -> None:
    """Recipients stored bare print as "- x," … "- y."; typed dashes and stops are not doubled."""
    layout = bundled_layout()
    assert recipient_lines(layout, ["Ban A", "- Ban B;", "Lưu VP.", "  "]) == [
        "- Ban A,",
        "- Ban B,",
        "- Lưu VP.",
    ]


# --- paper, fonts, metadata ------------------------------------------------------------------


def test_pages_are_a4_and_fonts_embedded(example_final: bytes) -> None:
    """Every page is A4 portrait; pdffonts lists only embedded fonts, each with its font file."""
    reader = PdfReader(io.BytesIO(example_final))
    assert 8 <= len(reader.pages) <= 14
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.5)
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    rows = pdffonts(example_final)
    assert rows and all(r["emb"] == "yes" for r in rows), rows
    assert all("Helvetica" not in r["name"] for r in rows)


def test_metadata_names_font_version_and_copy(example_final: bytes) -> None:
    """The PDF's metadata says which font family printed it, the app version and the copy kind."""
    from dienchau_desktop import __version__

    info = PdfReader(io.BytesIO(example_final)).metadata
    assert info is not None
    assert info["/Creator"] == f"dienchau_desktop {__version__}"
    keywords = str(info["/Keywords"])
    assert "Liberation Serif" in keywords or "Times New Roman" in keywords
    assert __version__ in keywords and "bản chính thức" in keywords
    assert info["/Author"] == "ĐẢNG ỦY XÃ DIỄN CHÂU"
    assert str(info["/CreationDate"]).startswith("D:20260415080000+07")


def test_same_draft_gives_same_bytes() -> None:
    """Rendering the same draft twice gives identical bytes; the date is the draft's own."""
    first = render(example_draft(), final=True)
    assert render(example_draft(), final=True) == first
    changed = example_draft()
    changed.meta["updated"] = "2026-04-16T10:00:00+07:00"
    other = render(changed, final=True)
    assert other != first
    assert b"D:20260416100000+07'00'" in other


# --- the page --------------------------------------------------------------------------------


def test_header_parts_sit_where_the_layout_rules_put_them(example_plumber: Any) -> None:
    """Left column: superior body, bold issuing body, centred *, "Số"; right: party name, date."""
    pdf = example_plumber
    page = pdf.pages[0]
    left_centre = LEFT + HEADER_LEFT_WIDTH / 2
    right_centre = (LEFT + HEADER_LEFT_WIDTH + RIGHT) / 2
    superior = _search(page, "ĐẢNG BỘ TỈNH NGHỆ AN")
    issuing = _search(page, "ĐẢNG ỦY XÃ DIỄN CHÂU")
    party = _search(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    date = _search(page, "Diễn Châu, ngày 15 tháng 4 năm 2026")
    number = _search(page, "Số")
    symbol = _search(page, "-BC/ĐU")
    title = _search(page, "BÁO CÁO")
    star = next(w for w in page.extract_words() if w["text"] == "*")

    for part in (superior, issuing, number, star):
        assert float(part["x1"]) <= LEFT + HEADER_LEFT_WIDTH + 0.5
    for part in (superior, issuing, star):
        assert _centre(part) == pytest.approx(left_centre, abs=1.5)
    for part in (party, date):
        assert float(part["x0"]) >= LEFT + HEADER_LEFT_WIDTH - 0.5
        assert float(part["x1"]) <= RIGHT + 0.5
        assert _centre(part) == pytest.approx(right_centre, abs=1.5)
    assert float(superior["top"]) < float(issuing["top"]) < float(star["top"])
    assert float(star["top"]) < float(number["top"]) < float(title["top"])
    assert float(party["top"]) == pytest.approx(float(superior["top"]), abs=4)
    assert float(date["bottom"]) == pytest.approx(float(number["bottom"]), abs=1)

    assert "Bold" not in _font(superior)
    assert "Bold" in _font(issuing) and "Bold" in _font(party) and "Bold" in _font(title)
    assert "Italic" in _font(date)
    assert party["chars"][0]["size"] == pytest.approx(15, abs=0.1)
    assert superior["chars"][0]["size"] == pytest.approx(14, abs=0.1)
    assert title["chars"][0]["size"] == pytest.approx(16, abs=0.1)
    assert _centre(title) == pytest.approx(LEFT + TEXT_WIDTH / 2, abs=1.5)
    # A blank document number leaves a visible gap to write the number by hand.
    assert float(symbol["x0"]) - float(number["x1"]) > 15

    rules = [
        e
        for e in page.lines
        if abs(float(e["top"]) - float(e["bottom"])) < 0.5
        and 0 < float(e["top"]) - float(party["bottom"]) < 8
    ]
    assert len(rules) == 1, "one rule right under ĐẢNG CỘNG SẢN VIỆT NAM"
    assert float(rules[0]["x0"]) == pytest.approx(float(party["x0"]), abs=1)
    assert float(rules[0]["x1"]) == pytest.approx(float(party["x1"]), abs=1)


def test_document_number_prints_with_symbol_and_no_colon() -> None:
    """A typed number prints as "Số 123-BC/ĐU" (and a typed "Số:" is not doubled)."""
    draft = example_draft()
    draft.meta["document_number"] = "Số: 123"
    text = norm(pdftotext_pages(render(draft, final=True))[0])
    assert "Số 123-BC/ĐU" in text
    assert "Số:" not in text


def test_page_numbers_at_top_centre_from_page_two(example_plumber: Any) -> None:
    """Page 1 has no number; page n (n ≥ 2) shows "n", 14 pt, centred at the top."""
    pdf = example_plumber
    for index, page in enumerate(pdf.pages):
        top_words = [
            w for w in page.extract_words(extra_attrs=["size"]) if float(w["bottom"]) < 20 * MM
        ]
        if index == 0:
            assert not any(w["text"].isdigit() for w in top_words)
            continue
        numbers = [w for w in top_words if w["text"].isdigit()]
        assert [w["text"] for w in numbers] == [str(index + 1)]
        word = numbers[0]
        assert _centre(word) == pytest.approx(LEFT + TEXT_WIDTH / 2, abs=1)
        assert float(word["size"]) == pytest.approx(14, abs=0.1)
        assert 8 * MM < float(word["top"]) < 14 * MM


def test_table_header_repeats_exactly_once_per_page(example_plumber: Any) -> None:
    """Every page of the table starts with its header row, drawn once (never twice)."""
    pdf = example_plumber
    counts = [sum(1 for w in page.extract_words() if w["text"] == "TT") for page in pdf.pages]
    last = pdf.pages[-1]
    closing_on_last = bool(last.search("Nơi nhận:", regex=False))
    table_pages = counts if not closing_on_last or counts[-1] else counts[:-1]
    assert table_pages and all(c == 1 for c in table_pages), counts


def test_nothing_is_clipped_or_outside_the_margins(example_plumber: Any) -> None:
    """All text lies inside the page margins (body) or the top margin (page number, marks)."""
    width, height = A4
    pdf = example_plumber
    for page in pdf.pages:
        for ch in page.chars:
            assert float(ch["x0"]) >= LEFT - 0.5, ch["text"]
            assert float(ch["x1"]) <= width - 15 * MM + 0.5, ch["text"]
            assert float(ch["bottom"]) <= height - 20 * MM + 0.5, ch["text"]


def test_table_text_never_runs_over_a_column_rule(example_plumber: Any) -> None:
    """No word crosses a vertical rule: cell text stays in its column, section rows have none."""
    layout = bundled_layout()
    edges = [LEFT]
    for col in layout.table.columns:
        edges.append(edges[-1] + col.width_mm * MM)
    crossing_checked = 0
    for page in example_plumber.pages:
        rules = [e for e in page.lines if abs(float(e["x0"]) - float(e["x1"])) < 0.1]
        assert all(any(abs(edge - float(r["x0"])) < 0.6 for r in rules) for edge in edges)
        for w in page.extract_words():
            x0, x1 = float(w["x0"]), float(w["x1"])
            for edge in edges[1:-1]:
                if not x0 < edge < x1:
                    continue
                crossing_checked += 1  # a section title or section V's text, spanning
                assert not any(
                    abs(edge - float(r["x0"])) < 0.6
                    and float(r["top"]) <= float(w["top"])
                    and float(r["bottom"]) >= float(w["bottom"])
                    for r in rules
                ), (page.page_number, w["text"])
    assert crossing_checked > 0, "the spanning rows were checked too"


def test_signature_block_is_kept_together_at_the_end(example_plumber: Any) -> None:
    """ "Nơi nhận" (left) and the signature block (right) are on the same, last page."""
    pdf = example_plumber
    page = pdf.pages[-1]
    received = _search(page, "Nơi nhận:")
    authority = _search(page, "T/M BAN THƯỜNG VỤ")
    position = _search(page, "PHÓ BÍ THƯ THƯỜNG TRỰC")
    name = _search(page, "Đặng Thị Thanh")
    last = _search(page, "- Lưu Văn phòng Đảng uỷ.")
    sig_left = LEFT + bundled_layout().signature.left_column_mm * MM
    assert float(received["x0"]) == pytest.approx(LEFT, abs=0.5)
    assert float(last["x1"]) < sig_left
    for part in (authority, position, name):
        assert float(part["x0"]) > sig_left - 0.5
    assert float(authority["top"]) == pytest.approx(float(received["top"]), abs=3)
    assert float(authority["top"]) < float(position["top"]) < float(name["top"])
    # room to sign and seal: at least four empty lines of 14 pt
    assert float(name["top"]) - float(position["bottom"]) > 4 * 14
    assert "Bold" in _font(authority) and "Bold" in _font(name)
    assert "Bold" not in _font(position)
    underline = [
        e
        for e in page.lines
        if abs(float(e["top"]) - float(e["bottom"])) < 0.5
        and -3 <= float(e["top"]) - float(received["bottom"]) < 5
    ]
    assert len(underline) == 1, "“Nơi nhận:” is underlined"
    assert float(underline[0]["x0"]) == pytest.approx(float(received["x0"]), abs=1)
    assert float(underline[0]["x1"]) == pytest.approx(float(received["x1"]), abs=1)


def test_no_empty_page(example_final: bytes, example_pages: list[str]) -> None:
    """Every page carries content besides its number."""
    for i, text in enumerate(example_pages):
        words = [w for w in norm(text).split(" ") if w and w != str(i + 1)]
        assert len(words) > 20, i + 1


def test_draft_copy_is_marked_on_every_page(
    example_draft_copy: bytes, example_final: bytes
) -> None:
    """A draft copy says "DỰ THẢO" on every page; the final copy nowhere."""
    draft_pages = pdftotext_pages(example_draft_copy)
    assert all("DỰ THẢO" in norm(p) for p in draft_pages)
    assert not any("DỰ THẢO" in norm(p) for p in pdftotext_pages(example_final))
    with open_pdf(example_draft_copy) as pdf:
        for page in pdf.pages:
            marks = page.search("DỰ THẢO", regex=False)
            assert any(float(m["top"]) < 20 * MM for m in marks), "framed mark in the top margin"
            assert page.rects, "the mark is framed"

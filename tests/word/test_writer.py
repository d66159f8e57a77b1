"""The Word copy: its structure read back with python-docx, and LibreOffice's print of it."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from clirun import run_cli
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from pdf_helpers import bundled_layout, pdftotext_pages, printed, render, seed_pieces
from word_helpers import convert_to_pdf

from dienchau_desktop.draft import example_draft, new_draft
from dienchau_desktop.printed import FinalRefusedError, bind_dashes, printed_report
from dienchau_desktop.template import load_template
from dienchau_desktop.word import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _cell_texts(table: Any) -> list[list[str]]:
    """Each row's cells (a merged cell once), each cell's paragraphs one per line."""
    return [
        ["\n".join(_text(p) for p in tc.iter(f"{W}p")) for tc in tr.tc_lst]
        for tr in table._tbl.tr_lst
    ]


# --- the page and the header ---------------------------------------------------------------


def test_page_is_a4_with_the_profile_margins(example_docx: bytes) -> None:
    layout = bundled_layout()
    section = _open(example_docx).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.left_margin - Mm(layout.page.margin_left_mm)) < Mm(0.1)
    assert abs(section.right_margin - Mm(layout.page.margin_right_mm)) < Mm(0.1)
    assert abs(section.top_margin - Mm(layout.page.margin_top_mm)) < Mm(0.1)


def test_text_is_times_new_roman_in_vietnamese(example_docx: bytes) -> None:
    doc = _open(example_docx)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == bundled_layout().body.size
    lang = normal.element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    assert doc.core_properties.language == "vi-VN"


def test_header_block_is_a_borderless_table_with_the_party_rule(example_docx: bytes) -> None:
    doc = _open(example_docx)
    body = doc.element.body
    assert body[0].tag == qn("w:tbl"), "the document starts with the header table"
    header = doc.tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left = [header.cell(r, 0).text for r in range(4)]
    assert left[:3] == ["ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ DIỄN CHÂU", "*"]
    assert left[3].startswith("Số") and left[3].endswith("-BC/ĐU")
    assert header.cell(1, 0).paragraphs[0].runs[0].bold
    party = header.cell(0, 1).paragraphs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.runs[0].bold
    rule = party._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:val")) == "single"
    date = header.cell(3, 1).paragraphs[0]
    assert date.text == "Diễn Châu, ngày 15 tháng 4 năm 2026" and date.runs[0].italic


def test_title_subject_and_preamble_follow_the_header(example_docx: bytes) -> None:
    draft = example_draft()
    rep = printed_report(draft, load_template(), bundled_layout(), draft_copy=False)
    texts = [p.text for p in _open(example_docx).paragraphs if p.text.strip()]
    assert texts[:4] == [
        "BÁO CÁO",
        bind_dashes(rep.subject),
        "-----",
        bind_dashes(rep.preamble),
    ]


# --- the table ---------------------------------------------------------------------------------


def test_report_table_has_fixed_widths_and_a_repeated_header(example_docx: bytes) -> None:
    layout = bundled_layout()
    table = _open(example_docx).tables[1]
    tbl = table._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    expected = [round(Mm(c.width_mm).twips) for c in layout.table.columns]
    assert all(abs(g - e) <= 2 for g, e in zip(grid, expected, strict=True))
    rows = tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    # Rows of answers may break across pages: none but the header is kept whole.
    kept = [
        r for r in rows[1:] if r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None
    ]
    assert kept == []
    header = [_norm(t) for t in _cell_texts(table)[0]]
    assert header == [_norm(c.title) for c in layout.table.columns]


def test_section_rows_span_four_columns_and_section_v_is_text(example_docx: bytes) -> None:
    table = _open(example_docx).tables[1]
    rows = _cell_texts(table)
    sections = [r for r in rows if r and r[0] in ("I", "II", "III", "IV", "V", "VI")]
    assert [r[0] for r in sections] == ["I", "II", "III", "IV", "V", "VI"]
    for tr in table._tbl.tr_lst:
        first = "".join(tr.tc_lst[0].itertext()).strip()
        if first in ("I", "V"):
            span = tr.tc_lst[1].tcPr.find(qn("w:gridSpan"))
            assert span is not None and span.get(qn("w:val")) == "4"
    v = rows.index(next(r for r in rows if r[0] == "V"))
    free = rows[v + 1]
    assert len(free) == 2 and free[0] == ""
    assert _norm(free[1]).startswith("Trong thời gian tới, Đảng ủy xã tiếp tục")


def test_every_question_row_holds_what_the_pdf_prints(example_docx: bytes) -> None:
    """Number, prompt, answer, figure lines and note: the PDF's strings, every character."""
    rep = printed_report(example_draft(), load_template(), bundled_layout(), draft_copy=False)
    rows = {tuple(r[:2]): r for r in _cell_texts(_open(example_docx).tables[1]) if len(r) == 5}
    count = 0
    for section in rep.sections:
        for q in section.questions:
            row = rows[(q.number, bind_dashes(q.prompt))]
            assert row[2].split("\n") == [bind_dashes(b.text) for b in q.answer]
            assert row[3].split("\n") == [bind_dashes(f) for f in q.figures] or (
                not q.figures and row[3] == ""
            )
            count += 1
    assert count == 17  # 18 questions less section V's own text


def test_bullets_are_a_real_word_list_with_the_profile_bullet(example_docx: bytes) -> None:
    doc = _open(example_docx)
    listed = [p for p in doc.element.body.iter(qn("w:p")) if p.find(f"{W}pPr/{W}numPr") is not None]
    assert len(listed) > 20
    num_id = listed[0].find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val"))
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "bullet"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == bundled_layout().table.bullet
    # The bullet text itself is not typed into the paragraph: Word draws it.
    texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in listed]
    assert not any(t.startswith("-") for t in texts)


# --- the end and the pages ---------------------------------------------------------------------


def test_closing_and_signature_are_kept_together(example_docx: bytes) -> None:
    doc = _open(example_docx)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    assert closing.paragraph_format.keep_with_next
    signature = doc.tables[2]
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    left = [p.text for p in signature.cell(0, 0).paragraphs]
    assert left[0] == "Nơi nhận:" and signature.cell(0, 0).paragraphs[0].runs[0].underline
    assert left[1] == "- Ban Tuyên giáo và Dân vận Tỉnh uỷ (b/c),"
    assert left[-1] == "- Lưu Văn phòng Đảng uỷ."
    right = [p.text for p in signature.cell(0, 1).paragraphs if p.text]
    assert right == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đặng Thị Thanh"]


def _header_xml(section: Any, which: str) -> str:
    return str(getattr(section, which)._element.xml)


def test_page_numbers_from_page_two_and_draft_mark_on_every_page(
    example_docx: bytes, example_docx_draft: bytes
) -> None:
    final = _open(example_docx).sections[0]
    assert final.different_first_page_header_footer
    assert "PAGE" in _header_xml(final, "header")
    assert "PAGE" not in _header_xml(final, "first_page_header")
    assert "DỰ THẢO" not in _header_xml(final, "header")
    draft = _open(example_docx_draft).sections[0]
    for which in ("header", "first_page_header"):
        assert "DỰ THẢO" in _header_xml(draft, which)


def test_final_copy_is_refused_while_errors_remain() -> None:
    empty = new_draft(load_template())
    with pytest.raises(FinalRefusedError):
        render_docx(empty, final=True)
    assert render_docx(empty)[:2] == b"PK"  # the draft copy prints at any time


def test_cli_writes_word_by_extension_and_refuses_final_with_errors(tmp_path: Path) -> None:
    out = tmp_path / "báo cáo.docx"
    done = run_cli("render", "--example", "-o", str(out), "--final")
    assert done.returncode == 0, done.stderr
    assert "tệp Word" in done.stderr
    assert "ĐẢNG ỦY XÃ DIỄN CHÂU" in _open(out.read_bytes()).tables[0].cell(1, 0).text
    draft = tmp_path / "trong.json"
    draft.write_text(new_draft(load_template()).to_json(), encoding="utf-8")
    refused = tmp_path / "trong.docx"
    done = run_cli("render", str(draft), "-o", str(refused), "--final")
    assert done.returncode == 1 and not refused.exists()
    assert "Tệp Word chưa được ghi" in done.stderr
    done = run_cli("render", "--example", "-o", str(tmp_path / "cu.doc"))
    assert done.returncode == 2 and ".docx" in done.stderr


# --- read by a real client ---------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_prints_every_sentence_of_the_example(example_docx_pdf: bytes) -> None:
    # In reading order (-raw): LibreOffice sets adjacent cells' lines on one baseline, which
    # pdftotext's layout mode would merge into one line.
    pages = pdftotext_pages(example_docx_pdf, raw=True)
    pieces = seed_pieces(2) + seed_pieces(1)
    assert len(pieces) > 100
    missing = [p for p in pieces if not printed(pages, p)]
    assert missing == []


@pytest.mark.slow
def test_libreoffice_page_count_is_within_two_of_ours(example_docx_pdf: bytes) -> None:
    ours = len(pdftotext_pages(render(example_draft(), final=True)))
    theirs = len(pdftotext_pages(example_docx_pdf))
    assert abs(ours - theirs) <= 2, (ours, theirs)


@pytest.mark.slow
def test_libreoffice_shows_page_numbers_and_the_draft_mark(example_docx_draft: bytes) -> None:
    pages = pdftotext_pages(convert_to_pdf(example_docx_draft))
    assert all("DỰ THẢO" in page for page in pages)
    assert "2" in pages[1].split("\n")[0].split() or pages[1].lstrip().startswith("2")
    first_line_words = pages[0].strip().split("\n")[0].split()
    assert "1" not in first_line_words

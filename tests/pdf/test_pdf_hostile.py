"""Hostile input prints as typed: markup characters, NFD, emoji, huge answers, huge words."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pdf_helpers import (
    A4,
    MM,
    column_text,
    norm,
    open_pdf,
    pdftotext_pages,
    printed,
    render,
    squeeze,
)

from dienchau_desktop.draft import Draft, ExtraFigure, example_draft
from dienchau_desktop.pdf.fonts import report_family, vietnamese_letters
from dienchau_desktop.pdf.text import REPLACEMENT, markup
from dienchau_desktop.textclean import printable

WORDS = 30_000
MARKUP = '<b>đậm</b> & <font name="x">chữ</font> x<y &amp; a>b <i>'
NFD_LINE = unicodedata.normalize("NFD", "Nghệ An, Diễn Châu: ỦY BAN, Quỳnh Lưu, đường Trường Thi")
EMOJI_LINE = "Chúc mừng 😀 đạt ✓ chỉ tiêu"
MISSING_GLYPH = "👍"  # in no bundled font: printed as U+FFFD
LONG_WORD = "đường" * 400  # 2,000 letters, no space


def _token(i: int) -> str:
    return f"từ{i:05d}"


def _hostile_draft() -> Draft:
    draft = example_draft()
    draft.answer("I.1").text = "\n".join(
        [MARKUP, NFD_LINE, EMOJI_LINE + " " + MISSING_GLYPH + " hết", "Dòng\u0007có\u200bký tự lạ"]
    )
    # One paragraph of 30,000 words: it must flow over many pages and print whole.
    draft.answer("II.3").text = " ".join(_token(i) for i in range(WORDS))
    draft.answer("III.1").text = f"Từ dài: {LONG_WORD} hết."
    draft.answer("II.1").note = "Ghi chú <i>nghiêng</i> & 5 < 6"
    draft.answer("II.1").extra_figures = [ExtraFigure(label="<b>Số</b> & lượt", value="12 <lượt>")]
    draft.meta["signer_name"] = unicodedata.normalize("NFD", "Nguyễn Thị <Hằng> & Co")
    draft.meta["recipients"] = ["Ban A,", "- Ban <B>;", "Lưu Văn phòng Đảng uỷ."]
    return draft


@pytest.fixture(scope="module")
def hostile_pdf() -> bytes:
    """The hostile draft, final copy (rendered once: the 30,000-word answer is the slow part)."""
    return render(_hostile_draft(), final=True)


@pytest.fixture(scope="module")
def hostile_pages(hostile_pdf: bytes) -> list[str]:
    """pdftotext's text of each page (reading order)."""
    return pdftotext_pages(hostile_pdf)


@pytest.fixture(scope="module")
def hostile_raw(hostile_pdf: bytes) -> list[str]:
    """Text in drawing order (``pdftotext -raw``): justified lines of a few very long tokens have
    gaps wide enough for pdftotext's reading order to take each word for a column of its own."""
    return pdftotext_pages(hostile_pdf, raw=True)


def test_markup_characters_print_literally(hostile_pdf: bytes, hostile_raw: list[str]) -> None:
    """`<`, `&`, `<b>`, `<font …>` typed by the user come out of the PDF exactly as typed."""
    assert printed(hostile_raw, MARKUP)
    assert printed(hostile_raw, "<b>Số</b> & lượt: 12 <lượt>")
    assert printed(hostile_raw, "Nguyễn Thị <Hằng> & Co")
    # The narrow "Ghi chú" column splits the long token "<i>nghiêng</i>" over lines.
    page = next(i for i, p in enumerate(hostile_raw) if "TRÁCH NHIỆM" in p)
    notes = column_text(hostile_pdf, 4, range(page, page + 2))
    assert squeeze("Ghi chú <i>nghiêng</i> & 5 < 6") in squeeze(notes)


def test_decomposed_text_prints_composed(hostile_raw: list[str]) -> None:
    """NFD input prints and extracts as NFC (no misplaced accents)."""
    text = "\n".join(hostile_raw)
    assert unicodedata.normalize("NFC", NFD_LINE) in norm(text)
    assert text == unicodedata.normalize("NFC", text)


def test_emoji_prints_and_controls_vanish(hostile_raw: list[str]) -> None:
    """An emoji a bundled font has prints as typed; one none has prints as �; controls vanish."""
    text = norm("\n".join(hostile_raw))
    assert EMOJI_LINE in text
    assert f"{REPLACEMENT} hết" in text
    assert "Dòngcóký tự lạ" in text
    assert "\u0007" not in text and "\u200b" not in text


def test_thirty_thousand_word_answer_prints_whole_and_in_order(hostile_raw: list[str]) -> None:
    """Every word of a 30,000-word answer prints once, in order, over as many pages as needed."""
    tokens = re.findall(r"từ\d{5}", "\n".join(hostile_raw))
    assert tokens == [_token(i) for i in range(WORDS)]
    assert len(hostile_raw) > 100


def test_header_row_once_per_page_and_no_empty_page(hostile_pages: list[str]) -> None:
    """Over hundreds of pages the table header shows exactly once per page; no page is empty."""
    for number, page in enumerate(hostile_pages, 1):
        lines = [line.strip() for line in page.split("\n")]
        words = [w for w in norm(page).split(" ") if w != str(number)]
        assert len(words) > 10, f"page {number} is empty"
        if "Nơi nhận:" in page and "TT" not in lines:
            continue  # the last page may hold only the closing and the signatures
        assert lines.count("TT") == 1, f"page {number}"


def test_two_thousand_letter_word_wraps_inside_its_cell(
    hostile_pdf: bytes, hostile_pages: list[str]
) -> None:
    """A 2,000-letter word wraps inside the answer column instead of running off the page."""
    page_no = next(i for i, p in enumerate(hostile_pages) if "Từ dài:" in p)
    answers = column_text(hostile_pdf, 2, range(page_no, min(page_no + 3, len(hostile_pages))))
    assert squeeze(f"Từ dài: {LONG_WORD} hết.") in squeeze(answers)
    with open_pdf(hostile_pdf) as pdf:
        for page in pdf.pages[page_no : page_no + 3]:
            for ch in page.chars:
                assert float(ch["x1"]) <= A4[0] - 15 * MM + 0.5
                assert float(ch["bottom"]) <= A4[1] - 20 * MM + 0.5


def test_recipients_punctuation_is_normalised(hostile_pages: list[str]) -> None:
    """Typed commas, dashes and stops on recipient lines are replaced by the layout's own."""
    text = norm(hostile_pages[-1])
    assert "- Ban A, - Ban <B>, - Lưu Văn phòng Đảng uỷ." in text


def test_markup_helper_escapes_and_marks_fallback_glyphs() -> None:
    """The markup helper escapes XML, composes NFD, drops controls and wraps missing glyphs."""
    family = report_family(use_system=False)
    assert markup("a<b>&c", family) == "a&lt;b&gt;&amp;c"
    assert markup(unicodedata.normalize("NFD", "Đảng ủy"), family) == "Đảng ủy"
    assert printable("a\u0000b\u200bc\td\ufe0f") == "abc d"
    assert markup("kinh tế - xã hội", family) == "kinh tế -\u00a0xã hội"
    wrapped = markup("ok 😀", family)
    assert wrapped.startswith("ok <font face=") and "😀</font>" in wrapped
    assert REPLACEMENT in markup(MISSING_GLYPH, family)


def test_every_vietnamese_letter_is_in_the_font() -> None:
    """The chosen family has every Vietnamese letter in all four faces: none prints as a box."""
    family = report_family(use_system=False)
    letters = vietnamese_letters()
    assert len(set(letters)) == 2 * (12 * 6 + 1 + 20)
    assert all(ord(c) in family.covered for c in letters)
    assert markup(letters, family) == letters


def test_very_long_recipient_list_prints_every_line() -> None:
    """Hundreds of recipients print in order, the list flowing on under the signature block."""
    draft = example_draft()
    draft.meta["recipients"] = [f"Nơi nhận số {i}" for i in range(400)]
    text = norm(" ".join(pdftotext_pages(render(draft, final=True))))
    found = [int(n) for n in re.findall(r"- Nơi nhận số (\d+)[,.]", text)]
    assert found == list(range(400))
    assert "- Nơi nhận số 399." in text and "Đặng Thị Thanh" in text

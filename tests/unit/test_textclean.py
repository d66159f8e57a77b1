"""Text cleaning on entry: markup, NFC, controls, bullets."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from dienchau_desktop.draft import example_draft
from dienchau_desktop.textclean import _clean, already_clean, clean_line, clean_text, paragraphs


def test_seed_markup_becomes_paragraphs_and_bullets() -> None:
    """Web leftovers like <p> and <ul style=…> turn into plain lines and "- " bullets."""
    raw = (
        '<p>Đảng ủy xã đã ban hành:</p> <ul style="list-style-type: none"><li>Nghị quyết</li>'
        "<li>Kế hoạch</li></ul><p>Kết quả tốt.</p>"
    )
    assert clean_text(raw) == "Đảng ủy xã đã ban hành:\n- Nghị quyết\n- Kế hoạch\nKết quả tốt."


def test_word_html_is_cleaned() -> None:
    """HTML pasted from Word (comments, o:p, spans, entities) leaves only its text."""
    raw = (
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
        '<p class=MsoNormal><span style="font-size:14pt">Nhân&nbsp;dân &amp; chính quyền'
        "<o:p></o:p></span></p>"
    )
    assert clean_text(raw) == "Nhân dân & chính quyền"


def test_literal_angle_brackets_and_ampersands_survive() -> None:
    """Text that merely contains < or & is the user's own and is kept as typed."""
    assert clean_text("x<y và A & B, 3 > 2") == "x<y và A & B, 3 > 2"
    assert clean_line("<font name=x> thử") == "<font name=x> thử"


def test_nfd_becomes_nfc() -> None:
    """Decomposed input (some keyboards, macOS) is stored composed."""
    nfd = unicodedata.normalize("NFD", "Đảng ủy xã Diễn Châu")
    assert clean_text(nfd) == "Đảng ủy xã Diễn Châu"
    assert unicodedata.is_normalized("NFC", clean_text(nfd))


def test_controls_removed_and_bullet_glyphs_unified() -> None:
    """Control characters vanish; •, –, and Word's private bullets become "- "."""
    raw = "• Một\x07\n–  Hai\r\n\uf0b7\tBa\n\n\nBốn\u200b"
    assert clean_text(raw) == "- Một\n- Hai\n- Ba\nBốn"


def test_paragraphs_split() -> None:
    """Answer text splits into paragraphs and bullets in order."""
    assert paragraphs("Mở đầu\n- a\n- b\nKết") == [
        ("para", "Mở đầu"),
        ("bullet", "a"),
        ("bullet", "b"),
        ("para", "Kết"),
    ]


def test_clean_line_joins_lines() -> None:
    """A one-line value never keeps line breaks."""
    assert clean_line("500.000.000\n đồng") == "500.000.000 đồng"


@given(st.text())
def test_clean_text_is_idempotent(s: str) -> None:
    """Cleaning twice changes nothing more than cleaning once."""
    once = clean_text(s)
    assert clean_text(once) == once


@given(st.text())
def test_clean_text_output_is_nfc_without_controls(s: str) -> None:
    """Whatever comes in, what is stored is NFC and free of control characters."""
    out = clean_text(s)
    assert unicodedata.is_normalized("NFC", out)
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in out)


def test_tcvn3_paste_is_converted() -> None:
    """Text typed with .VnTime fonts and pasted as Unicode comes out as real Vietnamese."""
    from dienchau_desktop.textclean import clean_pasted, looks_like_tcvn3

    garbled = "Ninh B×nh, ViÖt Nam: B¶o Th¾ng, M­êng Kh­¬ng, §¶ng bé"
    assert looks_like_tcvn3(garbled)
    assert clean_pasted(garbled) == "Ninh Bình, Việt Nam: Bảo Thắng, Mường Khương, Đảng bộ"


def test_unicode_vietnamese_never_taken_for_tcvn3() -> None:
    """Real Unicode text (even with á, â, ê, ô which TCVN3 also uses) is left alone."""
    from dienchau_desktop.textclean import clean_pasted, looks_like_tcvn3

    real = "Xã Diễn Châu là địa bàn đồng bằng ven biển; ÊM, ÔNG, Ý kiến, Óc Eo."
    assert not looks_like_tcvn3(real)
    assert clean_pasted(real) == real


_CLEAN_LETTERS = "aăâđeêoôơuưy ÀÁẠẢÃàáạảãỳýỵỷỹ-–•*+0123456789.,;:/%\n\t <>&"
_CLEAN_PIECES = [*_CLEAN_LETTERS, "\u00a0", "\u200b", "e\u0301", "&nbsp;", "<p>", "\uf0b7", "\r\n"]
_CLEAN_ALPHABET = st.sampled_from(_CLEAN_PIECES)


@settings(max_examples=1000)
@given(st.one_of(st.text(), st.lists(_CLEAN_ALPHABET, max_size=40).map("".join)))
def test_already_clean_text_is_what_cleaning_gives_back(s: str) -> None:
    """The fast path never skips text that cleaning would change."""
    if already_clean(s):
        assert _clean(s) == s
    once = clean_text(s)
    assert already_clean(once) or _clean(once) == once


def test_ordinary_answers_take_the_fast_path() -> None:
    for answer in example_draft().answers.values():
        if answer.text:
            assert already_clean(answer.text), answer.text[:60]

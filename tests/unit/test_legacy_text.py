"""Text typed with the old TCVN3 and VNI fonts: one detector, both converted, no false alarms."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.template import load_template
from dienchau_desktop.textclean import (
    VNI_TABLE,
    clean_pasted,
    clean_text,
    convert_legacy,
    convert_tcvn3,
    convert_vni,
    find_legacy,
    legacy_encoding,
)
from dienchau_desktop.validation import validate, warnings

TEMPLATE = load_template()
TODAY = date(2026, 4, 20)
SEED = Path(__file__).resolve().parents[1] / "data" / "seed_kl62_dien_chau.txt"

# The VNI-Windows table, written out here independently of the module: lower-case letter -> code.
# Capitals: both characters of the code in upper case.
VNI_SPEC = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}  # fmt: skip
VNI_ENCODE = {**VNI_SPEC, **{k.upper(): v.upper() for k, v in VNI_SPEC.items()}}


def vietnamese_letters() -> set[str]:
    """All 134 letters with Vietnamese diacritics, from Unicode itself."""
    marks = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    bases = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u"]
    bases += ["u\u031b", "y"]
    letters = {unicodedata.normalize("NFC", b + m) for b in bases for m in marks} | {"đ"}
    letters -= set("aeiouy")
    return letters | {ch.upper() for ch in letters}


def to_vni(text: str) -> str:
    return "".join(VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def to_tcvn3(text: str) -> str:
    """TCVN3 has capitals only for Ă Â Đ Ê Ô Ơ Ư: encode lower-case text."""
    from dienchau_desktop.textclean import _TCVN3

    encode = {v: k for k, v in _TCVN3.items()}
    return "".join(encode.get(ch, ch) for ch in text)


def example_strings(draft: Draft | None = None) -> list[str]:
    d = draft or example_draft()
    out: list[str] = []
    for answer in d.answers.values():
        out += [answer.text, answer.note, *answer.figures.values()]
        out += [x for e in answer.extra_figures for x in (e.label, e.value)]
    for value in d.meta.values():
        out += [str(x) for x in value] if isinstance(value, list) else [str(value)]
    return [s for s in out if s]


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the VNI table ----------------------------------------------------------------------------


def test_vni_table_has_every_vietnamese_letter_once() -> None:
    """The 134 letters, lower and upper case, each with its own code, and Đ = Ñ, Ơ = Ô …."""
    assert len(vietnamese_letters()) == 134
    assert len(VNI_TABLE) == 134
    assert set(VNI_TABLE.values()) == vietnamese_letters()
    assert {VNI_TABLE[code]: code for code in VNI_TABLE} == VNI_ENCODE
    for letter, code in [("Á", "AÙ"), ("Ơ", "Ô"), ("Ư", "Ö"), ("Ị", "Ò"), ("Ỉ", "Æ")]:
        assert VNI_TABLE[code] == letter
    for letter, code in [("Ĩ", "Ó"), ("Ỵ", "Î"), ("Ấ", "AÁ"), ("Đ", "Ñ"), ("Ặ", "AË")]:
        assert VNI_TABLE[code] == letter


@pytest.mark.parametrize("letter", sorted(vietnamese_letters()))
def test_vni_round_trips_every_letter(letter: str) -> None:
    """Every letter, alone, between consonants and next to other marked letters."""
    for text in (letter, f"th{letter}ng", f"{letter}{letter}", f"ng{letter}ời", f"x{letter}ở"):
        assert convert_vni(to_vni(text)) == text


def test_vni_real_sentence_both_ways() -> None:
    assert to_vni("Đảng ủy xã Diễn Châu") == "Ñaûng uûy xaõ Dieãn Chaâu"
    assert convert_vni("Ñaûng uûy xaõ Dieãn Chaâu") == "Đảng ủy xã Diễn Châu"
    assert clean_pasted("Ñaûng uûy xaõ Dieãn Chaâu") == "Đảng ủy xã Diễn Châu"
    assert clean_pasted("ÑAÛNG UÛY XAÕ DIEÃN CHAÂU") == "ĐẢNG ỦY XÃ DIỄN CHÂU"


def test_vni_round_trips_the_whole_example_report() -> None:
    """Each text of the real report, typed in VNI, is recognised and comes back exactly."""
    for text in example_strings() + seed_lines():
        assert convert_vni(to_vni(text)) == text
        if find_legacy(to_vni(text)):
            assert legacy_encoding(to_vni(text)) == "vni", text
    long_texts = [t for t in example_strings() if len(t.split()) >= 8]
    assert long_texts
    for text in long_texts:
        assert legacy_encoding(to_vni(text)) == "vni", text
        assert convert_legacy(to_vni(text)) == text
        assert clean_pasted(to_vni(text)) == text


_VIETNAMESE_CHARS = sorted(vietnamese_letters()) + list("aeiouyAEIOUYbcdghklmnpqrstvx ,.")


@given(st.text(alphabet=_VIETNAMESE_CHARS, max_size=60))
def test_vni_decode_inverts_encode(text: str) -> None:
    assert convert_vni(to_vni(text)) == text


# --- TCVN3 ------------------------------------------------------------------------------------


def test_tcvn3_sample() -> None:
    assert legacy_encoding("§¶ng ñy x· DiÔn Ch©u") == "tcvn3"
    assert convert_legacy("§¶ng ñy x· DiÔn Ch©u") == "Đảng ủy xã Diễn Châu"
    assert convert_tcvn3("§¶ng ñy x· DiÔn Ch©u") == "Đảng ủy xã Diễn Châu"
    assert clean_pasted("Uû ban nh©n d©n x·") == "Uỷ ban nhân dân xã"


def test_tcvn3_round_trips_the_example_report_in_lower_case() -> None:
    for text in example_strings():
        if len(text.split()) < 8:
            continue
        lower = text.lower()
        garbled = to_tcvn3(lower)
        assert legacy_encoding(garbled) == "tcvn3", text
        assert convert_legacy(garbled) == lower


# --- the detector -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "encoding", "first"),
    [
        ("Ñaûng uûy xaõ Dieãn Chaâu", "vni", "Ñaûng"),
        ("Xin chaøo Vieät Nam", "vni", "chaøo"),
        ("UÛY BAN NHAÂN DAÂN", "vni", "UÛY"),
        ("ngöôøi daân ôû thoân", "vni", "ngöôøi"),
        ("§¶ng ñy x· DiÔn Ch©u", "tcvn3", "§¶ng"),
        ("Ninh B×nh vµ ViÖt Nam", "tcvn3", "B×nh"),
        ("n­íc ta cã nhiÒu tØnh", "tcvn3", "n­íc"),
    ],
)
def test_detects_which_encoding(garbled: str, encoding: str, first: str) -> None:
    found = find_legacy(garbled)
    assert found is not None and found.whole
    assert (found.encoding, found.words[0]) == (encoding, first)
    assert legacy_encoding(garbled) == encoding


@pytest.mark.parametrize(
    "text",
    [
        "Xã Diễn Châu là địa bàn đồng bằng ven biển; ÊM, ÔNG, Ý kiến, Óc Eo.",
        "Hoà Bình, Khoá Toà, trì hoãn, THUÝ, quý, Lò Văn Tí",  # old tone placement, í ì ó ò ô
        "Bình Minh, Tô Hòa, Mỹ Lý, ông bà, cô dì, chú bác",
        "Phòng 3×4 m, diện tích 5×6 m; ½ số hộ; § 3; 25 °C",
        "3×4 = 12 và 2×5",
        "Meeting notes: the naïve façade, señor Müller from Zürich, Schröder's café.",
        "Mr. Brown will arrive at 9 a.m.; 500.000.000 đồng; 92,5%; 8/8",
        "",
        "12345 678,9",
        "B×nh",  # one word with one sign is not enough
    ],
)
def test_ordinary_text_is_never_taken_for_legacy(text: str) -> None:
    assert find_legacy(text) is None
    assert legacy_encoding(text) is None
    assert convert_legacy(text) == text


def test_the_real_report_is_never_taken_for_legacy() -> None:
    """Every answer, note, figure and meta string of the example, and the seed report text."""
    for text in example_strings() + seed_lines():
        assert find_legacy(text) is None, text
        assert legacy_encoding(text) is None, text
        assert clean_pasted(text) == clean_text(text)


def test_legacy_words_inside_unicode_text_are_found_but_not_converted() -> None:
    """A garbled phrase in real Unicode text is pointed out; converting all of it would break
    the Unicode part, so it is left for the user to paste again."""
    mixed = "Ñaûng uûy xaõ lãnh đạo, chỉ đạo thực hiện tốt"
    found = find_legacy(mixed)
    assert found is not None and found.encoding == "vni" and not found.whole
    assert legacy_encoding(mixed) is None
    assert convert_legacy(mixed) == mixed
    assert convert_legacy(mixed, "vni").startswith("Đảng ủy xã")


# --- validation -------------------------------------------------------------------------------


def _legacy_warnings(d: Draft, qid: str) -> list[str]:
    problems = warnings(validate(d, TEMPLATE, today=TODAY))
    return [p.message for p in problems if p.question == qid and "bảng mã" in p.message]


@pytest.mark.parametrize(
    ("encode", "name", "word", "note_word"),
    [
        (to_vni, "VNI", "“Xaõ”", "“Ñaûng”"),
        (lambda t: to_tcvn3(t.lower()), "TCVN3", "“x·”", "“®¶ng”"),
    ],
)
def test_validation_names_the_encoding_and_a_word_of_the_text(
    encode: Callable[[str], str], name: str, word: str, note_word: str
) -> None:
    d = example_draft()
    d.answers["I.1"].text = encode(d.answers["I.1"].text)
    d.answers["I.1"].note = encode("Đảng ủy xã đã ban hành nghị quyết")
    text_warning, note_warning = _legacy_warnings(d, "I.1")
    assert text_warning.startswith("Mục I.1, phần trả lời: có chữ trông như gõ bằng bảng mã")
    assert f"bảng mã {name} " in text_warning and word in text_warning
    assert "TCVN3/VNI" in text_warning and "dán lại" in text_warning
    assert "B×nh" not in text_warning
    assert note_warning.startswith("Mục I.1, ghi chú:")
    assert f"bảng mã {name} " in note_warning and note_word in note_warning


@pytest.mark.parametrize("encode", [to_vni, lambda t: to_tcvn3(t.lower())])
def test_converted_text_gives_no_legacy_warning(encode: Callable[[str], str]) -> None:
    d = example_draft()
    for answer in d.answers.values():
        answer.text = encode(answer.text)
    assert any("bảng mã" in p.message for p in validate(d, TEMPLATE, today=TODAY))
    for answer in d.answers.values():
        answer.text = convert_legacy(answer.text)
    assert not [p for p in validate(d, TEMPLATE, today=TODAY) if "bảng mã" in p.message]

"""Cleaning text on its way in: NFC, pasted markup, control characters, bullets.

Typed or pasted text is cleaned once, on entry (GUI or draft file); the draft then holds exactly
that. Cleaning is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

# Tags that pasted web or Word text carries. Anything else that looks like ``<x>`` is the user's
# own text (``x<y``, ``<b>`` written on purpose is rare but must survive) and is kept.
_BLOCK_TAGS = "p|div|li|ul|ol|br|tr|table|tbody|thead|h[1-6]|blockquote|section|article|pre"
_INLINE_TAGS = (
    "span|font|b|i|u|s|strong|em|a|sup|sub|small|big|mark|td|th|col|colgroup|caption|"
    "o:p|w:[a-z]+|v:[a-z]+|st1:[a-z]+|meta|link|img|hr|html|head|body|title|label|center|"
    "del|ins|abbr|cite|code|kbd|q|tt|var|nobr|wbr"
)
_TAG_ATTRS = r"(?:\s+[^<>]*)?"
_DROP_CONTENT = re.compile(r"<(style|script|xml|head)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->|<!\[if[^>]*\]>|<!\[endif\]>|<!DOCTYPE[^>]*>", re.I | re.S)
_LI_OPEN = re.compile(r"<li" + _TAG_ATTRS + r"/?>", re.I)
_BLOCK = re.compile(r"</?(?:" + _BLOCK_TAGS + r")" + _TAG_ATTRS + r"/?>", re.I)
_INLINE = re.compile(r"</?(?:" + _INLINE_TAGS + r")" + _TAG_ATTRS + r"/?>", re.I)
# Pasted HTML always has block tags, a comment or Office's namespaced tags; a lone ``<b>`` or
# ``<font name=x>`` in otherwise plain text is what the user typed and prints literally.
_PASTED_HTML = re.compile(
    r"</?(?:" + _BLOCK_TAGS + r"|o:p|w:[a-z]+|v:[a-z]+)" + _TAG_ATTRS + r"/?>|<!--", re.I
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});", re.I)

# Bullet glyphs people paste from Word or type by hand; all become "- ".
_BULLET = re.compile(r"^[ \t]*(?:[-–—•●○◦▪■□►▸‣⁃∙·*+]|\uf0b7|\uf0a7|\uf0d8)[ \t]+")
_PRIVATE_BULLET = re.compile(r"^[ \t]*[\uf0b7\uf0a7\uf0d8][ \t]*", re.M)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _drop_controls(text: str) -> str:
    """Remove control and format characters except newline, tab and the zero-width joiner.

    Each distinct character is looked at once: an answer of tens of thousands of characters
    has only a few dozen distinct ones.
    """
    if text.replace("\n", "").replace("\t", "").isprintable():  # the common case, at C speed
        return text
    drop = {
        ord(ch): None
        for ch in set(text)
        if ch not in "\n\t\u200d" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
    }
    return text.translate(drop) if drop else text


_KEEP = frozenset("\n")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")  # printable, yet dropped


def _droppable(ch: str) -> bool:
    if ch in _KEEP:
        return False
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def printable(text: str) -> str:
    """NFC, tabs as spaces, without control or invisible format characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\t", " ")
    if text.replace("\n", "").isprintable() and not _VARIATION.search(text):
        return text  # the common case: no control, format or unassigned character
    drop = {ch for ch in set(text) if _droppable(ch)}
    if not drop:  # the common case: check each distinct character once
        return text
    return "".join(ch for ch in text if ch not in drop)


def strip_markup(text: str) -> str:
    """Turn pasted HTML into plain lines: blocks become lines, list items become ``- `` bullets.

    Only text that looks like pasted HTML is treated as markup; a lone ``x<y``, ``<b>`` or
    ``A & B`` is left exactly as typed.
    """
    if not _PASTED_HTML.search(text):
        return text
    text = _DROP_CONTENT.sub("", text)
    text = _COMMENT.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # In HTML, source newlines are just spaces.
    text = text.replace("\n", " ")
    text = _LI_OPEN.sub("\n- ", text)
    text = _BLOCK.sub("\n", text)
    text = _INLINE.sub("", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


# What clean text never holds (see :func:`already_clean`): tabs, odd line ends, private-use
# bullets, double spaces, spaces at a line's ends, blank lines, a lone "-", a bullet glyph other
# than "- " at a line's start.
_NEEDS_CLEANING = re.compile(
    "[\r\t\u2028\u2029\uf0b7\uf0a7\uf0d8]|  | \n|\n |\n\n|^-$|^[–—•●○◦▪■□►▸‣⁃∙·*+] ", re.M
)


def already_clean(text: str) -> bool:
    """Whether :func:`clean_text` would give ``text`` back unchanged, found at C speed.

    Every draft file is cleaned as it is read, and nearly all of its text is clean already.
    """
    return (
        not text.startswith((" ", "\n"))
        and not text.endswith((" ", "\n"))
        and _NEEDS_CLEANING.search(text) is None
        and _PASTED_HTML.search(text) is None
        and text.replace("\n", "").isprintable()
        and unicodedata.is_normalized("NFC", text)
    )


def clean_text(text: str) -> str:
    """Clean a multi-line answer or note: markup out, NFC, no controls, tidy lines and bullets."""
    if not text or already_clean(text):
        return text
    return _clean(text)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n")
    # Entities may reveal more tags (``&lt;p&gt;`` in a page's source): repeat to a fixed point so
    # that cleaning stays idempotent.
    for _ in range(4):
        stripped = strip_markup(text)
        if stripped == text:
            break
        text = stripped
    text = unicodedata.normalize("NFC", text)
    text = _PRIVATE_BULLET.sub("- ", text)
    text = _drop_controls(text)
    lines: list[str] = []
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        line = _BULLET.sub("- ", line)
        if not line:
            if lines and lines[-1] != "":
                lines.append("")
            continue
        if line in ("-", "- "):
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    # Blank lines only separate paragraphs, which separate lines already do: drop them.
    return "\n".join(line for line in lines if line)


def clean_line(text: str) -> str:
    """Clean a one-line value (a figure, a meta field): like :func:`clean_text`, on one line."""
    if not text:
        return ""
    cleaned = clean_text(text)
    return " ".join(cleaned.split("\n")).strip()


def paragraphs(text: str) -> list[tuple[str, str]]:
    """Split cleaned answer text into ``("para" | "bullet", text)`` blocks, in order."""
    blocks: list[tuple[str, str]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line))
    return blocks


def word_count(text: str) -> int:
    """Words in a piece of text, the way a reader would count them."""
    return len(re.findall(r"\w+", text))


# --- legacy Vietnamese encodings -------------------------------------------------------------
# Before Unicode, Vietnamese was typed with fonts that drew Vietnamese letters in place of Latin-1
# ones. Such text pasted into a Unicode program shows those Latin-1 characters:
#
# * TCVN3 (ABC; fonts .VnTime, .VnArial): one character per letter, "§¶ng ñy x· DiÔn Ch©u".
# * VNI (VNI-Windows; fonts VNI-Times, VNI-Helve): a base letter and then a character for the
#   mark and tone, "Ñaûng uûy xaõ Dieãn Chaâu".
#
# Both read "Đảng ủy xã Diễn Châu". Python has codecs for neither: the tables are below.
# :func:`find_legacy` is the one detector (the paste converter and the validation warning both
# use it); :func:`convert_legacy` converts.

LegacyEncoding = Literal["tcvn3", "vni"]
LEGACY_NAMES: dict[str, str] = {"tcvn3": "TCVN3", "vni": "VNI"}

# TCVN 5712:1993 (VN3), the letters with diacritics. Capitals typed with the .VnTimeH fonts share
# the lower-case codes, so converted text comes out in lower case there.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
# Characters that only TCVN3 text contains (never Vietnamese Unicode).
_TCVN3_MARKERS = frozenset("µ¸¶·¹¨»¾¼½Æ©ÇÈÉË®ÐÎÏÑªÖ×ØÜÞß«åæç¬ëîïñ÷øöþûü\u00ad¡¢§£¤¥¦")

# VNI-Windows, lower case: each Vietnamese letter, then its code. Capitals are the same with both
# characters of the code in upper case (Á = AÙ, Ơ = Ô, Ỵ = Î, Đ = Ñ).
_VNI_LOWER = (
    "á aù à aø ả aû ã aõ ạ aï â aâ ấ aá ầ aà ẩ aå ẫ aã ậ aä ă aê ắ aé ằ aè ẳ aú ẵ aü ặ aë "
    "é eù è eø ẻ eû ẽ eõ ẹ eï ê eâ ế eá ề eà ể eå ễ eã ệ eä "
    "í í ì ì ỉ æ ĩ ó ị ò "
    "ó où ò oø ỏ oû õ oõ ọ oï ô oâ ố oá ồ oà ổ oå ỗ oã ộ oä ơ ô ớ ôù ờ ôø ở ôû ỡ ôõ ợ ôï "
    "ú uù ù uø ủ uû ũ uõ ụ uï ư ö ứ öù ừ öø ử öû ữ öõ ự öï "
    "ý yù ỳ yø ỷ yû ỹ yõ ỵ î đ ñ"
)


def _vni_table() -> dict[str, str]:
    items = _VNI_LOWER.split(" ")
    table: dict[str, str] = {}
    for letter, code in zip(items[::2], items[1::2], strict=True):
        table[code] = letter
        table[code.upper()] = letter.upper()
    return table


# Code (one or two characters) -> Unicode letter; decoded longest match first.
VNI_TABLE: dict[str, str] = _vni_table()
_VNI_PAIRS = frozenset(code for code in VNI_TABLE if len(code) == 2)
# Pairs that real Unicode Vietnamese also has: "hoà", "khoá", "hoãn" (old tone placement).
_VNI_AMBIGUOUS_PAIRS = frozenset({"oà", "oá", "oã", "OÀ", "OÁ", "OÃ"})
# The one VNI pair that TCVN3 text has too: "uû" is "uỷ" there ("uû ban").
_VNI_PAIRS_ALSO_TCVN3 = frozenset({"uû", "UÛ"})
# One-character VNI codes that are no Vietnamese letter: đ, ư, ỉ, ỵ.
_VNI_LETTERS = frozenset("ñÑöÖæÆîÎ")
_VNI_CHARS = frozenset("".join(VNI_TABLE)) - frozenset("aeouyAEOUY")
# TCVN3 characters that VNI text never has: they tell the two apart.
_TCVN3_ONLY = _TCVN3_MARKERS - _VNI_CHARS

_UNICODE_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăĂđĐơƠưƯ]")


# Any sign at all of either encoding (what the word-by-word look below counts): text without
# one is answered at once, so checking a long answer as it is typed stays cheap.
def _candidate_pattern() -> str:
    by_first: dict[str, set[str]] = {}
    for pair in _VNI_PAIRS - _VNI_AMBIGUOUS_PAIRS:
        by_first.setdefault(pair[0], set()).add(pair[1])
    pairs = "|".join(
        f"{re.escape(first)}[{re.escape(''.join(sorted(seconds)))}]"
        for first, seconds in sorted(by_first.items())
    )
    return f"[{re.escape(''.join(sorted(_TCVN3_MARKERS | _VNI_LETTERS)))}]|{pairs}"


_CANDIDATE = re.compile(_candidate_pattern())
# A word, for the detector: letters and any Latin-1 character (TCVN3 uses ×, §, µ, ¸ … as
# letters); digits and other punctuation end it. « and » at its ends are taken as quotes.
_LEGACY_WORD_RUN = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff])+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
LEGACY_MIN_WORDS = 2
# When the whole text is legacy, at least this share of its words show it (TCVN3 or VNI
# Vietnamese has it in nearly every other word; English with "naïve" or "señor" does not).
_LEGACY_MIN_SHARE = 0.2
# A Vietnamese syllable once tones and marks are off: a legacy word must decode to one, so that
# foreign words ("naïve", "señor", "Müller") are no evidence.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_MARKS = re.compile("[\u0300-\u036f]")


def _syllable(word: str) -> bool:
    """Whether a decoded word is shaped like one Vietnamese syllable."""
    bare = _MARKS.sub("", unicodedata.normalize("NFD", word.lower())).replace("đ", "d")
    return _SYLLABLE.fullmatch(bare) is not None


@dataclass(frozen=True)
class LegacyFinding:
    """What :func:`find_legacy` saw in a text."""

    encoding: LegacyEncoding
    words: tuple[str, ...]  # the words that show it, in the order of the text
    whole: bool  # the whole text is in that encoding, so converting it all is safe

    @property
    def name(self) -> str:
        """The encoding's usual name: "TCVN3" or "VNI"."""
        return LEGACY_NAMES[self.encoding]


@dataclass
class _Evidence:
    words: list[str]
    strong: int = 0  # words with characters or pairs that only this encoding has
    signs: int = 0  # the most signs (telltale characters or pairs) in one word

    def add(self, word: str, strong: bool, signs: int) -> None:
        self.words.append(word)
        self.strong += strong
        self.signs = max(self.signs, signs)


def _vni_pairs(word: str) -> list[str]:
    return [
        word[i : i + 2]
        for i in range(len(word) - 1)
        if word[i : i + 2] in _VNI_PAIRS and word[i : i + 2] not in _VNI_AMBIGUOUS_PAIRS
    ]


def _tell(word: str, hits: int) -> bool:
    """A legacy character is evidence inside a word, not alone ("3×4", "½", "§ 2")."""
    return hits > 0 and (len(word) >= 2 or _ASCII_LETTER.search(word) is not None)


def find_legacy(text: str) -> LegacyFinding | None:
    """Whether text is, or has words, typed with TCVN3 or VNI fonts and pasted as Unicode.

    A word counts when it has characters or two-character sequences that Vietnamese Unicode
    never has (``B×nh``, ``§¶ng``; ``chaøo``, ``Ñaûng``) and no letter only Unicode has (ạ, ă, đ,
    ơ, ư …). None unless at least :data:`LEGACY_MIN_WORDS` words count (or the text is one
    word with two such signs). ``whole`` says the text has no Unicode-only letter at all and the
    signs are frequent, so converting all of it is safe.
    """
    text = unicodedata.normalize("NFC", text or "")
    if _CANDIDATE.search(text) is None:
        return None  # the common case, Unicode text: no word needs a closer look
    tcvn3 = _Evidence([])
    vni = _Evidence([])
    letter_words = 0
    for raw in _LEGACY_WORD_RUN.findall(text):
        word = raw.strip("«»")
        if not word:
            continue
        letter_words += 1
        if _UNICODE_VIETNAMESE.search(word):
            continue
        t_hits = sum(1 for ch in word if ch in _TCVN3_MARKERS)
        pairs = _vni_pairs(word)
        v_hits = len(pairs) + sum(1 for ch in word if ch in _VNI_LETTERS)
        if _tell(word, t_hits) and _syllable(convert_tcvn3(word)):
            tcvn3.add(word, any(ch in _TCVN3_ONLY for ch in word), t_hits)
        if _tell(word, v_hits) and _syllable(convert_vni(word)):
            vni.add(word, any(p not in _VNI_PAIRS_ALSO_TCVN3 for p in pairs), v_hits)
    if (vni.strong, len(vni.words)) > (tcvn3.strong, len(tcvn3.words)):
        encoding: LegacyEncoding = "vni"
        evidence = vni
    else:
        encoding, evidence = "tcvn3", tcvn3
    count = len(evidence.words)
    one_word = count == 1 and letter_words == 1 and evidence.signs >= 2
    if count < LEGACY_MIN_WORDS and not one_word:
        return None
    whole = _UNICODE_VIETNAMESE.search(text) is None and count >= _LEGACY_MIN_SHARE * letter_words
    return LegacyFinding(encoding, tuple(evidence.words), whole)


def legacy_encoding(text: str) -> LegacyEncoding | None:
    """``"tcvn3"`` or ``"vni"`` when the whole text surely is in that old encoding, else None.

    Ordinary Unicode Vietnamese, English, numbers and stray symbols ("3×4") give None.
    """
    found = find_legacy(text)
    return found.encoding if found and found.whole else None


def looks_like_tcvn3(text: str) -> bool:
    """True when the whole text is surely TCVN3 pasted as Unicode."""
    return legacy_encoding(text) == "tcvn3"


def convert_tcvn3(text: str) -> str:
    """Convert TCVN3 (ABC) text pasted as Unicode into proper Unicode Vietnamese."""
    text = unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", "".join(_TCVN3.get(ch, ch) for ch in text))


def convert_vni(text: str) -> str:
    """Convert VNI (VNI-Windows) text pasted as Unicode into proper Unicode Vietnamese."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_TABLE:
            out.append(VNI_TABLE[pair])
            i += 2
        else:
            out.append(VNI_TABLE.get(text[i], text[i]))
            i += 1
    return unicodedata.normalize("NFC", "".join(out))


def convert_legacy(text: str, encoding: LegacyEncoding | None = None) -> str:
    """Text in an old encoding converted to Unicode.

    Without ``encoding``, only text that :func:`legacy_encoding` is sure about is converted;
    anything else (Unicode Vietnamese, or Unicode mixed with legacy words) comes back unchanged.
    """
    encoding = encoding or legacy_encoding(text)
    if encoding == "tcvn3":
        return convert_tcvn3(text)
    if encoding == "vni":
        return convert_vni(text)
    return text


def clean_pasted(text: str) -> str:
    """What a paste becomes: TCVN3 or VNI converted when it surely is, then :func:`clean_text`."""
    return clean_text(convert_legacy(text))

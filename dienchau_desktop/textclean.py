"""Cleaning text on its way in: NFC, pasted markup, control characters, bullets.

Typed or pasted text is cleaned once, on entry (GUI or draft file); the draft then holds exactly
that. Cleaning is idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
"""

from __future__ import annotations

import html
import re
import unicodedata

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
    """Remove control and format characters except newline and tab (tab becomes a space)."""
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\u200d":
            continue
        out.append(ch)
    return "".join(out)


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


def clean_text(text: str) -> str:
    """Clean a multi-line answer or note: markup out, NFC, no controls, tidy lines and bullets."""
    if not text:
        return ""
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
# Text typed with TCVN3 (ABC) fonts such as .VnTime is stored as Latin-1 bytes; pasted into a
# Unicode program it reads "Ninh B×nh", "ViÖt Nam". Python has no codec for it: this is the
# TCVN 5712:1993 (VN3) table for the letters with diacritics. Capitals typed with the .VnTimeH
# fonts share the lower-case codes, so converted text comes out in lower case there.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
# Characters that only TCVN3 text contains (never Vietnamese Unicode).
_TCVN3_MARKERS = frozenset("µ¸¶·¹¨»¾¼½Æ©ÇÈÉË®ÐÎÏÑªÖ×ØÜÞß«åæç¬ëîïñ÷øöþûü\u00ad¡¢§£¤¥¦")
_UNICODE_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ăĂđĐơƠưƯ]")


def looks_like_tcvn3(text: str) -> bool:
    """True when text is surely TCVN3 pasted as Unicode: several TCVN3-only characters inside
    words and no letter that only Unicode Vietnamese has."""
    if _UNICODE_VIETNAMESE.search(text):
        return False
    hits = sum(1 for ch in text if ch in _TCVN3_MARKERS)
    return hits >= 2


def convert_tcvn3(text: str) -> str:
    """Convert TCVN3 (ABC) text pasted as Unicode into proper Unicode Vietnamese."""
    return unicodedata.normalize("NFC", "".join(_TCVN3.get(ch, ch) for ch in text))


def clean_pasted(text: str) -> str:
    """What a paste becomes: legacy TCVN3 converted when it surely is, then :func:`clean_text`."""
    if looks_like_tcvn3(text):
        text = convert_tcvn3(text)
    return clean_text(text)

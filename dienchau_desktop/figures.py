"""Evidence figures as Vietnamese officials type them: reading them and writing them back.

A figure is what goes in the "Số liệu minh chứng" column: ``8 nghị quyết``, ``92,5%``,
``500.000.000 đồng``, ``5 – 6 triệu/năm``, ``8/8 tổ chức``, ``trên 85% hộ dân``.
:func:`parse_figure` reads one into a :class:`Figure`; :func:`format_figure` writes it back in
canonical Vietnamese style; :func:`format_for_print` is what the printed report shows.

Grammar (after NFC, whitespace collapsed, trailing ``. , ; :`` dropped)::

    figure    := [bullet] {qualifier} body
    bullet    := "- " | "• " | "* " | "+ "        (dropped; "-5" is a negative number instead)
    qualifier := "khoảng" | "trên" | "từ" | ...   (case-insensitive, several may follow each other)
    body      := end                   [unit]     -> NUMBER
               | end sep end           [unit]     -> RANGE   (sep: - – — ~ đến tới)
               | number "/" number     [unit]     -> RATIO
    end       := number [ "%" | scale ]           (scale: nghìn ngàn triệu tỷ tỉ, nghìn tỷ ...)
    number    := ["-"] integer ["," digits]
    integer   := digits | d{1,3} ("." ddd)+ | d{1,3} (" " ddd)+
    unit      := starts with a letter, or with "/" followed by a letter; the rest is free text

Vietnamese style: "." groups thousands and "," marks decimals, so ``500.000.000`` is five hundred
million and ``92,5`` is ninety-two and a half; a dot that does not group exactly three digits is
an error (never silently read as a decimal point). ``1,000`` is read as 1 with a note, because it
may be an English-style thousand. Digits glued to letters are fine: ``12abc`` has unit ``abc``.
A ``%`` right after a number is the percent sign, never the start of a unit.

The parser only reads; whether a reading makes sense (``150%``, ``9/8``, ``3 - 2``, ``-5``,
``2,5 người``) is decided by :mod:`dienchau_desktop.validation`.

Size: one grammar, read and written back here, so that the reader and the writer change together.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "CURRENCY_WORDS",
    "Figure",
    "FigureSyntaxError",
    "Shape",
    "fold",
    "format_figure",
    "format_for_print",
    "format_number",
    "is_currency_unit",
    "parse_figure",
    "qualifier_bound",
    "units_match",
]


class Shape(StrEnum):
    NUMBER = "number"
    RANGE = "range"
    RATIO = "ratio"


@dataclass(frozen=True)
class Figure:
    raw: str  # the text as given: NFC, stripped
    shape: Shape
    qualifier: str  # "" or the lower-cased qualifier word(s) before the figure: "khoảng", "trên"
    value: Decimal  # the number; a range's low end; a ratio's part. Already times the scale.
    high: Decimal | None  # a range's high end (scaled); None otherwise
    whole: Decimal | None  # a ratio's whole; None otherwise
    percent: bool  # a % sign was typed (on either end of a range)
    scale: str  # "" or the scale word, lower-cased: "nghìn", "ngàn", "triệu", "tỷ", "tỉ"
    unit: str  # what follows the number / % / scale word, whitespace-collapsed; "" if none
    separator: str  # a range's separator as typed ("-", "–", "—", "~", "đến", "tới"); "" otherwise
    notes: tuple[str, ...]  # Vietnamese remarks about an ambiguous reading


class FigureSyntaxError(ValueError):
    """A figure that cannot be read; ``str(e)`` is a short plain-Vietnamese reason, no period."""


# --- vocabulary ------------------------------------------------------------------------------

# Words typed before the number. Several may follow each other ("đạt khoảng", "trên dưới");
# they are kept, lower-cased and single-spaced, in ``Figure.qualifier``.
_QUALIFIERS = tuple(
    sorted(
        {
            "khoảng",
            "khoảng chừng",
            "chừng",
            "ước",
            "ước tính",
            "ước đạt",
            "ước khoảng",
            "xấp xỉ",
            "gần",
            "hơn",
            "trên",
            "dưới",
            "trên dưới",
            "ngót",
            "bình quân",
            "trung bình",
            "tối thiểu",
            "tối đa",
            "ít nhất",
            "nhiều nhất",
            "không quá",
            "không vượt quá",
            "không dưới",
            "không ít hơn",
            "đạt",
            "từ",
            "có",
            "gồm",
            "tổng",
            "tổng cộng",
            "tổng số",
            "chỉ",
            "còn",
            "lên tới",
            "lên đến",
        },
        key=len,
        reverse=True,
    )
)

# What a qualifier says about the number after it, for adding figures up: "trên 85%" is at
# least 85%, "dưới 10" at most 10, "khoảng 500" about 500. The other words ("đạt", "có", "tổng")
# leave the number exact. A word means the same wherever it appears (see :func:`qualifier_bound`).
_AT_LEAST = frozenset(
    {"trên", "hơn", "tối thiểu", "ít nhất", "không dưới", "không ít hơn", "lên tới", "lên đến"}
)
_AT_MOST = frozenset({"dưới", "gần", "ngót", "tối đa", "nhiều nhất", "không quá", "không vượt quá"})
_APPROXIMATE = frozenset(
    {"khoảng", "khoảng chừng", "chừng", "ước", "ước tính", "ước đạt", "ước khoảng", "xấp xỉ",
     "trên dưới", "bình quân", "trung bình"}
)  # fmt: skip

# The qualifiers by their first letter, longest first: a figure is read at each position by
# trying only the words that can start there (a digit starts none).
_QUALIFIERS_BY_INITIAL: dict[str, tuple[str, ...]] = {
    initial: tuple(q for q in _QUALIFIERS if q[0] == initial)
    for initial in {q[0] for q in _QUALIFIERS}
}

# Scale words and the power of ten they stand for; longest first so "nghìn tỷ" wins over "nghìn".
_SCALES: dict[str, int] = {
    "nghìn tỷ": 12,
    "nghìn tỉ": 12,
    "ngàn tỷ": 12,
    "ngàn tỉ": 12,
    "nghìn": 3,
    "ngàn": 3,
    "triệu": 6,
    "tỷ": 9,
    "tỉ": 9,
}
_SCALE_WORDS = tuple(sorted(_SCALES, key=len, reverse=True))

_SYMBOL_SEPARATORS = ("-", "\u2013", "\u2014", "~")  # hyphen, en dash, em dash, tilde
_WORD_SEPARATORS = ("đến", "tới")
_BULLETS = ("-", "•", "*", "+")
_DIGITS = frozenset("0123456789")

# Characters folded away before reading: minus sign and hyphen look-alikes become "-",
# full-width percent becomes "%", zero-width characters vanish.
_TRANSLATE = str.maketrans(
    {
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\uff05": "%",
        "\u066a": "%",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_TRAILING_PUNCTUATION = ".,;:"
_DIGIT_RUN = re.compile(r"[0-9]+")
_SLASH_SPACES = re.compile(r"\s*/\s*")
# The money units, folded (see :func:`fold`): đồng, đ, VNĐ, VND. The one list of them; a scale word
# may come first ("triệu đồng") and a "per" part after ("đồng/năm").
CURRENCY_WORDS = frozenset({"dong", "d", "vnd"})

_MSG_EMPTY = "chưa nhập số liệu"
_MSG_NO_NUMBER = "không tìm thấy con số"
_MSG_GROUPING = (
    "dấu chấm chỉ dùng để ngăn từng nhóm 3 chữ số, ví dụ 1.500.000; "
    "phần thập phân thì dùng dấu phẩy, ví dụ 1,5"
)
_MSG_DOT_AFTER_COMMA = "dấu chấm ngăn hàng nghìn phải đứng trước dấu phẩy thập phân, ví dụ 1.000,5"
_MSG_COMMA_THOUSANDS = "dùng dấu chấm để ngăn hàng nghìn, ví dụ 1.000.000"
_MSG_MANY_COMMAS = "một con số chỉ có một dấu phẩy (ngăn phần thập phân), ví dụ 1,5"
_MSG_ADJACENT = "có hai con số đứng liền nhau; nếu là một khoảng, hãy viết dạng 2 – 3"


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    value: Decimal
    end: int
    note: str | None


@dataclass(frozen=True)
class _End:
    """One end of a figure: the number, plus the % or scale word typed right after it."""

    value: Decimal
    percent: bool
    scale: str
    end: int
    note: str | None


def _quote(text: str, limit: int = 30) -> str:
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def _prepare(raw: str) -> str:
    """The text the parser walks: look-alikes folded, whitespace collapsed, end punctuation off."""
    text = " ".join(unicodedata.normalize("NFC", raw.translate(_TRANSLATE)).split())
    return text.rstrip(_TRAILING_PUNCTUATION + " ")


def _word_at(s: str, p: int, word: str) -> bool:
    """Whether ``word`` (lower-case) is at ``p``, case-insensitively, not glued to a letter."""
    end = p + len(word)
    if s[p:end].lower() != word:
        return False
    return end >= len(s) or not s[end].isalpha()


def _skip_space(s: str, p: int) -> int:
    return p + 1 if p < len(s) and s[p] == " " else p


def _digits_at(s: str, p: int) -> str:
    m = _DIGIT_RUN.match(s, p)
    return m.group() if m else ""


def _is_digit(s: str, p: int) -> bool:
    return 0 <= p < len(s) and s[p] in _DIGITS


def _number_starts(s: str, p: int) -> bool:
    return _is_digit(s, p) or (p < len(s) and s[p] == "-" and _is_digit(s, p + 1))


def _read_number(s: str, p: int) -> _Number | None:
    """Read one number at ``p`` in Vietnamese style, or None when no number starts there."""
    if not _number_starts(s, p):
        return None
    start = p
    negative = s[p] == "-"
    if negative:
        p += 1
    integer = _digits_at(s, p)
    p += len(integer)
    grouped = False

    # Dot-grouped thousands: 500.000.000. Anything else with a dot is refused, never guessed.
    if p < len(s) and s[p] == "." and _is_digit(s, p + 1):
        groups: list[str] = []
        while p < len(s) and s[p] == "." and _is_digit(s, p + 1):
            group = _digits_at(s, p + 1)
            groups.append(group)
            p += 1 + len(group)
        if len(groups) == 1 and (len(groups[0]) != 3 or integer.startswith("0")):
            typed = s[start:p]
            raise FigureSyntaxError(
                "dùng dấu phẩy cho phần thập phân, ví dụ "
                f"{typed.replace('.', ',')} thay cho {typed}"
            )
        if len(integer) > 3 or integer.startswith("0") or any(len(g) != 3 for g in groups):
            raise FigureSyntaxError(_MSG_GROUPING)
        integer += "".join(groups)
        grouped = True
    # Space-grouped thousands: 500 000 000 (each group exactly three digits).
    elif len(integer) <= 3 and not integer.startswith("0"):
        while (
            p + 3 < len(s)
            and s[p] == " "
            and len(_digits_at(s, p + 1)) == 3
            and not _is_digit(s, p + 4)
        ):
            integer += s[p + 1 : p + 4]
            p += 4
            grouped = True

    fraction = ""
    if p < len(s) and s[p] == "," and _is_digit(s, p + 1):
        fraction = _digits_at(s, p + 1)
        p += 1 + len(fraction)
        if p < len(s) and s[p] == "," and _is_digit(s, p + 1):
            more = [fraction]
            q = p
            while q < len(s) and s[q] == "," and _is_digit(s, q + 1):
                more.append(_digits_at(s, q + 1))
                q += 1 + len(more[-1])
            english = not grouped and len(integer) <= 3 and all(len(g) == 3 for g in more)
            raise FigureSyntaxError(_MSG_COMMA_THOUSANDS if english else _MSG_MANY_COMMAS)
    if p < len(s) and s[p] == "." and _is_digit(s, p + 1):
        raise FigureSyntaxError(_MSG_DOT_AFTER_COMMA)

    text = integer + ("." + fraction if fraction else "")
    value = Decimal(("-" if negative else "") + text)
    note = None
    if len(fraction) == 3 and not grouped and len(integer) <= 3 and not integer.startswith("0"):
        typed = s[start:p]
        note = (
            f"“{typed}” được hiểu là {format_number(value)} (dấu phẩy ngăn phần thập phân); "
            f"nếu là số hàng nghìn, hãy viết {typed.replace(',', '.')}."
        )
    return _Number(value, p, note)


def _read_end(s: str, p: int) -> _End | None:
    """A number and the % sign or scale word typed right after it."""
    number = _read_number(s, p)
    if number is None:
        return None
    q = _skip_space(s, number.end)
    if q < len(s) and s[q] == "%":
        return _End(number.value, True, "", q + 1, number.note)
    for word in _SCALE_WORDS:
        if _word_at(s, q, word):
            return _End(
                number.value, False, s[q : q + len(word)].lower(), q + len(word), number.note
            )
    return _End(number.value, False, "", number.end, number.note)


def _separator_at(s: str, p: int) -> str:
    """The range separator at ``p`` as typed (words lower-cased), or ""."""
    if p < len(s) and s[p] in _SYMBOL_SEPARATORS:
        return s[p]
    for word in _WORD_SEPARATORS:
        if _word_at(s, p, word):
            return word
    return ""


def _mark(separator: str) -> str:
    """How a message names a separator: a sign in quotes or a word in quotes."""
    kind = "chữ" if separator.isalpha() else "dấu"
    return f"{kind} “{separator}”"


def _read_unit(s: str, p: int) -> str:
    """The unit: whatever follows, if it starts with a letter or with "/" and a letter."""
    rest = s[p:].strip()
    if not rest or rest[0].isalpha():
        return rest
    if rest[0] == "/":
        after = rest[1:].lstrip()
        if not after:
            raise FigureSyntaxError("thiếu số sau dấu “/”")
        if after[0].isalpha():
            return rest
    elif rest[0] in _DIGITS:
        raise FigureSyntaxError(_MSG_ADJACENT)
    raise FigureSyntaxError(f"không hiểu phần {_quote(rest)} sau con số")


def _read_qualifiers(s: str, p: int) -> tuple[str, int]:
    found: list[str] = []
    while p < len(s):
        candidates = _QUALIFIERS_BY_INITIAL.get(s[p].lower(), ())
        word = next((q for q in candidates if _word_at(s, p, q)), None)
        if word is None:
            break
        found.append(word)
        p = _skip_space(s, p + len(word))
    return " ".join(found), p


@functools.lru_cache(maxsize=256)
def qualifier_bound(qualifier: str) -> str:
    """What ``Figure.qualifier`` makes of the number: ``"at_least"`` ("trên 85%"),
    ``"at_most"`` ("dưới 10"), ``"approximate"`` ("khoảng 500", "bình quân 5") or ``""`` (exact).

    Several words together ("đạt trên") take the strongest; bounds both ways make it approximate.
    """
    padded = f" {qualifier} "
    words = {q for q in _QUALIFIERS if f" {q} " in padded} if qualifier else set()
    if words & _APPROXIMATE:
        return "approximate"
    low, high = bool(words & _AT_LEAST), bool(words & _AT_MOST)
    if low and high:
        return "approximate"
    return "at_least" if low else "at_most" if high else ""


def _prefix_error(s: str, p: int) -> FigureSyntaxError:
    """Why no number starts at ``p`` although the text has digits."""
    separator = _separator_at(s, p)
    if separator == "~":
        return FigureSyntaxError("muốn ghi số gần đúng, hãy viết “khoảng”, ví dụ khoảng 120")
    if separator:
        return FigureSyntaxError(f"thiếu số trước {_mark(separator)}")
    if s[p] == "/":
        return FigureSyntaxError("thiếu số trước dấu “/”")
    if s[p] in ",." and _is_digit(s, p + 1):
        return FigureSyntaxError("thiếu số trước dấu phẩy, ví dụ viết 0,5 thay cho ,5")
    first_digit = next(i for i in range(p, len(s)) if s[i] in _DIGITS)
    prefix = s[p:first_digit].strip()
    if prefix.endswith("-") and s[first_digit - 1] == "-":
        prefix = prefix[:-1].strip() or prefix
    return FigureSyntaxError(f"không hiểu chữ {_quote(prefix)} đứng trước con số")


def _shift(value: Decimal, places: int) -> Decimal:
    """``value`` times 10**places, exactly (no context rounding), without a positive exponent."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError("không phải là một con số hữu hạn")
    exponent += places
    if exponent > 0:
        digits = digits + (0,) * exponent
        exponent = 0
    return Decimal((sign, digits, exponent))


@functools.lru_cache(maxsize=8192)
def parse_figure(text: str) -> Figure:
    """Read one evidence figure typed in Vietnamese style; raise FigureSyntaxError if unreadable."""
    raw = unicodedata.normalize("NFC", text).strip()
    if not raw:
        raise FigureSyntaxError(_MSG_EMPTY)
    s = _prepare(raw)
    if not any(ch in _DIGITS for ch in s):
        raise FigureSyntaxError(_MSG_NO_NUMBER)

    p = 2 if len(s) > 2 and s[0] in _BULLETS and s[1] == " " else 0
    qualifier, p = _read_qualifiers(s, p)
    if p >= len(s) or not any(ch in _DIGITS for ch in s[p:]):
        raise FigureSyntaxError(_MSG_NO_NUMBER)
    low = _read_end(s, p)
    if low is None:
        raise _prefix_error(s, p)

    shape = Shape.NUMBER
    high: _End | None = None
    whole: Decimal | None = None
    separator = ""
    notes = [low.note] if low.note else []
    q = _skip_space(s, low.end)

    if q < len(s) and s[q] == "/" and _number_starts(s, _skip_space(s, q + 1)):
        if low.percent or low.scale:
            raise FigureSyntaxError(f"không hiểu phần {_quote(s[q:])} sau con số")
        part = _read_number(s, _skip_space(s, q + 1))
        assert part is not None  # _number_starts said so
        shape, whole, end = Shape.RATIO, part.value, part.end
        if part.note:
            notes.append(part.note)
    elif separator := _separator_at(s, q):
        high = _read_end(s, _skip_space(s, q + len(separator)))
        if high is None:
            raise FigureSyntaxError(f"thiếu số sau {_mark(separator)}")
        shape, end = Shape.RANGE, high.end
        if high.note:
            notes.append(high.note)
    else:
        end = low.end
    unit = _read_unit(s, end)

    # A scale word on one end covers both ("5 – 6 triệu"); two different ones each count for
    # their own end and the high end's is kept for writing back ("500 nghìn – 2 triệu").
    scale = high.scale if high is not None and high.scale else low.scale
    value = _shift(low.value, _SCALES[low.scale or scale] if (low.scale or scale) else 0)
    high_value = None
    if high is not None:
        high_scale = high.scale or scale
        high_value = _shift(high.value, _SCALES[high_scale] if high_scale else 0)

    return Figure(
        raw=raw,
        shape=shape,
        qualifier=qualifier,
        value=value,
        high=high_value,
        whole=whole,
        percent=low.percent or (high is not None and high.percent),
        scale=scale,
        unit=unit,
        separator=separator,
        notes=tuple(notes),
    )


# --- writing ---------------------------------------------------------------------------------


def format_number(value: Decimal) -> str:
    """Vietnamese style: 500000000 -> "500.000.000", 92.5 -> "92,5"; no exponent, no trailing 0s."""
    if not value.is_finite():
        raise ValueError("không phải là một con số hữu hạn")
    if value.is_zero():
        return "0"
    text = format(value, "f")
    sign = "-" if text.startswith("-") else ""
    integer, _, fraction = text.lstrip("-").partition(".")
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    head = len(integer) % 3 or 3
    groups = [integer[:head]] + [integer[i : i + 3] for i in range(head, len(integer), 3)]
    out = sign + ".".join(groups)
    return out + "," + fraction if fraction else out


def _attach_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return text + unit if unit.startswith(("/", "%")) else f"{text} {unit}"


def format_figure(fig: Figure) -> str:
    """The canonical Vietnamese writing of a figure, keeping qualifier, scale, separator, unit."""
    places = -_SCALES.get(fig.scale.lower(), 0)

    def number(value: Decimal) -> str:
        return format_number(_shift(value, places))

    if fig.shape is Shape.RATIO and fig.whole is not None:
        body = f"{format_number(fig.value)}/{format_number(fig.whole)}"
    else:
        body = number(fig.value)
        if fig.shape is Shape.RANGE and fig.high is not None:
            separator = fig.separator or "\u2013"
            body += f" {separator} {number(fig.high)}"
        if fig.percent:
            body += "%"
        if fig.scale:
            body += " " + fig.scale
    if fig.qualifier:
        body = f"{fig.qualifier} {body}"
    return _attach_unit(body, fig.unit)


def format_for_print(raw: str, kind: str, unit: str) -> str:
    """What the printed report shows for a figure of template ``kind`` and template ``unit``.

    Text figures and unreadable ones print as typed (whitespace collapsed). A readable figure
    prints canonically; when the user typed no unit, the template's unit is added.
    """
    typed = " ".join(unicodedata.normalize("NFC", raw).split())
    if kind == "text":
        return typed
    try:
        fig = parse_figure(raw)
    except FigureSyntaxError:
        return typed
    out = format_figure(fig)
    template_unit = " ".join(unicodedata.normalize("NFC", unit).split())
    if fig.unit or not template_unit:
        return out
    if template_unit.startswith("%"):
        rest = template_unit[1:].strip()
        if not fig.percent:
            out += "%"
        return _attach_unit(out, rest)
    if fig.scale:
        # A template unit "triệu đồng" after a typed "500 triệu" must not repeat "triệu".
        word = fig.scale.lower()
        if _word_at(template_unit, 0, word):
            template_unit = template_unit[len(word) :].strip()
    return _attach_unit(out, template_unit)


# --- comparing -------------------------------------------------------------------------------


# The combining-diacritics blocks: every Vietnamese tone and vowel mark after NFD is in the first.
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ -> d) and collapse whitespace, for comparisons."""
    bare = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text.lower()))
    return " ".join(bare.replace("đ", "d").split())


def _fold_unit(unit: str) -> str:
    return _SLASH_SPACES.sub("/", fold(unit))


_FOLDED_SCALE_WORDS = tuple(sorted({fold(w) for w in _SCALE_WORDS}, key=len, reverse=True))


def _drop_scale(unit: str) -> str:
    """A folded unit without a leading scale word: "trieu dong/nam" -> "dong/nam"."""
    for word in _FOLDED_SCALE_WORDS:
        if _word_at(unit, 0, word):
            return unit[len(word) :].strip()
    return unit


def _starts_with(unit: str, prefix: str) -> bool:
    """Whether ``unit`` starts with ``prefix`` as whole words ("ho dan" yes, "hoi" no for "ho")."""
    if not unit.startswith(prefix):
        return False
    return len(unit) == len(prefix) or not prefix or not unit[len(prefix)].isalnum()


def _currency(unit: str) -> tuple[str, ...] | None:
    """The per-what parts of a folded currency unit ("dong/thon/nam" -> ("thon", "nam")).

    None when the unit is not a currency. A unit starting with "/" means "đồng/…".
    """
    head, _, per = unit.partition("/")
    head = head.strip()
    if head and head not in CURRENCY_WORDS:
        return None
    return tuple(part.strip() for part in per.split("/") if part.strip())


def is_currency_unit(unit: str) -> bool:
    """Whether a typed unit is money: "đồng", "đ", "VNĐ", "đồng/năm", "triệu đồng", "đ cho hộ".

    A unit starting with "/" ("/năm") or made of a scale word alone ("triệu") is not.
    """
    head = re.split(r"[ /]", _drop_scale(fold(unit)), maxsplit=1)[0]
    return head in CURRENCY_WORDS


def _within(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Whether ``small`` is a subsequence of ``big``."""
    rest = iter(big)
    return all(part in rest for part in small)


def units_match(typed_unit: str, template_unit: str, kind: str) -> bool | None:
    """Whether a typed unit agrees with the template's; None when nothing was typed."""
    typed = _fold_unit(typed_unit)
    if not typed:
        return None
    if kind == "percent":
        return True  # "85% hộ dân": whatever follows the % only describes it
    template = _fold_unit(template_unit)
    if kind == "money":
        typed, template = _drop_scale(typed), _drop_scale(template)
    if _starts_with(typed, template):
        return True
    # "buổi" for "buổi/năm": the period is implied by the form; "/năm" for "lượt/năm" likewise.
    if template.startswith(typed + "/"):
        return True
    if typed.startswith("/") and template.endswith(typed):
        return True
    if kind == "money":
        typed_per, template_per = _currency(typed), _currency(template)
        if typed_per is None or template_per is None:
            return False
        return (
            not typed_per
            or not template_per
            or _within(template_per, typed_per)
            or _within(typed_per, template_per)
        )
    return False

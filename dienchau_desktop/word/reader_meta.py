"""The general information from the text around the report table.

Before the table: the header block (a borderless two-column table, or lines laid out with
tabs) with the superior and issuing bodies, "Số 45-BC/ĐU" and "Diễn Châu, ngày 15 tháng 4 năm
2026"; "BÁO CÁO" and the subject under it; the preamble sentence. After it: the closing sentence,
"Nơi nhận:" with its list, and the signature block (authority, position, name).

The preamble and closing are the form's own sentences with the values filled in, so each is
read back by turning the form's sentence into a pattern: every ``{key}`` a lazy blank, the rest
literal with flexible spaces, case-insensitive (and, when the accents were typed differently,
accent-insensitive as a second try). Header lines are recognised by what they say, not where
they stand, so either layout reads. A line that is none of these is returned as unplaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from dienchau_desktop.datafile import PLACEHOLDER_RE
from dienchau_desktop.dates import parse_date, to_iso
from dienchau_desktop.figures import fold
from dienchau_desktop.template import Template
from dienchau_desktop.textclean import clean_line
from dienchau_desktop.word.reader_figures import fold_same_length, is_missing
from dienchau_desktop.word.reader_text import Block

Meta = dict[str, Any]
Matcher = Callable[[str], Meta | None]
MAX_SENTENCE_CHARS = 5000  # longer paragraphs are not tried against the sentence patterns
_MARK = re.compile(r"^[\s\-–—_*=.…]+$")  # the "*" under the issuing body, "-----" rules
# "Số 45-BC/ĐU", "Số    -BC/ĐU", "Số …-BC/ĐU" (not "Số liệu …").
_DOC_NUMBER = re.compile(
    r"^số\b\s*[:.]?\s*(?P<num>\d[^\s\-–]*|[.…_]*)\s*(?:[-–]\s*(?P<sym>\S.*))?$", re.I
)
_PLACE_DATE = re.compile(
    r"^(?P<place>.*?)[,\s]*\bngày\s+(?P<d>\S+)\s+tháng\s+(?P<m>\S+)\s+năm\s+(?P<y>\S+)\s*$", re.I
)
_SKIPPED_HEADINGS = ("dang cong san viet nam", "du thao")
_AUTHORITY = re.compile(r"^(?:t/m|k/t|t/l|tm|kt|tl|tuq|q|thay mặt)(?:[.\s/]|$)", re.I)
_PARENTHESIZED = re.compile(r"^\(.*\)$")
_BULLET = re.compile(r"^[-–—+•*]\s*")
_RECIPIENT_END = re.compile(r"[\s,.;]+$")
_TABS = re.compile(r"\t+")


class _Sentence:
    """A form's sentence as literal pieces between its ``{key}`` blanks.

    Each blank takes the text up to the first place where the next piece matches, and the last
    piece must end the line: what a lazy regular expression does, found piece by piece so that
    a long paragraph that almost matches costs linear time, not exponential backtracking.
    """

    def __init__(self, sentence: str, transform: Callable[[str], str]) -> None:
        pieces = PLACEHOLDER_RE.split(sentence)
        self.keys = pieces[1::2]
        literals = [_literal(transform(piece)) for piece in pieces[0::2]]
        end = _literal(transform(pieces[-1]).rstrip(" .:;")) + r"\s*[.:;]?\s*\Z"
        self.first = re.compile(r"\s*" + (literals[0] if self.keys else end), re.I)
        self.middle = [re.compile(literal, re.I) for literal in literals[1:-1]]
        self.end = re.compile(end, re.I)

    def spans(self, text: str) -> list[tuple[int, int]] | None:
        """Where each blank's value is in ``text``; None when the text is not the sentence."""
        m = self.first.match(text)
        if m is None:
            return None
        spans: list[tuple[int, int]] = []
        for piece in [*self.middle, self.end] if self.keys else []:
            start = m.end()
            m = piece.search(text, start + 1)  # a blank holds at least one character
            if m is None:
                return None
            spans.append((start, m.start()))
        return spans


def sentence_matcher(sentence: str, template: Template) -> Matcher | None:
    """A function reading the values out of ``sentence`` as filled in; None for no sentence."""
    if not sentence.strip():
        return None
    strict = _Sentence(sentence, lambda s: s)
    loose = _Sentence(sentence, fold_same_length)

    def match(line: str) -> Meta | None:
        text = clean_line(line)
        if not text or len(text) > MAX_SENTENCE_CHARS:
            return None
        spans = strict.spans(text)
        if spans is None:
            spans = loose.spans(fold_same_length(text))
        if spans is None:
            return None
        values: Meta = {}
        for key, (start, end) in zip(strict.keys, spans, strict=True):
            values.setdefault(key, _value(template, key, text[start:end]))
        return values

    return match


def _literal(text: str) -> str:
    """Literal text with any run of spaces flexible and spaces allowed before punctuation."""
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in ",.;:":
            out.append(r"\s*" + re.escape(ch))
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _value(template: Template, key: str, raw: str) -> Any:
    value = clean_line(raw)
    if is_missing(value):
        value = ""  # a blank the sentence was printed with
    field = template.meta_field(key)
    kind = field.kind if field is not None else "text"
    if kind == "date":
        return to_iso(value)
    if kind == "lines":
        return [value] if value else []
    return value


def _lines(blocks: Sequence[Block]) -> list[str]:
    """Every line of paragraphs and tables, in reading order (a table row by row)."""
    out: list[str] = []
    for block in blocks:
        if block.rows is None:
            out.extend(block.lines)
        else:
            out.extend(line for row in block.rows for cell in row for line in cell.lines)
    return out


# --- before the table ------------------------------------------------------------------------


def read_front(blocks: Sequence[Block], template: Template) -> tuple[Meta, list[str]]:
    """Meta values from the text before the report table, and the lines that fit nowhere."""
    values: Meta = {}
    lines = _lines(blocks)
    preamble = sentence_matcher(template.preamble, template)
    kind = fold(template.document_kind)
    title = next((i for i, line in enumerate(lines) if fold(line) == kind), None)
    if title is None:
        start = next((i for i, ln in enumerate(lines) if preamble and preamble(ln)), len(lines))
        head, body = lines[:start], lines[start:]
    else:
        head, body = lines[:title], lines[title + 1 :]
    unplaced = _header(head, values)
    unplaced += _title_and_preamble(body, values, preamble, titled=title is not None)
    return values, unplaced


def _header(lines: Sequence[str], values: Meta) -> list[str]:
    parts = [clean_line(p) for line in lines for p in _TABS.split(line)]
    bodies: list[str] = []
    for text in parts:
        if not text or _MARK.match(text) or fold(text) in _SKIPPED_HEADINGS:
            continue
        number = _DOC_NUMBER.match(text)
        place_date = _PLACE_DATE.match(text)
        if number is not None:
            values.setdefault("document_number", _blank(number.group("num")))
            values.setdefault("document_symbol", _blank(number.group("sym") or ""))
        elif place_date is not None:
            values.setdefault("place", _blank(place_date.group("place").strip(" ,")))
            day, month, year = place_date.group("d", "m", "y")
            when = parse_date(f"{day}/{month}/{year}")
            values.setdefault("report_date", when.isoformat() if when else "")
        else:
            bodies.append(text)
    if len(bodies) == 1:
        # One body alone: an issuing body names its committee ("Đảng ủy xã …").
        key = "issuing_body" if "uy" in fold(bodies[0]).split() else "superior_body"
        values.setdefault(key, bodies.pop())
    elif len(bodies) >= 2:
        values.setdefault("superior_body", bodies.pop(0))
        values.setdefault("issuing_body", bodies.pop(0))
    return bodies


def _blank(text: str) -> str:
    return "" if is_missing(text) else text.strip()


def _title_and_preamble(
    lines: Sequence[str], values: Meta, preamble: Matcher | None, *, titled: bool
) -> list[str]:
    texts = [t for t in (clean_line(line) for line in lines) if t and not _MARK.match(t)]
    found: Meta | None = None
    at = None
    for i, text in enumerate(texts):
        found = preamble(text) if preamble is not None else None
        if found is not None:
            at = i
            break
    if at is None:
        subject = texts[:1] if titled else []
        rest = texts[len(subject) :]
    else:
        subject = texts[:at] if titled else []
        rest = texts[len(subject) : at] + texts[at + 1 :]
    if subject:
        values.setdefault("subject", " ".join(subject))
    for key, value in (found or {}).items():
        values.setdefault(key, value)
    return rest


# --- after the table -------------------------------------------------------------------------


def _back_items(blocks: Sequence[Block]) -> list[tuple[tuple[Any, ...], str, bool]]:
    """(column, line, in the signature table): tab-separated parts of a paragraph are columns
    too. The signature table is a narrow one (the "Nơi nhận" column and the signature's)."""
    items: list[tuple[tuple[Any, ...], str, bool]] = []
    for index, block in enumerate(blocks):
        if block.rows is None:
            for line in block.lines:
                for i, part in enumerate(_TABS.split(line)):
                    items.append((("p", min(i, 1)), part, False))
            continue
        narrow = max((c.col + c.span for row in block.rows for c in row), default=0) <= 3
        for row in block.rows:
            for cell in row:
                items.extend((("t", index, cell.col), line, narrow) for line in cell.lines)
    return items


def read_back(blocks: Sequence[Block], template: Template) -> tuple[Meta, list[str]]:
    """Meta values from the closing, "Nơi nhận" and the signature; the lines that fit nowhere."""
    closing = sentence_matcher(template.closing, template)
    values: Meta = {}
    modes: dict[tuple[Any, ...], str] = {}
    recipients: list[str] = []
    signature: list[str] = []
    unplaced: list[str] = []
    for column, line, in_cell in _back_items(blocks):
        text = clean_line(line)
        mode = modes.setdefault(column, "signature" if in_cell and column[-1] else "body")
        if not text or _MARK.match(text):
            continue
        if fold(text).startswith("noi nhan"):
            modes[column] = "recipients"
            recipients.append(text.partition(":")[2])
        elif _PARENTHESIZED.match(text) and (mode == "signature" or "ky" in fold(text).split()):
            continue  # "(Ký tên, đóng dấu)", "(đã ký)"
        elif _AUTHORITY.match(text) and len(text) < 80:
            modes[column] = "signature"
            signature.append(text)
        elif mode == "recipients" and (in_cell or _BULLET.match(text)):
            recipients.append(text)
        elif mode in ("recipients", "signature"):
            modes[column] = "signature"
            signature.append(text)
        elif (found := closing(text) if closing else None) is not None:
            for key, value in found.items():
                values.setdefault(key, value)
        else:
            unplaced.append(text)
    cleaned = [_RECIPIENT_END.sub("", _BULLET.sub("", r.strip())) for r in recipients]
    if any(cleaned):
        values["recipients"] = [r for r in cleaned if r]
    values.update(_signature(signature))
    return values, unplaced


def _signature(lines: Sequence[str]) -> Meta:
    kept = [line for line in lines if not _PARENTHESIZED.match(line) and fold(line) != "da ky"]
    if not kept:
        return {}
    if len(kept) == 1:
        key = "signer_authority" if _AUTHORITY.match(kept[0]) else "signer_name"
        return {key: kept[0]}
    first, *middle, last = kept
    out: Meta = {"signer_name": last}
    if middle:
        out.update(signer_authority=first, signer_position=" ".join(middle))
    else:
        out["signer_authority" if _AUTHORITY.match(first) else "signer_position"] = first
    return out

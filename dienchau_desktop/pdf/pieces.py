"""One paragraph of user text as consecutive ReportLab paragraphs of a few lines each.

A table cell holding one long paragraph costs the square of its length twice over: ReportLab
re-measures all that is left of it at every page end, and its line breaker takes each word off
the front of a Python list (``list.pop(0)``), so even measuring a 300,000-word paragraph once
takes minutes. So a paragraph is cut here, before ReportLab sees it whole:

- a paragraph of at most :data:`CHUNK_WORDS` words is measured once and halved until each
  part has at most ``max_lines`` lines (:func:`split_long`);
- a longer one is laid out :data:`CHUNK_WORDS` words at a time: all the lines of a chunk but
  its last are kept (they are the very lines the whole paragraph would have, since each line
  is filled greedily from where it starts), and the next chunk starts with the words of that
  last line.

Every line is where it would be in one paragraph; the pieces only tell ReportLab where it may
cut without re-reading the rest. The caller justifies the last line of every piece but the
paragraph's last, so the joins do not show.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from dienchau_desktop.pdf.fonts import Family
from dienchau_desktop.pdf.text import markup
from dienchau_desktop.printed import bind_dashes
from dienchau_desktop.textclean import printable

CHUNK_WORDS = 1_000
CHUNK_CHARS = 6_000
_SLICE_MIN = 500  # characters: more than any line holds
_BIG = 1e9


def split_long(paragraph: Paragraph, width: float, max_lines: int) -> list[tuple[Paragraph, float]]:
    """A paragraph cut into consecutive paragraphs of at most ``max_lines`` lines, measured.

    Halving (rather than taking ``max_lines`` off the front again and again) keeps the cost at
    n·log n for a paragraph of any length: every split re-measures only its own half.
    """
    leading = paragraph.style.leading
    _, height = paragraph.wrap(width, _BIG)
    lines = round(height / leading)
    if lines <= max_lines:
        return [(paragraph, height)]
    half = max(2, lines // 2)
    parts = paragraph.split(width, half * leading + leading * 0.01)
    if len(parts) != 2:
        return [(paragraph, height)]
    return split_long(parts[0], width, max_lines) + split_long(parts[1], width, max_lines)


def _line_letters(line: object, kind: int) -> int:
    """How many characters other than spaces one broken line of a paragraph holds."""
    if kind == 0:
        words: list[str] = line[1]  # type: ignore[index]
        return sum(len(word) - word.count(" ") for word in words)
    texts = [getattr(frag, "text", "") for frag in getattr(line, "words", ())]
    return sum(len(text) - text.count(" ") for text in texts)


def _kept(paragraph: Paragraph, words: Sequence[str]) -> tuple[int, int]:
    """Where the paragraph's lines but its last end in ``words``: (word, characters into it).

    The paragraph must have been wrapped. A line may end inside a word only where ReportLab cut
    a word longer than the line (the next line goes on with the rest of it, as it would in the
    whole paragraph). (0, 0) when the paragraph has a single line.
    """
    blpara = paragraph.blPara
    letters = sum(_line_letters(line, blpara.kind) for line in blpara.lines[:-1])
    for i, word in enumerate(words):
        if letters < len(word):
            return i, letters
        letters -= len(word)
    return len(words), 0


def _chunk(words: Sequence[str], start: int, offset: int) -> tuple[list[str], bool]:
    """The next chunk from word ``start`` (less its first ``offset`` characters), and whether it
    is the end of the paragraph. A word longer than :data:`CHUNK_CHARS` is taken in slices."""
    first = words[start][offset:]
    if len(first) > CHUNK_CHARS:
        return [first[:CHUNK_CHARS]], False
    chunk, chars = [first], len(first)
    for word in words[start + 1 : start + CHUNK_WORDS]:
        if chars + 1 + len(word) > CHUNK_CHARS:
            room = CHUNK_CHARS - chars - 1
            if len(word) > CHUNK_CHARS and room >= _SLICE_MIN:
                # A very long word goes on from where the line is, as in the whole paragraph:
                # a slice of it, far longer than any line, is cut by ReportLab the same way.
                chunk.append(word[:room])
            return chunk, False
        chunk.append(word)
        chars += 1 + len(word)
    return chunk, start + len(chunk) >= len(words)


def paragraph_parts(
    text: str,
    style: ParagraphStyle,
    family: Family,
    width: float,
    max_lines: int,
    *,
    bullet: str | None = None,
) -> list[tuple[Paragraph, float]]:
    """``text`` as paragraphs of at most ``max_lines`` lines at ``width``, with their heights."""
    line = bind_dashes(printable(text).replace("\n", " "))
    words = [w for w in line.split(" ") if w]
    if len(words) <= CHUNK_WORDS and len(line) <= CHUNK_CHARS:
        paragraph = Paragraph(markup(text, family), style, bulletText=bullet)
        return split_long(paragraph, width, max_lines)
    # Later chunks continue the paragraph: no first-line indent, no bullet (as ReportLab's own
    # split makes them).
    rest_style = style
    if style.firstLineIndent:
        rest_style = copy.copy(style)
        rest_style.firstLineIndent = 0
    out: list[tuple[Paragraph, float]] = []
    start, offset = 0, 0  # the next word, and how many of its characters are printed already
    while start < len(words):
        chunk, last = _chunk(words, start, offset)
        first = start == 0 and offset == 0
        cur_style, cur_bullet = (style, bullet) if first else (rest_style, None)
        kept, into = len(chunk), 0  # the whole chunk, unless its last line is left for the next
        if not last:
            paragraph = Paragraph(markup(" ".join(chunk), family), cur_style, bulletText=cur_bullet)
            paragraph.wrap(width, _BIG)
            found = _kept(paragraph, chunk)
            if found != (0, 0):  # a chunk of one line is printed whole (it cannot shrink)
                kept, into = found
        shown = [*chunk[:kept], chunk[kept][:into]] if into else chunk[:kept]
        paragraph = Paragraph(markup(" ".join(shown), family), cur_style, bulletText=cur_bullet)
        out += split_long(paragraph, width, max_lines)
        start, offset = _advance(words, start, offset, [len(c) for c in chunk[:kept]], into)
    return out


def _advance(
    words: Sequence[str], start: int, offset: int, shown: Sequence[int], into: int
) -> tuple[int, int]:
    """Where the text goes on after ``shown`` (lengths of the chunk's words printed whole; the
    first may be a slice of a long word) and ``into`` characters of the next word."""
    for length in shown:
        offset += length
        if offset >= len(words[start]):
            start, offset = start + 1, 0
    offset += into
    if start < len(words) and offset >= len(words[start]):
        start, offset = start + 1, 0
    return start, offset

"""User text on its way into ReportLab's paragraph markup.

ReportLab's ``Paragraph`` reads a small XML-like markup: ``<b>`` turns text bold, ``x<y`` is a
parse error, ``&amp`` becomes ``&``. Every piece of user text therefore goes through
:func:`markup`, which

- normalises it to NFC (decomposed Vietnamese prints with misplaced accents otherwise),
- drops control and invisible format characters (and emoji variation selectors and joiners,
  which no font here can draw),
- escapes ``& < >`` so that whatever the user typed prints literally,
- binds a spaced dash to the next word (a line never ends in a lone ``-``),
- wraps characters the report's font family cannot draw in the fallback font (DejaVu Sans),
  and replaces those that no bundled font has by ``�`` (U+FFFD), so that nothing silently
  vanishes from the paper.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from dienchau_desktop.pdf.fonts import Family

REPLACEMENT = "\ufffd"
_KEEP = frozenset("\n")


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
    drop = {ch for ch in set(text) if _droppable(ch)}
    if not drop:  # the common case: check each distinct character once
        return text
    return "".join(ch for ch in text if ch not in drop)


def markup(text: str, family: Family) -> str:
    """Safe paragraph markup for a piece of user text (one line; newlines become spaces)."""
    # A line must not end in a lone "-" ("kinh tế - xã hội"): text extractors take it for a
    # hyphenated word and drop it. A no-break space binds the dash to the word after it.
    text = printable(text).replace("\n", " ").replace(" - ", " -\u00a0")
    missing = {c for c in set(text) if ord(c) not in family.covered}
    if not missing:
        return escape(text)
    out: list[str] = []
    run: list[str] = []  # characters drawn from the fallback font

    def flush() -> None:
        if run:
            out.append(f'<font face="{family.fallback}">{escape("".join(run))}</font>')
            run.clear()

    for ch in text:
        if ch not in missing:
            flush()
            out.append(escape(ch))
        elif family.fallback is not None and ord(ch) in family.fallback_covered:
            run.append(ch)
        elif family.fallback is not None and ord(REPLACEMENT) in family.fallback_covered:
            run.append(REPLACEMENT)
        else:
            flush()
            out.append("?")
    flush()
    return "".join(out)

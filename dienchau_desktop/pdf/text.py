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

from xml.sax.saxutils import escape

from dienchau_desktop.pdf.fonts import Family
from dienchau_desktop.printed import bind_dashes
from dienchau_desktop.textclean import printable

REPLACEMENT = "\ufffd"


def markup(text: str, family: Family) -> str:
    """Safe paragraph markup for a piece of user text (one line; newlines become spaces)."""
    text = bind_dashes(printable(text).replace("\n", " "))
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

"""Word (.docx) copies of a report: written in the official layout, and read back into a draft.

The GUI and the command line call, through the workspace::

    data = render_docx(draft)                      # a draft copy, marked "DỰ THẢO"
    write_docx(draft, "bao-cao.docx", final=True)  # the final copy, or FinalRefusedError

The same rule as the PDF: a final copy is refused while validation reports errors. The PDF stays
the copy of record (what is signed and sealed); the Word file is the editable one.
"""

from __future__ import annotations

import os

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.draft import Draft
from dienchau_desktop.layout import Layout
from dienchau_desktop.printed import prepare
from dienchau_desktop.template import Template

__all__ = ["render_docx", "write_docx"]


def render_docx(
    draft: Draft,
    *,
    template: Template | None = None,
    layout: Layout | None = None,
    final: bool = False,
) -> bytes:
    """The report as .docx bytes: a "DỰ THẢO" copy, or the final copy when ``final`` is true."""
    from dienchau_desktop.word.writer import build_docx

    template, layout = prepare(draft, template, layout, final=final)
    return build_docx(draft, template, layout, draft_copy=not final)


def write_docx(
    draft: Draft,
    path: str | os.PathLike[str],
    *,
    final: bool = False,
    template: Template | None = None,
    layout: Layout | None = None,
) -> None:
    """Render and write the .docx atomically: ``path`` is either left as it was or written whole."""
    atomic_write(path, render_docx(draft, template=template, layout=layout, final=final))

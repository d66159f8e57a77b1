"""Printing the report: a draft in the Party's layout, as an A4 PDF (no Qt here).

The GUI and the command line call :func:`render_pdf` / :func:`write_pdf`::

    data = render_pdf(draft)                 # a draft for comment, marked "DỰ THẢO"
    write_pdf(draft, "bao-cao.pdf", final=True)  # the final copy, or FinalRefusedError

A final copy is refused while validation reports errors; a draft copy prints at any time.
"""

from __future__ import annotations

import os

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.draft import Draft
from dienchau_desktop.layout import DEFAULT_LAYOUT, Layout, LayoutError, load_layout
from dienchau_desktop.printed import FinalRefusedError, PrintRefusedError, prepare
from dienchau_desktop.template import Template

__all__ = [
    "DEFAULT_LAYOUT",
    "FinalRefusedError",
    "Layout",
    "LayoutError",
    "PrintRefusedError",
    "load_layout",
    "render_pdf",
    "write_pdf",
]


def render_pdf(
    draft: Draft,
    *,
    template: Template | None = None,
    layout: Layout | None = None,
    final: bool = False,
) -> bytes:
    """The report as PDF bytes: a "DỰ THẢO" copy, or the final copy when ``final`` is true.

    The final copy raises :class:`FinalRefusedError` while validation reports errors; a copy
    too long to print, or with a part no page can hold, :class:`PrintRefusedError`.
    """
    from dienchau_desktop.pdf.builder import build_pdf

    template, layout = prepare(draft, template, layout, final=final)
    return build_pdf(draft, template, layout, draft_copy=not final)


def write_pdf(
    draft: Draft,
    path: str | os.PathLike[str],
    *,
    final: bool = False,
    template: Template | None = None,
    layout: Layout | None = None,
) -> None:
    """Render and write the PDF atomically: ``path`` is either left as it was or written whole."""
    data = render_pdf(draft, template=template, layout=layout, final=final)
    atomic_write(path, data)

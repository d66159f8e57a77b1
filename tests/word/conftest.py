"""Fixtures for the Word tests: the example written once, and LibreOffice's print of it.

The text helpers of the PDF tests (the seed's sentences, pdftotext) are shared: a Word copy
converted by LibreOffice is checked against the same sentences as our own PDF.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pdf"))

from word_helpers import convert_to_pdf

from dienchau_desktop.draft import example_draft
from dienchau_desktop.word import render_docx


@pytest.fixture(scope="session")
def example_docx() -> bytes:
    """The example report, final copy, as a Word file."""
    return render_docx(example_draft(), final=True)


@pytest.fixture(scope="session")
def example_docx_draft() -> bytes:
    """The example report, draft copy (marked DỰ THẢO), as a Word file."""
    return render_docx(example_draft())


@pytest.fixture(scope="session")
def example_docx_pdf(example_docx: bytes) -> bytes:
    """The final Word copy as LibreOffice prints it."""
    return convert_to_pdf(example_docx)

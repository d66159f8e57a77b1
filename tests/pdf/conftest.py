"""Fixtures for the PDF tests: the example report rendered once per session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pdf_helpers import open_pdf, pdftotext_pages, render

from dienchau_desktop.draft import example_draft


@pytest.fixture(scope="session")
def example_final() -> bytes:
    """The example report, final copy."""
    return render(example_draft(), final=True)


@pytest.fixture(scope="session")
def example_draft_copy() -> bytes:
    """The example report, draft copy (marked DỰ THẢO)."""
    return render(example_draft(), final=False)


@pytest.fixture(scope="session")
def example_pages(example_final: bytes) -> list[str]:
    """pdftotext's text of each page of the final example."""
    return pdftotext_pages(example_final)


@pytest.fixture(scope="session")
def example_plumber(example_final: bytes) -> Iterator[Any]:
    """The final example opened once with pdfplumber (pages parse once, then are cached)."""
    with open_pdf(example_final) as pdf:
        yield pdf

"""LibreOffice for the Word tests: a real client reading the files we write."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# CI sets this: there the LibreOffice checks must run, never be skipped.
REQUIRE_SOFFICE = os.environ.get("DIENCHAU_REQUIRE_SOFFICE") == "1"


def soffice() -> str:
    """The LibreOffice program, or the test is skipped (fails in CI) when it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if REQUIRE_SOFFICE:
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def libreoffice_convert(data: bytes, name: str, to: str, extension: str) -> bytes:
    """A file (``name``, e.g. "bao-cao.docx") converted by LibreOffice headless to ``to`` (its
    filter, e.g. "pdf"), read back from the result with ``extension`` (".pdf", ".csv")."""
    program = soffice()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / name
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return source.with_suffix(extension).read_bytes()


def convert_to_pdf(docx: bytes) -> bytes:
    """A .docx converted to PDF by LibreOffice headless, the way a real client reads it."""
    return libreoffice_convert(docx, "bao-cao.docx", "pdf", ".pdf")

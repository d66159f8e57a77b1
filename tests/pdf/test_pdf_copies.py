"""Draft copies print at any time; the final copy is refused while the draft has errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import bundled_layout, norm, pdftotext_pages, render

import dienchau_desktop.pdf.builder as builder
from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.pdf import FinalRefusedError, render_pdf, write_pdf


def _draft_with_errors() -> Draft:
    draft = example_draft()
    draft.answer("I.2").figures["so_nghi_quyet_chuyen_de"] = ""
    draft.answer("II.5").figures["so_don_vi_co_quy_che"] = "9/8"
    draft.answer("I.1").text = ""
    return draft


def test_draft_with_errors_prints_as_marked_draft() -> None:
    """A draft with errors still prints for comment, marked DỰ THẢO on every page."""
    pages = pdftotext_pages(render(_draft_with_errors(), final=False))
    assert len(pages) > 5
    assert all("DỰ THẢO" in norm(p) for p in pages)
    text = norm(" ".join(pages))
    # A missing required figure leaves a visible gap to fill in by hand.
    assert "Số nghị quyết chuyên đề về MTTQ, đoàn thể: ……" in text


def test_final_copy_is_refused_listing_the_errors() -> None:
    """The final copy raises FinalRefusedError; its problems and its message list all errors."""
    with pytest.raises(FinalRefusedError) as info:
        render_pdf(_draft_with_errors(), final=True, layout=bundled_layout())
    problems = info.value.problems
    assert {p.question for p in problems} == {"I.1", "I.2", "II.5"}
    assert all(p.is_error for p in problems)
    message = str(info.value)
    assert message.startswith("Chưa in được bản chính thức vì báo cáo còn 3 lỗi phải sửa")
    for p in problems:
        assert p.message.rstrip(".") in message


def test_refused_final_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    """write_pdf(final=True) refused: the file already at the path is not changed."""
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(b"old copy")
    with pytest.raises(FinalRefusedError):
        write_pdf(_draft_with_errors(), out, final=True, layout=bundled_layout())
    assert out.read_bytes() == b"old copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_failed_render_leaves_an_existing_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render that fails midway writes nothing: OUT stays as it was, no temporary file is left."""
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(b"old copy")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(builder, "build_pdf", broken)
    with pytest.raises(RuntimeError):
        write_pdf(example_draft(), out, layout=bundled_layout())
    assert out.read_bytes() == b"old copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_write_pdf_writes_the_rendered_bytes(tmp_path: Path, example_final: bytes) -> None:
    """write_pdf writes exactly what render_pdf returns."""
    out = tmp_path / "r.pdf"
    write_pdf(example_draft(), out, final=True, layout=bundled_layout())
    assert out.read_bytes() == example_final

"""The workbook and the printed summary written side by side, and alone."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from rollup_data import build_rollup

from dienchau_desktop.rollup import output


def _check(xlsx: Path, pdf: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert "Tổng hợp" in book.sheetnames
    assert pdf.read_bytes().startswith(b"%PDF") and b"%%EOF" in pdf.read_bytes()[-64:]


def test_both_files_written_side_by_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "SIDE_BY_SIDE_FROM", 1)
    monkeypatch.setattr(output.processes, "cores", lambda: 2)
    calls: list[str] = []
    real = output._side_by_side

    def spy(*args: object) -> bool:
        calls.append("side by side")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "_side_by_side", spy)
    xlsx, pdf = tmp_path / "tong-hop.xlsx", tmp_path / "tong-hop.pdf"
    output.write_outputs(build_rollup(5), xlsx=xlsx, pdf=pdf)
    assert calls == ["side by side"]
    _check(xlsx, pdf)


def test_without_a_second_process_both_are_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "SIDE_BY_SIDE_FROM", 1)
    monkeypatch.setattr(output.processes, "cores", lambda: 2)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(output.processes, "ProcessPoolExecutor", no_pool)
    xlsx, pdf = tmp_path / "a.xlsx", tmp_path / "a.pdf"
    output.write_outputs(build_rollup(3), xlsx=xlsx, pdf=pdf)
    _check(xlsx, pdf)

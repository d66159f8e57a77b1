"""`dienchau-desktop render`, run as a real process: exit codes, messages, files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from clirun import run_cli
from pdf_helpers import LAYOUT_FILE, ROOT, norm, pdftotext_pages

run = run_cli


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture(scope="module")
def bad_draft_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with one blank required figure and one impossible ratio."""
    data = json.loads((ROOT / "resources" / "examples" / "kl62-dien-chau.json").read_text("utf-8"))
    data["answers"]["I.2"]["figures"]["so_nghi_quyet_chuyen_de"] = ""
    data["answers"]["II.5"]["figures"]["so_don_vi_co_quy_che"] = "9/8"
    path = tmp_path_factory.mktemp("drafts") / "co-loi.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_render_example_final_exits_zero_and_is_reproducible(tmp_path: Path) -> None:
    """`render --example --final` writes the report (exit 0); a second run gives the same bytes."""
    first, second = tmp_path / "r.pdf", tmp_path / "r2.pdf"
    r = run("render", "--example", "--final", "-o", str(first))
    assert r.returncode == 0, r.stderr
    _no_traceback(r)
    assert "bản chính thức" in r.stderr
    text = norm(" ".join(pdftotext_pages(first.read_bytes())))
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Nơi nhận", "Đặng Thị Thanh"):
        assert expected in text
    assert "DỰ THẢO" not in text
    assert run("render", "--example", "--final", "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_render_file_with_errors_draft_ok_final_refused(
    bad_draft_file: Path, tmp_path: Path
) -> None:
    """A draft with errors prints without --final (DỰ THẢO); --final exits 1 listing errors."""
    out = tmp_path / "r.pdf"
    r = run("render", str(bad_draft_file), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert all("DỰ THẢO" in norm(p) for p in pdftotext_pages(out.read_bytes()))

    out.write_bytes(b"old copy")
    r = run("render", str(bad_draft_file), "--final", "-o", str(out))
    assert r.returncode == 1
    _no_traceback(r)
    assert "Mục I.2" in r.stderr and "Mục II.5" in r.stderr and "9/8" in r.stderr
    assert out.read_bytes() == b"old copy", "a refused final copy never touches OUT"


@pytest.mark.parametrize(
    "args",
    [
        ["missing.json"],
        ["not-a-draft.json"],
        [],
        ["--example", "--layout", "khong-co"],
        ["--example", "--layout", "broken-layout.json"],
    ],
)
def test_render_bad_input_exits_two_without_traceback(tmp_path: Path, args: list[str]) -> None:
    """Unreadable input (no file, not a draft, none named, bad layout) exits 2, says why."""
    (tmp_path / "not-a-draft.json").write_text('{"hello": 1}', "utf-8")
    (tmp_path / "broken-layout.json").write_text('{"format": "dienchau-layout"', "utf-8")
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old copy")
    r = run("render", *args, "-o", str(out), cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    _no_traceback(r)
    assert "Lỗi:" in r.stderr
    assert out.read_bytes() == b"old copy"


def test_render_into_missing_folder_exits_two(tmp_path: Path) -> None:
    """An output path in a folder that does not exist is refused with exit 2, nothing written."""
    r = run("render", "--example", "-o", str(tmp_path / "khong-co" / "r.pdf"))
    assert r.returncode == 2
    _no_traceback(r)
    assert "khong-co" in r.stderr


def test_render_with_layout_file(tmp_path: Path) -> None:
    """`--layout FILE.json` prints with that profile (here: wider left margin)."""
    data = json.loads(LAYOUT_FILE.read_text("utf-8"))
    data["page"]["margin_left_mm"] = 35
    data["page"]["margin_right_mm"] = 10
    layout = tmp_path / "rong.json"
    layout.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "r.pdf"
    r = run("render", "--example", "--layout", str(layout), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")

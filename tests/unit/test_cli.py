"""The command line, run as a real process: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from clirun import run_cli

run = run_cli


def _assert_clean_failure(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip(), "a refusal must say why"


def test_example_then_validate_exits_zero(tmp_path: Path) -> None:
    """`example -o` writes the example draft and `validate` passes it."""
    out = tmp_path / "ex.json"
    r = run("example", "-o", str(out))
    assert r.returncode == 0, r.stderr
    r = run("validate", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 lỗi" in r.stdout or "Không có lỗi" in r.stdout


@pytest.mark.parametrize(
    ("qid", "fid", "value"),
    [
        ("I.2", "so_nghi_quyet_chuyen_de", ""),
        ("I.2", "ty_le_chi_bo_lanh_dao_mttq", "150%"),
        ("II.5", "so_don_vi_co_quy_che", "9/8"),
        ("II.4", "so_buoi_doi_thoai", "3 - 2"),
        ("IV.1", "tong_so_can_bo", "-5"),
        ("III.2", "so_mo_hinh", "abc"),
    ],
)
def test_bad_figure_makes_validate_exit_one(tmp_path: Path, qid: str, fid: str, value: str) -> None:
    """A blank required figure or an impossible one exits 1 with a message naming the question."""
    out = tmp_path / "ex.json"
    assert run("example", "-o", str(out)).returncode == 0
    data = json.loads(out.read_text("utf-8"))
    data["answers"][qid]["figures"][fid] = value
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    r = run("validate", str(out))
    assert r.returncode == 1
    assert f"Mục {qid}" in r.stdout
    rj = run("validate", str(out), "--json")
    assert rj.returncode == 1
    report = json.loads(rj.stdout)
    assert set(report) == {"errors", "warnings"}
    assert [(e["question"], e["figure"]) for e in report["errors"]] == [(qid, fid)]
    assert all({"question", "figure", "message"} <= set(e) for e in report["errors"])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{oops",
        b"\x00\x01\xfe\xff junk",
        b'{"format": "dienchau-draft", "format_version": 7}',
        b'{"a": 1}',
        b"[]",
    ],
    ids=["empty", "invalid-json", "binary", "newer-version", "wrong-shape", "list"],
)
def test_broken_file_exits_two_without_traceback(tmp_path: Path, content: bytes) -> None:
    """Any broken input gives a Vietnamese message on stderr and exit 2."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = run("validate", str(bad))
    _assert_clean_failure(r, 2)
    assert r.stderr.startswith("Lỗi:")


def test_missing_file_exits_two(tmp_path: Path) -> None:
    """A file that is not there is named in the message."""
    r = run("validate", str(tmp_path / "khong-co.json"))
    _assert_clean_failure(r, 2)
    assert "khong-co.json" in r.stderr


def test_bad_arguments_exit_two_in_vietnamese() -> None:
    """Wrong arguments are explained in Vietnamese, exit 2."""
    r = run("example")
    _assert_clean_failure(r, 2)
    assert "thiếu tham số bắt buộc" in r.stderr
    r = run("khong-co-lenh")
    _assert_clean_failure(r, 2)


def test_validate_example_json_shape() -> None:
    """`validate --example --json` lists errors and warnings as objects."""
    r = run("validate", "--example", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["errors"] == []
    assert isinstance(report["warnings"], list)


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    """Writing into a folder that does not exist is refused with a message, not a crash."""
    r = run("example", "-o", str(tmp_path / "khong" / "co" / "ex.json"))
    _assert_clean_failure(r, 2)


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], True),
        (["gui"], True),
        (["--data-dir", "X"], True),
        (["--data-dir", "gui-data", "render", "--example"], False),
        (["--data-dir=X", "gui", "--example"], True),
        (["render", "--example", "-o", "gui"], False),
        (["-h"], False),
    ],
)
def test_window_start_skips_command_modules(argv: list[str], opens: bool) -> None:
    """Opening the window does not pay for importing the printing and storage commands."""
    from dienchau_desktop.cli.app import opens_gui as _opens_gui

    assert _opens_gui(argv) is opens


def test_gui_help_lists_quit_after() -> None:
    """The smoke test of the installed program relies on `gui --quit-after MS`."""
    r = run("gui", "--help")
    assert r.returncode == 0 and "--quit-after" in r.stdout


@pytest.mark.parametrize(
    "garbled",
    [
        "§¶ng ñy x· DiÔn Ch©u l·nh ®¹o c¸c ®oµn thÓ ho¹t ®éng hiÖu qu¶ trong n¨m qua",
        "Ñaûng uûy xaõ Dieãn Chaâu laõnh ñaïo caùc ñoaøn theå hoaït ñoäng hieäu quaû naêm qua",
    ],
)
def test_validate_warns_of_old_font_text_and_not_once_converted(
    tmp_path: Path, garbled: str
) -> None:
    """An answer in TCVN3 or VNI is warned about, quoting a word of it; the same answer as the
    program converts it on paste gives no such warning."""
    from dienchau_desktop.draft import example_draft, write_draft_file
    from dienchau_desktop.textclean import clean_pasted

    def legacy_warnings(text: str) -> list[str]:
        draft = example_draft()
        draft.answers["I.1"].text = text
        path = tmp_path / "bao-cao.json"
        write_draft_file(draft, path)
        r = run("validate", str(path), "--json")
        assert r.returncode == 0, r.stderr
        found = json.loads(r.stdout)["warnings"]
        return [w["message"] for w in found if "bảng mã" in w["message"]]

    before = legacy_warnings(garbled)
    assert len(before) == 1 and any(f"“{w}”" in before[0] for w in garbled.split())
    assert legacy_warnings(clean_pasted(garbled)) == []

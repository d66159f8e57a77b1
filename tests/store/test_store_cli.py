"""``dienchau-desktop drafts …`` and ``--draft ID``: output, exit codes, Vietnamese messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from clirun import run_cli

from dienchau_desktop import cli
from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.store import DraftStore
from dienchau_desktop.workspace.summary import list_facts

ROOT = Path(__file__).resolve().parents[2]
Digest = Callable[[Path], dict[str, str]]
MakeDraft = Callable[..., Draft]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "vi-du.json"
    path.write_text(example_draft().to_json(), "utf-8")
    return path


def test_import_prints_one_new_id_per_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, example_file: Path
) -> None:
    """`drafts import A B` adds two drafts (same file twice: two ids) and prints each id."""
    code, out, err = run(
        capsys,
        "drafts",
        "import",
        str(example_file),
        str(example_file),
        "--data-dir",
        str(data_dir),
    )
    assert code == 0, err
    ids = out.split()
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(len(i) == 32 for i in ids)
    assert "Đã nhập" in err


def test_list_json_has_id_title_updated(
    capsys: pytest.CaptureFixture[str], data_dir: Path, example_file: Path
) -> None:
    """`drafts list --json` is a list of objects with at least id, title and updated."""
    run(capsys, "drafts", "import", str(example_file), "--data-dir", str(data_dir))
    code, out, _ = run(capsys, "drafts", "list", "--json", "--data-dir", str(data_dir))
    assert code == 0
    [item] = json.loads(out)
    assert {"id", "title", "updated", "answered", "total", "errors", "warnings"} <= set(item)
    assert item["title"] == example_draft().title
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "drafts", "list")
    assert code == 0 and item["id"] in out and "18/18" in out


def test_data_dir_from_the_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, example_file: Path
) -> None:
    """Without --data-dir the commands use DIENCHAU_DATA_DIR."""
    code, out, _ = run(capsys, "drafts", "import", str(example_file))
    assert code == 0
    assert (data_dir / "ban-nhap" / out.strip()).is_dir()


def test_refused_import_exits_two_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    example_file: Path,
    tree_digest: Digest,
) -> None:
    """One bad file among several: exit 2, each refusal named, nothing imported, no byte changed."""
    run(capsys, "drafts", "import", str(example_file))
    bad = tmp_path / "hong.json"
    bad.write_bytes(b'{"format": "dienchau-draft", "format_version": 1, "answers": [')
    huge = tmp_path / "lon.json"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = tree_digest(data_dir)
    code, out, err = run(capsys, "drafts", "import", str(example_file), str(bad), str(huge))
    assert code == 2
    assert out == ""
    assert "hong.json" in err and "lon.json" in err and "Chưa nhập tệp nào" in err
    assert tree_digest(data_dir) == before


def test_export_delete_restore_history(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, example_file: Path
) -> None:
    """Export writes the draft; delete trashes it; restore brings it back; history lists."""
    _, out, _ = run(capsys, "drafts", "import", str(example_file))
    draft_id = out.strip()
    target = tmp_path / "ra.json"
    code, _, err = run(capsys, "drafts", "export", draft_id[:8], "-o", str(target))
    assert code == 0, err
    assert json.loads(target.read_text("utf-8"))["meta"]["draft_id"] == draft_id

    code, _, err = run(capsys, "drafts", "delete", draft_id)
    assert code == 0 and "thùng rác" in err
    _, out, _ = run(capsys, "drafts", "list", "--json")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "drafts", "trash", "--json")
    assert [t["id"] for t in json.loads(out)] == [draft_id]
    code, _, err = run(capsys, "drafts", "restore", draft_id)
    assert code == 0, err
    _, out, _ = run(capsys, "drafts", "list", "--json")
    assert [t["id"] for t in json.loads(out)] == [draft_id]

    code, out, _ = run(capsys, "drafts", "history", draft_id)
    assert code == 0 and "(hiện tại)" in out
    code, out, _ = run(capsys, "drafts", "history", draft_id, "--json")
    [entry] = json.loads(out)
    assert set(entry) == {"version", "saved_at", "size"}
    code, out, _ = run(capsys, "drafts", "history", draft_id, "--show", entry["version"])
    assert code == 0 and json.loads(out)["meta"]["draft_id"] == draft_id


def test_history_restore_makes_an_old_version_current(
    capsys: pytest.CaptureFixture[str], data_dir: Path, make_draft: MakeDraft
) -> None:
    """`drafts history ID --restore N` brings back version N and keeps the newer one."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        d.answer("I.1").text = "Bản đầu."
        store.save(d)
        d.answer("I.1").text = "Bản sau."
        store.save(d)
    code, _, err = run(capsys, "drafts", "history", d.id, "--restore", "1")
    assert code == 0, err
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert store.load(d.id).answer("I.1").text == "Bản đầu."
        assert [h.version for h in store.history(d.id)] == ["3", "2", "1"]


@pytest.mark.parametrize(
    "argv",
    [
        ("drafts", "export", "0" * 32, "-o", "x.json"),
        ("drafts", "delete", "abc"),
        ("drafts", "restore", "abc"),
        ("drafts", "history", "abc"),
        ("validate", "--draft", "abc"),
    ],
)
def test_unknown_id_exits_two(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    """An id that is not in the store is bad input: exit 2 with a Vietnamese message."""
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Không có bản nháp" in err


def test_validate_and_damage_report_with_draft_id(
    capsys: pytest.CaptureFixture[str], data_dir: Path, make_draft: MakeDraft
) -> None:
    """`validate --draft ID` checks a stored draft; a broken one is reported by `list`."""
    good, bad = make_draft("Tốt"), make_draft("Hỏng")
    bad.answer("I.1").text = ""
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(good)
        store.save(bad)
        bad.answer("I.2").text = ""
        store.save(bad)
    assert run(capsys, "validate", "--draft", good.id[:10])[0] == 0
    code, out, _ = run(capsys, "validate", "--draft", bad.id, "--json")
    assert code == 1 and json.loads(out)["errors"]
    sorted((data_dir / "ban-nhap" / bad.id).glob("*.json"))[-1].write_bytes(b"")
    code, out, err = run(capsys, "drafts", "list", "--json")
    assert code == 0
    assert [d["id"] for d in json.loads(out)] == [good.id]
    assert "Hỏng" in err and f"drafts recover {bad.id}" in err
    code, _, err = run(capsys, "validate", "--draft", bad.id)
    assert code == 2 and "không mở được" in err


def test_recover_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path, make_draft: MakeDraft
) -> None:
    """`drafts recover ID` brings back the newest good version of a broken draft."""
    d = make_draft("Cứu lại")
    with DraftStore(data_dir, summarize=list_facts) as store:
        d.answer("I.1").text = "Bản tốt."
        store.save(d)
        d.answer("I.1").text = "Bản sẽ hỏng."
        store.save(d)
    sorted((data_dir / "ban-nhap" / d.id).glob("*.json"))[-1].write_bytes(b"{")
    code, _, err = run(capsys, "drafts", "recover", d.id)
    assert code == 0, err
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert store.load(d.id).answer("I.1").text == "Bản tốt."


HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from dienchau_desktop.store import DraftStore
    store = DraftStore(Path(sys.argv[1]))
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_commands_while_the_window_has_the_data_open(
    data_dir: Path, example_file: Path, tmp_path: Path
) -> None:
    """While another program writes: reading commands work; changing ones exit 1 saying why."""
    dc = run_cli
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")

    draft_id = dc("drafts", "import", str(example_file)).stdout.strip()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir)], stdout=subprocess.PIPE, env=env
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"ready\n"
        r = dc("drafts", "list")
        assert r.returncode == 0 and draft_id in r.stdout
        r = dc("validate", "--draft", draft_id)
        assert r.returncode == 0, r.stderr
        r = dc("drafts", "export", draft_id, "-o", str(tmp_path / "ra.json"))
        assert r.returncode == 0, r.stderr
        for args in (("drafts", "delete", draft_id), ("drafts", "import", str(example_file))):
            r = dc(*args)
            assert r.returncode == 1
            assert "đang được mở bởi một cửa sổ khác" in r.stderr
            assert "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)

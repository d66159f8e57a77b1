"""The holes hostile input found (issue 16), each reproduced through the command line in-process.

Every test here failed before its fix: a crash (exit 3), a destroyed file or a hang.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dienchau_desktop.cli.app import main
from dienchau_desktop.datafile import JSONBytesError, parse_json_bytes
from dienchau_desktop.draft import example_path

EXAMPLE_ID = "00000000000000000000000000000062"


def _example() -> dict[str, object]:
    data: dict[str, object] = json.loads(example_path().read_text(encoding="utf-8"))
    return data


def _with_meta_literal(tmp_path: Path, key_json: str, value_json: str) -> Path:
    """The example with one more meta entry written exactly as given (raw JSON)."""
    data = _example()
    meta = data["meta"]
    assert isinstance(meta, dict)
    meta["zz_marker"] = 0
    text = json.dumps(data, ensure_ascii=False).replace(
        '"zz_marker": 0', f"{key_json}: {value_json}"
    )
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. integer literals over 4,300 digits ------------------------------------------------------


def test_huge_integer_literal_is_a_json_error_not_a_crash() -> None:
    with pytest.raises(JSONBytesError) as caught:
        parse_json_bytes(b'{"a": ' + b"9" * 5000 + b"}")
    assert caught.value.kind == "number"


@pytest.mark.parametrize(
    "command",
    [["validate", "FILE"], ["render", "FILE", "-o", "out.pdf"], ["drafts", "import", "FILE"]],
)
def test_huge_integer_literal_is_refused_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = _with_meta_literal(tmp_path, '"zz"', "9" * 5000)
    argv = [str(path) if a == "FILE" else str(tmp_path / a) if "." in a else a for a in command]
    assert main(["--data-dir", str(tmp_path / "D"), *argv]) == 2
    err = capsys.readouterr().err
    assert "con số dài hàng nghìn chữ số" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.pdf").exists()


def test_huge_integer_in_a_layout_profile_is_named(tmp_path: Path) -> None:
    from dienchau_desktop.layout import LayoutError, load_layout

    profile = tmp_path / "bad.json"
    profile.write_text('{"format": "dienchau-layout", "x": ' + "1" * 5000 + "}", encoding="utf-8")
    with pytest.raises(LayoutError, match="con số dài hàng nghìn chữ số"):
        load_layout(str(profile))


# --- 2. lone surrogates in keys -------------------------------------------------------------------


def test_lone_surrogate_keys_are_read_as_replacement_characters() -> None:
    data = parse_json_bytes(b'{"\\ud800k": {"\\udfffx": ["\\ud83d"]}, "ok": "\\ud83d\\ude00"}')
    assert data == {"\ufffdk": {"\ufffdx": ["\ufffd"]}, "ok": "\U0001f600"}


@pytest.mark.parametrize("where", ["meta key", "answer id", "figure key", "extra field"])
def test_lone_surrogate_anywhere_then_export_and_history_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    data = _example()
    answers = data["answers"]
    assert isinstance(answers, dict)
    first = next(iter(answers.values()))
    if where == "meta key":
        meta = data["meta"]
        assert isinstance(meta, dict)
        meta["MARK"] = "a"
    elif where == "answer id":
        answers["MARK"] = {"text": "một câu trả lời"}
    elif where == "figure key":
        first["figures"]["MARK"] = "5"
    else:
        first["MARK"] = "giá trị lạ"
    text = json.dumps(data, ensure_ascii=False).replace('"MARK"', '"\\ud800MARK"')
    source = tmp_path / "s.json"
    source.write_text(text, encoding="utf-8")
    d = str(tmp_path / "D")
    assert main(["--data-dir", d, "drafts", "import", str(source)]) == 0
    out = tmp_path / "out.json"
    assert main(["--data-dir", d, "drafts", "export", EXAMPLE_ID, "-o", str(out)]) == 0
    assert "\ufffdMARK" in out.read_text(encoding="utf-8")
    assert main(["--data-dir", d, "drafts", "history", EXAMPLE_ID, "--show", "1"]) == 0
    captured = capsys.readouterr()
    assert "\ufffdMARK" in captured.out
    assert "Traceback" not in captured.err


class _Hung(BaseException):
    """Raised by the alarm: no ``except OSError`` or ``except Exception`` can swallow it."""


# --- the data folder (items 5 to 11) --------------------------------------------------------------


def _store_with_drafts(data: Path, n: int = 2) -> list[str]:
    from dienchau_desktop.draft import example_draft, new_draft_id
    from dienchau_desktop.store import DraftStore

    ids = []
    with DraftStore(data) as store:
        for i in range(n):
            d = example_draft()
            d.meta["draft_id"] = new_draft_id()
            d.meta["title"] = f"Báo cáo số {i}"
            store.save(d)
            ids.append(d.id)
    return ids


def test_unreadable_draft_folder_is_reported_and_the_others_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """5. A draft folder without read permission (simulated: the tests may run as root)."""
    import os

    from dienchau_desktop.store import history

    data = tmp_path / "D"
    bad, good = _store_with_drafts(data)
    real = os.listdir

    def listdir(path: object = ".") -> list[str]:
        if str(path).endswith(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(history.os, "listdir", listdir)
    assert main(["--data-dir", str(data), "drafts", "list"]) == 0
    captured = capsys.readouterr()
    assert good in captured.out and bad not in captured.out
    assert "Báo cáo số 0" in captured.err and "không có quyền đọc" in captured.err
    for argv in (
        ["drafts", "export", bad, "-o", str(tmp_path / "x.json")],
        ["drafts", "history", bad],
    ):
        assert main(["--data-dir", str(data), *argv]) == 1
        err = capsys.readouterr().err
        assert "không có quyền đọc" in err and "Traceback" not in err


def test_settings_of_the_wrong_kind_fall_back_to_their_defaults(tmp_path: Path) -> None:
    """6. A huge, a NaN or a wrong-typed ``text_size`` never reaches the GUI's styling."""
    from dienchau_desktop.gui import style
    from dienchau_desktop.store import DraftStore

    data = tmp_path / "D"
    with DraftStore(data) as store:
        for value in (10**400, float("nan"), "to", True, [12]):
            store._settings[style.TEXT_SIZE_SETTING] = value
            size = store.get_setting(style.TEXT_SIZE_SETTING, style.DEFAULT_PT)
            assert style.clamp_size(size) == style.DEFAULT_PT
        store._settings["last_pdf_dir"] = 5
        assert store.get_setting("last_pdf_dir", None, str) is None
    assert style.clamp_size(10**400) == style.DEFAULT_PT
    assert style.clamp_size(float("inf")) == style.DEFAULT_PT


def test_huge_text_size_in_the_settings_file_opens_the_window(tmp_path: Path) -> None:
    """6. Through the file itself: the window opens with the default size."""
    pytest.importorskip("PySide6")
    from dienchau_desktop.gui import style
    from dienchau_desktop.store import DraftStore

    data = tmp_path / "D"
    with DraftStore(data) as store:
        store.set_setting(style.TEXT_SIZE_SETTING, 12)
    settings = data / "cai-dat.json"
    text = settings.read_text(encoding="utf-8")
    assert '"value":12' in text
    settings.write_text(text.replace('"value":12', '"value":' + "9" * 400), encoding="utf-8")
    with DraftStore(data) as store:
        size = store.get_setting(style.TEXT_SIZE_SETTING, style.DEFAULT_PT)
    assert style.clamp_size(size) == style.DEFAULT_PT


def test_symlinked_lock_file_never_touches_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """7. ``ln -sf notes.txt D/dang-mo.lock`` then an import: notes.txt is left as it was."""
    data = tmp_path / "D"
    data.mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("ghi chú của tôi", encoding="utf-8")
    (data / "dang-mo.lock").symlink_to(notes)
    assert main(["--data-dir", str(data), "drafts", "import", str(example_path())]) == 0
    assert notes.read_text(encoding="utf-8") == "ghi chú của tôi"
    assert not (data / "dang-mo.lock").is_symlink()
    kept = [p for p in (data / "hong").iterdir() if p.is_symlink()]
    assert len(kept) == 1 and kept[0].resolve() == notes.resolve()
    assert main(["--data-dir", str(data), "drafts", "list"]) == 0
    assert EXAMPLE_ID in capsys.readouterr().out


@pytest.mark.parametrize("which", ["muc-luc.json", "cai-dat.json", "version", "lock", "user file"])
def test_a_fifo_is_set_aside_or_refused_never_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    """8. A FIFO where a file belongs: reported, the command ends (it used to hang forever)."""
    import os
    import signal

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    data = tmp_path / "D"
    (good,) = _store_with_drafts(data, 1)
    if which == "version":
        folder = data / "ban-nhap" / good
        path = next(folder.iterdir())
    elif which == "user file":
        path = tmp_path / "nhap.json"
    else:
        path = data / which if which != "lock" else data / "dang-mo.lock"
    if path.exists():
        path.unlink()
    os.mkfifo(path)

    def hung(*_: object) -> None:
        raise _Hung("the command waited on a FIFO")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        if which == "user file":
            assert main(["validate", str(path)]) == 2
            assert "không phải một tệp thường" in capsys.readouterr().err
            return
        assert main(["--data-dir", str(data), "drafts", "list"]) == 0
        assert main(["--data-dir", str(data), "drafts", "import", str(example_path())]) == 0
        assert main(["--data-dir", str(data), "drafts", "list"]) == 0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    import stat

    hong = data / "hong"
    set_aside = (
        [p for p in hong.iterdir() if stat.S_ISFIFO(p.lstat().st_mode)] if hong.exists() else []
    )
    if which == "muc-luc.json":  # only a cache: the first list writes a good one in its place
        assert stat.S_ISREG(path.lstat().st_mode) and len(set_aside) <= 1
    else:
        assert len(set_aside) == 1  # moved, kept as it was
    if which == "version":
        assert "không phải một tệp dữ liệu thường" in captured.err
    else:
        assert good in captured.out


def test_only_the_programs_own_temporary_files_are_removed(tmp_path: Path) -> None:
    """10. A user's ``.ghi-chu.tmp`` survives every opening; a killed write's leftovers do not."""
    from dienchau_desktop.store import DraftStore

    data = tmp_path / "D"
    (draft_id,) = _store_with_drafts(data, 1)
    folders = [data, data / "ban-nhap", data / "thung-rac", data / "ban-nhap" / draft_id]
    for folder in folders:
        (folder / ".ghi-chu.tmp").write_text("của người dùng", encoding="utf-8")
        (folder / ".bao-cao.json.k3j4h5g6.dienchau-tmp").write_bytes(b"half a wri")
    with DraftStore(data) as store:
        assert [s.id for s in store.list()] == [draft_id]
    for folder in folders:
        assert (folder / ".ghi-chu.tmp").read_text(encoding="utf-8") == "của người dùng"
        assert not (folder / ".bao-cao.json.k3j4h5g6.dienchau-tmp").exists()


def test_a_read_only_list_rebuilds_a_missing_index_once(tmp_path: Path) -> None:
    """11. ``drafts list`` with no ``muc-luc.json`` writes it (when no writer has the data)."""
    from dienchau_desktop.store import DraftStore

    data = tmp_path / "D"
    ids = _store_with_drafts(data, 3)
    (data / "muc-luc.json").unlink()
    assert main(["--data-dir", str(data), "drafts", "list"]) == 0
    assert (data / "muc-luc.json").is_file()
    with DraftStore(data, readonly=True) as store:
        assert {s.id for s in store.list()} == set(ids)
        assert all(s.counted for s in store._records.values())  # facts came from the index
    (data / "muc-luc.json").unlink()
    with DraftStore(data) as writer:  # a writer holds the data: the reader leaves it be
        with DraftStore(data, readonly=True) as reader:
            assert {s.id for s in reader.list()} == set(ids)
        writer.close()


def test_an_import_cut_short_before_its_commit_leaves_nothing(tmp_path: Path) -> None:
    """9. A staged batch without its marker is dropped at the next opening; with it, finished."""
    from dienchau_desktop.draft import example_draft, new_draft_id
    from dienchau_desktop.store import DraftStore, imports

    data = tmp_path / "D"
    (first,) = _store_with_drafts(data, 1)

    def batch(title: str) -> list[tuple[object, None]]:
        out = []
        for i in range(3):
            d = example_draft()
            d.meta["draft_id"] = new_draft_id()
            d.meta["title"] = f"{title} {i}"
            out.append((d, None))
        return out

    real_move_in = imports.ImportMixin._move_in
    with DraftStore(data) as store:
        store._move_in = lambda stage: None  # type: ignore[method-assign]  # killed after commit
        store.import_drafts(batch("Đã chốt"))  # type: ignore[arg-type]
        del store._move_in
        stage = next(p for p in data.iterdir() if imports.STAGE_RE.match(p.name))
        # A second batch killed before its commit: its marker never written.
        orphan = data / ".nhap-0123456789abcdef.dienchau-tmp"
        orphan.mkdir()
        (orphan / new_draft_id()).mkdir()
    assert real_move_in is imports.ImportMixin._move_in
    with DraftStore(data) as store:
        titles = sorted(s.title for s in store.list())
    assert titles == ["Báo cáo số 0", "Đã chốt 0", "Đã chốt 1", "Đã chốt 2"]
    assert not stage.exists() and not orphan.exists()
    assert first


def test_hard_linked_lock_file_never_touches_the_other_file(tmp_path: Path) -> None:
    """7, a variant: a hard link has no link to refuse, yet writing it would write the other."""
    import os

    data = tmp_path / "D"
    data.mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("ghi chú của tôi", encoding="utf-8")
    os.link(notes, data / "dang-mo.lock")
    assert main(["--data-dir", str(data), "drafts", "import", str(example_path())]) == 0
    assert notes.read_text(encoding="utf-8") == "ghi chú của tôi"
    assert os.stat(data / "dang-mo.lock").st_nlink == 1


def test_unreadable_settings_file_is_never_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A settings file that cannot be read (no permission, simulated) keeps its settings."""
    from dienchau_desktop.store import DraftStore, files

    data = tmp_path / "D"
    with DraftStore(data) as store:
        store.set_setting("last_file_dir", "/nhà/tôi")
    before = (data / "cai-dat.json").read_bytes()
    real = files.read_capped

    def read_capped(path: Path, limit: int = files.MAX_DB_BYTES) -> bytes:
        if path.name == "cai-dat.json":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(files, "read_capped", read_capped)
    with DraftStore(data) as store:
        assert store.get_setting("last_file_dir", None, str) is None
        assert any("cài đặt" in n for n in store.notices())
    assert (data / "cai-dat.json").read_bytes() == before


def test_a_fifo_in_a_rollup_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    from dienchau_desktop.rollup.sources import gather

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = tmp_path / "xa"
    folder.mkdir()
    os.mkfifo(folder / "ong.json")
    (folder / "bao-cao.json").write_bytes(example_path().read_bytes())
    gathered = gather([folder], lambda *_: pytest.fail("no Word file here"))
    assert [e.source for e in gathered.entries] == [str(folder / "bao-cao.json")]
    assert [s for s, _ in gathered.refused] == [str(folder / "ong.json")]

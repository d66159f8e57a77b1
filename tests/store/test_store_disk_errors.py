"""A full disk or a read-only folder: a clear message, nothing damaged, the next save works."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dienchau_desktop.draft import Draft
from dienchau_desktop.store import DraftStore, StoreWriteError
from dienchau_desktop.workspace.summary import list_facts

MakeDraft = Callable[..., Draft]
Digest = Callable[[Path], dict[str, str]]


def _failing(code: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("replace", errno.ENOSPC, "Ổ đĩa đã đầy"),
        ("fsync", errno.ENOSPC, "Ổ đĩa đã đầy"),
        ("mkstemp", errno.EROFS, "chỉ cho phép đọc"),
        ("mkstemp", errno.EACCES, "không có quyền ghi"),
        ("replace", errno.EIO, "Không ghi được"),
    ],
)
def test_failed_save_keeps_everything_and_a_later_save_works(
    store: DraftStore,
    data_dir: Path,
    make_draft: MakeDraft,
    tree_digest: Digest,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    words: str,
) -> None:
    """The disk refuses: StoreWriteError in Vietnamese; files, draft and history unchanged."""
    d = make_draft("Đang soạn")
    d.answer("I.1").text = "Đã lưu."
    store.save(d)
    before = tree_digest(data_dir)
    d.answer("I.1").text = "Mới gõ, chưa lưu được."
    stamp = d.meta["updated"]

    with monkeypatch.context() as m:
        if target == "mkstemp":
            m.setattr(tempfile, "mkstemp", _failing(code))
        else:
            m.setattr(os, target, _failing(code))
        with pytest.raises(StoreWriteError) as caught:
            store.save(d)
    message = str(caught.value)
    assert words in message
    assert "Đang soạn" in message
    assert "vẫn còn nguyên" in message
    assert caught.value.errno == code
    # Nothing on disk changed, no half-written file is left, the draft in memory is as typed.
    assert tree_digest(data_dir) == before
    assert d.answer("I.1").text == "Mới gõ, chưa lưu được."
    assert d.meta["updated"] == stamp
    assert store.load(d.id).answer("I.1").text == "Đã lưu."
    # The disk is back: the retry saves it.
    store.save(d)
    assert store.load(d.id).answer("I.1").text == "Mới gõ, chưa lưu được."
    assert len(store.history(d.id)) == 2


def test_failed_delete_keeps_the_draft(
    store: DraftStore, make_draft: MakeDraft, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A delete the disk refuses leaves the draft in the list."""
    d = make_draft()
    store.save(d)
    monkeypatch.setattr(os, "replace", _failing(errno.EROFS))
    with pytest.raises(StoreWriteError, match="chưa xóa được"):
        store.delete(d.id)
    monkeypatch.undo()
    assert [s.id for s in store.list()] == [d.id]
    store.load(d.id)


def test_failed_setting_keeps_the_old_value(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A setting the disk refuses is reported and the stored value stays."""
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.set_setting("text_size", 12)
        with monkeypatch.context() as m:
            m.setattr(os, "replace", _failing(errno.ENOSPC))
            with pytest.raises(StoreWriteError, match="Ổ đĩa đã đầy"):
                store.set_setting("text_size", 20)
        assert store.get_setting("text_size") == 12
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert store.get_setting("text_size") == 12


def test_unwritable_data_folder_is_reported_when_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder that cannot be created gives a clear StoreWriteError, not a crash."""
    monkeypatch.setattr(Path, "mkdir", _failing(errno.EROFS))
    with pytest.raises(StoreWriteError, match="chưa mở được thư mục dữ liệu"):
        DraftStore(tmp_path / "chi-doc", summarize=list_facts)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_really_read_only_folder(store: DraftStore, data_dir: Path, make_draft: MakeDraft) -> None:
    """With the draft's folder made read-only for real, saving fails clearly and retries work."""
    d = make_draft()
    store.save(d)
    folder = next((data_dir / "ban-nhap").iterdir())
    folder.chmod(0o500)
    try:
        d.answer("I.1").text = "thay đổi"
        with pytest.raises(StoreWriteError, match="không có quyền ghi"):
            store.save(d)
    finally:
        folder.chmod(0o700)
    store.save(d)
    assert store.load(d.id).answer("I.1").text == "thay đổi"

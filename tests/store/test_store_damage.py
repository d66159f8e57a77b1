"""Files that cannot be read: set aside, kept, reported; everything else stays available."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dienchau_desktop.draft import Draft
from dienchau_desktop.store import (
    DRAFTS_DIR,
    HONG_DIR,
    INDEX_FILE,
    SETTINGS_FILE,
    DraftDamagedError,
    DraftStore,
    StoreError,
)
from dienchau_desktop.workspace.summary import list_facts

MakeDraft = Callable[..., Draft]


def _newest(data_dir: Path, draft_id: str) -> Path:
    return sorted((data_dir / DRAFTS_DIR / draft_id).glob("*.json"))[-1]


def _newer_store_doc(path: Path) -> bytes:
    data = json.loads(path.read_bytes())
    data["draft"]["1"]["format_version"] = 7
    return json.dumps(data).encode()


def _newer_draft_doc(path: Path) -> bytes:
    data = json.loads(path.read_bytes())
    data["draft"]["1"]["content"]["format_version"] = 7
    return json.dumps(data).encode()


BREAKAGES: dict[str, Callable[[Path], bytes]] = {
    "truncated": lambda p: p.read_bytes()[: len(p.read_bytes()) // 2],
    "empty": lambda p: b"",
    "garbage": lambda p: b"\x8f\x00\xffGARBAGE" * 100,
    "not-utf8": lambda p: '{"draft": {"1": {"title": "Diên Châu"}}}'.encode("cp1258"),
    "wrong-shape": lambda p: b'{"draft": {"1": [1, 2, 3]}}',
    "no-draft": lambda p: b'{"_default": {}}',
    "newer-store-format": _newer_store_doc,
    "newer-draft-format": _newer_draft_doc,
    "bad-content": lambda p: p.read_bytes().replace(b'"answers":{', b'"answers":{"X":7,', 1),
    "bit-rot": lambda p: p.read_bytes().replace(
        "Lần lưu thứ hai".encode(), "Lần lưu thứ hbi".encode()
    ),
}


def _two_versions_and_a_bystander(data_dir: Path, make_draft: MakeDraft) -> tuple[Draft, Draft]:
    victim, other = make_draft("Bản bị hỏng"), make_draft("Bản còn tốt")
    with DraftStore(data_dir, summarize=list_facts) as store:
        victim.answer("I.1").text = "Lần lưu thứ nhất."
        store.save(victim)
        victim.answer("I.1").text = "Lần lưu thứ hai."
        store.save(victim)
        store.save(other)
    return victim, other


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_unreadable_current_file_is_set_aside_reported_and_recoverable(
    data_dir: Path, make_draft: MakeDraft, kind: str
) -> None:
    """A broken current file is moved to hong/ unchanged; the draft is named; others still open."""
    victim, other = _two_versions_and_a_bystander(data_dir, make_draft)
    path = _newest(data_dir, victim.id)
    broken = BREAKAGES[kind](path)
    path.write_bytes(broken)

    with DraftStore(data_dir, summarize=list_facts) as store:
        [damaged] = store.damaged()
        assert damaged.draft_id == victim.id
        assert damaged.title == "Bản bị hỏng"
        assert damaged.recoverable
        assert damaged.reason
        assert Path(damaged.moved_to).parent == data_dir / HONG_DIR
        assert Path(damaged.moved_to).read_bytes() == broken
        assert Path(damaged.moved_to + ".txt").read_text("utf-8").count(damaged.reason) == 1
        assert not path.exists()
        # Everything else is available; the damaged draft waits for recovery.
        assert [s.id for s in store.list()] == [other.id]
        assert store.load(other.id).title == "Bản còn tốt"
        with pytest.raises(DraftDamagedError, match="Bản bị hỏng"):
            store.load(victim.id)
        recovered = store.recover(victim.id)
        assert recovered.answer("I.1").text == "Lần lưu thứ nhất."
        assert store.damaged() == []
        assert store.load(victim.id).answer("I.1").text == "Lần lưu thứ nhất."
        assert {s.id for s in store.list()} == {victim.id, other.id}


def test_newer_version_message_says_to_update(data_dir: Path, make_draft: MakeDraft) -> None:
    """A file from a newer program is reported as such, telling the user to update."""
    victim, _ = _two_versions_and_a_bystander(data_dir, make_draft)
    path = _newest(data_dir, victim.id)
    path.write_bytes(_newer_store_doc(path))
    with DraftStore(data_dir, summarize=list_facts) as store:
        [damaged] = store.damaged()
    assert "phiên bản chương trình mới hơn" in damaged.reason


def test_only_version_broken_is_reported_not_recoverable(
    data_dir: Path, make_draft: MakeDraft
) -> None:
    """A draft with no good version left is still reported, and recovery says why it cannot."""
    d = make_draft("Chỉ một lần lưu")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    _newest(data_dir, d.id).write_bytes(b"{")
    with DraftStore(data_dir, summarize=list_facts) as store:
        [damaged] = store.damaged()
        assert (damaged.title, damaged.recoverable) == ("Chỉ một lần lưu", False)
        with pytest.raises(StoreError, match="không khôi phục được"):
            store.recover(d.id)
        # Saving the draft from memory (e.g. the window still has it) makes it whole again.
        store.save(d)
        assert store.damaged() == []
        assert store.load(d.id).title == "Chỉ một lần lưu"


def test_set_aside_never_overwrites_an_earlier_one(data_dir: Path, make_draft: MakeDraft) -> None:
    """Two broken files with the same name, set aside in the same second, are both kept."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    path = _newest(data_dir, d.id)
    name = path.name
    path.write_bytes(b"first")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.damaged()
    path.write_bytes(b"second")
    (data_dir / DRAFTS_DIR / d.id / name).write_bytes(b"second")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.damaged()
    kept = sorted(p.read_bytes() for p in (data_dir / HONG_DIR).glob("*.json"))
    assert kept == [b"first", b"second"]


def test_stray_file_in_drafts_folder_is_set_aside(data_dir: Path, make_draft: MakeDraft) -> None:
    """A foreign .json dropped into the drafts folder is moved away and reported."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    (data_dir / DRAFTS_DIR / "cua-ai-do.json").write_bytes(b"garbage")
    (data_dir / DRAFTS_DIR / "desktop.ini").write_bytes(b"[.ShellClassInfo]")
    with DraftStore(data_dir, summarize=list_facts) as store:
        [damaged] = store.damaged()
        assert damaged.draft_id == "cua-ai-do"
        assert [s.id for s in store.list()] == [d.id]
    assert (data_dir / DRAFTS_DIR / "desktop.ini").exists()


def test_damage_after_opening_is_found_on_load(
    store: DraftStore, data_dir: Path, make_draft: MakeDraft
) -> None:
    """A file broken while the program runs is set aside when opened, and can be recovered."""
    d = make_draft("Hỏng giữa chừng")
    d.answer("I.1").text = "một"
    store.save(d)
    d.answer("I.1").text = "hai"
    store.save(d)
    _newest(data_dir, d.id).write_bytes(b"")
    with pytest.raises(DraftDamagedError) as caught:
        store.load(d.id)
    assert caught.value.draft_id == d.id
    assert "Hỏng giữa chừng" in str(caught.value)
    assert [x.draft_id for x in store.damaged()] == [d.id]
    assert store.recover(d.id).answer("I.1").text == "một"


def test_readonly_store_reports_damage_without_moving_anything(
    data_dir: Path,
    make_draft: MakeDraft,
    tree_digest: Callable[[Path], dict[str, str]],
) -> None:
    """A reader reports a broken file but leaves it where it is (only the writer moves files)."""
    victim, other = _two_versions_and_a_bystander(data_dir, make_draft)
    _newest(data_dir, victim.id).write_bytes(b"garbage")
    before = tree_digest(data_dir)
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert [d.draft_id for d in store.damaged()] == [victim.id]
        assert [s.id for s in store.list()] == [other.id]
        with pytest.raises(DraftDamagedError):
            store.load(victim.id)
    assert tree_digest(data_dir) == before


def test_broken_settings_file_is_set_aside_and_defaults_used(
    data_dir: Path, make_draft: MakeDraft
) -> None:
    """Unreadable settings never stop the program: they are kept aside and a notice is given."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
        store.set_setting("text_size", 14)
    (data_dir / SETTINGS_FILE).write_bytes(b"\xff\xfe garbage")
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert store.get_setting("text_size") is None
        [notice] = store.notices()
        assert "cài đặt" in notice
        assert [s.id for s in store.list()] == [d.id]
        store.set_setting("text_size", 13)
    assert any((data_dir / HONG_DIR).glob(f"*{SETTINGS_FILE}"))
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert store.get_setting("text_size") == 13


def test_broken_list_cache_is_rebuilt(data_dir: Path, make_draft: MakeDraft) -> None:
    """The list cache is only a cache: when broken it is rebuilt from the drafts."""
    d = make_draft("Trong mục lục")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    (data_dir / INDEX_FILE).write_bytes(b'{"drafts": ')
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert [s.title for s in store.list()] == ["Trong mục lục"]
        assert store.damaged() == []
    json.loads((data_dir / INDEX_FILE).read_bytes())


def test_stale_list_cache_is_not_trusted(data_dir: Path, make_draft: MakeDraft) -> None:
    """A cache entry that names another file than the newest version is read afresh."""
    d = make_draft("Tên cũ")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    index = (data_dir / INDEX_FILE).read_bytes()
    with DraftStore(data_dir, summarize=list_facts) as store:
        d.meta["title"] = "Tên mới"
        store.save(d)
    (data_dir / INDEX_FILE).write_bytes(index)
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert [s.title for s in store.list()] == ["Tên mới"]


def test_store_from_a_newer_program_is_refused(data_dir: Path) -> None:
    """A data directory written by a newer program is refused without changing it."""
    with DraftStore(data_dir, summarize=list_facts):
        pass
    path = data_dir / SETTINGS_FILE
    data = json.loads(path.read_bytes())
    data["store"]["1"]["format_version"] = 5
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(StoreError, match="mới hơn"):
        DraftStore(data_dir, summarize=list_facts)
    # The lock was released on the way out.
    with pytest.raises(StoreError):
        DraftStore(data_dir, summarize=list_facts)


def test_unfinished_writes_are_cleaned_and_never_listed(
    data_dir: Path, make_draft: MakeDraft
) -> None:
    """Temporary files left by a killed save are removed; an empty draft folder is dropped."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    folder = data_dir / DRAFTS_DIR / d.id
    (folder / ".000002-x.json.abc12_45.dienchau-tmp").write_bytes(b"half a dr")
    (folder / ".000003-x.json.k3j4h5g6.tmp").write_bytes(b"an earlier version's")
    (data_dir / DRAFTS_DIR / ("f" * 32)).mkdir()
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert [s.id for s in store.list()] == [d.id]
        assert store.damaged() == []
        store.load(d.id)
    assert not list(folder.glob("*tmp"))
    assert not (data_dir / DRAFTS_DIR / ("f" * 32)).exists()

"""The draft store: saving, listing, history, trash, import/export and settings."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from dienchau_desktop.atomic import is_temp_name
from dienchau_desktop.draft import Draft, DraftError, example_draft, read_draft_file
from dienchau_desktop.store import (
    DRAFTS_DIR,
    TRASH_DIR,
    DraftStore,
    StoreError,
    UnknownDraftError,
)
from dienchau_desktop.store.files import AtomicJSONStorage
from dienchau_desktop.store.history import (
    KEEP_RECENT,
    VersionFile,
    content_hash,
    version_name,
    versions_to_keep,
)
from dienchau_desktop.template import load_template
from dienchau_desktop.validation import errors, progress, validate, warnings
from dienchau_desktop.workspace.summary import list_facts

MakeDraft = Callable[..., Draft]


def _versions(data_dir: Path, draft_id: str) -> list[Path]:
    return sorted((data_dir / DRAFTS_DIR / draft_id).glob("*.json"))


def test_save_then_load_gives_the_same_draft(store: DraftStore, make_draft: MakeDraft) -> None:
    """What was saved is what is loaded, apart from the new “updated” stamp."""
    d = make_draft()
    before = d.to_dict()
    store.save(d)
    again = store.load(d.id)
    assert again.to_dict() == d.to_dict()
    before["meta"].pop("updated")
    after = again.to_dict()
    after["meta"].pop("updated")
    assert after == before


def test_save_sets_updated(store: DraftStore, make_draft: MakeDraft) -> None:
    """A save stamps meta.updated with the current local time."""
    d = make_draft()
    d.meta["updated"] = "2000-01-01T00:00:00+07:00"
    store.save(d)
    stamp = datetime.fromisoformat(d.meta["updated"])
    assert abs(stamp.timestamp() - time.time()) < 60
    assert store.load(d.id).meta["updated"] == d.meta["updated"]


def test_version_files_are_tinydb_databases_in_utf8(
    store: DraftStore, data_dir: Path, make_draft: MakeDraft
) -> None:
    """Each saved version is a TinyDB database, UTF-8, with Vietnamese text unescaped."""
    d = make_draft("Báo cáo xã Diễn Châu")
    store.save(d)
    [path] = _versions(data_dir, d.id)
    raw = path.read_bytes()
    assert "Diễn Châu".encode() in raw
    doc = TinyDB(path, storage=AtomicJSONStorage, readonly=True).table("draft").get(doc_id=1)
    assert doc is not None
    assert doc["content"]["meta"]["title"] == "Báo cáo xã Diễn Châu"


def test_list_is_newest_first_with_progress_and_problem_counts(
    store: DraftStore, make_draft: MakeDraft
) -> None:
    """list() gives each draft's title, progress and error/warning counts, newest first."""
    a, b = make_draft("Bản A"), make_draft("Bản B")
    b.answer("I.1").text = ""
    store.save(a)
    time.sleep(1.01)  # "updated" has one-second resolution
    store.save(b)
    listed = store.list()
    assert [s.id for s in listed] == [b.id, a.id]
    template = load_template(b.template_id)
    problems = validate(b, template)
    top = listed[0]
    assert (top.title, top.commune, top.template_id) == ("Bản B", "xã Diễn Châu", "kl62")
    assert (top.answered, top.total) == progress(b, template)
    assert (top.errors, top.warnings) == (len(errors(problems)), len(warnings(problems)))
    assert top.errors >= 1
    assert top.updated == b.meta["updated"]


def test_list_does_not_revalidate_unchanged_drafts(data_dir: Path, make_draft: MakeDraft) -> None:
    """Counts are kept: listing again, even after reopening, validates nothing."""
    with DraftStore(data_dir, summarize=list_facts) as store:
        for k in range(5):
            store.save(make_draft(f"Bản {k}"))
        first = store.list()

    def boom(draft: Draft) -> dict[str, int]:
        raise AssertionError("validated again")

    with DraftStore(data_dir, summarize=boom) as store:
        assert store.list() == first
    with DraftStore(data_dir, readonly=True, summarize=boom) as store:
        assert store.list() == first


def test_problems_given_to_save_are_used(store: DraftStore, make_draft: MakeDraft) -> None:
    """A caller that has just validated passes its facts; the counts come from them."""
    d = make_draft()
    problems = validate(d, load_template(d.template_id))
    store.save(d, facts=list_facts(d, problems))
    assert store.list()[0].warnings == len(warnings(problems))


def test_facts_given_to_save_are_not_worked_out_again(
    data_dir: Path, make_draft: MakeDraft
) -> None:
    """Facts handed to save are the list's counts as they are; summarize is not called."""
    calls: list[str] = []

    def counting(draft: Draft) -> dict[str, int]:
        calls.append(draft.id)
        return list_facts(draft)

    with DraftStore(data_dir, summarize=counting) as store:
        d, e = make_draft("Có số liệu"), make_draft("Chưa đếm")
        store.save(d, facts={"answered": 3, "total": 7, "errors": 2, "warnings": 1})
        store.save(e)
        listed = {s.id: s for s in store.list()}
    assert (listed[d.id].answered, listed[d.id].total) == (3, 7)
    assert (listed[d.id].errors, listed[d.id].warnings) == (2, 1)
    assert calls == [e.id]
    assert (listed[e.id].answered, listed[e.id].total) == progress(e, load_template(e.template_id))


def test_without_summarize_the_counts_are_zero(data_dir: Path, make_draft: MakeDraft) -> None:
    """A store opened without summarize lists every draft, with all counts 0."""
    d = make_draft()
    d.answer("I.1").text = ""
    with DraftStore(data_dir) as store:
        store.save(d)
        [only] = store.list()
    assert (only.id, only.title) == (d.id, d.title)
    assert (only.answered, only.total, only.errors, only.warnings) == (0, 0, 0, 0)
    with DraftStore(data_dir, summarize=list_facts) as store:
        [again] = store.list()  # counted now, by a store that can
    assert again.errors >= 1 and again.total > 0


def test_unchanged_save_writes_nothing(
    store: DraftStore, data_dir: Path, make_draft: MakeDraft
) -> None:
    """Saving the same content again adds no version and keeps the stamp."""
    d = make_draft()
    store.save(d)
    stamp = d.meta["updated"]
    files = _versions(data_dir, d.id)
    time.sleep(1.01)
    store.save(d)
    assert _versions(data_dir, d.id) == files
    assert d.meta["updated"] == stamp


def test_each_change_is_a_version_and_any_can_be_restored(
    store: DraftStore, make_draft: MakeDraft
) -> None:
    """History lists every saved version newest first; an old one can be seen and made current."""
    d = make_draft()
    for n in range(5):
        d.answer("I.1").text = f"Nội dung lần {n}."
        store.save(d)
    history = store.history(d.id)
    assert [h.version for h in history] == ["5", "4", "3", "2", "1"]
    assert all(h.size > 1000 and h.saved_at for h in history)
    assert store.load_version(d.id, "2").answer("I.1").text == "Nội dung lần 1."
    store.restore_version(d.id, "2")
    assert store.load(d.id).answer("I.1").text == "Nội dung lần 1."
    history = store.history(d.id)
    assert history[0].version == "6"
    # The version that was current before the restore is still there.
    assert store.load_version(d.id, "5").answer("I.1").text == "Nội dung lần 4."


def test_history_keeps_at_least_the_last_twenty(store: DraftStore, make_draft: MakeDraft) -> None:
    """After many saves the last 20 distinct versions are all kept."""
    d = make_draft()
    for n in range(45):
        d.answer("I.1").text = f"Nội dung lần {n}."
        store.save(d)
    versions = [int(h.version) for h in store.history(d.id)]
    assert versions[:KEEP_RECENT] == list(range(45, 45 - KEEP_RECENT, -1))
    assert len(versions) < 45


def _fake_versions(now: datetime, days: int, per_day: int) -> list[VersionFile]:
    out = []
    seq = days * per_day
    for day in range(days):
        for k in range(per_day):
            saved = now - timedelta(days=day, minutes=37 * k)
            out.append(VersionFile(seq, saved, "0" * 12, version_name(seq, saved, "0" * 12)))
            seq -= 1
    return out


def test_retention_keeps_one_version_per_day_for_a_month() -> None:
    """Besides the last 20, the newest version of each of the last 31 days is kept."""
    now = datetime(2026, 5, 20, 16, 0, tzinfo=UTC)
    versions = _fake_versions(now, days=60, per_day=10)
    keep = versions_to_keep(versions, now)
    kept = [v for v in versions if v.name in keep]
    assert {v.name for v in versions[:KEEP_RECENT]} <= keep
    kept_days = {v.saved.astimezone().date() for v in kept}
    month = {(now - timedelta(days=d)).astimezone().date() for d in range(31)}
    assert month <= kept_days
    assert len(kept) < 20 + 24 + 32
    assert not any(now - v.saved > timedelta(days=32) for v in kept[KEEP_RECENT:])


def test_content_hash_ignores_the_updated_stamp() -> None:
    """Two saves of the same text at different times are the same version."""
    a = example_draft().to_dict()
    b = example_draft().to_dict()
    b["meta"]["updated"] = "2030-01-01T00:00:00+07:00"
    assert content_hash(a) == content_hash(b)
    b["answers"]["I.1"]["text"] += "!"
    assert content_hash(a) != content_hash(b)


def test_delete_moves_to_trash_and_restore_brings_it_back(
    store: DraftStore, data_dir: Path, make_draft: MakeDraft
) -> None:
    """A deleted draft leaves the list for the trash, with its history, and can come back."""
    d = make_draft("Sẽ xóa")
    store.save(d)
    d.answer("I.1").text = "Lần hai."
    store.save(d)
    store.delete(d.id)
    assert store.list() == []
    assert [s.id for s in store.trash()] == [d.id]
    assert (data_dir / TRASH_DIR / d.id).is_dir()
    with pytest.raises(UnknownDraftError):
        store.load(d.id)
    assert len(store.history(d.id)) == 2
    assert store.restore(d.id) == d.id
    assert store.trash() == []
    assert store.load(d.id).answer("I.1").text == "Lần hai."
    assert [s.id for s in store.list()] == [d.id]


def test_saving_a_deleted_draft_brings_it_back(store: DraftStore, make_draft: MakeDraft) -> None:
    """A window still editing a deleted draft never saves into the trash: the draft returns."""
    d = make_draft()
    store.save(d)
    store.delete(d.id)
    d.answer("I.1").text = "Vẫn đang gõ."
    store.save(d)
    assert store.trash() == []
    assert store.load(d.id).answer("I.1").text == "Vẫn đang gõ."
    assert len(store.history(d.id)) == 2


def test_unknown_ids_are_refused_clearly(store: DraftStore) -> None:
    """Loading, deleting or restoring an unknown id raises a Vietnamese UnknownDraftError."""
    for call in (store.load, store.delete, store.restore, store.history):
        with pytest.raises(UnknownDraftError, match="Không có bản nháp"):
            call("0" * 32)
    with pytest.raises(UnknownDraftError):
        store.load("../../etc/passwd")


def test_resolve_accepts_a_unique_prefix(store: DraftStore, make_draft: MakeDraft) -> None:
    """A typed id may be shortened to any unique beginning."""
    d = make_draft()
    store.save(d)
    assert store.resolve(d.id[:6]) == d.id
    assert store.resolve(d.id.upper()) == d.id
    with pytest.raises(UnknownDraftError):
        store.resolve("zz")


def test_import_adds_a_new_draft_and_never_overwrites(
    store: DraftStore, tmp_path: Path, make_draft: MakeDraft
) -> None:
    """Importing a file whose id exists gives a new draft; the existing one is untouched."""
    d = make_draft("Bản gốc")
    store.save(d)
    other = d.copy()
    other.meta["title"] = "Bản nhập"
    path = tmp_path / "nhap.json"
    path.write_text(other.to_json(), "utf-8")
    new_id = store.import_file(path)
    assert new_id != d.id
    assert store.load(d.id).title == "Bản gốc"
    assert store.load(new_id).title == "Bản nhập"
    assert store.load(new_id).answers.keys() == d.answers.keys()


def test_import_keeps_a_fresh_id(store: DraftStore, tmp_path: Path, make_draft: MakeDraft) -> None:
    """A draft file with an id not in the store keeps its id."""
    d = make_draft()
    path = tmp_path / "nhap.json"
    path.write_text(d.to_json(), "utf-8")
    assert store.import_file(path) == d.id


def test_import_takes_a_version_file_set_aside(
    store: DraftStore, data_dir: Path, tmp_path: Path, make_draft: MakeDraft
) -> None:
    """A version file of the store (e.g. one kept in hong/) can be imported as a draft."""
    d = make_draft("Từ tệp lưu")
    store.save(d)
    [version] = _versions(data_dir, d.id)
    copy = tmp_path / "ban-luu.json"
    copy.write_bytes(version.read_bytes())
    new_id = store.import_file(copy)
    assert store.load(new_id).title == "Từ tệp lưu"


def _deep(depth: int) -> str:
    return (
        '{"format": "dienchau-draft", "format_version": 1, "x": ' + "[" * depth + "]" * depth + "}"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty", b""),
        ("garbage", b"\x00\x01 not json at all"),
        ("truncated", example_draft().to_json().encode()[:5000]),
        ("not-a-draft", b'{"a": 1}'),
        ("newer", json.dumps({**example_draft().to_dict(), "format_version": 9}).encode()),
        ("deep", _deep(5000).encode()),
        ("wrong-type", json.dumps({**example_draft().to_dict(), "answers": [1, 2]}).encode()),
        (
            "unknown-template",
            json.dumps(
                {**example_draft().to_dict(), "template": {"id": "kl99", "version": 1}}
            ).encode(),
        ),
    ],
)
def test_refused_import_leaves_the_data_directory_byte_for_byte(
    store: DraftStore,
    data_dir: Path,
    tmp_path: Path,
    make_draft: MakeDraft,
    tree_digest: Callable[[Path], dict[str, str]],
    name: str,
    content: bytes,
) -> None:
    """Every kind of bad file is refused with a DraftError and changes no file of the store."""
    store.save(make_draft())
    store.list()
    bad = tmp_path / f"{name}.json"
    bad.write_bytes(content)
    before = tree_digest(data_dir)
    with pytest.raises(DraftError) as caught:
        store.import_file(bad)
    assert str(caught.value)
    assert tree_digest(data_dir) == before


def test_huge_import_is_refused_before_reading(
    store: DraftStore, data_dir: Path, tmp_path: Path, tree_digest: Callable[[Path], dict[str, str]]
) -> None:
    """A 50 MB file is refused from its size alone, at once, with nothing changed."""
    big = tmp_path / "lon.json"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = tree_digest(data_dir)
    started = time.perf_counter()
    with pytest.raises(DraftError, match="quá lớn"):
        store.import_file(big)
    assert time.perf_counter() - started < 0.5
    assert tree_digest(data_dir) == before


def test_export_writes_a_draft_file(
    store: DraftStore, tmp_path: Path, make_draft: MakeDraft
) -> None:
    """Export writes the exchange format, readable again, leaving no temporary file."""
    d = make_draft("Xuất ra")
    store.save(d)
    out = tmp_path / "xuat.json"
    out.write_text("cũ", "utf-8")
    store.export(d.id, out)
    assert read_draft_file(out).to_dict() == store.load(d.id).to_dict()
    assert [p.name for p in tmp_path.iterdir() if is_temp_name(p.name)] == []
    if os.name == "posix":  # a file to hand on: readable by others, unlike the store's own
        assert out.stat().st_mode & 0o777 == 0o644


def test_export_to_a_missing_folder_says_so(
    store: DraftStore, tmp_path: Path, make_draft: MakeDraft
) -> None:
    """Export into a folder that does not exist fails with a Vietnamese message."""
    d = make_draft()
    store.save(d)
    with pytest.raises(StoreError, match="không tồn tại"):
        store.export(d.id, tmp_path / "khong-co" / "x.json")


def test_settings_persist_and_readonly_cannot_change_them(data_dir: Path) -> None:
    """Settings survive reopening; a read-only store reads them but refuses to change them."""
    with DraftStore(data_dir, summarize=list_facts) as store:
        assert store.get_setting("text_size", 12) == 12
        store.set_setting("text_size", 14)
        store.set_setting("last_open", {"draft": "a" * 32, "page": 3})
        store.set_setting("text_size", 15)
        with pytest.raises(TypeError):
            store.set_setting("bad", object())
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert store.get_setting("text_size") == 15
        assert store.get_setting("last_open") == {"draft": "a" * 32, "page": 3}
        with pytest.raises(StoreError):
            store.set_setting("text_size", 16)


def test_readonly_store_never_writes(
    data_dir: Path, make_draft: MakeDraft, tree_digest: Callable[[Path], dict[str, str]]
) -> None:
    """A read-only store changes no file, and refuses to save or delete."""
    d = make_draft()
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    before = tree_digest(data_dir)
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        assert [s.id for s in store.list()] == [d.id]
        store.load(d.id)
        store.history(d.id)
        with pytest.raises(StoreError):
            store.save(d)
        with pytest.raises(StoreError):
            store.delete(d.id)
    assert tree_digest(data_dir) == before


def test_readonly_store_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    """Reading a data directory that does not exist yet lists nothing and creates nothing."""
    where = tmp_path / "chua-co"
    with DraftStore(where, readonly=True, summarize=list_facts) as store:
        assert store.list() == []
        assert store.damaged() == []
    assert not where.exists()


def test_writer_creates_the_data_directory(tmp_path: Path) -> None:
    """Opening for writing creates the folder (and its parents)."""
    where = tmp_path / "a" / "b"
    with DraftStore(where, summarize=list_facts):
        pass
    assert where.is_dir()


def test_many_drafts_list_and_open(data_dir: Path, make_draft: MakeDraft) -> None:
    """Sixty drafts all list after reopening, each with its own title."""
    with DraftStore(data_dir, summarize=list_facts) as store:
        for k in range(60):
            store.save(make_draft(f"Bản {k:02d}"))
    with DraftStore(data_dir, summarize=list_facts) as store:
        titles = sorted(s.title for s in store.list())
    assert titles == [f"Bản {k:02d}" for k in range(60)]


def test_files_written_are_never_left_half_done(
    store: DraftStore, data_dir: Path, make_draft: MakeDraft
) -> None:
    """No temporary file stays behind after saves, deletes and settings."""
    d = make_draft()
    for n in range(3):
        d.answer("I.1").text = f"lần {n}"
        store.save(d)
    store.set_setting("x", 1)
    leftovers = [p for p in data_dir.rglob("*") if is_temp_name(p.name)]
    assert leftovers == []
    assert os.listdir(data_dir / DRAFTS_DIR) == [d.id]

"""The draft store: drafts that survive power cuts, crashes, full disks and shared PCs.

Layout of the data directory (every file UTF-8 JSON, every write atomic)::

    <data>/
      dang-mo.lock                          who has the data open for writing (the writer lock)
      cai-dat.json                          TinyDB: per-user settings, the store's format version
      muc-luc.json                          TinyDB: cached summaries for a fast list (rebuildable)
      ban-nhap/<id>/<n>-<time>Z-<hash>.json  TinyDB, one per saved version of the draft <id>;
                                            the highest number <n> is the current version
      thung-rac/<id>/...                    deleted drafts, moved here whole with their history
      hong/<time>-<folder>-<name>           files that could not be read, each with a note (.txt)

Why this shape: a save is one new file in the draft's own folder (temporary file, fsync, rename,
fsync the folder), so it costs the same with one draft stored or five hundred, a crash at any
instant leaves the previous version whole, and the version just saved is at once the current one
and an entry of the history. Nothing is ever rewritten in place (see
:mod:`dienchau_desktop.store.files`). Nothing shared is written on save either: the summaries in
``muc-luc.json`` are a cache keyed by each draft's newest file name, written when the store
opens and closes. Old versions are thinned out by :func:`~dienchau_desktop.store.history.
versions_to_keep` (the last 20, one per hour for a day, one per day for a month).

One program at a time writes (:class:`~dienchau_desktop.store.lock.WriterLock`); any number may
read (``readonly=True``), e.g. ``dienchau-desktop validate --draft ID`` while the window is open.
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import dataclasses
import json
import os
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeGuard

from tinydb import Query, TinyDB
from tinydb.table import Document

from dienchau_desktop.atomic import atomic_write, fsync_dir, is_temp_name, replace
from dienchau_desktop.draft import (
    DRAFT_FORMAT,
    DRAFT_FORMAT_VERSION,
    MAX_FILE_BYTES,
    Draft,
    DraftError,
    draft_from_dict,
    new_draft_id,
    now_iso,
    read_draft_file,
)
from dienchau_desktop.store.errors import (
    DraftDamagedError,
    StoreError,
    StoreLockedError,
    StoreWriteError,
    UnknownDraftError,
    os_reason,
    write_error,
)
from dienchau_desktop.store.files import (
    AtomicJSONStorage,
    DamagedFileError,
    parse_json_bytes,
    remove_temp_files,
    set_aside,
)
from dienchau_desktop.store.history import (
    HASH_CHARS,
    KEEP_RECENT,
    VersionFile,
    content_hash,
    list_versions,
    version_name,
    versions_to_keep,
)
from dienchau_desktop.store.lock import WriterLock
from dienchau_desktop.template import TemplateError, load_template
from dienchau_desktop.validation import Problem, errors, progress, validate, warnings

__all__ = [
    "DamagedDraft",
    "DraftDamagedError",
    "DraftStore",
    "DraftSummary",
    "HistoryEntry",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
    "UnknownDraftError",
    "read_import_file",
]

STORE_FORMAT = "dienchau-store"
STORE_FORMAT_VERSION = 1
DRAFT_DOC_FORMAT = "dienchau-store-draft"
DRAFT_DOC_VERSION = 1

DRAFTS_DIR = "ban-nhap"
TRASH_DIR = "thung-rac"
HONG_DIR = "hong"
SETTINGS_FILE = "cai-dat.json"
INDEX_FILE = "muc-luc.json"

_DRAFT_TABLE = "draft"
_DOC_ID = 1
_ID_RE = re.compile(r"^[0-9a-f]{32}$")
_NEWER = "tệp được lưu bằng phiên bản chương trình mới hơn; hãy cập nhật chương trình để mở"
_SUMMARY_TEXT = ("title", "commune", "report_date", "updated", "template_id")
_SUMMARY_INT = ("answered", "total", "errors", "warnings")


@dataclass(frozen=True)
class DraftSummary:
    """What the drafts list shows, read without opening the draft."""

    id: str
    title: str
    commune: str
    report_date: str
    updated: str
    template_id: str
    answered: int
    total: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class HistoryEntry:
    version: str  # pass to load_version / restore_version
    saved_at: str  # ISO, local time
    size: int  # bytes


@dataclass(frozen=True)
class DamagedDraft:
    """A draft whose current file could not be read (found when the store opened, or later)."""

    draft_id: str
    title: str
    moved_to: str  # where the unreadable file now is ("" when there was none to move)
    reason: str  # Vietnamese
    recoverable: bool  # a good saved version exists: recover() brings it back


@dataclass(frozen=True)
class _Record:
    """The current version of a draft as last seen: its file name, content hash, summary."""

    name: str
    digest: str
    summary: dict[str, Any]

    def to_summary(self, draft_id: str) -> DraftSummary:
        fields = {k: self.summary[k] for k in (*_SUMMARY_TEXT, *_SUMMARY_INT)}
        return DraftSummary(id=draft_id, **fields)


def _summary_ok(value: Any) -> TypeGuard[dict[str, Any]]:
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(k), str) for k in (*_SUMMARY_TEXT, "checked"))
        and all(type(value.get(k)) is int for k in _SUMMARY_INT)
    )


def _sort_time(updated: str) -> float:
    try:
        moment = datetime.fromisoformat(updated)
    except (TypeError, ValueError):
        return 0.0
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.timestamp()


def summarize(
    draft: Draft, digest: str, problems: Sequence[Problem] | None = None, *, check: bool = True
) -> dict[str, Any]:
    """The list-view facts of a draft: progress, and counts of errors and warnings.

    ``checked`` is the content hash (``digest``) the counts belong to. Counting means validating
    the whole draft (several milliseconds, more than a save), so with ``check=False`` and no
    ``problems`` the counts are left for later and ``checked`` is empty.
    """
    answered = total = n_errors = n_warnings = 0
    checked = digest
    try:
        template = load_template(draft.template_id)
    except TemplateError:
        template = None
    if template is not None:
        answered, total = progress(draft, template)
        if problems is None and check:
            problems = validate(draft, template)
        if problems is None:
            checked = ""
        else:
            n_errors, n_warnings = len(errors(problems)), len(warnings(problems))
    return {
        "title": draft.title,
        "commune": draft.meta_text("commune"),
        "report_date": draft.meta_text("report_date"),
        "updated": draft.meta_text("updated"),
        "template_id": draft.template_id,
        "answered": answered,
        "total": total,
        "errors": n_errors,
        "warnings": n_warnings,
        "checked": checked,
    }


def _db(path: Path, *, readonly: bool = False) -> TinyDB:
    return TinyDB(path, storage=AtomicJSONStorage, readonly=readonly)


def _read_doc(path: Path, *, verify: bool = True) -> dict[str, Any]:
    """The document of one saved version, checked enough to trust its summary.

    Raises :class:`FileNotFoundError` when there is no file and :class:`DamagedFileError` when
    it is not a version file this program can read (empty, cut short, garbage, newer format) or,
    with ``verify``, when its content no longer matches the hash saved with it.
    """
    try:
        doc = _db(path, readonly=True).table(_DRAFT_TABLE).get(doc_id=_DOC_ID)
    except (TypeError, ValueError, AttributeError) as exc:
        raise DamagedFileError("tệp không có cấu trúc dữ liệu của chương trình") from exc
    if doc is None:
        if not path.exists():
            raise FileNotFoundError(path)
        raise DamagedFileError("tệp không chứa bản nháp nào")
    if doc.get("format") != DRAFT_DOC_FORMAT:
        raise DamagedFileError("tệp không phải bản nháp của chương trình")
    version = doc.get("format_version")
    if type(version) is not int or version < 1:
        raise DamagedFileError("tệp thiếu số phiên bản định dạng hợp lệ")
    if version > DRAFT_DOC_VERSION:
        raise DamagedFileError(_NEWER)
    content = doc.get("content")
    if not isinstance(content, dict) or content.get("format") != DRAFT_FORMAT:
        raise DamagedFileError("tệp không chứa nội dung bản nháp")
    content_version = content.get("format_version")
    if type(content_version) is int and content_version > DRAFT_FORMAT_VERSION:
        raise DamagedFileError(_NEWER)
    if verify and doc.get("hash") != content_hash(content):
        raise DamagedFileError(
            "nội dung tệp không khớp với mã kiểm tra lưu kèm (tệp hỏng trên đĩa)"
        )
    return dict(doc)


def _draft_of(doc: dict[str, Any], draft_id: str) -> Draft:
    """The draft in a version document, fully checked (:class:`DamagedFileError` if not)."""
    try:
        draft = draft_from_dict(doc["content"])
    except DraftError as exc:
        raise DamagedFileError(str(exc).rstrip(".")) from exc
    draft.meta["draft_id"] = draft_id
    return draft


class DraftStore:
    """The user's drafts, their history, the trash and a few settings, in one data directory.

    Open it once per program (``with DraftStore(path) as store: ...``). The writer takes the lock
    and raises :class:`StoreLockedError` when another copy of the program has it; a read-only
    store takes no lock and never writes. Files that cannot be read are set aside and reported by
    :meth:`damaged`; every other draft stays available. Safe to share between threads.
    """

    def __init__(self, data_dir: Path, *, readonly: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.readonly = readonly
        self._drafts = self.data_dir / DRAFTS_DIR
        self._trash = self.data_dir / TRASH_DIR
        self._hong = self.data_dir / HONG_DIR
        self._mutex = threading.RLock()
        self._records: dict[str, _Record] = {}
        self._cached: dict[str, _Record] = {}
        # Content saved but not yet validated for the list's counts, by draft id.
        self._unchecked: dict[str, dict[str, Any]] = {}
        self._damaged: dict[str, DamagedDraft] = {}
        self._notices: list[str] = []
        self._settings: dict[str, Any] = {}
        self._index_dirty = False
        self._scanned = False
        self._lock: WriterLock | None = None
        if readonly:
            self._open_settings()
            self._load_index()
            return
        try:
            for folder in (self.data_dir, self._drafts, self._trash):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(
                exc, "chưa mở được thư mục dữ liệu", self.data_dir, kept=False
            ) from exc
        self._lock = WriterLock(self.data_dir)
        self._lock.acquire()
        try:
            for folder in (self.data_dir, self._drafts, self._trash):
                remove_temp_files(folder)
            self._open_settings()
            self._load_index()
            self._scan()
            self._write_index()
        except BaseException:
            self._lock.release()
            self._lock = None
            raise

    # --- opening and closing -------------------------------------------------------------------

    def close(self) -> None:
        """Write the list cache and release the writer lock. Safe to call twice."""
        with self._mutex:
            if self._lock is None:
                return
            # Count what was saved since the last list, so the next start lists at once.
            for draft_id in builtins.list(self._unchecked):
                rec = self._records.get(draft_id)
                if rec is not None:
                    self._check(draft_id, rec)
            with contextlib.suppress(StoreError, DamagedFileError, OSError):
                self._write_index()
            self._lock.release()
            self._lock = None

    def __enter__(self) -> DraftStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _require_writer(self) -> None:
        if self.readonly:
            raise StoreError("Kho bản nháp đang được mở chỉ để đọc, không thay đổi được.")
        if self._lock is None:
            raise StoreError("Kho bản nháp đã đóng.")

    def _set_aside(self, path: Path, reason: str) -> str:
        """Move an unreadable file to ``hong/`` (writer only); where it is now."""
        if self.readonly:
            return str(path)
        try:
            return str(set_aside(path, self._hong, reason))
        except OSError:
            return str(path)

    def _open_settings(self) -> None:
        path = self.data_dir / SETTINGS_FILE
        db = _db(path, readonly=self.readonly)
        try:
            marker = db.table("store").get(doc_id=_DOC_ID)
            docs = db.table("settings").all()
        except (DamagedFileError, TypeError, ValueError, AttributeError) as exc:
            reason = exc.reason if isinstance(exc, DamagedFileError) else "cấu trúc lạ"
            moved = self._set_aside(path, reason)
            self._notices.append(
                f"Tệp cài đặt không đọc được ({reason}) nên đã được để riêng ở “{moved}”; "
                "chương trình dùng cài đặt mặc định. Các bản nháp không bị ảnh hưởng."
            )
            marker, docs = None, []
        except OSError:
            marker, docs = None, []
        if marker is not None:
            version = marker.get("format_version")
            if isinstance(version, int) and version > STORE_FORMAT_VERSION:
                raise StoreError(
                    f"Dữ liệu trong “{self.data_dir}” được tạo bằng phiên bản chương trình mới "
                    "hơn. Hãy cập nhật chương trình; dữ liệu không bị thay đổi."
                )
        for doc in docs:
            key = doc.get("key")
            if isinstance(key, str) and "value" in doc:
                self._settings[key] = doc["value"]
        if marker is None and not self.readonly:
            try:
                self._rewrite_settings(self._settings)
            except OSError as exc:
                raise write_error(
                    exc, "chưa mở được thư mục dữ liệu", self.data_dir, kept=False
                ) from exc

    def _rewrite_settings(self, settings: dict[str, Any]) -> None:
        db = _db(self.data_dir / SETTINGS_FILE)
        db.drop_tables()
        marker = {"format": STORE_FORMAT, "format_version": STORE_FORMAT_VERSION}
        db.table("store").insert(Document(marker, doc_id=_DOC_ID))
        if settings:
            db.table("settings").insert_multiple(
                {"key": k, "value": v} for k, v in settings.items()
            )

    def _load_index(self) -> None:
        path = self.data_dir / INDEX_FILE
        try:
            docs = _db(path, readonly=True).table("drafts").all()
        except (DamagedFileError, TypeError, ValueError, AttributeError):
            # Only a cache: set it aside quietly and rebuild it from the drafts.
            self._set_aside(path, "mục lục bản nháp không đọc được (chỉ là bản ghi tạm)")
            return
        except OSError:
            return
        for doc in docs:
            draft_id, name, digest, summary = (
                doc.get(k) for k in ("id", "name", "hash", "summary")
            )
            if (
                isinstance(draft_id, str)
                and _ID_RE.match(draft_id)
                and isinstance(name, str)
                and isinstance(digest, str)
                and _summary_ok(summary)
            ):
                self._cached[draft_id] = _Record(name, digest, dict(summary))

    def _write_index(self) -> None:
        if self.readonly or not self._index_dirty:
            return
        entries = [
            {"id": draft_id, "name": rec.name, "hash": rec.digest, "summary": rec.summary}
            for draft_id, rec in sorted(self._records.items())
        ]
        db = _db(self.data_dir / INDEX_FILE)
        try:
            db.drop_tables()
            db.table("drafts").insert_multiple(entries)
        except OSError:
            return  # a cache: the next opening rebuilds what is missing
        self._index_dirty = False

    # --- finding drafts and damage -------------------------------------------------------------

    def _folder(self, draft_id: str) -> Path:
        return self._drafts / draft_id

    def _record_of(self, version: VersionFile, doc: dict[str, Any], draft_id: str) -> _Record:
        summary, digest = doc.get("summary"), doc.get("hash")
        if not isinstance(digest, str):
            digest = content_hash(doc["content"])
        if not _summary_ok(summary):
            summary = summarize(_draft_of(doc, draft_id), digest, check=False)
        return _Record(version.name, digest, dict(summary))

    def _good_versions(
        self, folder: Path, draft_id: str, *, set_aside_bad: bool
    ) -> Iterator[tuple[VersionFile, dict[str, Any], Draft]]:
        """(version, document, draft) of each readable version of a draft, newest first."""
        for v in list_versions(folder):
            path = folder / v.name
            try:
                doc = _read_doc(path)
                draft = _draft_of(doc, draft_id)
            except DamagedFileError as exc:
                if set_aside_bad:
                    self._set_aside(path, exc.reason)
                continue
            except OSError:
                continue
            yield v, doc, draft

    def _known_title(self, draft_id: str) -> str:
        rec = self._records.get(draft_id) or self._cached.get(draft_id)
        return str(rec.summary["title"]) if rec else ""

    def _damage(self, draft_id: str, path: Path | None, reason: str) -> DamagedDraft:
        """Record a draft whose current file cannot be read, setting the file aside."""
        moved = self._set_aside(path, reason) if path is not None else ""
        good = next(
            self._good_versions(self._folder(draft_id), draft_id, set_aside_bad=False), None
        )
        title = self._known_title(draft_id) or (good[2].title if good else "")
        damaged = DamagedDraft(
            draft_id=draft_id,
            title=title,
            moved_to=moved,
            reason=reason,
            recoverable=good is not None,
        )
        self._damaged[draft_id] = damaged
        if self._records.pop(draft_id, None) is not None:
            self._index_dirty = True
        return damaged

    def _damaged_error(self, damaged: DamagedDraft) -> DraftDamagedError:
        name = f"“{damaged.title}”" if damaged.title else f"mã {damaged.draft_id}"
        where = f" Tệp hỏng được giữ nguyên ở “{damaged.moved_to}”." if damaged.moved_to else ""
        then = (
            " Có thể khôi phục bản nháp từ lần lưu gần nhất còn tốt."
            if damaged.recoverable
            else " Không còn bản lưu nào khác để khôi phục."
        )
        return DraftDamagedError(
            f"Bản nháp {name} không mở được: {damaged.reason}.{where}{then}", damaged.draft_id
        )

    def _scan(self) -> None:
        """Find every draft and check its current version (by name, against the cache)."""
        self._scanned = True
        seen: set[str] = set()
        try:
            entries = list(os.scandir(self._drafts))
        except OSError:
            entries = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if not is_dir:
                if name.lower().endswith(".json") and not is_temp_name(name):
                    stem = name[: -len(".json")]
                    if stem not in self._damaged:
                        self._damage(stem, Path(entry.path), "tệp lạ trong thư mục bản nháp")
                continue  # desktop.ini and the like
            if not _ID_RE.match(name):
                continue
            draft_id = name
            seen.add(draft_id)
            if draft_id in self._damaged:
                continue  # reported; stays out of the list until recovered or saved again
            self._scan_one(draft_id)
        for gone in set(self._records) - seen:
            del self._records[gone]
            self._index_dirty = True

    def _scan_one(self, draft_id: str) -> None:
        folder = self._folder(draft_id)
        versions = list_versions(folder, remove_temp=not self.readonly)
        if not versions:
            # Created, then the first save never finished: nothing was saved in it.
            if not self.readonly:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            if self._records.pop(draft_id, None) is not None:
                self._index_dirty = True
            return
        newest = versions[0]
        path = folder / newest.name
        # Every current file is read (not only looked up in the cache): a file that went bad on
        # disk must be found when the store opens, not when the user next opens that draft.
        try:
            doc = _read_doc(path)
        except FileNotFoundError:
            return
        except DamagedFileError as exc:
            self._damage(draft_id, path, exc.reason)
            return
        except OSError as exc:
            self._damage(draft_id, None, f"không đọc được tệp ({os_reason(exc)})")
            return
        rec = self._records.get(draft_id) or self._cached.get(draft_id)
        if rec is None or rec.name != newest.name or rec.digest != doc.get("hash"):
            try:
                rec = self._record_of(newest, doc, draft_id)
            except DamagedFileError as exc:
                self._damage(draft_id, path, exc.reason)
                return
            self._index_dirty = True
        self._records[draft_id] = rec

    def _ensure_scanned(self) -> None:
        if not self._scanned:
            self._scan()

    def _check(self, draft_id: str, rec: _Record) -> None:
        """Count the errors and warnings of a draft saved since it was last counted."""
        content = self._unchecked.pop(draft_id, None)
        path = self._folder(draft_id) / rec.name
        try:
            if content is None:
                content = _read_doc(path)["content"]
            draft = draft_from_dict(content)
        except (DamagedFileError, DraftError) as exc:
            reason = exc.reason if isinstance(exc, DamagedFileError) else str(exc).rstrip(".")
            self._damage(draft_id, path, reason)
            return
        except OSError:
            return
        summary = summarize(draft, rec.digest)
        summary["updated"] = rec.summary["updated"]
        self._records[draft_id] = dataclasses.replace(rec, summary=summary)
        self._index_dirty = True

    # --- the public interface ------------------------------------------------------------------

    def list(self) -> list[DraftSummary]:
        """Every draft that can be opened, most recently changed first."""
        with self._mutex:
            self._ensure_scanned()
            for draft_id, rec in builtins.list(self._records.items()):
                if rec.summary["checked"] != rec.digest:
                    self._check(draft_id, rec)
            out = [rec.to_summary(draft_id) for draft_id, rec in self._records.items()]
        out.sort(key=lambda s: (_sort_time(s.updated), s.updated, s.id), reverse=True)
        return out

    def damaged(self) -> builtins.list[DamagedDraft]:
        """Drafts whose file could not be read; each was set aside and can often be recovered."""
        with self._mutex:
            self._ensure_scanned()
            return builtins.list(self._damaged.values())

    def notices(self) -> builtins.list[str]:
        """Other things the user should know about the data (e.g. settings reset), Vietnamese."""
        with self._mutex:
            return builtins.list(self._notices)

    def resolve(self, draft_id: str, *, in_trash: bool = False) -> str:
        """The full id of a draft from its id or a unique beginning of it (for typed ids)."""
        wanted = draft_id.strip().lower()
        folder = self._trash if in_trash else self._drafts
        with self._mutex:
            try:
                pool = [n for n in os.listdir(folder) if _ID_RE.match(n)]
            except OSError:
                pool = []
            if not in_trash:
                pool += [d for d in self._damaged if _ID_RE.match(d)]
        if wanted in pool:
            return wanted
        matches = sorted({p for p in pool if wanted and p.startswith(wanted)})
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UnknownDraftError(
                f"Mã “{draft_id}” khớp với {len(matches)} bản nháp; hãy ghi thêm vài ký tự của mã."
            )
        where = " trong thùng rác" if in_trash else ""
        raise UnknownDraftError(f"Không có bản nháp nào{where} có mã “{draft_id}”.")

    def load(self, draft_id: str) -> Draft:
        """The current version of a draft; :class:`DraftDamagedError` if its file is unreadable."""
        with self._mutex:
            if draft_id in self._damaged:
                raise self._damaged_error(self._damaged[draft_id])
            folder = self._folder(draft_id)
            versions = list_versions(folder) if _ID_RE.match(draft_id) else []
            if not versions:
                self._ensure_scanned()
                if draft_id in self._damaged:
                    raise self._damaged_error(self._damaged[draft_id])
                raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
            path = folder / versions[0].name
            try:
                return _draft_of(_read_doc(path), draft_id)
            except DamagedFileError as exc:
                raise self._damaged_error(self._damage(draft_id, path, exc.reason)) from exc
            except OSError as exc:
                raise StoreError(
                    f"Không đọc được bản nháp “{self._known_title(draft_id) or draft_id}” "
                    f"({os_reason(exc)})."
                ) from exc

    def save(self, draft: Draft, *, problems: Sequence[Problem] | None = None) -> None:
        """Save a draft as its new current version (which is also its newest history entry).

        One atomic write of one new file: a crash leaves the previous version whole. Sets
        ``meta["updated"]`` on success; saving unchanged content writes nothing. The error
        counts for :meth:`list` are worked out when the list is next read, unless ``problems``
        (the caller's validation of this very content) is given. Raises
        :class:`StoreWriteError` when the disk refuses (full, read-only): the draft object is
        left as it was and a later save can succeed.
        """
        self._require_writer()
        draft_id = draft.id
        if not _ID_RE.match(draft_id):
            raise ValueError(f"draft id must be 32 hex digits, got {draft_id!r}")
        with self._mutex:
            folder = self._folder(draft_id)
            content = draft.to_dict()
            digest = content_hash(content)
            rec = self._records.get(draft_id)
            if rec is not None and rec.digest == digest and (folder / rec.name).exists():
                draft.meta["updated"] = rec.summary["updated"]
                return
            updated = now_iso()
            content["meta"]["updated"] = updated
            summary = summarize(draft, digest, problems, check=False)
            summary["updated"] = updated
            if not summary["checked"] and rec is not None:
                summary["errors"] = rec.summary["errors"]
                summary["warnings"] = rec.summary["warnings"]
            now = datetime.now(UTC)
            try:
                if not folder.exists():
                    self._untrash_or_create(draft_id)
                versions = list_versions(folder, remove_temp=True)
                seq = versions[0].seq + 1 if versions else 1
                name = version_name(seq, now, digest)
                doc = {
                    "format": DRAFT_DOC_FORMAT,
                    "format_version": DRAFT_DOC_VERSION,
                    "saved_at": now.isoformat(timespec="milliseconds"),
                    "hash": digest,
                    "summary": summary,
                    "content": content,
                }
                _db(folder / name).table(_DRAFT_TABLE).insert(Document(doc, doc_id=_DOC_ID))
            except OSError as exc:
                title = draft.title or draft_id
                raise write_error(exc, f"chưa lưu được bản nháp “{title}”", self.data_dir) from exc
            versions.insert(0, VersionFile(seq, now, digest[:HASH_CHARS], name))
            self._prune(folder, versions, now)
            self._records[draft_id] = _Record(name, digest, summary)
            if summary["checked"]:
                self._unchecked.pop(draft_id, None)
            else:
                self._unchecked[draft_id] = content
            self._damaged.pop(draft_id, None)
            self._index_dirty = True
            draft.meta["updated"] = updated

    def _untrash_or_create(self, draft_id: str) -> None:
        """Make the folder of a draft saved for the first time, or saved after being deleted."""
        folder = self._folder(draft_id)
        deleted = self._trash / draft_id
        if deleted.is_dir():
            # Still open somewhere and saved again: typing must never land in the trash.
            replace(deleted, folder)
            fsync_dir(self._trash)
        else:
            folder.mkdir(parents=True)
        fsync_dir(self._drafts)

    @staticmethod
    def _prune(folder: Path, versions: builtins.list[VersionFile], now: datetime) -> None:
        if len(versions) <= KEEP_RECENT:
            return
        keep = versions_to_keep(versions, now)
        for v in versions:
            if v.name not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(folder / v.name)

    def delete(self, draft_id: str) -> None:
        """Move a draft, with its history, to the trash."""
        self._require_writer()
        with self._mutex:
            folder = self._folder(draft_id)
            if not _ID_RE.match(draft_id) or not folder.is_dir():
                raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
            title = self._known_title(draft_id) or draft_id
            target = self._trash / draft_id
            if target.exists():
                raise StoreError(
                    f"Thùng rác đã có một bản nháp cùng mã với “{title}”; hãy lấy nó ra trước."
                )
            try:
                replace(folder, target)
                os.utime(target)  # the trash lists the most recently deleted first
                fsync_dir(self._drafts)
                fsync_dir(self._trash)
            except OSError as exc:
                raise write_error(
                    exc, f"chưa xóa được bản nháp “{title}”", self.data_dir, kept=False
                ) from exc
            self._records.pop(draft_id, None)
            self._damaged.pop(draft_id, None)
            self._unchecked.pop(draft_id, None)
            self._index_dirty = True

    def trash(self) -> builtins.list[DraftSummary]:
        """Deleted drafts, the most recently deleted first."""
        with self._mutex:
            found: builtins.list[tuple[int, DraftSummary]] = []
            try:
                entries = builtins.list(os.scandir(self._trash))
            except OSError:
                entries = []
            for entry in entries:
                draft_id = entry.name
                if not _ID_RE.match(draft_id):
                    continue
                for v, doc, _draft in self._good_versions(
                    Path(entry.path), draft_id, set_aside_bad=False
                ):
                    rec = self._record_of(v, doc, draft_id)
                    with contextlib.suppress(OSError):
                        found.append((entry.stat().st_mtime_ns, rec.to_summary(draft_id)))
                    break
        found.sort(key=lambda item: item[0], reverse=True)
        return [summary for _, summary in found]

    def restore(self, draft_id: str) -> str:
        """Bring a draft back from the trash, with its history; returns its id."""
        self._require_writer()
        with self._mutex:
            source = self._trash / draft_id
            if not _ID_RE.match(draft_id) or not source.is_dir():
                raise UnknownDraftError(
                    f"Không có bản nháp nào trong thùng rác có mã “{draft_id}”."
                )
            if self._folder(draft_id).exists():
                raise StoreError("Bản nháp này đang có trong danh sách; không cần lấy lại.")
            try:
                replace(source, self._folder(draft_id))
                fsync_dir(self._trash)
                fsync_dir(self._drafts)
            except OSError as exc:
                raise write_error(
                    exc, "chưa lấy lại được bản nháp từ thùng rác", self.data_dir, kept=False
                ) from exc
            self._scan_one(draft_id)
            return draft_id

    def _history_folder(self, draft_id: str) -> Path:
        if not _ID_RE.match(draft_id):
            raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
        folder = self._folder(draft_id)
        if not folder.is_dir() and (self._trash / draft_id).is_dir():
            return self._trash / draft_id
        if not folder.is_dir() and draft_id not in self._damaged:
            raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
        return folder

    def history(self, draft_id: str) -> builtins.list[HistoryEntry]:
        """The saved versions of a draft, newest first (the first is the current one)."""
        with self._mutex:
            folder = self._history_folder(draft_id)
            out = []
            for v in list_versions(folder):
                try:
                    size = (folder / v.name).stat().st_size
                except OSError:
                    continue
                out.append(HistoryEntry(version=v.version, saved_at=v.saved_local_iso(), size=size))
            return out

    def load_version(self, draft_id: str, version: str) -> Draft:
        """One saved version of a draft, as it was then."""
        with self._mutex:
            folder = self._history_folder(draft_id)
            wanted = version.strip()
            match = next(
                (
                    v
                    for v in list_versions(folder)
                    if wanted in (v.version, v.name, v.name.removesuffix(".json"))
                ),
                None,
            )
            if match is None:
                raise UnknownDraftError(f"Bản nháp không có lần lưu số “{version}”.")
            path = folder / match.name
            try:
                return _draft_of(_read_doc(path), draft_id)
            except DamagedFileError as exc:
                moved = self._set_aside(path, exc.reason)
                raise StoreError(
                    f"Lần lưu số {match.version} không đọc được ({exc.reason}); tệp được giữ "
                    f"nguyên ở “{moved}”. Hãy chọn một lần lưu khác."
                ) from exc
            except OSError as exc:
                raise StoreError(
                    f"Không đọc được lần lưu số {match.version} ({os_reason(exc)})."
                ) from exc

    def restore_version(self, draft_id: str, version: str) -> None:
        """Make a saved version current again; the version it replaces stays in the history."""
        self._require_writer()
        with self._mutex:
            self.save(self.load_version(draft_id, version))

    def import_file(self, path: Path) -> str:
        """Add a draft file to the store as a new draft; returns its id.

        The file is checked fully first (shape, types, sizes; an oversized file is refused before
        it is read); a refusal raises :class:`DraftError` and changes nothing. A draft whose id is
        already in the store (or its trash) gets a new id: an import never overwrites a draft.
        """
        self._require_writer()
        draft = read_import_file(Path(path))
        with self._mutex:
            taken = (
                draft.id in self._damaged
                or self._folder(draft.id).exists()
                or (self._trash / draft.id).exists()
            )
            if taken or not _ID_RE.match(draft.id):
                draft.meta["draft_id"] = new_draft_id()
            self.save(draft)
            return draft.id

    def export(self, draft_id: str, path: Path) -> None:
        """Write a draft to a draft file (atomically; an existing file is replaced whole)."""
        draft = self.load(draft_id)
        target = Path(path)
        try:
            # A file to hand on to others: ordinary permissions, not the store's private ones.
            atomic_write(target, draft.to_json().encode("utf-8"))
        except OSError as exc:
            raise write_error(
                exc, f"chưa xuất được bản nháp ra “{target}”", target.parent, kept=False
            ) from exc

    def recover(self, draft_id: str) -> Draft:
        """Bring back a damaged draft from its newest good saved version, as its current one.

        Unreadable versions newer than it are set aside (kept in ``hong/``), so the good one is
        the newest again; it is written anew only if something unreadable could not be moved.
        """
        self._require_writer()
        with self._mutex:
            folder = self._folder(draft_id)
            good = next(self._good_versions(folder, draft_id, set_aside_bad=True), None)
            if good is None:
                damaged = self._damaged.get(draft_id)
                moved = damaged.moved_to if damaged else ""
                where = f" Tệp hỏng được giữ nguyên ở “{moved}”." if moved else ""
                name = self._known_title(draft_id) or (damaged.title if damaged else "") or draft_id
                raise StoreError(
                    f"Không còn lần lưu nào đọc được của bản nháp “{name}”; "
                    f"không khôi phục được.{where}"
                )
            version, doc, draft = good
            self._damaged.pop(draft_id, None)
            newest = list_versions(folder)
            if newest and newest[0].name == version.name:
                self._records[draft_id] = self._record_of(version, doc, draft_id)
                self._index_dirty = True
            else:
                self._records.pop(draft_id, None)
                self.save(draft)
            return draft

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A remembered setting (a copy: changing it changes nothing stored)."""
        with self._mutex:
            return copy.deepcopy(self._settings.get(key, default))

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a small per-user setting (any JSON value); ``TypeError`` if not JSON."""
        self._require_writer()
        value = json.loads(json.dumps(value, allow_nan=False))  # a JSON copy, or TypeError
        with self._mutex:
            if key in self._settings and self._settings[key] == value:
                return
            path = self.data_dir / SETTINGS_FILE
            try:
                try:
                    _db(path).table("settings").upsert(
                        {"key": key, "value": value}, Query().key == key
                    )
                except DamagedFileError as exc:
                    # Broken since the store opened: keep it aside, write every setting afresh.
                    self._set_aside(path, exc.reason)
                    self._rewrite_settings({**self._settings, key: value})
            except OSError as exc:
                raise write_error(exc, "chưa lưu được cài đặt", self.data_dir, kept=False) from exc
            self._settings[key] = value


def read_import_file(path: Path) -> Draft:
    """A draft file to import, fully checked; :class:`DraftError` when it is refused.

    Accepts the exchange format and also a version file of the store itself (e.g. one set
    aside in ``hong/``). Nothing is written.
    """
    try:
        draft = read_draft_file(path)
    except DraftError as first:
        unwrapped = _unwrap_store_file(path)
        if unwrapped is None:
            raise first from None
        draft = unwrapped
    try:
        load_template(draft.template_id)
    except TemplateError as exc:
        raise DraftError(
            f"Tệp nháp dùng mẫu báo cáo “{draft.template_id}” mà phiên bản chương trình này "
            "không có; hãy cập nhật chương trình."
        ) from exc
    return draft


def _unwrap_store_file(path: Path) -> Draft | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES + 64 * 1024:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    if DRAFT_DOC_FORMAT.encode() not in raw:
        return None
    try:
        data = parse_json_bytes(raw)
    except DamagedFileError:
        return None
    table = data.get(_DRAFT_TABLE) if isinstance(data, dict) else None
    doc = table.get(str(_DOC_ID)) if isinstance(table, dict) else None
    if not isinstance(doc, dict) or doc.get("format") != DRAFT_DOC_FORMAT:
        return None
    version = doc.get("format_version")
    if type(version) is not int or version > DRAFT_DOC_VERSION:
        return None
    return draft_from_dict(doc.get("content"))

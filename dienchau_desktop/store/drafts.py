"""The draft store itself: opening and closing, loading and saving the current version.

See :mod:`dienchau_desktop.store` for the layout of the data directory and why it has that shape.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from dienchau_desktop.datafile import DRAFT_ID_RE
from dienchau_desktop.draft import Draft
from dienchau_desktop.store.core import Summarize
from dienchau_desktop.store.damage import DamageMixin
from dienchau_desktop.store.docs import (
    DRAFTS_DIR,
    HONG_DIR,
    TRASH_DIR,
    NewVersion,
    draft_of,
    new_version,
    read_doc,
    write_doc,
)
from dienchau_desktop.store.errors import StoreError, UnknownDraftError, os_reason, write_error
from dienchau_desktop.store.files import DamagedFileError, remove_temp_files
from dienchau_desktop.store.history import (
    HASH_CHARS,
    KEEP_RECENT,
    VersionFile,
    content_hash,
    list_versions,
    versions_to_keep,
)
from dienchau_desktop.store.imports import ImportMixin
from dienchau_desktop.store.index import IndexMixin
from dienchau_desktop.store.lock import WriterLock
from dienchau_desktop.store.records import Record
from dienchau_desktop.store.settings import SettingsMixin
from dienchau_desktop.store.trash import TrashMixin
from dienchau_desktop.store.versions import VersionsMixin


class DraftStore(IndexMixin, DamageMixin, SettingsMixin, TrashMixin, VersionsMixin, ImportMixin):
    """The user's drafts, their history, the trash and a few settings, in one data directory.

    Open it once per program (``with DraftStore(path) as store: ...``). The writer takes the lock
    and raises :class:`StoreLockedError` when another copy of the program has it; a read-only
    store writes nothing but the list cache, and that only while no writer is open (taking the
    lock for that moment). Files that cannot be read are set aside (by the writer) and reported
    by :meth:`damaged`; every other draft stays available. Safe to share between threads.

    ``summarize`` gives the list facts of a draft (``answered``, ``total``, ``errors``,
    ``warnings``); the store knows nothing of forms or validation and calls it, when the list is
    read, for content saved without its facts. Without it those counts are all 0.
    """

    def __init__(
        self, data_dir: Path, *, readonly: bool = False, summarize: Summarize | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        self.readonly = readonly
        self._summarize = summarize
        self._drafts = self.data_dir / DRAFTS_DIR
        self._trash = self.data_dir / TRASH_DIR
        self._hong = self.data_dir / HONG_DIR
        self._mutex = threading.RLock()
        self._records = {}
        self._cached = {}
        self._unchecked = {}
        self._damaged = {}
        self._notices = []
        self._settings = {}
        self._index_dirty = False
        self._scanned = False
        self._lock = None
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
        if self._lock.moved:
            self._notices.append(
                f"Trong thư mục dữ liệu có một tệp lạ mang tên tệp khóa; tệp đó được giữ nguyên "
                f"ở “{self._lock.moved}” và chương trình đã tạo tệp khóa mới."
            )
        try:
            for folder in (self.data_dir, self._drafts, self._trash):
                remove_temp_files(folder)
            self._finish_imports()
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

    # --- one draft -----------------------------------------------------------------------------

    def resolve(self, draft_id: str, *, in_trash: bool = False) -> str:
        """The full id of a draft from its id or a unique beginning of it (for typed ids)."""
        wanted = draft_id.strip().lower()
        folder = self._trash if in_trash else self._drafts
        with self._mutex:
            try:
                pool = [n for n in os.listdir(folder) if DRAFT_ID_RE.match(n)]
            except OSError:
                pool = []
            if not in_trash:
                pool += [d for d in self._damaged if DRAFT_ID_RE.match(d)]
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
            try:
                versions = list_versions(folder) if DRAFT_ID_RE.match(draft_id) else []
            except OSError as exc:
                raise StoreError(
                    f"Không đọc được bản nháp “{self._known_title(draft_id) or draft_id}” "
                    f"({os_reason(exc, reading=True)})."
                ) from exc
            if not versions:
                self._ensure_scanned()
                if draft_id in self._damaged:
                    raise self._damaged_error(self._damaged[draft_id])
                raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
            path = folder / versions[0].name
            try:
                return draft_of(read_doc(path), draft_id)
            except DamagedFileError as exc:
                raise self._damaged_error(self._damage(draft_id, path, exc.reason)) from exc
            except OSError as exc:
                raise StoreError(
                    f"Không đọc được bản nháp “{self._known_title(draft_id) or draft_id}” "
                    f"({os_reason(exc)})."
                ) from exc

    def save(self, draft: Draft, *, facts: dict[str, int] | None = None) -> None:
        """Save a draft as its new current version (which is also its newest history entry).

        One atomic write of one new file: a crash leaves the previous version whole. Sets
        ``meta["updated"]`` on success; saving unchanged content writes nothing. ``facts`` are
        the caller's list facts for this very content (``answered``, ``total``, ``errors``,
        ``warnings``); without them they are worked out, with ``summarize``, when the list is
        next read. Raises :class:`StoreWriteError` when the disk refuses (full, read-only): the
        draft object is left as it was and a later save can succeed.
        """
        self._require_writer()
        draft_id = draft.id
        if not DRAFT_ID_RE.match(draft_id):
            raise ValueError(f"draft id must be 32 hex digits, got {draft_id!r}")
        with self._mutex:
            folder = self._folder(draft_id)
            content = draft.to_dict()
            digest = content_hash(content)
            rec = self._records.get(draft_id)
            if rec is not None and rec.digest == digest and (folder / rec.name).exists():
                draft.meta["updated"] = rec.summary["updated"]
                return
            now = datetime.now(UTC)
            try:
                if not folder.exists():
                    self._untrash_or_create(draft_id)
                versions = list_versions(folder, remove_temp=True)
                seq = versions[0].seq + 1 if versions else 1
                new = new_version(draft, content, digest, facts, rec, seq, now)
                write_doc(folder / new.name, new.doc)
            except OSError as exc:
                title = draft.title or draft_id
                raise write_error(exc, f"chưa lưu được bản nháp “{title}”", self.data_dir) from exc
            versions.insert(0, VersionFile(seq, now, digest[:HASH_CHARS], new.name))
            self._prune(folder, versions, now)
            self._saved(draft, new)

    def _saved(self, draft: Draft, new: NewVersion) -> None:
        """Take a version just written (:func:`new_version`) as the draft's current one."""
        summary = new.doc["summary"]
        self._records[draft.id] = Record(new.name, new.doc["hash"], summary)
        if summary["checked"]:
            self._unchecked.pop(draft.id, None)
        else:
            self._unchecked[draft.id] = new.doc["content"]
        self._damaged.pop(draft.id, None)
        self._index_dirty = True
        draft.meta["updated"] = summary["updated"]

    @staticmethod
    def _prune(folder: Path, versions: builtins.list[VersionFile], now: datetime) -> None:
        if len(versions) <= KEEP_RECENT:
            return
        keep = versions_to_keep(versions, now)
        for v in versions:
            if v.name not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(folder / v.name)

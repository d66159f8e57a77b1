"""What every part of the draft store shares: its state, and the small helpers all of them use.

:class:`~dienchau_desktop.store.drafts.DraftStore` is built from mixins, one per concern (the
list index, settings, damage, trash, history, import/export); each of them is a
:class:`StoreCore`, so each sees the same folders, lock, records and mutex.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dienchau_desktop.draft import Draft
from dienchau_desktop.store.errors import StoreError
from dienchau_desktop.store.files import set_aside
from dienchau_desktop.store.lock import WriterLock
from dienchau_desktop.store.records import Record

if TYPE_CHECKING:
    from dienchau_desktop.store.damage import DamagedDraft
    from dienchau_desktop.store.history import VersionFile

Summarize = Callable[[Draft], dict[str, int]]
"""The list facts of a draft: ``answered``, ``total``, ``errors``, ``warnings`` (ints)."""


class StoreCore:
    """The state of an open store; the mixins of :class:`DraftStore` add its operations."""

    data_dir: Path
    readonly: bool
    _drafts: Path
    _trash: Path
    _hong: Path
    _mutex: threading.RLock
    _summarize: Summarize | None
    # The current version of each draft that can be opened, and the list cache read at opening.
    _records: dict[str, Record]
    _cached: dict[str, Record]
    # Content saved but not yet counted for the list's facts, by draft id.
    _unchecked: dict[str, dict[str, Any]]
    _damaged: dict[str, DamagedDraft]
    _notices: list[str]
    _settings: dict[str, Any]
    _index_dirty: bool
    _scanned: bool
    _lock: WriterLock | None

    if TYPE_CHECKING:
        # Provided by the mixins; declared here so that each can call the others.
        def save(self, draft: Draft, *, facts: dict[str, int] | None = None) -> None: ...
        def load(self, draft_id: str) -> Draft: ...
        def _scan_one(self, draft_id: str) -> None: ...
        def _ensure_scanned(self) -> None: ...
        def _record_of(
            self, version: VersionFile, doc: dict[str, Any], draft_id: str
        ) -> Record: ...
        def _damage(self, draft_id: str, path: Path | None, reason: str) -> DamagedDraft: ...

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

    def _folder(self, draft_id: str) -> Path:
        return self._drafts / draft_id

    def _known_title(self, draft_id: str) -> str:
        rec = self._records.get(draft_id) or self._cached.get(draft_id)
        return str(rec.summary["title"]) if rec else ""

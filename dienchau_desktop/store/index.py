"""The drafts list: records of each draft's current version, and their cache ``muc-luc.json``.

The cache is keyed by each draft's newest file name and content hash, written when the store
opens and closes, never on save; a missing or broken cache is simply rebuilt from the drafts,
by a read-only store too when no writer has the data open.
List facts not yet counted for a draft's current content are counted when the list is read,
with the ``summarize`` callable the store was opened with.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
from typing import Any

from dienchau_desktop.datafile import DRAFT_ID_RE
from dienchau_desktop.draft import DraftError, draft_from_dict
from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import INDEX_FILE, draft_of, open_db, read_doc
from dienchau_desktop.store.errors import StoreError
from dienchau_desktop.store.files import DamagedFileError
from dienchau_desktop.store.history import VersionFile, content_hash
from dienchau_desktop.store.lock import WriterLock
from dienchau_desktop.store.records import (
    FACT_KEYS,
    NO_FACTS,
    DraftSummary,
    Record,
    clean_facts,
    describe,
    sort_time,
    summary_ok,
)


class IndexMixin(StoreCore):
    """Reading and writing the list cache; counting; :meth:`list`."""

    def _load_index(self) -> None:
        path = self.data_dir / INDEX_FILE
        try:
            docs = open_db(path, readonly=True).table("drafts").all()
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
                and DRAFT_ID_RE.match(draft_id)
                and isinstance(name, str)
                and isinstance(digest, str)
                and summary_ok(summary)
            ):
                self._cached[draft_id] = Record(name, digest, dict(summary))

    def _write_index(self) -> None:
        if not self._index_dirty:
            return
        if not self.readonly:
            self._dump_index()
            return
        # A read-only store writes only the list cache, and only while no writer has the data
        # open (that writer keeps it): a missing cache is rebuilt once, not on every list.
        lock = WriterLock(self.data_dir)
        try:
            lock.acquire()
        except StoreError:
            return
        try:
            self._dump_index()
        finally:
            lock.release()

    def _dump_index(self) -> None:
        entries = [
            {"id": draft_id, "name": rec.name, "hash": rec.digest, "summary": rec.summary}
            for draft_id, rec in sorted(self._records.items())
        ]
        db = open_db(self.data_dir / INDEX_FILE)
        try:
            db.drop_tables()
            db.table("drafts").insert_multiple(entries)
        except OSError:
            return  # a cache: the next opening rebuilds what is missing
        self._index_dirty = False

    def _record_of(self, version: VersionFile, doc: dict[str, Any], draft_id: str) -> Record:
        summary, digest = doc.get("summary"), doc.get("hash")
        if not isinstance(digest, str):
            digest = content_hash(doc["content"])
        if not summary_ok(summary):
            summary = describe(draft_of(doc, draft_id), digest, None)
        return Record(version.name, digest, dict(summary))

    def _check(self, draft_id: str, rec: Record) -> None:
        """Count the list facts of a draft saved since it was last counted."""
        content = self._unchecked.pop(draft_id, None)
        summarize = self._summarize
        if summarize is None:
            # Nothing to count with: zeros, left uncounted for a store that can count.
            if any(rec.summary[k] for k in FACT_KEYS):
                self._records[draft_id] = dataclasses.replace(
                    rec, summary={**rec.summary, **NO_FACTS}
                )
            return
        path = self._folder(draft_id) / rec.name
        try:
            if content is None:
                content = read_doc(path)["content"]
            draft = draft_from_dict(content)
        except (DamagedFileError, DraftError) as exc:
            reason = exc.reason if isinstance(exc, DamagedFileError) else str(exc).rstrip(".")
            self._damage(draft_id, path, reason)
            return
        except OSError:
            return
        summary = {**rec.summary, **clean_facts(summarize(draft)), "checked": rec.digest}
        self._records[draft_id] = dataclasses.replace(rec, summary=summary)
        self._index_dirty = True

    def list(self) -> builtins.list[DraftSummary]:
        """Every draft that can be opened, most recently changed first."""
        with self._mutex:
            self._ensure_scanned()
            for draft_id, rec in builtins.list(self._records.items()):
                if not rec.counted:
                    self._check(draft_id, rec)
            out = [rec.to_summary(draft_id) for draft_id, rec in self._records.items()]
            if self.readonly:
                with contextlib.suppress(DamagedFileError, OSError):
                    self._write_index()
        out.sort(key=lambda s: (sort_time(s.updated), s.updated, s.id), reverse=True)
        return out

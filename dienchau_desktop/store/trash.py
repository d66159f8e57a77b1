"""The trash: a deleted draft's folder moved whole, with its history, to ``thung-rac/``.

Deleting and restoring are each one rename; a draft still open somewhere and saved again after
being deleted comes back out of the trash by itself (typing must never land in the trash).
"""

from __future__ import annotations

import builtins
import contextlib
import os
from pathlib import Path

from dienchau_desktop.atomic import fsync_dir, replace
from dienchau_desktop.datafile import DRAFT_ID_RE
from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import good_versions
from dienchau_desktop.store.errors import StoreError, UnknownDraftError, write_error
from dienchau_desktop.store.records import DraftSummary


class TrashMixin(StoreCore):
    """:meth:`delete`, :meth:`trash`, :meth:`restore`."""

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

    def delete(self, draft_id: str) -> None:
        """Move a draft, with its history, to the trash."""
        self._require_writer()
        with self._mutex:
            folder = self._folder(draft_id)
            if not DRAFT_ID_RE.match(draft_id) or not folder.is_dir():
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
                if not DRAFT_ID_RE.match(draft_id):
                    continue
                for v, doc, _draft in good_versions(Path(entry.path), draft_id):
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
            if not DRAFT_ID_RE.match(draft_id) or not source.is_dir():
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

"""Finding the drafts when the store opens, setting unreadable files aside, recovering drafts.

Every draft's current file is read when the store opens (not only looked up in the cache): a
file that went bad on disk is found then, not when the user next opens that draft. An unreadable
file is moved to ``hong/`` with a note, never deleted; the draft is reported by
:meth:`DamageMixin.damaged` and can usually be brought back from an earlier good version.
"""

from __future__ import annotations

import builtins
import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from dienchau_desktop.atomic import is_temp_name
from dienchau_desktop.datafile import DRAFT_ID_RE
from dienchau_desktop.draft import Draft
from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import good_versions, read_doc
from dienchau_desktop.store.errors import DraftDamagedError, StoreError, os_reason
from dienchau_desktop.store.files import DamagedFileError
from dienchau_desktop.store.history import list_versions

RECOVER_HINT = "Có thể khôi phục bản nháp từ lần lưu gần nhất còn tốt."
LOST_HINT = "Không còn bản lưu nào khác để khôi phục."


@dataclass(frozen=True)
class DamagedDraft:
    """A draft whose current file could not be read (found when the store opened, or later)."""

    draft_id: str
    title: str
    moved_to: str  # where the unreadable file now is ("" when there was none to move)
    reason: str  # Vietnamese
    recoverable: bool  # a good saved version exists: recover() brings it back

    def sentence(self, recover_hint: str = RECOVER_HINT, lost_hint: str = LOST_HINT) -> str:
        """What happened, for the user: which draft, why, where the file is kept, what now.

        ``recover_hint`` ends the sentence when a good version exists (how to recover in this
        face of the program), ``lost_hint`` when none does; an empty hint adds nothing.
        """
        name = f"“{self.title}”" if self.title else f"mã {self.draft_id}"
        where = f" Tệp hỏng được giữ nguyên ở “{self.moved_to}”." if self.moved_to else ""
        hint = recover_hint if self.recoverable else lost_hint
        then = f" {hint}" if hint else ""
        return f"Bản nháp {name} không mở được: {self.reason}.{where}{then}"


class DamageMixin(StoreCore):
    """The scan of the drafts folder, damaged drafts, :meth:`recover`."""

    def _damage(self, draft_id: str, path: Path | None, reason: str) -> DamagedDraft:
        """Record a draft whose current file cannot be read, setting the file aside."""
        moved = self._set_aside(path, reason) if path is not None else ""
        good = next(good_versions(self._folder(draft_id), draft_id), None)
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

    @staticmethod
    def _damaged_error(damaged: DamagedDraft) -> DraftDamagedError:
        return DraftDamagedError(damaged.sentence(), damaged.draft_id)

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
            if not DRAFT_ID_RE.match(name):
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
        try:
            versions = list_versions(folder, remove_temp=not self.readonly)
        except OSError as exc:
            self._damage(
                draft_id,
                None,
                f"không đọc được thư mục của bản nháp ({os_reason(exc, reading=True)})",
            )
            return
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
        try:
            doc = read_doc(path)
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

    def damaged(self) -> builtins.list[DamagedDraft]:
        """Drafts whose file could not be read; each was set aside and can often be recovered."""
        with self._mutex:
            self._ensure_scanned()
            return builtins.list(self._damaged.values())

    def notices(self) -> builtins.list[str]:
        """Other things the user should know about the data (e.g. settings reset), Vietnamese."""
        with self._mutex:
            return builtins.list(self._notices)

    def recover(self, draft_id: str) -> Draft:
        """Bring back a damaged draft from its newest good saved version, as its current one.

        Unreadable versions newer than it are set aside (kept in ``hong/``), so the good one is
        the newest again; it is written anew only if something unreadable could not be moved.
        """
        self._require_writer()
        with self._mutex:
            folder = self._folder(draft_id)
            good = next(good_versions(folder, draft_id, self._set_aside), None)
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

"""A draft's history: its saved versions, newest first, each loadable and restorable.

The versions themselves (file names, what is kept) are :mod:`dienchau_desktop.store.history`;
this is the store's face on them. A deleted draft's history is read from the trash.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from pathlib import Path

from dienchau_desktop.datafile import DRAFT_ID_RE
from dienchau_desktop.draft import Draft
from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import draft_of, read_doc
from dienchau_desktop.store.errors import StoreError, UnknownDraftError, os_reason
from dienchau_desktop.store.files import DamagedFileError
from dienchau_desktop.store.history import VersionFile, list_versions


@dataclass(frozen=True)
class HistoryEntry:
    version: str  # pass to load_version / restore_version
    saved_at: str  # ISO, local time
    size: int  # bytes


class VersionsMixin(StoreCore):
    """:meth:`history`, :meth:`load_version`, :meth:`restore_version`."""

    def _history_folder(self, draft_id: str) -> Path:
        if not DRAFT_ID_RE.match(draft_id):
            raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
        folder = self._folder(draft_id)
        try:
            listed = folder.is_dir()
            if not listed and (self._trash / draft_id).is_dir():
                return self._trash / draft_id
        except OSError as exc:  # no permission to look into the folders
            raise StoreError(
                f"Không đọc được các lần lưu của bản nháp “{draft_id}” "
                f"({os_reason(exc, reading=True)})."
            ) from exc
        if not listed and draft_id not in self._damaged:
            raise UnknownDraftError(f"Không có bản nháp nào có mã “{draft_id}”.")
        return folder

    def _versions_in(self, folder: Path, draft_id: str) -> builtins.list[VersionFile]:
        try:
            return list_versions(folder)
        except OSError as exc:
            raise StoreError(
                f"Không đọc được các lần lưu của bản nháp "
                f"“{self._known_title(draft_id) or draft_id}” ({os_reason(exc, reading=True)})."
            ) from exc

    def history(self, draft_id: str) -> builtins.list[HistoryEntry]:
        """The saved versions of a draft, newest first (the first is the current one)."""
        with self._mutex:
            folder = self._history_folder(draft_id)
            out = []
            for v in self._versions_in(folder, draft_id):
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
                    for v in self._versions_in(folder, draft_id)
                    if wanted in (v.version, v.name, v.name.removesuffix(".json"))
                ),
                None,
            )
            if match is None:
                raise UnknownDraftError(f"Bản nháp không có lần lưu số “{version}”.")
            path = folder / match.name
            try:
                return draft_of(read_doc(path), draft_id)
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

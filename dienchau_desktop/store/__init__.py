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

The store knows nothing of forms or validation: the list's progress and problem counts are
handed down by the application (``DraftStore(..., summarize=...)``, ``save(..., facts=...)``).

The modules: :mod:`~.drafts` (:class:`DraftStore`: open, close, load, save), :mod:`~.index`
(the list and its cache), :mod:`~.records` (summaries), :mod:`~.damage` (the scan, damaged
drafts, recovery), :mod:`~.settings`, :mod:`~.trash`, :mod:`~.versions` (history),
:mod:`~.imports` (import and export), :mod:`~.docs` (names, one version's document),
:mod:`~.core` (shared state), and the building blocks :mod:`~.files`, :mod:`~.history`,
:mod:`~.lock`, :mod:`~.errors`.
"""

from __future__ import annotations

from dienchau_desktop.store.core import Summarize
from dienchau_desktop.store.damage import LOST_HINT, RECOVER_HINT, DamagedDraft
from dienchau_desktop.store.docs import (
    DRAFT_DOC_FORMAT,
    DRAFT_DOC_VERSION,
    DRAFTS_DIR,
    HONG_DIR,
    INDEX_FILE,
    SETTINGS_FILE,
    STORE_FORMAT,
    STORE_FORMAT_VERSION,
    TRASH_DIR,
)
from dienchau_desktop.store.drafts import DraftStore
from dienchau_desktop.store.errors import (
    DraftDamagedError,
    StoreError,
    StoreLockedError,
    StoreWriteError,
    UnknownDraftError,
)
from dienchau_desktop.store.files import AtomicJSONStorage, DamagedFileError
from dienchau_desktop.store.history import (
    KEEP_RECENT,
    VersionFile,
    content_hash,
    version_name,
    versions_to_keep,
)
from dienchau_desktop.store.imports import read_import_file
from dienchau_desktop.store.lock import LOCK_NAME, WriterLock
from dienchau_desktop.store.records import DraftSummary
from dienchau_desktop.store.versions import HistoryEntry

__all__ = [
    "DRAFTS_DIR",
    "DRAFT_DOC_FORMAT",
    "DRAFT_DOC_VERSION",
    "HONG_DIR",
    "INDEX_FILE",
    "KEEP_RECENT",
    "LOCK_NAME",
    "LOST_HINT",
    "RECOVER_HINT",
    "SETTINGS_FILE",
    "STORE_FORMAT",
    "STORE_FORMAT_VERSION",
    "TRASH_DIR",
    "AtomicJSONStorage",
    "DamagedDraft",
    "DamagedFileError",
    "DraftDamagedError",
    "DraftStore",
    "DraftSummary",
    "HistoryEntry",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
    "Summarize",
    "UnknownDraftError",
    "VersionFile",
    "WriterLock",
    "content_hash",
    "read_import_file",
    "version_name",
    "versions_to_keep",
]

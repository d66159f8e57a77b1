"""The one owner of "dirty" and "save now" for the open draft.

Every edit calls :meth:`AutoSaver.mark_dirty`. The draft is then saved at most ``DELAY_MS`` after
the first unsaved change (the timer is not restarted by further typing, so continuous typing is
still saved every second), on every page change and on closing. A failed save keeps the draft in
memory, says so in the status bar and tries again shortly; nothing typed is ever dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dienchau_desktop.draft import Draft
from dienchau_desktop.store import StoreError

if TYPE_CHECKING:
    from dienchau_desktop.workspace import DraftSession

DELAY_MS = 800
RETRY_MS = 5000


class AutoSaver(QObject):
    """Saves one draft through the store: soon after a change, on request, never twice."""

    saved = Signal(str)  # "HH:MM:SS" of the save
    failed = Signal(str)  # Vietnamese message
    dirty_changed = Signal(bool)

    def __init__(
        self,
        session: DraftSession,
        parent: QObject | None = None,
        *,
        after_save: Callable[[], None] | None = None,
    ) -> None:
        """Saves through ``session`` (which hands the store its own check results, if it has
        them, and never asks the window); ``after_save`` runs after each successful save."""
        super().__init__(parent)
        self._session = session
        self._after_save = after_save
        self._dirty = False
        self.last_saved: datetime | None = None
        self.last_error: str | None = None
        self.last_duration_ms = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def draft(self) -> Draft:
        return self._session.draft

    def mark_dirty(self) -> None:
        """Something changed: save within ``DELAY_MS`` (counted from the first unsaved change)."""
        if not self._dirty:
            self._dirty = True
            self.dirty_changed.emit(True)
        # Not restarted by further typing; but a change after a failed save retries soon.
        if not self._timer.isActive() or self._timer.remainingTime() > DELAY_MS:
            self._timer.start(DELAY_MS)

    def save_now(self) -> bool:
        """Save the draft now if it has unsaved changes; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty:
            return True
        started = time.perf_counter()
        try:
            self._session.save()
        except (StoreError, OSError) as exc:
            self.last_error = str(exc) or "không ghi được vào thư mục dữ liệu."
            self._timer.start(RETRY_MS)
            self.failed.emit(self.last_error)
            return False
        self.last_duration_ms = (time.perf_counter() - started) * 1000
        self._dirty = False
        self.last_error = None
        self.last_saved = datetime.now()
        self.dirty_changed.emit(False)
        self.saved.emit(self.last_saved.strftime("%H:%M:%S"))
        if self._after_save is not None:
            self._after_save()
        return True

    def stop(self) -> None:
        """No more timed saves (the draft is being closed)."""
        self._timer.stop()

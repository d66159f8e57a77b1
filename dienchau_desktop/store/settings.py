"""Per-user settings, and the store's own format version, in ``cai-dat.json``.

A settings file that cannot be read is set aside and the defaults are used (with a notice for
the user); a settings file written by a newer program refuses the whole store, unchanged.
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

from tinydb import Query
from tinydb.table import Document

from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import (
    DOC_ID,
    SETTINGS_FILE,
    STORE_FORMAT,
    STORE_FORMAT_VERSION,
    open_db,
)
from dienchau_desktop.store.errors import StoreError, write_error
from dienchau_desktop.store.files import DamagedFileError


def _of_kind(value: Any, kind: Any) -> bool:
    if isinstance(value, bool) and not (kind is bool or (isinstance(kind, tuple) and bool in kind)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return isinstance(value, kind)


class SettingsMixin(StoreCore):
    """:meth:`get_setting`, :meth:`set_setting`, and reading the settings when the store opens."""

    def _open_settings(self) -> None:
        path = self.data_dir / SETTINGS_FILE
        db = open_db(path, readonly=self.readonly)
        try:
            marker = db.table("store").get(doc_id=DOC_ID)
            docs = db.table("settings").all()
        except (DamagedFileError, TypeError, ValueError, AttributeError) as exc:
            reason = exc.reason if isinstance(exc, DamagedFileError) else "cấu trúc lạ"
            moved = self._set_aside(path, reason)
            kept = "được giữ nguyên" if moved == str(path) else f"đã được để riêng ở “{moved}”"
            self._notices.append(
                f"Tệp cài đặt “{path}” không đọc được ({reason}) nên {kept}; "
                "chương trình dùng cài đặt mặc định. Các bản nháp không bị ảnh hưởng."
            )
            marker, docs = None, []
        except OSError as exc:
            # Not readable (no permission): use the defaults, and never write over the file.
            self._notices.append(
                f"Không đọc được tệp cài đặt “{path}” ({exc.strerror or exc}); chương trình dùng "
                "cài đặt mặc định và không ghi đè tệp đó. Các bản nháp không bị ảnh hưởng."
            )
            return
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
        db = open_db(self.data_dir / SETTINGS_FILE)
        db.drop_tables()
        marker = {"format": STORE_FORMAT, "format_version": STORE_FORMAT_VERSION}
        db.table("store").insert(Document(marker, doc_id=DOC_ID))
        if settings:
            db.table("settings").insert_multiple(
                {"key": k, "value": v} for k, v in settings.items()
            )

    def get_setting(self, key: str, default: Any = None, kind: Any = None) -> Any:
        """A remembered setting (a copy: changing it changes nothing stored).

        A value that is not of the setting's ``kind`` (a type or tuple of types; by default the
        default's own type, numbers being finite ints or floats) is ignored and ``default``
        returned: a hand-edited or damaged settings file never reaches the program.
        """
        with self._mutex:
            value = self._settings.get(key, default)
        if kind is None and default is not None:
            kind = (int, float) if isinstance(default, int | float) else type(default)
        if kind is not None and not _of_kind(value, kind):
            return default
        return copy.deepcopy(value)

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
                    open_db(path).table("settings").upsert(
                        {"key": key, "value": value}, Query().key == key
                    )
                except DamagedFileError as exc:
                    # Broken since the store opened: keep it aside, write every setting afresh.
                    self._set_aside(path, exc.reason)
                    self._rewrite_settings({**self._settings, key: value})
            except OSError as exc:
                raise write_error(exc, "chưa lưu được cài đặt", self.data_dir, kept=False) from exc
            self._settings[key] = value

"""Saved versions of a draft: one file per version, written once, never changed.

A version file is named ``<number>-<UTC time>-<hash>.json``: the number orders versions even when
the PC clock is wrong (the highest is the draft's current version), the time says when it was
saved, the hash (of the content, leaving out the "updated" stamp) tells whether two versions
differ and lets a cache recognise the current version by its name alone.

What is kept (:func:`versions_to_keep`): the last :data:`KEEP_RECENT` distinct versions, plus
the newest of every hour for the last day and the newest of every day for the last month.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dienchau_desktop.store.files import remove_temp_files

KEEP_RECENT = 20
KEEP_HOURLY_FOR = timedelta(days=1)
KEEP_DAILY_FOR = timedelta(days=31)
HASH_CHARS = 12

_NAME_RE = re.compile(r"^(\d{6,})-(\d{8}T\d{9})Z-([0-9a-f]{12})\.json$")
_STAMP_FORMAT = "%Y%m%dT%H%M%S"  # then milliseconds, then "Z"


@dataclass(frozen=True)
class VersionFile:
    seq: int
    saved: datetime  # aware, UTC
    digest: str  # the first HASH_CHARS hex digits of content_hash
    name: str

    @property
    def version(self) -> str:
        return str(self.seq)

    def saved_local_iso(self) -> str:
        return self.saved.astimezone().isoformat(timespec="seconds")


def content_hash(document: dict[str, Any]) -> str:
    """Hash of a draft document, ignoring when it was saved (``meta.updated``)."""
    doc = copy.copy(document)
    meta = doc.get("meta")
    if isinstance(meta, dict) and "updated" in meta:
        doc["meta"] = {k: v for k, v in meta.items() if k != "updated"}
    canonical = json.dumps(doc, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def version_name(seq: int, saved: datetime, digest: str) -> str:
    utc = saved.astimezone(UTC)
    stamp = utc.strftime(_STAMP_FORMAT) + f"{utc.microsecond // 1000:03d}"
    return f"{seq:06d}-{stamp}Z-{digest[:HASH_CHARS]}.json"


def parse_name(name: str) -> VersionFile | None:
    m = _NAME_RE.match(name)
    if not m:
        return None
    stamp = m.group(2)  # yyyymmddTHHMMSSfff, parsed by hand: strptime is slow for long histories
    try:
        saved = datetime(
            int(stamp[0:4]),
            int(stamp[4:6]),
            int(stamp[6:8]),
            int(stamp[9:11]),
            int(stamp[11:13]),
            int(stamp[13:15]),
            int(stamp[15:18]) * 1000,
            tzinfo=UTC,
        )
    except ValueError:
        return None
    return VersionFile(seq=int(m.group(1)), saved=saved, digest=m.group(3), name=name)


def list_versions(folder: Path, *, remove_temp: bool = False) -> list[VersionFile]:
    """The versions in ``folder``, newest first (empty when there is no such folder).

    With ``remove_temp``, unfinished writes left by a killed process are removed on the way.
    A folder that exists but cannot be read (no permission) raises its ``OSError``.
    """
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    if remove_temp:
        remove_temp_files(folder, names)
    found = [v for v in map(parse_name, names) if v is not None]
    found.sort(key=lambda v: v.seq, reverse=True)
    return found


def versions_to_keep(versions: list[VersionFile], now: datetime) -> set[str]:
    """Names of the versions the retention rule keeps (``versions`` newest first)."""
    keep = {v.name for v in versions[:KEEP_RECENT]}
    hours: set[str] = set()
    days: set[str] = set()
    for v in versions:
        age = now - v.saved
        local = v.saved.astimezone()
        if age <= KEEP_HOURLY_FOR:
            hour = local.strftime("%Y%m%d%H")
            if hour not in hours:
                hours.add(hour)
                keep.add(v.name)
        if age <= KEEP_DAILY_FOR:
            day = local.strftime("%Y%m%d")
            if day not in days:
                days.add(day)
                keep.add(v.name)
    return keep

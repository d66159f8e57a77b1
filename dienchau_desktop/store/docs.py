"""The data directory's names, and the document of one saved version of a draft.

A version file is a TinyDB database holding one document (table ``draft``, id 1)::

    {"format": "dienchau-store-draft", "format_version": 1, "saved_at": …, "hash": …,
     "summary": {…what the list shows…}, "content": {…the draft file format…}}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from dienchau_desktop.draft import (
    DRAFT_FORMAT,
    DRAFT_FORMAT_VERSION,
    Draft,
    DraftError,
    draft_from_dict,
    now_iso,
)
from dienchau_desktop.store.files import AtomicJSONStorage, DamagedFileError
from dienchau_desktop.store.history import VersionFile, content_hash, list_versions, version_name
from dienchau_desktop.store.records import Record, describe

STORE_FORMAT = "dienchau-store"
STORE_FORMAT_VERSION = 1
DRAFT_DOC_FORMAT = "dienchau-store-draft"
DRAFT_DOC_VERSION = 1

DRAFTS_DIR = "ban-nhap"
TRASH_DIR = "thung-rac"
HONG_DIR = "hong"
SETTINGS_FILE = "cai-dat.json"
INDEX_FILE = "muc-luc.json"

DRAFT_TABLE = "draft"
DOC_ID = 1
NEWER = "tệp được lưu bằng phiên bản chương trình mới hơn; hãy cập nhật chương trình để mở"


@dataclass(frozen=True)
class NewVersion:
    """A version about to be written: its file name and its document."""

    name: str
    doc: dict[str, Any]


def new_version(
    draft: Draft,
    content: dict[str, Any],
    digest: str,
    facts: dict[str, int] | None,
    previous: Record | None,
    seq: int,
    now: datetime,
) -> NewVersion:
    """The document of version ``seq`` of ``draft`` (``content`` is its ``to_dict()``, whose
    ``meta.updated`` is set here), saved at ``now``."""
    updated = now_iso()
    content["meta"]["updated"] = updated
    summary = describe(draft, digest, facts, previous)
    summary["updated"] = updated
    doc = {
        "format": DRAFT_DOC_FORMAT,
        "format_version": DRAFT_DOC_VERSION,
        "saved_at": now.isoformat(timespec="milliseconds"),
        "hash": digest,
        "summary": summary,
        "content": content,
    }
    return NewVersion(version_name(seq, now, digest), doc)


def open_db(path: Path, *, readonly: bool = False) -> TinyDB:
    """A TinyDB database on ``path`` written atomically (see :class:`AtomicJSONStorage`)."""
    return TinyDB(path, storage=AtomicJSONStorage, readonly=readonly)


def write_doc(path: Path, doc: dict[str, Any]) -> None:
    """Write a new version file holding ``doc`` (``OSError`` when the disk refuses)."""
    open_db(path).table(DRAFT_TABLE).insert(Document(doc, doc_id=DOC_ID))


def read_doc(path: Path, *, verify: bool = True) -> dict[str, Any]:
    """The document of one saved version, checked enough to trust its summary.

    Raises :class:`FileNotFoundError` when there is no file and :class:`DamagedFileError` when
    it is not a version file this program can read (empty, cut short, garbage, newer format) or,
    with ``verify``, when its content no longer matches the hash saved with it.
    """
    try:
        doc = open_db(path, readonly=True).table(DRAFT_TABLE).get(doc_id=DOC_ID)
    except (TypeError, ValueError, AttributeError) as exc:
        raise DamagedFileError("tệp không có cấu trúc dữ liệu của chương trình") from exc
    if doc is None:
        if not path.exists():
            raise FileNotFoundError(path)
        raise DamagedFileError("tệp không chứa bản nháp nào")
    if doc.get("format") != DRAFT_DOC_FORMAT:
        raise DamagedFileError("tệp không phải bản nháp của chương trình")
    version = doc.get("format_version")
    if type(version) is not int or version < 1:
        raise DamagedFileError("tệp thiếu số phiên bản định dạng hợp lệ")
    if version > DRAFT_DOC_VERSION:
        raise DamagedFileError(NEWER)
    content = doc.get("content")
    if not isinstance(content, dict) or content.get("format") != DRAFT_FORMAT:
        raise DamagedFileError("tệp không chứa nội dung bản nháp")
    content_version = content.get("format_version")
    if type(content_version) is int and content_version > DRAFT_FORMAT_VERSION:
        raise DamagedFileError(NEWER)
    if verify and doc.get("hash") != content_hash(content):
        raise DamagedFileError(
            "nội dung tệp không khớp với mã kiểm tra lưu kèm (tệp hỏng trên đĩa)"
        )
    return dict(doc)


def draft_of(doc: dict[str, Any], draft_id: str) -> Draft:
    """The draft in a version document, fully checked (:class:`DamagedFileError` if not)."""
    try:
        draft = draft_from_dict(doc["content"])
    except DraftError as exc:
        raise DamagedFileError(str(exc).rstrip(".")) from exc
    draft.meta["draft_id"] = draft_id
    return draft


def good_versions(
    folder: Path, draft_id: str, on_bad: Callable[[Path, str], object] | None = None
) -> Iterator[tuple[VersionFile, dict[str, Any], Draft]]:
    """(version, document, draft) of each readable version of a draft, newest first.

    ``on_bad(path, reason)`` is called for each version that cannot be read (e.g. to set it
    aside); versions that vanish or cannot be opened are skipped.
    """
    try:
        versions = list_versions(folder)
    except OSError:
        return
    for v in versions:
        path = folder / v.name
        try:
            doc = read_doc(path)
            draft = draft_of(doc, draft_id)
        except DamagedFileError as exc:
            if on_bad is not None:
                on_bad(path, exc.reason)
            continue
        except OSError:
            continue
        yield v, doc, draft

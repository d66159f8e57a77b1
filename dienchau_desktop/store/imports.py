"""Draft files in and out of the store: import (checked fully first) and export.

An import never overwrites a draft: one whose id is already in the store (or its trash) gets a
new id. Besides the exchange format, an import takes a version file of the store itself (e.g.
one set aside in ``hong/``), so that a file kept aside can always be brought back by hand.
"""

from __future__ import annotations

from pathlib import Path

from dienchau_desktop.atomic import atomic_write
from dienchau_desktop.datafile import DRAFT_ID_RE, template_path
from dienchau_desktop.draft import (
    MAX_FILE_BYTES,
    Draft,
    DraftError,
    draft_from_dict,
    new_draft_id,
    read_draft_file,
)
from dienchau_desktop.store.core import StoreCore
from dienchau_desktop.store.docs import DOC_ID, DRAFT_DOC_FORMAT, DRAFT_DOC_VERSION, DRAFT_TABLE
from dienchau_desktop.store.errors import write_error
from dienchau_desktop.store.files import DamagedFileError, parse_store_bytes


def read_import_file(path: Path) -> Draft:
    """A draft file to import, fully checked; :class:`DraftError` when it is refused.

    Accepts the exchange format and also a version file of the store itself (e.g. one set
    aside in ``hong/``). A draft of a form this program does not have is refused. Nothing is
    written.
    """
    try:
        draft = read_draft_file(path)
    except DraftError as first:
        unwrapped = _unwrap_store_file(path)
        if unwrapped is None:
            raise first from None
        draft = unwrapped
    form = template_path(draft.template_id)
    if form is None or not form.is_file():
        raise DraftError(
            f"Tệp nháp dùng mẫu báo cáo “{draft.template_id}” mà phiên bản chương trình này "
            "không có; hãy cập nhật chương trình."
        )
    return draft


def _unwrap_store_file(path: Path) -> Draft | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES + 64 * 1024:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    if DRAFT_DOC_FORMAT.encode() not in raw:
        return None
    try:
        data = parse_store_bytes(raw)
    except DamagedFileError:
        return None
    table = data.get(DRAFT_TABLE) if isinstance(data, dict) else None
    doc = table.get(str(DOC_ID)) if isinstance(table, dict) else None
    if not isinstance(doc, dict) or doc.get("format") != DRAFT_DOC_FORMAT:
        return None
    version = doc.get("format_version")
    if type(version) is not int or version > DRAFT_DOC_VERSION:
        return None
    return draft_from_dict(doc.get("content"))


class ImportMixin(StoreCore):
    """:meth:`import_file`, :meth:`export`."""

    def import_file(self, path: Path) -> str:
        """Add a draft file to the store as a new draft; returns its id.

        The file is checked fully first (shape, types, sizes; an oversized file is refused before
        it is read); a refusal raises :class:`DraftError` and changes nothing. A draft whose id is
        already in the store (or its trash) gets a new id: an import never overwrites a draft.
        """
        self._require_writer()
        draft = read_import_file(Path(path))
        with self._mutex:
            taken = (
                draft.id in self._damaged
                or self._folder(draft.id).exists()
                or (self._trash / draft.id).exists()
            )
            if taken or not DRAFT_ID_RE.match(draft.id):
                draft.meta["draft_id"] = new_draft_id()
            self.save(draft)
            return draft.id

    def export(self, draft_id: str, path: Path) -> None:
        """Write a draft to a draft file (atomically; an existing file is replaced whole)."""
        draft = self.load(draft_id)
        target = Path(path)
        try:
            # A file to hand on to others: ordinary permissions, not the store's private ones.
            atomic_write(target, draft.to_json().encode("utf-8"))
        except OSError as exc:
            raise write_error(
                exc, f"chưa xuất được bản nháp ra “{target}”", target.parent, kept=False
            ) from exc

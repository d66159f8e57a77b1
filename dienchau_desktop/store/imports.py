"""Draft files in and out of the store: import (checked fully first) and export.

An import never overwrites a draft: one whose id is already in the store (or its trash) gets a
new id. Besides the exchange format, an import takes a version file of the store itself (e.g.
one set aside in ``hong/``), so that a file kept aside can always be brought back by hand.

Many drafts are imported all or none, even if the program is killed half-way:
:meth:`ImportMixin.import_drafts` writes them into a staging folder of the data directory
(``.nhap-<random>.dienchau-tmp``), then writes its marker file ``xong`` (the one step that
commits the batch), then moves each draft's folder into ``ban-nhap``. When the writer next opens
the data, a staging folder with its marker is moved in the rest of the way; one without is an
import that never committed and is removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dienchau_desktop.atomic import PRIVATE, atomic_write, fsync_dir, replace
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

if TYPE_CHECKING:
    from dienchau_desktop.store.docs import NewVersion
from dienchau_desktop.store.docs import (
    DOC_ID,
    DRAFT_DOC_FORMAT,
    DRAFT_DOC_VERSION,
    DRAFT_TABLE,
    new_version,
    write_doc,
)
from dienchau_desktop.store.errors import StoreError, write_error
from dienchau_desktop.store.files import DamagedFileError, parse_store_bytes
from dienchau_desktop.store.history import content_hash


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


STAGE_RE = re.compile(r"^\.nhap-[0-9a-f]{16}\.dienchau-tmp$")
COMMIT_MARK = "xong"


class ImportMixin(StoreCore):
    """:meth:`import_file`, :meth:`import_drafts`, :meth:`export`."""

    if TYPE_CHECKING:

        def _saved(self, draft: Draft, new: NewVersion) -> None: ...

    def import_file(self, path: Path) -> str:
        """Add a draft file to the store as a new draft; returns its id.

        The file is checked fully first (shape, types, sizes; an oversized file is refused before
        it is read); a refusal raises :class:`DraftError` and changes nothing. A draft whose id is
        already in the store (or its trash) gets a new id: an import never overwrites a draft.
        """
        return self.import_drafts([(read_import_file(Path(path)), None)])[0]

    def import_drafts(self, drafts: Sequence[tuple[Draft, dict[str, int] | None]]) -> list[str]:
        """Add drafts (each with its list facts, or None) as new drafts, all or none; their ids.

        A draft whose id is taken (in the store, its trash or earlier in the batch) gets a new
        one. Raises :class:`StoreWriteError` when the disk refuses: then nothing was added.
        """
        self._require_writer()
        with self._mutex:
            stage = self.data_dir / f".nhap-{secrets.token_hex(8)}.dienchau-tmp"
            now = datetime.now(UTC)
            written: list[tuple[Draft, NewVersion]] = []
            try:
                stage.mkdir(mode=0o700)
                for draft, facts in drafts:
                    if not DRAFT_ID_RE.match(draft.id) or self._id_taken(draft.id, written):
                        draft.meta["draft_id"] = new_draft_id()
                    content = draft.to_dict()
                    new = new_version(draft, content, content_hash(content), facts, None, 1, now)
                    (stage / draft.id).mkdir()
                    write_doc(stage / draft.id / new.name, new.doc)
                    written.append((draft, new))
                atomic_write(stage / COMMIT_MARK, b"", mode=PRIVATE)  # the batch is committed
            except OSError as exc:
                with contextlib.suppress(OSError):
                    shutil.rmtree(stage)
                raise write_error(
                    exc,
                    "chưa nhập được các tệp; dữ liệu đã lưu không thay đổi",
                    self.data_dir,
                    kept=False,
                ) from exc
            self._move_in(stage)
            for draft, new in written:
                self._saved(draft, new)
            return [draft.id for draft, _ in written]

    def _id_taken(self, draft_id: str, written: Sequence[tuple[Draft, NewVersion]]) -> bool:
        return (
            draft_id in self._damaged
            or self._folder(draft_id).exists()
            or (self._trash / draft_id).exists()
            or any(d.id == draft_id for d, _ in written)
        )

    def _move_in(self, stage: Path) -> None:
        """Move a committed batch's drafts into the drafts folder, then remove the stage.

        Also finishes a batch whose moving was cut short (what was moved in is no longer in
        the stage). A move the disk refuses is left for the next opening to finish.
        """
        try:
            names = sorted(n for n in os.listdir(stage) if DRAFT_ID_RE.match(n))
            for name in names:
                target = self._folder(name)
                if target.exists():  # taken since (by hand): the draft comes in under a new id
                    target = self._folder(new_draft_id())
                replace(stage / name, target)
            fsync_dir(self._drafts)
            os.unlink(stage / COMMIT_MARK)
            shutil.rmtree(stage)
        except OSError as exc:
            raise StoreError(
                "Các bản nháp đã được nhập nhưng chưa chuyển xong vào danh sách; chúng sẽ hiện "
                f"ra khi mở lại chương trình ({exc.strerror or exc})."
            ) from exc

    def _finish_imports(self) -> None:
        """At the writer's opening: finish committed batches, remove uncommitted ones."""
        try:
            names = [n for n in os.listdir(self.data_dir) if STAGE_RE.match(n)]
        except OSError:
            return
        for name in names:
            stage = self.data_dir / name
            if (stage / COMMIT_MARK).is_file():
                with contextlib.suppress(StoreError):
                    self._move_in(stage)
            else:
                with contextlib.suppress(OSError):
                    shutil.rmtree(stage)

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

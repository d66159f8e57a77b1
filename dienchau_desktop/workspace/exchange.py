"""What comes into a data folder and goes out of it besides drafts: Word reports, roll-ups.

A mixin of :class:`~dienchau_desktop.workspace.Workspace`: importing files (a draft file or a
Word report, all checked before any is added) and the province's roll-up of many reports.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dienchau_desktop.draft import EXAMPLE_DRAFT_ID, Draft
from dienchau_desktop.store import DraftStore, DraftSummary, read_import_file
from dienchau_desktop.template import Template

if TYPE_CHECKING:
    from dienchau_desktop.rollup.tally import Rollup
    from dienchau_desktop.word.reader import WordImport


@dataclass
class Incoming:
    """A file read for import: its draft, and for a Word report what was placed where."""

    path: str
    draft: Draft
    word: WordImport | None = None


class Exchange:
    """Imports and the roll-up; ``self`` is the :class:`Workspace`."""

    if TYPE_CHECKING:  # what the mixin uses of the Workspace

        @property
        def store(self) -> DraftStore: ...

        def template(self, template_id: str = "") -> Template: ...

        def save(self, draft: Draft) -> None: ...

        def summaries(self) -> list[DraftSummary]: ...

        def resolve(self, draft_id: str, *, in_trash: bool = False) -> str: ...

    @staticmethod
    def is_word_file(path: str | os.PathLike[str]) -> bool:
        """A Word report to bring in (.docx; a .doc is taken too, to be refused with a reason)."""
        return Path(path).suffix.lower() in (".docx", ".doc")

    def read_word(self, path: str | os.PathLike[str], template_id: str = "") -> WordImport:
        """A Word report read into a new draft of a form (the default one), not yet saved.

        ``WordImportError`` (a ``DraftError``) says why a file is refused.
        """
        from dienchau_desktop.word.reader import read_word

        return read_word(Path(path), self.template(template_id), name=Path(path).name)

    def read_imports(
        self, paths: Sequence[str | os.PathLike[str]]
    ) -> tuple[list[Incoming], list[tuple[str, str]]]:
        """Every file read and checked, nothing changed: what can be imported, and the files
        that cannot, each with the reason."""
        from dienchau_desktop.draft import DraftError

        incoming, refused = [], []
        for path in paths:
            try:
                if self.is_word_file(path):
                    word = self.read_word(path)
                    incoming.append(Incoming(str(path), word.draft, word))
                else:
                    incoming.append(Incoming(str(path), read_import_file(Path(path))))
            except DraftError as exc:
                refused.append((str(path), str(exc)))
        return incoming, refused

    def import_all(self, incoming: Sequence[Incoming]) -> None:
        """Add what :meth:`read_imports` read as new drafts, all or none (each ``draft`` then
        has its id in the store)."""
        self.store.import_drafts([(item.draft, None) for item in incoming])

    def import_file(self, path: str | os.PathLike[str]) -> str:
        """A draft file, or a Word report, added as a new draft; its id."""
        if self.is_word_file(path):
            return self.import_word(path).draft.id
        return self.store.import_file(Path(path))

    def import_word(self, path: str | os.PathLike[str], template_id: str = "") -> WordImport:
        """A Word report added as a new draft; what was placed where (``.draft`` is saved)."""
        result = self.read_word(path, template_id)
        self.import_all([Incoming(str(path), result.draft, result)])
        return result

    # --- the province's side ---------------------------------------------------------------------

    def rollup(
        self,
        paths: Sequence[str | os.PathLike[str]] = (),
        *,
        draft_ids: Sequence[str] = (),
        all_drafts: bool = False,
        template_id: str = "",
    ) -> Rollup:
        """Many reports tallied against a form (the default one): files, folders, zips and Word
        reports at ``paths``, and drafts of the store (``draft_ids``, or all but the example).

        What could not be read is in ``Rollup.refused``; nothing is written anywhere.
        """
        from dienchau_desktop.rollup.sources import gather
        from dienchau_desktop.rollup.tally import Entry, tally
        from dienchau_desktop.word.reader import read_word

        template = self.template(template_id)
        found = gather(paths, lambda data, name: read_word(data, template, name=name).draft)
        if all_drafts:
            ids = [s.id for s in self.summaries() if s.id != EXAMPLE_DRAFT_ID]
        else:
            ids = [self.resolve(i) for i in draft_ids]
        for draft_id in ids:
            draft = self.store.load(draft_id)
            found.entries.append(Entry(draft, f"kho: {draft.title} ({draft_id[:8]})"))
        result = tally(found.entries, template)
        result.refused, result.skipped = found.refused, found.skipped
        return result

    def write_rollup(
        self,
        rollup: Rollup,
        *,
        xlsx: str | os.PathLike[str] | None = None,
        pdf: str | os.PathLike[str] | None = None,
    ) -> None:
        """The tally written to an Excel workbook and/or a printed summary (each atomically)."""
        from dienchau_desktop.rollup.output import write_outputs

        write_outputs(rollup, xlsx=xlsx, pdf=pdf)

"""The data folder as both faces use it: drafts, forms, layouts, settings, printing.

:class:`Workspace` is the one way in for the GUI and the command line. It owns the store (opened
on first use, for writing or read-only), finds forms and layout profiles (a profile in
``<data>/layouts/`` wins over the bundled one, for every copy printed), creates drafts (new, from
an earlier one, duplicate, import, example), remembers what is carried from one report to the
next (general information, the last position) and opens a :class:`DraftSession` on a draft.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from dienchau_desktop.draft import (
    EXAMPLE_DRAFT_ID,
    Draft,
    example_draft,
    new_draft,
    read_draft_file,
    write_draft_file,
)
from dienchau_desktop.paths import user_data_dir
from dienchau_desktop.store import (
    DamagedDraft,
    DraftStore,
    DraftSummary,
    HistoryEntry,
)
from dienchau_desktop.template import DEFAULT_TEMPLATE_ID, Template, TemplateError, load_template
from dienchau_desktop.validation import Problem, validate
from dienchau_desktop.workspace import carryover
from dienchau_desktop.workspace.exchange import Exchange
from dienchau_desktop.workspace.session import DraftSession
from dienchau_desktop.workspace.summary import EMPTY_FACTS, ListFacts, list_facts

REMEMBERED_META_SETTING = "remembered_meta"
LAST_POSITION_SETTING = "last_position"


class Workspace(Exchange):
    """One data folder. ``readonly`` opens the store for reading only (works beside a writer)."""

    def __init__(
        self, data_dir: str | os.PathLike[str] | None = None, *, readonly: bool = False
    ) -> None:
        self.data_dir = user_data_dir(data_dir)
        self.readonly = readonly
        self._store: DraftStore | None = None
        self._dismissed: set[str] = set()

    # --- the store -----------------------------------------------------------------------------

    @property
    def store(self) -> DraftStore:
        """The draft store, opened on first use (StoreLockedError when another copy writes)."""
        if self._store is None:
            self._store = DraftStore(self.data_dir, readonly=self.readonly, summarize=self.facts)
        return self._store

    def open_store(self) -> DraftStore:
        """Open the store now (the GUI does this right after its window shows)."""
        return self.store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def close(self) -> None:
        if self._store is not None:
            store, self._store = self._store, None
            store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- forms and layouts ---------------------------------------------------------------------

    def template(self, template_id: str = "") -> Template:
        """The form with this id (the default form when blank); TemplateError if there is none."""
        return load_template(template_id or DEFAULT_TEMPLATE_ID)

    def template_for(self, draft: Draft) -> Template:
        """The form a draft was written on; TemplateError saying which, when it is missing."""
        try:
            return self.template(draft.template_id)
        except TemplateError as exc:
            raise TemplateError(f"Bản nháp dùng mẫu báo cáo “{draft.template_id}”: {exc}") from exc

    @staticmethod
    def default_layout_name() -> str:
        """The layout profile printed with when none is chosen (the Party's, ``party-hd36``)."""
        from dienchau_desktop.pdf import DEFAULT_LAYOUT

        return DEFAULT_LAYOUT

    layout_notice: str = ""  # why the data folder's own profile was not used, or ""

    def layout(self, name: str = "") -> Any:
        """The layout profile ``name`` (default: the Party's), the data folder's copy first.

        When the data folder's copy of a bundled profile is refused, the bundled profile is
        used instead and :attr:`layout_notice` says so, naming the file and its mistakes (the
        command line warns with it, the print page shows it). A profile given by its path, or
        with no bundled one of its name, is refused: LayoutError.
        """
        layout, self.layout_notice = layout_or_bundled(
            name or self.default_layout_name(), self.data_dir
        )
        return layout

    # --- checking and printing -----------------------------------------------------------------

    def problems(self, draft: Draft) -> list[Problem]:
        return validate(draft, self.template_for(draft))

    def facts(self, draft: Draft) -> ListFacts:
        """What the drafts list shows about a draft (the store asks this; never the reverse)."""
        try:
            template = self.template_for(draft)
        except TemplateError:
            return dict(EMPTY_FACTS)
        return list_facts(draft, template=template)

    @staticmethod
    def output_kind(path: str | os.PathLike[str]) -> str:
        """What a copy written to ``path`` is: ``"docx"`` for a .docx name, else ``"pdf"``."""
        return "docx" if Path(path).suffix.lower() == ".docx" else "pdf"

    def render(
        self, draft: Draft, *, final: bool = False, layout: Any = None, kind: str = "pdf"
    ) -> bytes:
        """The report as PDF (or, ``kind="docx"``, Word) bytes, in this data folder's layout.

        ``layout`` may be a loaded profile or a profile name / file path. The final copy raises
        ``FinalRefusedError`` while the draft has errors, in either format.
        """
        if layout is None or isinstance(layout, str):
            layout = self.layout(layout or "")
        template = self.template_for(draft)
        if kind == "docx":
            from dienchau_desktop.word import render_docx

            return render_docx(draft, template=template, layout=layout, final=final)
        from dienchau_desktop.pdf import render_pdf

        return render_pdf(draft, template=template, layout=layout, final=final)

    def write_render(
        self, draft: Draft, path: str | os.PathLike[str], *, final: bool = False, layout: Any = None
    ) -> None:
        """Print to a file, PDF or Word by its name, written atomically (as it was, or whole)."""
        from dienchau_desktop.atomic import atomic_write

        data = self.render(draft, final=final, layout=layout, kind=self.output_kind(path))
        atomic_write(path, data)

    # --- reading drafts ------------------------------------------------------------------------

    def read_file(self, path: str | os.PathLike[str]) -> Draft:
        """A draft file (DraftError when it is not one)."""
        return read_draft_file(path)

    def example(self) -> Draft:
        return example_draft()

    def write_example(self, path: str | os.PathLike[str]) -> None:
        write_draft_file(example_draft(), path)

    def write_file(self, draft: Draft, path: str | os.PathLike[str]) -> None:
        """A draft in memory written to a draft file, atomically (e.g. one that cannot be saved)."""
        write_draft_file(draft, path)

    def resolve(self, draft_id: str, *, in_trash: bool = False) -> str:
        return self.store.resolve(draft_id, in_trash=in_trash)

    def load(self, draft_id: str) -> Draft:
        """A stored draft by id or a unique beginning of its id."""
        return self.store.load(self.store.resolve(draft_id))

    def summaries(self) -> list[DraftSummary]:
        return self.store.list()

    def summary(self, draft_id: str) -> DraftSummary | None:
        return next((s for s in self.store.list() if s.id == draft_id), None)

    def title_of(self, draft_id: str, default: str = "") -> str:
        found = self.summary(draft_id)
        return found.title if found is not None else default

    def trash(self) -> list[DraftSummary]:
        return self.store.trash()

    def damaged(self) -> list[DamagedDraft]:
        return self.store.damaged()

    def notices(self) -> list[str]:
        """What the user should know about the data, less what they have already dismissed."""
        return [n for n in self.store.notices() if n not in self._dismissed]

    def dismiss_notice(self, text: str) -> None:
        """The user has read this notice: it is not shown again while the data stays open."""
        self._dismissed.add(text)

    def history(self, draft_id: str) -> list[HistoryEntry]:
        return self.store.history(draft_id)

    def load_version(self, draft_id: str, version: str) -> Draft:
        return self.store.load_version(draft_id, version)

    # --- changing drafts -----------------------------------------------------------------------

    def save(self, draft: Draft, facts: ListFacts | None = None) -> None:
        self.store.save(draft, facts=facts)

    def new_draft(self, template_id: str = "") -> Draft:
        """A new empty report, filled with the general information remembered; saved."""
        template = self.template(template_id)
        draft = carryover.apply_remembered(new_draft(template), self.remembered_meta(), template)
        self.save(draft)
        return draft

    def new_from(self, draft_id: str) -> Draft:
        """A report for the next period made from an earlier one; saved."""
        earlier = self.store.load(draft_id)
        draft = carryover.carry_over(earlier, self.template_for(earlier))
        self.save(draft)
        return draft

    def duplicate(self, draft_id: str) -> Draft:
        """A copy of a stored draft under a new id, “(bản sao)”; saved."""
        draft = carryover.duplicate(self.store.load(draft_id))
        self.save(draft)
        return draft

    def ensure_example(self) -> str:
        """The example report in the store (added the first time); its id."""
        if not any(s.id == EXAMPLE_DRAFT_ID for s in self.store.list()):
            self.save(example_draft())
        return EXAMPLE_DRAFT_ID

    def export(self, draft_id: str, path: str | os.PathLike[str]) -> None:
        self.store.export(draft_id, Path(path))

    def delete(self, draft_id: str) -> None:
        self.store.delete(draft_id)

    def restore(self, draft_id: str) -> str:
        return self.store.restore(draft_id)

    def restore_version(self, draft_id: str, version: str) -> None:
        self.store.restore_version(draft_id, version)

    def recover(self, draft_id: str) -> Draft:
        return self.store.recover(draft_id)

    # --- editing -------------------------------------------------------------------------------

    def open(self, draft_id: str) -> DraftSession:
        """A session on a stored draft; its saves go to the store."""
        draft = self.store.load(draft_id)
        return self.session(draft)

    def session(self, draft: Draft) -> DraftSession:
        """A session on a draft in memory (saved to the store when the store is writable)."""
        save = None if self.readonly else self.save
        return DraftSession(draft, self.template_for(draft), save=save)

    def finish(self, session: DraftSession) -> None:
        """After a draft is closed: remember its general information for the next new report.

        The example report is not one of the commune's own and teaches nothing.
        """
        if session.draft.id == EXAMPLE_DRAFT_ID:
            return
        remembered = carryover.remembered_meta(session.draft, session.template)
        if remembered:
            self.set_setting(REMEMBERED_META_SETTING, remembered)

    # --- settings ------------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None, kind: Any = None) -> Any:
        """A setting, ``default`` when what is stored is not of its kind (see the store's)."""
        return self.store.get_setting(key, default, kind)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting (written only when it changed)."""
        if self.store.get_setting(key, None) != value:
            self.store.set_setting(key, value)

    def remembered_meta(self) -> Any:
        return self.get_setting(REMEMBERED_META_SETTING, None, dict)

    def last_position(self) -> Any:
        return self.get_setting(LAST_POSITION_SETTING, None, dict)

    def set_last_position(self, position: dict[str, Any]) -> None:
        self.set_setting(LAST_POSITION_SETTING, position)


_NOTICE_MISTAKES = 5  # mistakes of a refused profile listed in the notice


def layout_or_bundled(name: str, data_dir: Path) -> tuple[Any, str]:
    """The profile ``name`` and a notice: "" or, when the data folder's copy was refused and
    the bundled one is used instead, what was wrong with it and what to do (Vietnamese)."""
    from dienchau_desktop.layout import (
        LayoutError,
        bundled_layout_path,
        layout_path,
        load_layout,
        load_layout_file,
    )

    try:
        return load_layout(name, data_dir=data_dir), ""
    except LayoutError as exc:
        bundled = bundled_layout_path(name)
        try:
            own = layout_path(name, data_dir=data_dir)
        except LayoutError:
            own = None
        if bundled is None or own is None or own == bundled:
            raise
        layout = load_layout_file(bundled)
        return layout, _refused_notice(own, str(exc))


def _refused_notice(path: Path, reasons: str) -> str:
    lines = [line for line in reasons.splitlines()[1:] if line.strip()] or [reasons]
    if len(lines) > _NOTICE_MISTAKES:
        more = len(lines) - _NOTICE_MISTAKES
        lines = [*lines[:_NOTICE_MISTAKES], f"… và {more} lỗi khác"]
    listed = "\n".join(f"- {line}" for line in lines)
    return (
        f"Tệp bố cục trang in “{path}” có lỗi nên không dùng được; "
        "đang dùng bố cục mặc định của chương trình.\n"
        f"{listed}\n"
        "Hãy sửa các lỗi trên trong tệp đó, hoặc xoá tệp để luôn dùng bố cục mặc định."
    )

"""One open draft with its form: every edit, check and state a face shows, without Qt.

The GUI's widgets send what the user did (:meth:`DraftSession.set_text`, :meth:`set_figure`,
:meth:`set_meta`, the extra evidence lines, :meth:`paste`) and show what the session says
(:meth:`problems`, :meth:`question_problems`, :meth:`section_state`, :meth:`progress`). Text is
cleaned once, here, on its way into the draft: typed text with ``clean_text`` / ``clean_line``,
pasted text with ``clean_pasted`` first (markup out, the old TCVN3/VNI fonts converted). The draft
holds what the user typed; a wrong figure is kept and flagged, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from dienchau_desktop.dates import to_iso
from dienchau_desktop.draft import Draft, ExtraFigure
from dienchau_desktop.template import Template
from dienchau_desktop.textclean import clean_line, clean_pasted, clean_text
from dienchau_desktop.validation import (
    Problem,
    progress,
    question_complete,
    validate,
    validate_question,
)
from dienchau_desktop.workspace.summary import ListFacts, list_facts

# Page keys shared by both faces: the general information, one per section.
META_KEY = "meta"
SECTION_PREFIX = "section:"

DONE = "done"
MISSING = "missing"
ERROR = "error"
NONE = "none"

Saver = Callable[[Draft, ListFacts | None], None]


def section_key(section_id: str) -> str:
    return f"{SECTION_PREFIX}{section_id}"


class DraftSession:
    """The rules of editing one draft. ``save`` writes it (the workspace's store), if any."""

    def __init__(
        self,
        draft: Draft,
        template: Template,
        *,
        save: Saver | None = None,
        today: date | None = None,
    ) -> None:
        self.draft = draft
        self.template = template
        self._save = save
        self._today = today
        self.revision = 0
        self._saved_revision = 0
        self._problems: list[Problem] | None = None
        self._problems_revision = -1

    # --- edits ---------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.revision += 1

    def paste(self, text: str, *, multiline: bool) -> str:
        """What pasted text becomes before it is inserted: markup out, old fonts converted.

        ``text`` may be HTML (from Word or a web page) or plain text. One line for one-line fields.
        """
        cleaned = clean_pasted(text)
        return cleaned if multiline else clean_line(cleaned)

    def set_text(self, question_id: str, text: str) -> str:
        """The narrative answer of a question, as typed (cleaned); returns the stored text."""
        value = clean_text(text)
        answer = self.draft.answer(question_id)
        if answer.text != value:
            answer.text = value
            self._changed()
        return value

    def set_note(self, question_id: str, text: str) -> str:
        value = clean_text(text)
        answer = self.draft.answer(question_id)
        if answer.note != value:
            answer.note = value
            self._changed()
        return value

    def set_figure(self, question_id: str, figure_id: str, text: str) -> str:
        """An evidence figure as typed; kept even when it cannot be read (then flagged)."""
        value = clean_line(text)
        figures = self.draft.answer(question_id).figures
        if figures.get(figure_id, "") != value:
            figures[figure_id] = value
            self._changed()
        return value

    def set_meta(self, key: str, value: str | Sequence[str]) -> str | list[str]:
        """A general-information field: text, a date (stored ISO when it reads as one) or lines."""
        field = self.template.meta_field(key)
        stored: str | list[str]
        if field is not None and field.kind == "lines":
            lines = value.split("\n") if isinstance(value, str) else list(value)
            stored = [x for x in (clean_line(t) for t in lines) if x]
        else:
            text = value if isinstance(value, str) else "\n".join(value)
            stored = clean_line(text)
            if field is not None and field.kind == "date":
                stored = to_iso(stored)
        if self.draft.meta.get(key) != stored:
            self.draft.meta[key] = stored
            self._changed()
        return stored

    def extra_lines(self, question_id: str) -> list[ExtraFigure]:
        return self.draft.get_answer(question_id).extra_figures

    def add_extra(self, question_id: str) -> int:
        """A new empty evidence line under a question; returns its index."""
        extras = self.draft.answer(question_id).extra_figures
        extras.append(ExtraFigure())
        self._changed()
        return len(extras) - 1

    def set_extra(
        self, question_id: str, index: int, *, label: str | None = None, value: str | None = None
    ) -> None:
        extras = self.draft.answer(question_id).extra_figures
        if not 0 <= index < len(extras):
            return
        line = extras[index]
        new_label = line.label if label is None else clean_line(label)
        new_value = line.value if value is None else clean_line(value)
        if (new_label, new_value) != (line.label, line.value):
            line.label, line.value = new_label, new_value
            self._changed()

    def remove_extra(self, question_id: str, index: int) -> None:
        extras = self.draft.answer(question_id).extra_figures
        if 0 <= index < len(extras):
            del extras[index]
            self._changed()

    # --- checks --------------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every problem of the draft (computed once per revision)."""
        if self._problems is None or self._problems_revision != self.revision:
            self._problems = validate(self.draft, self.template, today=self._today)
            self._problems_revision = self.revision
        return self._problems

    def checked(self) -> bool:
        """Whether :meth:`problems` is up to date without validating again."""
        return self._problems is not None and self._problems_revision == self.revision

    def question_problems(self, question_id: str) -> list[Problem]:
        """The problems of one question, fresh, at the cost of checking that question only.

        The same list the whole check gives for it: a field shows this while typing and the whole
        check later, and the two agree (nothing flickers away and back).
        """
        if self.checked():
            return [p for p in self.problems() if p.question == question_id]
        return validate_question(self.draft, self.template, question_id)

    def filled(self, problem: Problem) -> bool:
        """Whether the field a problem is about has something in it (a wrong value, not none)."""
        if problem.field == "meta":
            value = self.draft.meta.get(problem.meta_key or "", "")
            return bool(value.strip()) if isinstance(value, str) else bool(value)
        answer = self.draft.get_answer(problem.question or "")
        if problem.field == "note":
            return bool(answer.note.strip())
        if problem.field == "figure" and problem.figure:
            if problem.figure.startswith("extra:"):
                return True
            return bool(answer.figures.get(problem.figure, "").strip())
        return bool(answer.text.strip())

    def meta_filled(self, key: str) -> bool:
        value = self.draft.meta.get(key, "")
        return bool(value.strip()) if isinstance(value, str) else bool(value)

    def section_state(self, key: str) -> str:
        """``done``, ``missing`` (something required is empty) or ``error``, for a page key."""
        problems = self.problems()
        if key == META_KEY:
            mine = [p for p in problems if p.field == "meta"]
            complete = not any(p.is_error and not self.filled(p) for p in mine)
        elif key.startswith(SECTION_PREFIX):
            section = self.template.section(key[len(SECTION_PREFIX) :])
            if section is None:
                return NONE
            qids = {q.id for q in section.questions}
            mine = [p for p in problems if p.question in qids]
            complete = all(question_complete(self.draft, q) for q in section.questions)
        else:
            return NONE
        if any(p.is_error and self.filled(p) for p in mine):
            return ERROR
        if not complete:
            return MISSING
        return ERROR if any(p.is_error for p in mine) else DONE

    def section_states(self) -> dict[str, str]:
        """The state of the general information and of every section, in the form's order."""
        keys = [META_KEY, *(section_key(s.id) for s in self.template.sections)]
        return {key: self.section_state(key) for key in keys}

    def progress(self) -> tuple[int, int]:
        """(answered questions, all questions)."""
        return progress(self.draft, self.template)

    def facts(self) -> ListFacts:
        """What the drafts list shows about this draft (from the current check)."""
        return list_facts(self.draft, self.problems(), self.template)

    # --- saving and closing --------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.revision != self._saved_revision

    def save(self) -> None:
        """Write the draft now (the store's errors propagate; the draft stays as it is)."""
        if self._save is None:
            self._saved_revision = self.revision
            return
        revision = self.revision
        facts = self.facts() if self.checked() else None
        self._save(self.draft, facts)
        self._saved_revision = revision

    def tidy(self) -> bool:
        """Drop the evidence lines left empty (name and value both blank); True if any went."""
        dropped = False
        for answer in self.draft.answers.values():
            kept = [e for e in answer.extra_figures if e.label.strip() or e.value.strip()]
            if len(kept) != len(answer.extra_figures):
                answer.extra_figures = kept
                dropped = True
        if dropped:
            self._changed()
        return dropped

    def close(self) -> None:
        """Tidy and save before the draft is closed (the store's errors propagate)."""
        self.tidy()
        if self.dirty:
            self.save()

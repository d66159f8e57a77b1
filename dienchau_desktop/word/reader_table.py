"""The report table back into answers: which row answers which question of the form.

The table is found by its header row (TT / Nội dung / Nội dung trả lời / Số liệu minh chứng /
Ghi chú, whatever the exact wording) and its columns are mapped by those words, so a table
without "Ghi chú" reads too. Below it:

- a section row has a Roman numeral in the TT cell (or leading the first cell, often merged
  across the row); a free-text section (V) takes the text of its row and the rows under it;
- a question row has its number in the TT cell ("1", "2.", "3)"). Numbers count within the
  section; where a number is blank, wrong or repeated, the prompt's words decide (the best
  unused question of the section, then of the whole form);
- a row with blank TT and prompt, or with only a piece of the question's prompt, continues the
  question above (Word users split long cells over two rows);
- anything else is kept: it goes to the nearest question's note and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dienchau_desktop.draft import Answer, Draft
from dienchau_desktop.figures import fold
from dienchau_desktop.printed import is_free_text
from dienchau_desktop.template import Question, Section, Template
from dienchau_desktop.textclean import clean_line, clean_text
from dienchau_desktop.word.reader_figures import place_figures, similarity, tokens
from dienchau_desktop.word.reader_text import Cell

PROMPT_MATCH = 0.55  # share of words a typed prompt must have in common with the form's
TITLE_MATCH = 0.6  # the same for a section's title
PART_OF_PROMPT = 0.8  # a row's prompt this much inside the question's: its continuation
ROLES = ("tt", "prompt", "answer", "figures", "note")
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})(?=$|[\s.:)\-–])[\s.:)\-–]*(?P<rest>.*)$", re.S)
_VALID_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_NUMBER = re.compile(r"^\s*(?:câu\s*)?(\d{1,3})\s*[.):]?\s*$", re.I)
_QUOTE_CHARS = 60
_HEADER_CHARS = 64  # "Nội dung trả lời (Tóm tắt kết quả/đánh giá)" has 45


def _role(text: str) -> str | None:
    """Which column a header cell names."""
    f = fold(text)
    if len(f) > _HEADER_CHARS:
        return None  # a cell of report text, however many header words it has
    if "ghi chu" in f:
        return "note"
    if "so lieu" in f or "minh chung" in f:
        return "figures"
    if "tra loi" in f or "ket qua" in f:
        return "answer"
    if re.fullmatch(r"(s\.?\s*)?tt|so (tt|thu tu)|thu tu", f.strip(" .:")):
        return "tt"
    if any(word in f for word in ("noi dung", "cau hoi", "tieu chi", "van de")):
        return "prompt"
    return None


def header_roles(row: Sequence[Cell]) -> dict[int, str] | None:
    """Grid column -> role, when ``row`` is the report table's header row; else None."""
    roles: dict[int, str] = {}
    seen: set[str] = set()
    for cell in row:
        role = _role(" ".join(cell.lines))
        if role is None or role in seen:
            continue
        seen.add(role)
        roles.update({col: role for col in range(cell.col, cell.col + cell.span)})
    if {"prompt", "answer"} <= seen and {"tt", "figures"} & seen:
        return roles
    return None


def question_label(question: Question) -> str:
    """How a question is called in messages: "II.3", or "V" for a section's own text."""
    if question.id == question.section_id:
        return question.id
    return f"{question.section_id}.{question.number}"


def _quote(lines: Sequence[str]) -> str:
    text = clean_line(" ".join(lines))
    return text if len(text) <= _QUOTE_CHARS else text[:_QUOTE_CHARS].rstrip() + "…"


def _roman_value(numeral: str) -> int:
    if not _VALID_ROMAN.match(numeral):
        return 0
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


class Collector:
    """What the file says for each question, gathered in order, and what could not be placed."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.text: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.figures: dict[str, list[str]] = {}
        self.last: Question | None = None  # the question most recently matched
        self.unplaced: list[str] = []

    def add(self, store: dict[str, list[str]], question: Question, lines: Sequence[str]) -> None:
        store.setdefault(question.id, []).extend(line for line in lines if line.strip())

    def put_aside(self, lines: Sequence[str], where: str, question: Question | None = None) -> None:
        """Text that fits nowhere: into the note of ``question`` (or the nearest one), reported."""
        lines = [line for line in lines if line.strip()]
        if not lines:
            return
        target = question or self.last or self.template.questions[0]
        self.add(self.notes, target, lines)
        self.unplaced.append(
            f"{where} (“{_quote(lines)}”) không khớp với mục nào của mẫu: "
            f"đã đưa vào ghi chú của câu {question_label(target)}."
        )

    def finish(self, draft: Draft) -> tuple[list[str], list[str]]:
        """Write the answers into ``draft``; the summary lines and the questions left empty."""
        placed: list[str] = []
        missing: list[str] = []
        for q in self.template.questions:
            answer = Answer(
                text=clean_text("\n".join(self.text.get(q.id, []))),
                note=clean_text("\n".join(self.notes.get(q.id, []))),
            )
            place_figures(q, answer, self.figures.get(q.id, []))
            if not answer.is_empty():
                draft.answers[q.id] = answer
                placed.append(f"{question_label(q)}: {_summary(answer)}")
            if not answer.text and not answer.figures and not answer.extra_figures:
                missing.append(question_label(q))
        return placed, missing


def _summary(answer: Answer) -> str:
    parts = []
    if answer.text:
        parts.append(f"câu trả lời ({len(answer.text.splitlines())} đoạn)")
    if answer.figures:
        parts.append(f"{len(answer.figures)} số liệu")
    if answer.extra_figures:
        parts.append(f"{len(answer.extra_figures)} số liệu khác")
    if answer.note:
        parts.append("ghi chú")
    return ", ".join(parts)


class TableReader:
    """Walks the report table's rows, matching each to a section and a question."""

    def __init__(self, template: Template, collector: Collector) -> None:
        self.template = template
        self.out = collector
        self.section: Section | None = None
        self.open: Question | None = None  # the question that the next rows may continue
        self.used: set[str] = set()

    def read(self, rows: Sequence[Sequence[Cell]], roles: dict[int, str]) -> None:
        for index, row in enumerate(rows, start=1):
            if header_roles(row) is not None or _column_numbers(row):
                continue  # the header (repeated on a later page), or a row "1 2 3 4 5"
            parts: dict[str, list[str]] = {role: [] for role in (*ROLES, "other")}
            for cell in row:
                parts[roles.get(cell.col, "other")].extend(cell.lines)
            if any(parts.values()):
                self._row(parts, f"Dòng {index} của bảng báo cáo")

    def _row(self, parts: dict[str, list[str]], where: str) -> None:
        found = self._section_row(parts)
        if found is not None:
            self._enter(*found, parts, where)
        elif self.section is not None and is_free_text(self.section):
            self._free_text(parts)
        else:
            self._question_row(parts, where)

    # --- sections ------------------------------------------------------------------------------

    def _section_row(self, parts: dict[str, list[str]]) -> tuple[Section, list[str]] | None:
        """The section a row heads, with the lines of the row's first cells after the title."""
        tt, prompt = parts["tt"], parts["prompt"]
        lines = tt + prompt
        m = _ROMAN.match(lines[0]) if lines else None
        if m is not None and (tt or m.group("rest")) and _roman_value(m.group("num")):
            rest = [m.group("rest")] if m.group("rest") else []
            section = self._section_by(m.group("num"), (rest + lines[1:] + [""])[0])
            return (section, _after_title(section, rest + lines[1:])) if section else None
        if tt or not prompt or parts["answer"] or parts["figures"]:
            return None
        section = self._section_by_title(prompt[0])
        return (section, _after_title(section, prompt)) if section else None

    def _section_by_title(self, heading: str) -> Section | None:
        words = tokens(heading)
        scored = [
            (similarity(words, tokens(s.title)), i) for i, s in enumerate(self.template.sections)
        ]
        score, index = max(scored, default=(0.0, 0))
        return self.template.sections[index] if score >= TITLE_MATCH else None

    def _section_by(self, numeral: str, heading: str) -> Section | None:
        sections = self.template.sections
        by_id = self.template.section(numeral)
        if by_id is None and _roman_value(numeral) <= len(sections):
            by_id = sections[_roman_value(numeral) - 1]
        by_title = self._section_by_title(heading) if heading else None
        if by_title is not None and (
            by_id is None or similarity(tokens(heading), tokens(by_id.title)) < TITLE_MATCH
        ):
            return by_title
        return by_id

    def _enter(
        self, section: Section, content: list[str], parts: dict[str, list[str]], where: str
    ) -> None:
        self.section, self.open = section, None
        rest = content + parts["answer"] + parts["figures"] + parts["note"] + parts["other"]
        if is_free_text(section):
            self._start(section.questions[0])
            self.out.add(self.out.text, section.questions[0], rest)
        else:
            self.out.put_aside(rest, where)

    def _free_text(self, parts: dict[str, list[str]]) -> None:
        """A row under a free-text section: all its text is the section's, but for a number
        and the form's own words ("Giải pháp, nhiệm vụ …") typed as if it had questions."""
        assert self.section is not None
        question = self.section.questions[0]
        prompt = " ".join(parts["prompt"])
        own_words = max(_inside(prompt, question.prompt), _inside(prompt, self.section.title))
        lines = [] if own_words >= PART_OF_PROMPT else parts["prompt"]
        lines += parts["answer"] + parts["figures"] + parts["note"] + parts["other"]
        head = " ".join(parts["tt"])
        if head and not _NUMBER.match(head):
            lines = [f"{head} {lines[0]}", *lines[1:]] if lines else [head]
        self._start(question)
        self.out.add(self.out.text, question, lines)

    # --- questions -----------------------------------------------------------------------------

    def _question_row(self, parts: dict[str, list[str]], where: str) -> None:
        tt = " ".join(parts["tt"])
        m = _NUMBER.match(tt)
        number = int(m.group(1)) if m else None
        prompt = " ".join(parts["prompt"] if m or not tt else [tt, *parts["prompt"]])
        question = self._match(number, prompt)
        if question is not None:
            self._start(question)
            self._content(question, parts, where)
        elif self._continues(number, prompt):
            assert self.open is not None
            self._content(self.open, parts, where)
        else:
            lines = [tt, *parts["prompt"], *parts["answer"], *parts["figures"], *parts["note"]]
            self.out.put_aside([*lines, *parts["other"]], where)

    def _match(self, number: int | None, prompt: str) -> Question | None:
        words = tokens(prompt)
        by_number = self._numbered(number)
        if by_number is not None and (
            not words or similarity(words, tokens(by_number.prompt)) >= PROMPT_MATCH
        ):
            return by_number
        return self._by_words(words) or by_number

    def _numbered(self, number: int | None) -> Question | None:
        """The unused question at ``number`` in the section; past the section's end (or before
        any section row) in the whole form, as some tables number straight through."""
        in_section = self.section.questions if self.section is not None else ()
        everything = self.template.questions
        if number is None or not 1 <= number <= max(len(in_section), len(everything)):
            return None
        questions = in_section if number <= len(in_section) else everything
        question = questions[number - 1]
        return question if question.id not in self.used else None

    def _by_words(self, words: frozenset[str]) -> Question | None:
        """The unused question with the most words in common: of this section, then any."""
        if not words:
            return None
        pools = [self.section.questions] if self.section is not None else []
        pools.append(tuple(self.template.questions))
        for pool in pools:
            scored = [
                (similarity(words, tokens(q.prompt)), -i, q)
                for i, q in enumerate(pool)
                if q.id not in self.used and not is_free_text(self._section_of(q))
            ]
            best = max(scored, key=lambda item: item[:2], default=None)
            if best is not None and best[0] >= PROMPT_MATCH:
                return best[2]
        return None

    def _section_of(self, question: Question) -> Section:
        section = self.template.section(question.section_id)
        assert section is not None
        return section

    def _continues(self, number: int | None, prompt: str) -> bool:
        """Whether a row that matched no question goes on with the open one."""
        if self.open is None or (number is not None and str(number) != self.open.number):
            return False
        return not tokens(prompt) or _inside(prompt, self.open.prompt) >= PART_OF_PROMPT

    def _start(self, question: Question) -> None:
        self.used.add(question.id)
        self.open = self.out.last = question
        self.section = self._section_of(question)

    def _content(self, question: Question, parts: dict[str, list[str]], where: str) -> None:
        self.out.add(self.out.text, question, parts["answer"])
        self.out.add(self.out.figures, question, parts["figures"])
        self.out.add(self.out.notes, question, parts["note"])
        self.out.put_aside(parts["other"], f"{where}, cột không có trong mẫu", question)


def _inside(text: str, other: str) -> float:
    """The share of the words of ``text`` that ``other`` has too (1.0 for an empty text)."""
    words = tokens(text)
    return len(words & tokens(other)) / len(words) if words else 1.0


def _after_title(section: Section, lines: list[str]) -> list[str]:
    """The lines of a section row after its title (which may run over several lines)."""
    if not lines:
        return []
    title = fold(section.title)
    heading, taken = lines[0], 1
    while taken < len(lines) and fold(heading) != title:
        longer = f"{heading} {lines[taken]}"
        if not title.startswith(fold(longer)):
            break
        heading, taken = longer, taken + 1
    return lines[taken:]


def _column_numbers(row: Sequence[Cell]) -> bool:
    """A row "1 | 2 | 3 | 4 | 5" numbering the columns under the header."""
    texts = [" ".join(c.lines).strip() for c in row if c.lines]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]

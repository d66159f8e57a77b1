"""Figure lines of the "Số liệu minh chứng" column back into a question's figures.

A line "label: value" goes to the figure whose label it names (accent-insensitive, exactly or by
the most words in common). A line without a label goes to the one unfilled figure its number
fits (a percentage to a percent figure, "8/8" to a ratio, a unit to the figure of that unit);
anything else stays with the question as an extra figure. No line is ever dropped, and a value
is kept as typed: one that does not read as a number is flagged later by validation.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from dienchau_desktop.draft import Answer, ExtraFigure
from dienchau_desktop.figures import FigureSyntaxError, Shape, fold, parse_figure, units_match
from dienchau_desktop.template import FigureSpec, Question
from dienchau_desktop.textclean import clean_line

LABEL_MATCH = 0.5  # share of words a typed label must have in common with the form's
# A bullet before the figure ("- ", "-Số", not "-5"), or a lone dash after it.
_BULLETS = re.compile(r"^\s*[-–—+•*]+(?=\s|[^\W\d_])\s*|\s+[-–—+•*]+\s*$")
_MISSING = re.compile(r"^[\s.…_\-–—]*$")  # the printed gap "……", or nothing at all
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def tokens(text: str) -> frozenset[str]:
    """The folded words of a text, for comparing typed text with the form's."""
    return frozenset(_WORD.findall(fold(text)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Words in common over the longer one's words: 1.0 for the same words, 0.0 for none."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def fold_same_length(text: str) -> str:
    """Lower case without marks, one character for each character of ``text`` (NFC), so that a
    position found in the folded text is the same position in the text."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[:1].lower()[:1] or ch
        out.append("d" if base == "đ" else base)
    return "".join(out)


def is_missing(value: str) -> bool:
    return _MISSING.match(value) is not None


def split_at_labels(line: str, specs: Sequence[FigureSpec]) -> list[str]:
    """A line holding several "label: value" figures one after another, cut before each label."""
    text = unicodedata.normalize("NFC", line)
    folded = fold_same_length(text)
    cuts: set[int] = set()
    for spec in specs:
        label = fold_same_length(unicodedata.normalize("NFC", spec.label.strip()))
        start = folded.find(label, 1) if label else -1
        while start > 0:
            after = folded[start + len(label) :].lstrip()
            if after.startswith(":") and not folded[start - 1].isalnum():
                cuts.add(start)
            start = folded.find(label, start + 1)
    bounds = [0, *sorted(cuts), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _label_spec(question: Question, answer: Answer, label: str) -> FigureSpec | None:
    folded = fold(label)
    exact = next((s for s in question.figures if fold(s.label) == folded), None)
    if exact is not None:
        return exact
    typed = tokens(label)
    scored = [
        (similarity(typed, tokens(s.label)), s.id not in answer.figures, s)
        for s in question.figures
    ]
    best = max(scored, key=lambda item: (item[0], item[1]), default=None)
    return best[2] if best is not None and best[0] >= LABEL_MATCH else None


def _fit(spec: FigureSpec, text: str) -> int:
    """How well a figure typed without a label fits ``spec``: 0 not at all, 2 by its unit."""
    if spec.kind == "text":
        return 0
    try:
        figure = parse_figure(text)
    except FigureSyntaxError:
        return 0
    if spec.kind == "percent":
        return 1 if figure.percent else 0
    if figure.percent or (spec.kind == "ratio") != (figure.shape is Shape.RATIO):
        return 0
    unit = units_match(figure.unit, spec.unit, spec.kind)
    return 2 if unit else (1 if unit is None else 0)


def _value_spec(question: Question, answer: Answer, text: str) -> FigureSpec | None:
    words = tokens(text)
    ranked = sorted(
        (
            ((_fit(s, text), similarity(words, tokens(s.label))), s)
            for s in question.figures
            if s.id not in answer.figures
        ),
        key=lambda item: item[0],
        reverse=True,
    )
    ranked = [item for item in ranked if item[0][0] > 0]
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None  # no figure fits, or two fit equally well: the user decides
    return ranked[0][1]


def _labelled(line: str) -> tuple[str, str] | None:
    label, sep, value = line.partition(":")
    if not sep or not any(ch.isalpha() for ch in label):
        return None
    return label.strip(), value.strip()


def place_figures(question: Question, answer: Answer, lines: Iterable[str]) -> None:
    """Put a question's figure lines into ``answer``: labelled lines first, then the others."""
    pieces = [
        clean_line(_BULLETS.sub("", piece))
        for line in lines
        for piece in split_at_labels(_BULLETS.sub("", line), question.figures)
    ]
    unlabelled: list[str] = []
    for piece in filter(None, pieces):
        found = _labelled(piece)
        if found is None:
            unlabelled.append(piece)
            continue
        label, value = found
        spec = _label_spec(question, answer, label)
        if spec is not None and is_missing(value):
            continue  # the printed gap of an empty figure: nothing to store
        if spec is not None and spec.id not in answer.figures:
            answer.figures[spec.id] = value
        else:
            answer.extra_figures.append(ExtraFigure(label, "" if is_missing(value) else value))
    for piece in unlabelled:
        if is_missing(piece):
            continue
        spec = _value_spec(question, answer, piece)
        if spec is not None:
            answer.figures[spec.id] = piece
        else:
            answer.extra_figures.append(ExtraFigure("", piece))

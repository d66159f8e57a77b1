"""Starting a report from an earlier one, and the general information remembered between reports.

A commune writes the same report every period: most of the wording stays, the figures change.
:func:`carry_over` keeps the answers and moves last period's figures beside each field as a
reference; :func:`remembered_meta` / :func:`apply_remembered` carry the general information that
rarely changes (who signs, which bodies, who receives) into the next new report. Which fields
belong to one report only (``per_report``) and which are remembered (``remember``) is said by the
form file, not here.
"""

from __future__ import annotations

from typing import Any

from dienchau_desktop.draft import BOOKKEEPING_META, Answer, Draft, ExtraFigure, restamp
from dienchau_desktop.template import Template


def default_title(template: Template, meta: dict[str, Any]) -> str:
    """``<template name> – <commune>``, or the template name alone when no commune is known."""
    commune = meta.get("commune")
    if isinstance(commune, str) and commune.strip():
        return f"{template.name} – {commune.strip()}"
    return template.name


def duplicate(draft: Draft) -> Draft:
    """A copy of a draft under a new identity, titled “… (bản sao)”; the original is unchanged."""
    copy = draft.copy()
    restamp(copy.meta, f"{draft.title} (bản sao)")
    return copy


def carry_over(previous: Draft, template: Template) -> Draft:
    """A new draft for the next period, made from an earlier report of the same form.

    Answers, notes and the user's own evidence lines are copied; each figure moves into
    ``previous_figures`` (shown beside the field as "last period") and the field is cleared.
    The form's ``per_report`` fields (document number, report date, the instruction answered)
    are cleared; the draft gets a new id, title and creation time. Questions the template no
    longer asks are dropped; the earlier draft is not changed.
    """
    meta: dict[str, Any] = {}
    defaults = template.default_meta()
    for key, value in previous.meta.items():
        if key in BOOKKEEPING_META:
            continue
        meta[key] = list(value) if isinstance(value, list) else value
    for mf in template.meta_fields:
        if mf.per_report:
            default = defaults.get(mf.key, "")
            meta[mf.key] = "" if isinstance(default, str) else list(default)
    restamp(meta, default_title(template, meta))
    answers: dict[str, Answer] = {}
    for question in template.questions:
        old = previous.answers.get(question.id)
        if old is None:
            continue
        figures_now = {k: v for k, v in old.figures.items() if v.strip()}
        answers[question.id] = Answer(
            text=old.text,
            figures={},
            note=old.note,
            extra_figures=[ExtraFigure(e.label, e.value) for e in old.extra_figures],
            previous_figures=figures_now,
            unknown=dict(old.unknown),
        )
    return Draft(
        template_id=template.id,
        template_version=template.version,
        meta=meta,
        answers=answers,
    )


def remembered_meta(draft: Draft, template: Template) -> dict[str, Any]:
    """The general information of a report worth offering as defaults next time (non-blank)."""
    out: dict[str, Any] = {}
    for mf in template.meta_fields:
        if not mf.remember:
            continue
        value = draft.meta.get(mf.key)
        if isinstance(value, list):
            lines = [str(x) for x in value if str(x).strip()]
            if lines:
                out[mf.key] = lines
        elif isinstance(value, str) and value.strip():
            out[mf.key] = value
    return out


def apply_remembered(draft: Draft, remembered: Any, template: Template) -> Draft:
    """Fill a new draft's general information from remembered values.

    Only the form's ``remember`` fields still at the template's default are filled, only with
    values of the right shape (text for text fields, a list of lines for ``lines`` fields);
    anything else is ignored, so a damaged settings file cannot put rubbish into a report. The
    title follows the commune.
    """
    if not isinstance(remembered, dict):
        return draft
    defaults = template.default_meta()
    for mf in template.meta_fields:
        value = remembered.get(mf.key)
        if not mf.remember or value is None or draft.meta.get(mf.key) != defaults.get(mf.key):
            continue
        if mf.kind == "lines":
            if isinstance(value, list) and all(isinstance(x, str) for x in value):
                draft.meta[mf.key] = [x for x in value if x.strip()]
        elif isinstance(value, str):
            draft.meta[mf.key] = value
    if draft.meta.get("title") == template.name:
        draft.meta["title"] = default_title(template, draft.meta)
    return draft

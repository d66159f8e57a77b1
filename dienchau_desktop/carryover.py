"""Starting a report from an earlier one, and the general information remembered between reports.

A commune writes the same report every period: most of the wording stays, the figures change.
:func:`carry_over` keeps the answers and moves last period's figures beside each field as a
reference; :func:`remembered_meta` / :func:`apply_remembered` carry the general information that
rarely changes (who signs, which bodies, who receives) into the next new report.
"""

from __future__ import annotations

from typing import Any

from dienchau_desktop.draft import Answer, Draft, ExtraFigure, new_draft_id, now_iso
from dienchau_desktop.template import Template

# Meta values that belong to one report only: a new report starts with them blank.
PER_REPORT_META = (
    "document_number",
    "report_date",
    "instruction_number",
    "instruction_date",
)
# Meta values worth remembering from the last report for the next new one.
REMEMBERED_META = (
    "superior_body",
    "issuing_body",
    "commune",
    "place",
    "document_symbol",
    "instruction_kind",
    "instruction_issuer",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
)
# Meta values the program sets itself.
_BOOKKEEPING = ("draft_id", "title", "created", "updated")


def default_title(template: Template, meta: dict[str, Any]) -> str:
    """``<template name> – <commune>``, or the template name alone when no commune is known."""
    commune = meta.get("commune")
    if isinstance(commune, str) and commune.strip():
        return f"{template.name} – {commune.strip()}"
    return template.name


def carry_over(previous: Draft, template: Template) -> Draft:
    """A new draft for the next period, made from an earlier report of the same form.

    Answers, notes and the user's own evidence lines are copied; each figure moves into
    ``previous_figures`` (shown beside the field as "last period") and the field is cleared.
    The document number, report date and the instruction being answered are cleared; the draft
    gets a new id, title and creation time. Questions the template no longer asks are dropped;
    the earlier draft is not changed.
    """
    meta: dict[str, Any] = {}
    defaults = template.default_meta()
    for key, value in previous.meta.items():
        if key in _BOOKKEEPING:
            continue
        meta[key] = list(value) if isinstance(value, list) else value
    for key in PER_REPORT_META:
        default = defaults.get(key, "")
        meta[key] = "" if isinstance(default, str) else list(default)
    stamp = now_iso()
    meta.update(
        {
            "draft_id": new_draft_id(),
            "title": default_title(template, meta),
            "created": stamp,
            "updated": stamp,
        }
    )
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


def remembered_meta(draft: Draft) -> dict[str, Any]:
    """The general information of a report worth offering as defaults next time (non-blank)."""
    out: dict[str, Any] = {}
    for key in REMEMBERED_META:
        value = draft.meta.get(key)
        if isinstance(value, list):
            lines = [str(x) for x in value if str(x).strip()]
            if lines:
                out[key] = lines
        elif isinstance(value, str) and value.strip():
            out[key] = value
    return out


def apply_remembered(draft: Draft, remembered: Any, template: Template) -> Draft:
    """Fill a new draft's general information from remembered values.

    Only fields still at the template's default are filled, only with values of the right shape
    (text for text fields, a list of lines for ``lines`` fields); anything else is ignored, so a
    damaged settings file cannot put rubbish into a report. The title follows the commune.
    """
    if not isinstance(remembered, dict):
        return draft
    defaults = template.default_meta()
    for key in REMEMBERED_META:
        mf = template.meta_field(key)
        value = remembered.get(key)
        if mf is None or value is None or draft.meta.get(key) != defaults.get(key):
            continue
        if mf.kind == "lines":
            if isinstance(value, list) and all(isinstance(x, str) for x in value):
                draft.meta[key] = [x for x in value if x.strip()]
        elif isinstance(value, str):
            draft.meta[key] = value
    if draft.meta.get("title") == template.name:
        draft.meta["title"] = default_title(template, draft.meta)
    return draft

"""What the store remembers of each draft for the list, without opening it.

A summary holds the draft's title and dates, the list facts (progress and problem counts), which
the store never works out itself but is handed (with a save, or by the ``summarize`` callable it
was opened with), and ``checked``: the content hash those facts belong to ("" while not counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeGuard

from dienchau_desktop.draft import Draft

SUMMARY_TEXT = ("title", "commune", "report_date", "updated", "template_id")
FACT_KEYS = ("answered", "total", "errors", "warnings")
NO_FACTS: dict[str, int] = dict.fromkeys(FACT_KEYS, 0)


@dataclass(frozen=True)
class DraftSummary:
    """What the drafts list shows, read without opening the draft."""

    id: str
    title: str
    commune: str
    report_date: str
    updated: str
    template_id: str
    answered: int
    total: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Record:
    """The current version of a draft as last seen: its file name, content hash, summary."""

    name: str
    digest: str
    summary: dict[str, Any]

    def to_summary(self, draft_id: str) -> DraftSummary:
        fields = {k: self.summary[k] for k in (*SUMMARY_TEXT, *FACT_KEYS)}
        return DraftSummary(id=draft_id, **fields)

    @property
    def counted(self) -> bool:
        """Whether the facts in the summary belong to this very content."""
        return bool(self.summary["checked"] == self.digest)


def summary_ok(value: Any) -> TypeGuard[dict[str, Any]]:
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(k), str) for k in (*SUMMARY_TEXT, "checked"))
        and all(type(value.get(k)) is int for k in FACT_KEYS)
    )


def clean_facts(facts: dict[str, int]) -> dict[str, int]:
    """The four list facts, as ints (a missing one is 0)."""
    return {k: int(facts.get(k, 0)) for k in FACT_KEYS}


def describe(
    draft: Draft, digest: str, facts: dict[str, int] | None, earlier: Record | None = None
) -> dict[str, Any]:
    """The summary of a draft whose content hash is ``digest``.

    ``facts`` are the caller's counts for this very content; without them the counts of the
    ``earlier`` record (or zeros) stand in until the store counts them, and ``checked`` is "".
    """
    if facts is not None:
        counts, checked = clean_facts(facts), digest
    else:
        counts = {k: earlier.summary[k] for k in FACT_KEYS} if earlier else dict(NO_FACTS)
        checked = ""
    return {
        "title": draft.title,
        "commune": draft.meta_text("commune"),
        "report_date": draft.meta_text("report_date"),
        "updated": draft.meta_text("updated"),
        "template_id": draft.template_id,
        **counts,
        "checked": checked,
    }


def sort_time(updated: str) -> float:
    try:
        moment = datetime.fromisoformat(updated)
    except (TypeError, ValueError):
        return 0.0
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.timestamp()

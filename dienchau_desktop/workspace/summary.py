"""What the drafts list shows about a draft's content: progress and counts of problems.

The store keeps these facts in its list index but never works them out itself (it knows nothing
of forms or validation): the application layer computes them here and hands them down, either
with a save or through the ``summarize`` callable a :class:`~dienchau_desktop.store.DraftStore`
is opened with.
"""

from __future__ import annotations

from collections.abc import Sequence

from dienchau_desktop.draft import Draft
from dienchau_desktop.template import Template, TemplateError, load_template
from dienchau_desktop.validation import Problem, errors, progress, validate, warnings

ListFacts = dict[str, int]
"""``answered``, ``total``, ``errors``, ``warnings``."""

EMPTY_FACTS: ListFacts = {"answered": 0, "total": 0, "errors": 0, "warnings": 0}


def list_facts(
    draft: Draft, problems: Sequence[Problem] | None = None, template: Template | None = None
) -> ListFacts:
    """Progress and problem counts of ``draft`` (validated here unless ``problems`` is given).

    A draft of a form this program cannot load counts as nothing answered and no problems.
    """
    if template is None:
        try:
            template = load_template(draft.template_id)
        except TemplateError:
            return dict(EMPTY_FACTS)
    answered, total = progress(draft, template)
    if problems is None:
        problems = validate(draft, template)
    return {
        "answered": answered,
        "total": total,
        "errors": len(errors(problems)),
        "warnings": len(warnings(problems)),
    }

"""Hostile layout profiles and form files (issue 16, quick profile).

Layout profiles reach the command line two ways: the data folder's own copy
(``<data>/layouts/party-hd36.json``, preferred over the bundled one) and ``render --layout
FILE``; both must print (0) or refuse with the place of the mistake (2). The loaders themselves
must raise nothing but their documented error. Form files cannot be named on the command line
(a draft names a bundled form by id), so the form loader is fuzzed directly: a form it accepts
must then be usable to check and count a draft.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import harness
import strategies as S
from hypothesis import given
from profiles import examples, randoms

from dienchau_desktop.draft import example_draft, new_draft
from dienchau_desktop.layout import Layout, LayoutError, load_layout_file, parse_layout
from dienchau_desktop.template import Template, TemplateError, load_template_file, parse_template
from dienchau_desktop.validation import validate
from dienchau_desktop.workspace.summary import list_facts

PARSE_LIMIT_S = 5.0


@examples(150, shrink=False)
@given(rng=randoms())
def test_render_survives_hostile_layout_profiles(rng: random.Random) -> None:
    """``render --example`` with a hostile profile in the data folder or given by path: the
    report is printed (0) or the profile refused with its mistakes (2); never a crash or hang."""
    outcome = harness.fuzz_one("layout", rng)
    assert outcome.ok, outcome.report()


@examples(250)
@given(rng=randoms())
def test_parse_layout_raises_only_layout_error(rng: random.Random) -> None:
    """``parse_layout`` on any parsed JSON: a checked :class:`Layout` or a :class:`LayoutError`."""
    doc, said = S.mutated_document(rng, S.layout_document(), S.QUICK, S.LAYOUT_MUTATORS)
    with harness.time_limit(PARSE_LIMIT_S):
        try:
            layout = parse_layout(doc, "<fuzz>")
        except LayoutError as exc:
            assert str(exc).strip(), said
            return
    assert isinstance(layout, Layout), said


@examples(150)
@given(rng=randoms())
def test_load_layout_file_raises_only_layout_error(rng: random.Random) -> None:
    """A profile file of any bytes (encodings, BOM, cut short, NaN, deep nesting …)."""
    raw, said = S.layout_bytes(rng, S.QUICK)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "party-hd36.json"
        path.write_bytes(raw)
        with harness.time_limit(PARSE_LIMIT_S):
            try:
                load_layout_file(path)
            except LayoutError as exc:
                assert str(exc).strip(), said


@examples(300)
@given(rng=randoms())
def test_a_hostile_form_is_refused_or_usable(rng: random.Random) -> None:
    """``parse_template`` raises only :class:`TemplateError`; a form it accepts can check the
    example and a new draft, and count them for the drafts list."""
    doc, said = S.mutated_document(rng, S.template_document(), S.QUICK, S.LAYOUT_MUTATORS)
    with harness.time_limit(PARSE_LIMIT_S):
        try:
            template = parse_template(doc, "<fuzz>")
        except TemplateError as exc:
            assert str(exc).strip(), said
            return
        assert isinstance(template, Template), said
        for draft in (example_draft(), new_draft(template)):
            problems = validate(draft, template)
            assert all(p.message for p in problems), said
            facts = list_facts(draft, template=template)
            assert all(isinstance(v, int) and v >= 0 for v in facts.values()), (said, facts)


@examples(150)
@given(rng=randoms())
def test_load_template_file_raises_only_template_error(rng: random.Random) -> None:
    """A form file of any bytes: loaded, or a :class:`TemplateError` naming the mistake."""
    raw, said = S.template_bytes(rng, S.QUICK)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kl62.json"
        path.write_bytes(raw)
        with harness.time_limit(PARSE_LIMIT_S):
            try:
                load_template_file(path)
            except TemplateError as exc:
                assert str(exc).strip(), said

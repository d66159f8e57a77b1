"""Hostile draft files through the command line, in-process (issue 16, quick profile).

Each input is the bundled example with wrong types at any path, missing and extra keys, huge
strings and numbers, deep nesting, duplicate keys, NaN/Infinity, lone surrogates and control
characters, written in UTF-8, with a BOM, as UTF-16/32, Latin-1 or cp1258, sometimes cut short or
with bytes flipped (:func:`strategies.draft_file_bytes`). Whatever the file, each command exits
with a code it documents (0, 1, 2), prints no traceback, does not hang, and changes no file it
should not (see :mod:`harness`).
"""

from __future__ import annotations

import json
import random

import harness
import pytest
import strategies as S
from hypothesis import given
from profiles import examples, randoms


@examples(150, shrink=False)
@given(rng=randoms())
def test_validate_survives_hostile_draft_files(rng: random.Random) -> None:
    """``validate FILE [--json]``: 0, 1 or 2 with a message, never a crash; nothing changes."""
    outcome = harness.fuzz_one("validate", rng)
    assert outcome.ok, outcome.report()


@examples(60, shrink=False)
@given(rng=randoms())
def test_render_survives_hostile_draft_files(rng: random.Random) -> None:
    """``render FILE -o OUT.pdf|.docx [--final]``: 0, 1 (final copy refused) or 2, never a crash."""
    outcome = harness.fuzz_one("render", rng)
    assert outcome.ok, outcome.report()


@examples(80, shrink=False)
@given(rng=randoms())
def test_import_survives_hostile_draft_files(rng: random.Random) -> None:
    """``drafts import FILE…`` into a data folder with drafts: all or none (a refusal changes
    nothing), the stored drafts stay readable, every imported one is readable."""
    outcome = harness.fuzz_one("import", rng)
    assert outcome.ok, outcome.report()


@examples(25, shrink=False)
@given(rng=randoms())
def test_rollup_survives_hostile_draft_files(rng: random.Random) -> None:
    """``rollup FOLDER|FILE`` with a hostile report (beside a FIFO, a link loop, a good report):
    0, 1 (some refused) or 2 (none readable), never a crash or a hang."""
    outcome = harness.fuzz_one("rollup", rng)
    assert outcome.ok, outcome.report()


@examples(40, shrink=False)
@given(rng=randoms())
def test_an_accepted_draft_file_survives_import_and_export(rng: random.Random) -> None:
    """A file that ``validate`` reads is imported, exported, and the exported file validates
    with exactly the same problems: nothing the user typed is lost on the way."""
    sandbox = harness.Sandbox()
    try:
        raw, said = S.draft_file_bytes(rng, S.QUICK)
        (sandbox.inputs / "nhap.json").write_bytes(raw)
        check = ["--data-dir", "{D}", "validate", "--json"]
        first = harness.run(
            sandbox, harness.Case("validate", [*check, "{IN}/nhap.json"], said=said)
        )
        assert first.ok, first.report()
        if first.code == 2:
            return  # refused: nothing to carry
        imported = harness.run(
            sandbox,
            harness.Case(
                "import",
                ["--data-dir", "{D}", "drafts", "import", "{IN}/nhap.json"],
                True,
                said=said,
            ),
        )
        assert imported.ok and imported.code == 0, imported.report()
        draft_id = imported.stdout.split()[0]
        exported = harness.run(
            sandbox,
            harness.Case(
                "export", ["--data-dir", "{D}", "drafts", "export", draft_id, "-o", "{OUT}/x.json"]
            ),
        )
        assert exported.ok and exported.code == 0, exported.report()
        again = harness.run(sandbox, harness.Case("validate", [*check, "{OUT}/x.json"], said=said))
        assert again.ok and again.code == first.code, again.report()
        assert json.loads(again.stdout) == json.loads(first.stdout), said
    finally:
        sandbox.cleanup()


# --- regressions found by the fuzz suite ---------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{IN}/nhap.json"],
        ["render", "{IN}/nhap.json", "-o", "{OUT}/x.pdf"],
        ["drafts", "import", "{IN}/nhap.json"],
        ["rollup", "{IN}/nhap.json", "--json"],
    ],
)
def test_a_form_id_too_long_for_a_file_name_is_refused(command: list[str]) -> None:
    """A draft naming a form by an id of 300 characters is refused (exit 2) by every command;
    looking the form up crashed them all (exit 3: "File name too long" from the system)."""
    sandbox = harness.Sandbox()
    try:
        doc = S.example_document()
        doc["template"]["id"] = "x" * 300
        (sandbox.inputs / "nhap.json").write_text(json.dumps(doc), encoding="utf-8")
        writes = "import" in command
        outcome = harness.run(
            sandbox, harness.Case("regression", ["--data-dir", "{D}", *command], writes)
        )
        assert outcome.ok and outcome.code == 2, outcome.report()
    finally:
        sandbox.cleanup()


@pytest.mark.parametrize(
    "command", [["rollup", "{IN}", "--json"], ["import-word", "{IN}/x.docx", "-o", "{OUT}/x.json"]]
)
def test_a_form_named_by_an_id_too_long_is_bad_input(command: list[str]) -> None:
    """``--form`` with an id too long for a file name: exit 2, "no such form" (it crashed)."""
    sandbox = harness.Sandbox()
    try:
        (sandbox.inputs / "x.docx").write_bytes(b"PK\x03\x04")
        argv = ["--data-dir", "{D}", *command, "--form", "y" * 300]
        outcome = harness.run(sandbox, harness.Case("regression", argv))
        assert outcome.ok and outcome.code == 2, outcome.report()
        assert "Không có mẫu báo cáo" in outcome.stderr
    finally:
        sandbox.cleanup()

"""Damaged data folders under every command that reads or writes them (issue 16, quick profile).

A copy of a data folder with three drafts (one with two versions, one in the trash), settings
and its own layout profile is damaged in one to three ways (:func:`strategies.
damage_data_folder`): the list cache, settings, lock or a version file broken or of the wrong
shape, a FIFO, a folder or a link (to a file or folder outside, dangling, a loop, a device, a
hard link) where a file belongs, a file where a folder belongs, stray files and folders (a
user's ``.notes.tmp`` among them), files removed, no permission, the writer lock held by another
copy. Then one command runs on it. It exits with a code it documents, prints no traceback, does
not hang, and loses nothing (see :mod:`harness`: a reading command changes nothing but the list
cache, a writing one keeps every readable draft and sets unreadable files aside, whole).
"""

from __future__ import annotations

import random
import shutil

import harness
import strategies as S
from hypothesis import given
from profiles import examples, randoms


@examples(150, shrink=False)
@given(rng=randoms())
def test_commands_survive_damaged_data_folders(rng: random.Random) -> None:
    """Reading and writing commands on a damaged data folder: no crash, hang or loss."""
    outcome = harness.fuzz_one("store", rng)
    assert outcome.ok, outcome.report()


def _run_on_store(argv: list[str], prepare: object = None) -> harness.Outcome:
    sandbox = harness.Sandbox().with_store()
    try:
        if callable(prepare):
            prepare(sandbox)
        return harness.run(sandbox, harness.Case("rollup", ["--data-dir", "{D}", *argv]))
    finally:
        sandbox.cleanup()


def test_rollup_of_an_unknown_draft_is_bad_input() -> None:
    """``rollup --draft ID`` naming no stored draft exits 2 with the reason (it crashed: exit 3,
    an UnknownDraftError escaping the command)."""
    outcome = _run_on_store(["rollup", "--draft", "d" * 32, "--json"])
    assert outcome.ok and outcome.code == 2, outcome.report()
    assert "Không có bản nháp nào" in outcome.stderr


def test_rollup_of_a_draft_in_the_trash_is_bad_input() -> None:
    """A deleted draft is not rolled up: exit 2, named (it crashed with exit 3)."""
    outcome = _run_on_store(["rollup", "--draft", S.ID_C, "-o", "{OUT}/x.xlsx"])
    assert outcome.ok and outcome.code == 2, outcome.report()
    assert S.ID_C in outcome.stderr


def test_rollup_of_a_damaged_draft_is_refused_with_the_reason() -> None:
    """``rollup --draft ID`` of a draft whose file is unreadable exits 1 with the reason and
    changes nothing (it crashed with exit 3, a DraftDamagedError escaping the command)."""

    def damage(sandbox: harness.Sandbox) -> None:
        folder = sandbox.data / "ban-nhap" / S.ID_B
        for version in folder.iterdir():
            version.write_bytes(b'{"draft": {"1": ')

    outcome = _run_on_store(["rollup", "--draft", S.ID_B, "--json"], damage)
    assert outcome.ok and outcome.code == 1, outcome.report()
    assert "không mở được" in outcome.stderr


def test_the_base_data_folder_is_whole() -> None:
    """The folder every store input starts from holds what the fuzz commands name."""
    sandbox = harness.Sandbox().with_store()
    try:
        drafts = harness.stored_drafts(sandbox.data)
        assert {d: place for d, (place, _) in drafts.items()} == {
            S.ID_A: "ban-nhap",
            S.ID_B: "ban-nhap",
            S.ID_C: "thung-rac",
        }
        assert len(list((sandbox.data / "ban-nhap" / S.ID_A).iterdir())) == 2
        for name in ("cai-dat.json", "muc-luc.json", "layouts/party-hd36.json"):
            assert (sandbox.data / name).is_file(), name
        shutil.copy(S.EXAMPLE_FILE, sandbox.inputs / "example.json")
        outcome = harness.run(
            sandbox,
            harness.Case(
                "import", ["--data-dir", "{D}", "drafts", "import", "{IN}/example.json"], True
            ),
        )
        assert outcome.ok and outcome.code == 0, outcome.report()
    finally:
        sandbox.cleanup()

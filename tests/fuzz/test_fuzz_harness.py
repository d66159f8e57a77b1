"""The fuzz harness's own checks can fail: each is shown a command that misbehaves on purpose.

A stand-in for ``main(argv)`` crashes, hangs (in Python, and blocked opening a FIFO), loses or
changes files, or behaves, and the harness must say exactly that. Without these, a harness that
judged everything "ok" would pass the whole fuzz suite.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import harness
import pytest
import strategies as S

READ = harness.Case("read", ["--data-dir", "{D}", "drafts", "list"])
WRITE = harness.Case("write", ["--data-dir", "{D}", "drafts", "import", "{IN}/x.json"], True)


@pytest.fixture
def sandbox() -> Iterator[harness.Sandbox]:
    sb = harness.Sandbox().with_store()
    try:
        yield sb
    finally:
        sb.cleanup()


def _judge(
    sb: harness.Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    fake: Callable[[list[str]], int],
    case: harness.Case = READ,
    timeout: float = 5.0,
) -> harness.Outcome:
    monkeypatch.setattr(harness, "main", fake)
    return harness.run(sb, case, timeout=timeout)


def _version(sb: harness.Sandbox, draft_id: str = S.ID_A) -> Path:
    return sorted((sb.data / "ban-nhap" / draft_id).iterdir())[-1]


def test_a_real_command_that_behaves_is_ok(sandbox: harness.Sandbox) -> None:
    """The real ``drafts list`` on the base folder: exit 0, nothing lost, nothing written."""
    outcome = harness.run(sandbox, READ)
    assert outcome.ok and outcome.code == 0, outcome.report()
    assert S.ID_A in outcome.stdout


@pytest.mark.parametrize(
    ("fake", "expected"),
    [
        (lambda argv: 3, "exit 3"),
        (lambda argv: 7, "exit 7 is not one"),
        (lambda argv: 1 / 0, "ZeroDivisionError"),
        (lambda argv: sys.exit("boom"), "SystemExit('boom')"),
        (lambda argv: print("Traceback (most recent call last):", file=sys.stderr) or 0, "stderr"),
    ],
)
def test_crashes_are_caught(
    sandbox: harness.Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    fake: Callable[[list[str]], int],
    expected: str,
) -> None:
    outcome = _judge(sandbox, monkeypatch, fake)
    assert outcome.crashed and not outcome.ok
    assert expected in outcome.verdict() + outcome.escaped


def test_a_slow_command_is_a_hang(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(argv: list[str]) -> int:
        time.sleep(5)
        return 0

    outcome = _judge(sandbox, monkeypatch, slow, timeout=0.3)
    assert outcome.hung and not outcome.crashed and outcome.elapsed < 3


def test_a_command_blocked_on_a_fifo_is_a_hang(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(sandbox.data / "ong")

    def blocked(argv: list[str]) -> int:
        with open(sandbox.data / "ong", "rb") as fh:  # no writer: blocks until the alarm
            fh.read()
        return 0

    outcome = _judge(sandbox, monkeypatch, blocked, timeout=0.3)
    assert outcome.hung


def test_a_reading_command_that_changes_a_file_loses_it(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(argv: list[str]) -> int:
        _version(sandbox).write_bytes(b"{}")
        return 0

    outcome = _judge(sandbox, monkeypatch, change)
    assert outcome.lost and "reading command" in outcome.lost[0]


def test_a_reading_command_may_rebuild_only_the_list_cache(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rebuild(argv: list[str]) -> int:
        (sandbox.data / "muc-luc.json").write_bytes(b'{"drafts": {}}')
        (sandbox.data / "moi.txt").write_bytes(b"x")
        return 0

    outcome = _judge(sandbox, monkeypatch, rebuild)
    assert not outcome.lost
    assert outcome.wrote == ["data/moi.txt created by a reading command"]


def test_a_change_outside_the_data_folder_is_a_loss(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def destroy(argv: list[str]) -> int:
        (sandbox.outside / "target.txt").write_bytes(b"")
        return 0

    outcome = _judge(sandbox, monkeypatch, destroy, WRITE)
    assert outcome.lost == ["outside/target.txt (outside the data folder) changed"]


def test_a_writing_command_may_set_a_file_aside_whole(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    stray = sandbox.data / "ban-nhap" / "la.json"
    stray.write_bytes(b'{"x": 1}')
    own_temp = sandbox.data / ".muc-luc.json.abcd1234.tmp"
    own_temp.write_bytes(b"{")

    def set_aside(argv: list[str]) -> int:
        (sandbox.data / "hong").mkdir()
        shutil.move(stray, sandbox.data / "hong" / "20260415-ban-nhap-la.json")
        own_temp.unlink()
        return 0

    outcome = _judge(sandbox, monkeypatch, set_aside, WRITE)
    assert outcome.ok, outcome.report()


@pytest.mark.parametrize("what", ["draft", "user temp", "settings", "refused"])
def test_a_writing_command_that_loses_something_is_caught(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    user_file = sandbox.data / ".notes.tmp"
    user_file.write_text("của người dùng", encoding="utf-8")

    def lose(argv: list[str]) -> int:
        if what == "draft":
            _version(sandbox, S.ID_B).unlink()
        elif what == "user temp":
            user_file.unlink()
        elif what == "settings":
            (sandbox.data / "cai-dat.json").write_bytes(b'{"settings": {}}')
        else:
            (sandbox.data / "muc-luc.json").write_bytes(b'{"drafts": {}}')
            return 2
        return 0

    outcome = _judge(sandbox, monkeypatch, lose, WRITE)
    assert outcome.lost, outcome.report()
    expected = {
        "draft": f"draft {S.ID_B} (ban-nhap) is no longer readable",
        "user temp": "data/.notes.tmp vanished",
        "settings": "rewritten without the settings it held",
        "refused": "under a refused import",
    }[what]
    assert any(expected in line for line in outcome.lost), outcome.lost


def test_a_silent_refusal_is_noted(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = _judge(sandbox, monkeypatch, lambda argv: 2)
    assert outcome.notes == ["exit 2 without a message on stderr"] and not outcome.ok


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_permission_case_really_cannot_read(
    sandbox: harness.Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission cases run as a user the permissions bind (root would read everything)."""
    os.chmod(sandbox.data / "ban-nhap" / S.ID_A, 0)
    sandbox.unprivileged = True
    seen: list[bool] = []

    def look(argv: list[str]) -> int:
        try:
            os.listdir(sandbox.data / "ban-nhap" / S.ID_A)
            seen.append(True)
        except PermissionError:
            seen.append(False)
        return 0

    outcome = _judge(sandbox, monkeypatch, look)
    assert seen == [False] and outcome.ok, outcome.report()
    assert os.geteuid() == os.getuid()  # back to ourselves afterwards

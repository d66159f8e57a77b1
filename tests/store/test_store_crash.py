"""A process killed at random moments while saving never loses a save that had returned."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dienchau_desktop.atomic import is_temp_name
from dienchau_desktop.draft import Draft
from dienchau_desktop.store import HONG_DIR, DraftStore
from dienchau_desktop.workspace.summary import list_facts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHILD = HERE / "saver_child.py"
KILLS = 32

_spec = importlib.util.spec_from_file_location("saver_child", CHILD)
assert _spec and _spec.loader
child = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(child)


def _temp_files(root: Path) -> int:
    return sum(1 for p in root.rglob("*") if is_temp_name(p.name))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_during_saves_never_loses_a_returned_save(
    data_dir: Path, make_draft: Callable[..., Draft]
) -> None:
    """After each of many SIGKILLs the store opens and holds every save that had returned."""
    ids = []
    with DraftStore(data_dir, summarize=list_facts) as store:
        for k in range(3):
            d = make_draft(f"Bản nháp thử {k}")
            d.answer("I.1").text = child.text_for(d.id, 0)
            store.save(d)
            ids.append(d.id)
    last = dict.fromkeys(ids, 0)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    rng = random.Random(62)
    kills = mid_write = saves_seen = 0
    started = time.monotonic()
    while kills < KILLS:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), *ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.0, 0.4))  # somewhere in start-up or opening the store
        else:
            line = proc.stdout.readline()
            assert line == b"ready\n", proc.stderr.read() if proc.stderr else line
            time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode("utf-8", "replace")
        kills += 1
        for raw in out.decode("utf-8").splitlines(keepends=True):
            if raw.startswith("saved ") and raw.endswith("\n"):
                _, draft_id, n = raw.split()
                last[draft_id] = max(last[draft_id], int(n))
                saves_seen += 1
        mid_write += _temp_files(data_dir) > 0

        with DraftStore(data_dir, summarize=list_facts) as store:
            assert store.damaged() == []
            assert store.notices() == []
            assert {s.id for s in store.list()} == set(ids)
            for draft_id in ids:
                draft = store.load(draft_id)
                text = draft.answer("I.1").text
                n = child.counter(text)
                # The save in flight at the kill may have landed too, never anything older.
                assert n in (last[draft_id], last[draft_id] + 1), (draft_id, n, last[draft_id])
                assert text == child.text_for(draft_id, n)
                versions = {
                    child.counter(store.load_version(draft_id, e.version).answer("I.1").text)
                    for e in store.history(draft_id)[:2]
                }
                assert last[draft_id] in versions
                last[draft_id] = n
        assert not (data_dir / HONG_DIR).exists()

    elapsed = time.monotonic() - started
    print(
        f"\n{kills} kills, {saves_seen} saves reported, {mid_write} kills left an unfinished "
        f"write behind, {elapsed:.1f} s"
    )
    assert saves_seen > KILLS


OPS_CHILD = HERE / "ops_child.py"
OPS_KILLS = 16
_ops_spec = importlib.util.spec_from_file_location("ops_child", OPS_CHILD)
assert _ops_spec and _ops_spec.loader
ops_child = importlib.util.module_from_spec(_ops_spec)
_ops_spec.loader.exec_module(ops_child)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_during_imports_trash_and_restore_is_all_or_none(
    data_dir: Path, make_draft: Callable[..., Draft]
) -> None:
    """Killed while importing a batch of drafts, or moving one to the trash and back: every batch
    is in the store whole or not at all (whole once reported), the draft moved is in exactly one
    place and opens, nothing is damaged."""
    keeper = make_draft("Bản nháp chuyển qua lại thùng rác")
    with DraftStore(data_dir) as store:
        store.save(keeper)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    rng = random.Random(16)
    started_batches: set[int] = set()
    imported: set[int] = set()
    next_batch = kills = moves = 0
    while kills < OPS_KILLS:
        proc = subprocess.Popen(
            [sys.executable, str(OPS_CHILD), str(data_dir), keeper.id, str(next_batch)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == b"ready\n", proc.stderr.read() if proc.stderr else line
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode("utf-8", "replace")
        kills += 1
        for raw in out.decode("utf-8").splitlines():
            word, _, arg = raw.partition(" ")
            if word == "importing":
                started_batches.add(int(arg))
                next_batch = int(arg) + 1
            elif word == "imported":
                imported.add(int(arg))
            elif word in ("trashed", "restored"):
                moves += 1

        with DraftStore(data_dir) as store:
            assert store.damaged() == []
            assert store.notices() == []
            titles = [s.title for s in store.list()]
            in_trash = [s.id for s in store.trash()]
            for k in started_batches:
                count = sum(t.startswith(f"Lô {k} – ") for t in titles)
                expected = {ops_child.BATCH} if k in imported else {0, ops_child.BATCH}
                assert count in expected, (k, count)
            listed = keeper.id in {s.id for s in store.list()}
            assert listed != (keeper.id in in_trash)
            if listed:
                assert store.load(keeper.id).title == keeper.title
        leftovers = [p.name for p in data_dir.iterdir() if p.name.startswith(".nhap-")]
        assert leftovers == []
    print(
        f"\n{kills} kills, {len(imported)} batches imported, {len(started_batches - imported)} "
        f"cut short by the kill (none in part), {moves} moves to and from the trash"
    )
    assert imported and moves

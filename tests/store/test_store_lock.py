"""One writer per data directory: a second copy is told clearly; a crashed copy does not block."""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dienchau_desktop.draft import Draft
from dienchau_desktop.store import DraftStore, StoreLockedError
from dienchau_desktop.store import lock as lock_module
from dienchau_desktop.store.lock import LOCK_NAME, WriterLock
from dienchau_desktop.workspace.summary import list_facts

ROOT = Path(__file__).resolve().parents[2]
MakeDraft = Callable[..., Draft]

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from dienchau_desktop.store import DraftStore
    store = DraftStore(Path(sys.argv[1]))
    print("ready", flush=True)
    time.sleep(60)
    """
)


@contextmanager
def _holder(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another process that has the data directory open for writing."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == b"ready\n", proc.stderr.read() if proc.stderr else line
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_second_writer_in_the_same_process_is_refused(data_dir: Path) -> None:
    """Opening the same data twice for writing raises StoreLockedError naming this computer."""
    with DraftStore(data_dir, summarize=list_facts):
        with pytest.raises(StoreLockedError) as caught:
            DraftStore(data_dir, summarize=list_facts)
        message = str(caught.value)
        assert "đang được mở bởi một cửa sổ khác" in message
        assert socket.gethostname() in message
    with DraftStore(data_dir, summarize=list_facts):
        pass  # free again once closed


def test_second_program_is_refused_and_can_still_read(
    data_dir: Path, make_draft: MakeDraft
) -> None:
    """While another program writes, this one is refused writing but can list and open drafts."""
    d = make_draft("Đang mở ở cửa sổ khác")
    with DraftStore(data_dir, summarize=list_facts) as store:
        store.save(d)
    with _holder(data_dir):
        with pytest.raises(StoreLockedError, match="Hãy dùng cửa sổ đó"):
            DraftStore(data_dir, summarize=list_facts)
        with DraftStore(data_dir, readonly=True, summarize=list_facts) as reader:
            assert [s.title for s in reader.list()] == ["Đang mở ở cửa sổ khác"]
            assert reader.load(d.id).title == "Đang mở ở cửa sổ khác"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_lock_of_a_killed_program_does_not_block(data_dir: Path) -> None:
    """When the writer is killed, its lock goes with it: the next program opens at once."""
    with _holder(data_dir) as proc:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with DraftStore(data_dir, summarize=list_facts) as store:
            assert store.list() == []
    info = json.loads((data_dir / LOCK_NAME).read_text("utf-8") or "{}")
    assert info == {}  # released cleanly by the second program


def test_lock_file_says_who_holds_it(data_dir: Path) -> None:
    """The lock file records process id, computer name and start time."""
    with DraftStore(data_dir, summarize=list_facts):
        info = json.loads((data_dir / LOCK_NAME).read_text("utf-8"))
        assert info["pid"] == os.getpid()
        assert info["host"] == socket.gethostname()
        assert "T" in info["started"]


def _no_os_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    def unsupported(fd: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(WriterLock, "_os_lock", staticmethod(unsupported))
    monkeypatch.setattr(WriterLock, "_os_unlock", staticmethod(lambda fd: None))


def test_without_os_locks_a_dead_holder_is_stale(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system has no locks, a record left by a process that is gone is ignored."""
    _no_os_locks(monkeypatch)
    data_dir.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    record = {
        "pid": int(dead.stdout),
        "host": socket.gethostname(),
        "started": "2026-01-01T08:00:00",
    }
    (data_dir / LOCK_NAME).write_text(json.dumps(record), "utf-8")
    with DraftStore(data_dir, summarize=list_facts):
        pass


def test_without_os_locks_a_live_holder_still_blocks(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system has no locks, a record of a running process still refuses writing."""
    _no_os_locks(monkeypatch)
    data_dir.mkdir(parents=True)
    record = {"pid": os.getppid(), "host": socket.gethostname(), "started": "2026-04-15T09:30:00"}
    (data_dir / LOCK_NAME).write_text(json.dumps(record), "utf-8")
    with pytest.raises(StoreLockedError, match=r"từ 9:30 ngày 15/4/2026"):
        DraftStore(data_dir, summarize=list_facts)


def test_locked_message_without_a_record_is_still_clear() -> None:
    """An unreadable lock record still gives a whole sentence."""
    message = lock_module.locked_message({})
    assert message.startswith("Dữ liệu đang được mở bởi một cửa sổ khác")
    assert "không rõ" in message

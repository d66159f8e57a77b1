"""Running one hostile input through the command line in-process, and judging what happened.

:func:`run` calls ``dienchau_desktop.cli.app.main(argv)`` in this process, with stdout and
stderr redirected to strings (the command line writes with ``print``) and a time limit
(``SIGALRM`` raising :class:`FuzzTimeout`, a ``BaseException`` the program does not catch). It
takes a digest of every file of the sandbox before and after, and returns an :class:`Outcome`:

- **crash**: exit code 3 ("Lỗi không mong đợi", the traceback in the crash log), an exit code
  the command does not document, an exception escaping ``main`` (``SystemExit`` from argparse
  is the documented way to exit 2), or a Python traceback on stderr or stdout;
- **hang**: the input took longer than the time limit;
- **lost**: for a reading command (``validate``, ``render``, ``drafts list|export|trash|
  history``, ``rollup``), any file of the data folder that changed or vanished; for a writing
  one (``drafts import``), a draft readable before that is no longer readable with the same
  content, or a file that vanished or changed without its bytes being kept somewhere (the store
  legitimately sets unreadable files aside in ``hong/``, rewrites its list cache
  ``muc-luc.json``, its settings ``cai-dat.json`` (keeping the settings) and its lock record,
  and removes unfinished writes of its own files); a refused import (exit 2) must change
  nothing at all; and, for every command, any file outside the data folder (a sentinel beside
  it, the targets of links, the input files) that changed or vanished.

A sandbox is a folder ``data/`` (the data folder), ``in/`` (input files), ``out/`` (where
commands write), ``outside/`` (``target.txt`` and ``dir/``, targets of links placed in the data
folder) and ``sentinel.txt``. The harness is shared by the pytest files (quick profile) and
``scripts/fuzz.py`` (long profile).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import io
import os
import random
import re
import shutil
import signal
import stat
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import strategies as S

# Each imported now, not while a command runs as another user or under a time limit.
import dienchau_desktop.pdf
import dienchau_desktop.rollup.output
import dienchau_desktop.word
import dienchau_desktop.word.reader
import dienchau_desktop.workspace  # noqa: F401
from dienchau_desktop.cli.app import main

TRACEBACK = "Traceback (most recent call last)"
EXIT_CRASH = 3
QUICK_TIMEOUT = 5.0
LONG_TIMEOUT = 30.0
# Files the store owns and may rewrite whole: the list cache (a reading command rebuilds it too,
# taking the writer lock for that, whose record it writes) and, when writing, the settings.
READ_REWRITES = ("data/muc-luc.json", "data/dang-mo.lock")
STORE_REWRITES = (*READ_REWRITES, "data/cai-dat.json")
# What atomic_write leaves behind when killed: ".<target>.<8 random>.tmp".
_TEMP_RE = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")


class HarnessError(RuntimeError):
    """The harness itself failed (not the program): e.g. the unprivileged user could not import
    a module of Python's own library. Never counted as a crash of the program."""


class FuzzTimeout(BaseException):
    """The input took longer than its time limit (raised by SIGALRM inside the command)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    armed = True

    def alarm(signum: int, frame: Any) -> None:
        if armed:
            raise FuzzTimeout(f"over {seconds:g} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# --- the sandbox ------------------------------------------------------------------------------


class Sandbox:
    """A fresh folder holding a data folder, inputs, outputs and files outside the data folder.

    Made under the system's temporary folder (reachable by the unprivileged user the permission
    cases run as), removed by :meth:`cleanup` whatever permissions a case left behind.
    """

    def __init__(self, base: Path | None = None, *, name: str | None = None) -> None:
        if name is None:
            self.root = Path(tempfile.mkdtemp(prefix="dienchau-fuzz-", dir=base))
        else:
            self.root = Path(base or tempfile.gettempdir()) / name
            if self.root.exists():
                _force_remove(self.root)
            self.root.mkdir(parents=True)
        os.chmod(self.root, 0o755)
        self.data = self.root / "data"
        self.inputs = self.root / "in"
        self.out = self.root / "out"
        self.outside = self.root / "outside"
        self.fallback_logs = self.root / "crash-fallback"
        for folder in (self.inputs, self.out, self.outside / "dir", self.fallback_logs):
            folder.mkdir(parents=True)
        (self.root / "sentinel.txt").write_text("lính gác: không được đổi\n", encoding="utf-8")
        (self.outside / "target.txt").write_text("tệp của người dùng\n", encoding="utf-8")
        (self.outside / "dir" / "ghi-chu.txt").write_text("của người dùng\n", encoding="utf-8")
        (self.outside / "dir" / ".notes.tmp").write_text("cũng của người dùng\n", encoding="utf-8")
        self.unprivileged = False
        self.lock_held = False

    def with_store(self) -> Sandbox:
        """Put a copy of the base data folder (three drafts, settings, a layout) in ``data/``."""
        shutil.copytree(base_store(), self.data, symlinks=True)
        return self

    def expand(self, argv: list[str]) -> list[str]:
        places = {"{D}": self.data, "{IN}": self.inputs, "{OUT}": self.out, "{ROOT}": self.root}
        out = []
        for arg in argv:
            for key, path in places.items():
                arg = arg.replace(key, str(path))
            out.append(arg)
        return out

    def cleanup(self) -> None:
        _force_remove(self.root)


def _force_remove(root: Path) -> None:
    """Remove a tree whatever its permissions (never following links out of it)."""
    for dirpath, dirnames, _ in os.walk(root, topdown=True):
        for name in dirnames:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                with contextlib.suppress(OSError):
                    os.chmod(p, 0o700)
        with contextlib.suppress(OSError):
            os.chmod(dirpath, 0o700)
    with contextlib.suppress(OSError):
        os.chmod(root, 0o700)
    shutil.rmtree(root, ignore_errors=True)


_BASE: list[Path] = []


def base_store() -> Path:
    """The base data folder, built once per process: drafts A (two versions) and B, draft C in
    the trash, remembered settings, the data folder's own copy of the layout profile."""
    if _BASE:
        return _BASE[0] / "data"
    from dienchau_desktop.draft import example_draft, new_draft
    from dienchau_desktop.store import DraftStore
    from dienchau_desktop.template import load_template
    from dienchau_desktop.workspace.summary import list_facts

    holder = Path(tempfile.mkdtemp(prefix="dienchau-fuzz-base-"))
    atexit.register(shutil.rmtree, holder, True)
    data = holder / "data"
    with DraftStore(data, summarize=list_facts) as store:
        a = example_draft()
        a.meta["draft_id"] = S.ID_A
        a.meta["title"] = "Báo cáo A"
        store.save(a)
        a.answers["I.1"].text += "\nBổ sung sau lần lưu đầu."
        store.save(a)
        b = new_draft(load_template(), draft_id=S.ID_B, title="Nháp B", commune="xã Đông Thành")
        store.save(b)
        c = example_draft()
        c.meta["draft_id"] = S.ID_C
        c.meta["title"] = "Bản đã xóa C"
        store.save(c)
        store.delete(S.ID_C)
        store.set_setting("remembered_meta", {"commune": "xã Diễn Châu", "signer_name": "Thanh"})
        store.set_setting("last_position", {"draft": S.ID_A, "page": 2})
    layouts = data / "layouts"
    layouts.mkdir()
    shutil.copy(S.LAYOUT_FILE, layouts / "party-hd36.json")
    _BASE.append(holder)
    return data


# --- snapshots ------------------------------------------------------------------------------

Entry = tuple[Any, ...]


def snapshot(root: Path) -> dict[str, Entry]:
    """Every entry under ``root`` (relative path → what it is), never following links and never
    opening anything but regular files (a FIFO is only named)."""
    out: dict[str, Entry] = {}

    def walk(folder: str, rel: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            out[rel or "."] = ("unlistable", exc.errno)
            return
        for entry in entries:
            r = f"{rel}/{entry.name}" if rel else entry.name
            try:
                st = os.lstat(entry.path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                out[r] = ("link", os.readlink(entry.path))
            elif stat.S_ISDIR(st.st_mode):
                out[r] = ("dir",)
                walk(entry.path, r)
            elif stat.S_ISREG(st.st_mode):
                out[r] = ("file", _digest(entry.path, st))
            elif stat.S_ISFIFO(st.st_mode):
                out[r] = ("fifo",)
            else:
                out[r] = ("other", stat.S_IFMT(st.st_mode))

    walk(str(root), "")
    return out


def _digest(path: str, st: os.stat_result) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return f"unreadable:{st.st_size}:{st.st_mtime_ns}"


def stored_drafts(data: Path) -> dict[str, tuple[str, str]]:
    """The drafts the store can read (current version a readable regular file whose content is
    a good draft): id → (its folder, the content hash)."""
    from dienchau_desktop.datafile import DRAFT_ID_RE
    from dienchau_desktop.store.docs import DRAFTS_DIR, TRASH_DIR, draft_of, read_doc
    from dienchau_desktop.store.files import DamagedFileError
    from dienchau_desktop.store.history import list_versions

    found: dict[str, tuple[str, str]] = {}
    for place in (DRAFTS_DIR, TRASH_DIR):
        try:
            names = sorted(os.listdir(data / place))
        except OSError:
            continue
        for name in names:
            folder = data / place / name
            if not DRAFT_ID_RE.match(name) or not folder.is_dir():
                continue
            try:
                versions = list_versions(folder)
            except OSError:
                continue
            if not versions:
                continue
            path = folder / versions[0].name
            try:
                if not stat.S_ISREG(os.stat(path).st_mode):
                    continue
                doc = read_doc(path)
                draft_of(doc, name)
            except (OSError, DamagedFileError):
                continue
            found[name] = (place, str(doc["hash"]))
    return found


def _settings_of(raw: bytes | None) -> dict[str, Any] | None:
    """The settings held by a ``cai-dat.json`` (None when it cannot be read)."""
    if raw is None:
        return None
    from dienchau_desktop.store.files import DamagedFileError, parse_store_bytes

    try:
        data = parse_store_bytes(raw)
    except DamagedFileError:
        return None
    table = data.get("settings") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return {}
    return {
        d["key"]: d["value"]
        for d in table.values()
        if isinstance(d, dict) and isinstance(d.get("key"), str) and "value" in d
    }


# --- running one input ----------------------------------------------------------------------


@dataclass
class Case:
    """One input: the command (with ``{D}``, ``{IN}``, ``{OUT}`` for the sandbox's places),
    whether it may write to the data folder, the exit codes it documents, what the input is."""

    kind: str
    argv: list[str]
    writes: bool = False
    allowed: tuple[int, ...] = (0, 1, 2)
    said: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    case: Case
    argv: list[str]
    code: int | None = None
    stdout: str = ""
    stderr: str = ""
    elapsed: float = 0.0
    escaped: str = ""  # the exception that escaped main, with its traceback
    crash_log: str = ""  # the tail of loi.log when the command exited 3
    hung: bool = False
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    wrote: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def crashed(self) -> bool:
        return bool(self.crashes)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hung or self.lost or self.wrote or self.notes)

    def verdict(self) -> str:
        parts = []
        if self.crashes:
            parts.append("crash: " + "; ".join(self.crashes))
        if self.hung:
            parts.append(f"hang: over the time limit ({self.elapsed:.1f} s)")
        if self.lost:
            parts.append("lost: " + "; ".join(self.lost[:5]))
        if self.wrote:
            parts.append("wrote: " + "; ".join(self.wrote[:5]))
        if self.notes:
            parts.append("; ".join(self.notes))
        return " | ".join(parts) or "ok"

    def report(self) -> str:
        """Everything needed to understand a failure, for an assertion message or a finding."""
        lines = [
            f"kind: {self.case.kind}",
            f"argv: {_show_argv(self.argv)}",
            f"input: {'; '.join(self.case.said) or '-'}",
            f"exit: {self.code}   elapsed: {self.elapsed:.2f} s",
            f"verdict: {self.verdict()}",
            "stderr (tail):",
            _tail(self.stderr, 1500),
        ]
        if self.escaped:
            lines += ["escaped:", _tail(self.escaped, 2500)]
        if self.crash_log:
            lines += ["crash log (tail):", _tail(self.crash_log, 2500)]
        return "\n".join(lines)

    def last_frames(self, n: int = 3) -> str:
        """The last frames of the traceback, one line each (for a findings list)."""
        text = self.escaped or self.crash_log or self.stderr
        frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', text)
        last = frames[-n:]
        ours = [f for f in frames if "dienchau_desktop" in f[0]]
        if ours and ours[-1] not in last:
            last = [ours[-1], *last[1:]]  # where the program handed over to a library
        shown = [f"{Path(f).name}:{line} {fn}" for f, line, fn in last]
        error = next((ln.strip() for ln in reversed(text.strip().splitlines()) if ln.strip()), "")
        return " < ".join(reversed(shown)) + (f" — {error[:160]}" if error else "")


def _tail(text: str, n: int) -> str:
    return text if len(text) <= n else "…" + text[-n:]


def _show_argv(argv: list[str]) -> str:
    return " ".join(a if len(a) <= 120 else a[:100] + f"…({len(a)} chars)" for a in argv)


_WARM: list[bool] = []


def warm_up() -> None:
    """Run every command once as ourselves, so that each module a command imports lazily is
    loaded before a command runs as the unprivileged user (who cannot read Python's own files
    where they live under root's home)."""
    if _WARM:
        return
    _WARM.append(True)
    import platform

    from dienchau_desktop.cli.app import main as real_main  # not a test's stand-in

    platform.python_version()
    sb = Sandbox().with_store()
    try:
        shutil.copy(S.EXAMPLE_FILE, sb.inputs / "example.json")
        (sb.inputs / "hong.json").write_bytes(b"{")
        d = ["--data-dir", "{D}"]
        commands = [
            ["validate", "{IN}/example.json"],
            ["validate", "{IN}/example.json", "--json"],
            ["validate", "{IN}/hong.json"],
            ["render", "{IN}/example.json", "-o", "{OUT}/a.pdf"],
            ["render", "{IN}/example.json", "-o", "{OUT}/a.docx"],
            ["render", "--draft", S.ID_B, "--final", "-o", "{OUT}/b.pdf"],
            ["import-word", "{OUT}/a.docx", "-o", "{OUT}/w.json"],
            ["rollup", "{IN}", "--all", "-o", "{OUT}/r.xlsx", "--pdf", "{OUT}/r.pdf", "--json"],
            ["drafts", "list"],
            ["drafts", "list", "--json"],
            ["drafts", "trash", "--json"],
            ["drafts", "history", S.ID_A, "--json"],
            ["drafts", "history", S.ID_A, "--show", "1"],
            ["drafts", "export", S.ID_A, "-o", "{OUT}/e.json"],
            ["drafts", "import", "{IN}/example.json", "{OUT}/a.docx"],
            ["drafts", "import", "{IN}/hong.json"],
            ["validate", "--nope"],
        ]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for argv in commands:
                with contextlib.suppress(SystemExit):
                    real_main(sb.expand([*d, *argv]))
            from dienchau_desktop.crashlog import write_crash_log

            try:
                raise ValueError("warm-up")
            except ValueError as exc:
                write_crash_log(exc, sb.data)
    finally:
        sb.cleanup()


@contextlib.contextmanager
def _as_unprivileged(sandbox: Sandbox) -> Iterator[None]:
    """Run as a user who is not root, so that permissions hold (root reads everything)."""
    if os.geteuid() != 0:
        yield
        return
    import pwd

    warm_up()

    nobody = pwd.getpwnam("nobody")
    for dirpath, dirnames, filenames in os.walk(sandbox.root):
        for name in [*dirnames, *filenames]:
            with contextlib.suppress(OSError):
                os.lchown(os.path.join(dirpath, name), nobody.pw_uid, nobody.pw_gid)
    os.lchown(sandbox.root, nobody.pw_uid, nobody.pw_gid)
    groups = os.getgroups()
    os.setgroups([])
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


@contextlib.contextmanager
def _lock_held(sandbox: Sandbox) -> Iterator[None]:
    """Hold the data folder's writer lock as another copy of the program would."""
    from dienchau_desktop.store.lock import LOCK_NAME

    fd = None
    try:
        fd = os.open(sandbox.data / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, b'{"pid": 1, "host": "may-khac", "started": "2026-04-15T08:00:00+07:00"}')
    except OSError:
        pass  # no lock file can be held there (a folder, a FIFO, a link): nothing to hold
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def run(sandbox: Sandbox, case: Case, *, timeout: float = QUICK_TIMEOUT) -> Outcome:
    """Run ``case`` in ``sandbox`` through ``main(argv)`` and judge it (see the module doc)."""
    argv = sandbox.expand(case.argv)
    outcome = Outcome(case=case, argv=argv)
    with contextlib.ExitStack() as stack:
        if sandbox.lock_held:
            stack.enter_context(_lock_held(sandbox))
        before = snapshot(sandbox.root)
        drafts_before = stored_drafts(sandbox.data) if case.writes else {}
        settings_before = _read_settings(sandbox)
        out, err = io.StringIO(), io.StringIO()
        saved_temp = os.environ.get("TEMP")
        os.environ["TEMP"] = str(sandbox.fallback_logs)  # where a crash log goes if not in data/
        start = time.perf_counter()
        try:
            with contextlib.ExitStack() as running:
                if sandbox.unprivileged:
                    running.enter_context(_as_unprivileged(sandbox))
                running.enter_context(contextlib.redirect_stdout(out))
                running.enter_context(contextlib.redirect_stderr(err))
                running.enter_context(time_limit(timeout))
                outcome.code = main(argv)
        except FuzzTimeout:
            outcome.hung = True
        except SystemExit as exc:  # argparse: --help (0) and bad arguments (2)
            if isinstance(exc.code, int) or exc.code is None:
                outcome.code = exc.code or 0
            else:
                outcome.escaped = f"SystemExit({exc.code!r})"
        except BaseException as exc:
            outcome.escaped = "".join(traceback.format_exception(exc))
        finally:
            outcome.elapsed = time.perf_counter() - start
            if saved_temp is None:
                os.environ.pop("TEMP", None)
            else:
                os.environ["TEMP"] = saved_temp
        outcome.stdout, outcome.stderr = out.getvalue(), err.getvalue()
        after = snapshot(sandbox.root)
        drafts_after = stored_drafts(sandbox.data) if case.writes else {}
        settings_kept = _kept(settings_before, _read_settings(sandbox))
    if outcome.elapsed >= timeout:
        outcome.hung = True
    _judge_exit(outcome, sandbox)
    if sandbox.unprivileged and outcome.crashed and os.geteuid() == 0:
        text = outcome.escaped + outcome.crash_log
        if "ModuleNotFoundError" in text or "'/root/" in text:
            raise HarnessError("the unprivileged run could not load Python:\n" + outcome.report())
    _judge_files(outcome, before, after, settings_kept=settings_kept)
    if case.writes:
        _judge_drafts(outcome, drafts_before, drafts_after)
    return outcome


def _judge_exit(outcome: Outcome, sandbox: Sandbox) -> None:
    if outcome.hung:
        return
    if outcome.escaped:
        outcome.crashes.append(
            "an exception escaped main: " + outcome.escaped.strip().splitlines()[-1]
        )
    elif outcome.code == EXIT_CRASH:
        outcome.crashes.append("exit 3 (unexpected error)")
        logs = [sandbox.data / "logs" / "loi.log", sandbox.fallback_logs / "loi.log"]
        for log in logs:
            with contextlib.suppress(OSError):
                if log.is_file():
                    outcome.crash_log = log.read_text(encoding="utf-8", errors="replace")[-6000:]
                    break
    elif outcome.code not in outcome.case.allowed:
        outcome.crashes.append(f"exit {outcome.code} is not one the command documents")
    for stream, text in (("stderr", outcome.stderr), ("stdout", outcome.stdout)):
        if TRACEBACK in text:
            outcome.crashes.append(f"a Python traceback on {stream}")
    if outcome.code == 2 and not outcome.stderr.strip():
        outcome.notes.append("exit 2 without a message on stderr")


def _ignored(rel: str) -> bool:
    return (
        rel == "out"
        or rel.startswith("out/")
        or rel.startswith("crash-fallback")
        or (rel.startswith("data/logs"))
    )


def _judge_files(
    outcome: Outcome, before: dict[str, Entry], after: dict[str, Entry], *, settings_kept: bool
) -> None:
    writes = outcome.case.writes
    refused_import = writes and outcome.code == 2
    appeared = {rel: e for rel, e in after.items() if before.get(rel) != e}
    kept = set(appeared.values())
    for rel, old in before.items():
        new = after.get(rel)
        if new == old or _ignored(rel) or old[0] == "dir":
            continue
        how = "changed" if new is not None else "vanished"
        if not rel.startswith("data/"):
            outcome.lost.append(f"{rel} (outside the data folder) {how}")
        elif refused_import:
            outcome.lost.append(f"{rel} {how} under a refused import")
        elif not writes and rel not in READ_REWRITES:
            outcome.lost.append(f"{rel} {how} under a reading command")
        elif not writes:
            continue  # the list cache rebuilt, the lock's record
        elif old in kept:
            continue  # set aside (moved whole), e.g. to hong/
        elif rel in STORE_REWRITES:
            if rel == "data/cai-dat.json" and not settings_kept:
                outcome.lost.append(f"{rel} rewritten without the settings it held")
        elif new is None and _own_temp(rel):
            continue  # an unfinished write of the store's own file: never held a saved version
        else:
            outcome.lost.append(f"{rel} {how}")
    if not writes:
        for rel in appeared:
            if (
                rel not in before
                and appeared[rel][0] != "dir"  # a folder made on the way (to the crash log)
                and not _ignored(rel)
                and rel not in READ_REWRITES
            ):
                outcome.wrote.append(f"{rel} created by a reading command")


def _read_settings(sandbox: Sandbox) -> dict[str, Any] | None:
    """The settings in the data folder's ``cai-dat.json`` (None when it is not a readable file)."""
    path = sandbox.data / "cai-dat.json"
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return _settings_of(path.read_bytes())
    except OSError:
        return None


def _kept(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    """Whether every setting readable before is still there after."""
    if not before:
        return True
    return after is not None and all(after.get(k) == v for k, v in before.items())


def _own_temp(rel: str) -> bool:
    """An unfinished write of one of the store's own files (which the store may remove)."""
    from dienchau_desktop.store.history import parse_name

    parent, _, name = rel.rpartition("/")
    m = _TEMP_RE.match(name)
    if not m:
        return False
    target = m.group("target")
    if parent == "data":
        return target in ("muc-luc.json", "cai-dat.json")
    folder = parent.split("/")
    in_draft = len(folder) == 3 and folder[1] in ("ban-nhap", "thung-rac")
    return in_draft and parse_name(target) is not None


def _judge_drafts(
    outcome: Outcome,
    before: dict[str, tuple[str, str]],
    after: dict[str, tuple[str, str]],
) -> None:
    for draft_id, (place, digest) in before.items():
        now = after.get(draft_id)
        if now is None:
            outcome.lost.append(f"draft {draft_id} ({place}) is no longer readable")
        elif now != (place, digest):
            outcome.lost.append(f"draft {draft_id} changed: {(place, digest)} -> {now}")
    if outcome.code == 0 and "import" in outcome.case.argv:
        for line in outcome.stdout.split():
            if re.fullmatch(r"[0-9a-f]{32}", line) and line not in after:
                outcome.lost.append(f"imported draft {line} is not readable in the store")


# --- the kinds of input ---------------------------------------------------------------------

Builder = Callable[[random.Random, S.Size, Sandbox], Case]


def _write_input(sandbox: Sandbox, name: str, raw: bytes) -> str:
    (sandbox.inputs / name).write_bytes(raw)
    return "{IN}/" + name


def build_validate(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    raw, said = S.draft_file_bytes(rng, size)
    path = _write_input(sb, "nhap.json", raw)
    argv = ["--data-dir", "{D}", "validate", path] + (["--json"] if rng.random() < 0.5 else [])
    return Case("validate", argv, said=said)


def build_render(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    raw, said = S.render_draft_bytes(rng, size)
    path = _write_input(sb, "nhap.json", raw)
    out = "{OUT}/" + rng.choice(["bao-cao.pdf", "bao-cao.docx", "BAO-CAO.PDF"])
    argv = ["--data-dir", "{D}", "render", path, "-o", out]
    if rng.random() < 0.3:
        argv.append("--final")
    return Case("render", argv, said=said)


def build_import(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    sb.with_store()
    files = []
    said: list[str] = []
    for i in range(rng.choice([1, 1, 1, 2])):
        raw, what = S.draft_file_bytes(rng, size)
        files.append(_write_input(sb, f"nhap-{i}.json", raw))
        said += what
    if rng.random() < 0.3:
        shutil.copy(S.EXAMPLE_FILE, sb.inputs / "tot.json")
        files.insert(rng.randint(0, len(files)), "{IN}/tot.json")
        said.append("with a good file")
    return Case("import", ["--data-dir", "{D}", "drafts", "import", *files], True, said=said)


def build_rollup(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    raw, said = S.render_draft_bytes(rng, size)
    folder = sb.inputs / "bao-cao"
    folder.mkdir()
    (folder / "xa-1.json").write_bytes(raw)
    if rng.random() < 0.5:
        shutil.copy(S.EXAMPLE_FILE, folder / "xa-2.json")
        said.append("beside a good report")
    if rng.random() < 0.1:
        os.mkfifo(folder / "ong.json")
        said.append("a FIFO in the folder")
    if rng.random() < 0.2:
        os.symlink("..", folder / "vong")
        said.append("a link loop in the folder")
    target = rng.choice(["{IN}/bao-cao", "{IN}/bao-cao/xa-1.json"])
    out = rng.choice([["-o", "{OUT}/tong-hop.xlsx"], ["--json"], ["--pdf", "{OUT}/tong-hop.pdf"]])
    return Case("rollup", ["--data-dir", "{D}", "rollup", target, *out], said=said)


def build_layout(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    """A layout profile in the data folder (``layouts/party-hd36.json``) or named by path."""
    raw, said = S.layout_bytes(rng, S.Size(size.render_string, size.max_items, False, 0))
    out = "{OUT}/" + rng.choice(["bao-cao.pdf", "bao-cao.docx"])
    if rng.random() < 0.7:
        (sb.data / "layouts").mkdir(parents=True)
        (sb.data / "layouts" / "party-hd36.json").write_bytes(raw)
        argv = ["--data-dir", "{D}", "render", "--example", "-o", out]
    else:
        path = _write_input(sb, "bo-cuc.json", raw)
        argv = ["--data-dir", "{D}", "render", "--example", "--layout", path, "-o", out]
    return Case("layout", argv, allowed=(0, 2), said=said)


def build_store(rng: random.Random, size: S.Size, sb: Sandbox) -> Case:
    """A damaged copy of the base data folder, and one command on it."""
    sb.with_store()
    shutil.copy(S.EXAMPLE_FILE, sb.inputs / "example.json")
    damage = S.damage_data_folder(rng, sb.data, sb.outside, size)
    sb.unprivileged = damage.unprivileged
    sb.lock_held = damage.lock_held
    argv, writes = S.store_command(rng)
    return Case("store", argv, writes, said=damage.said)


KINDS: dict[str, Builder] = {
    "validate": build_validate,
    "render": build_render,
    "import": build_import,
    "rollup": build_rollup,
    "layout": build_layout,
    "store": build_store,
}


def prepare(kind: str, rng: random.Random, size: S.Size, keep: Path) -> tuple[Sandbox, Case]:
    """Build one input of a command kind in a sandbox at ``keep``, without running it (to keep
    the reproducing input of a finding)."""
    sandbox = Sandbox(keep.parent, name=keep.name)
    return sandbox, KINDS[kind](rng, size, sandbox)


def fuzz_one(
    kind: str,
    rng: random.Random,
    size: S.Size = S.QUICK,
    *,
    timeout: float = QUICK_TIMEOUT,
) -> Outcome:
    """Build one input of ``kind`` from ``rng`` in a fresh sandbox, run it, clean up."""
    if kind in DIRECT_KINDS:
        return run_direct(kind, rng, size, timeout=timeout)
    sandbox = Sandbox()
    try:
        case = KINDS[kind](rng, size, sandbox)
        return run(sandbox, case, timeout=timeout)
    finally:
        sandbox.cleanup()


# --- the model's own readers, called directly ---------------------------------------------------


def _direct_figure(rng: random.Random, size: S.Size) -> tuple[list[str], Callable[[], None]]:
    from dienchau_desktop.figures import FigureSyntaxError, format_for_print, parse_figure
    from dienchau_desktop.template import FIGURE_KINDS, FigureSpec
    from dienchau_desktop.validation import check_figure

    text = S.figure_text(rng, size)
    kind = rng.choice(FIGURE_KINDS)
    unit = rng.choice(["", "người", "triệu đồng", "đồng/năm", "%", "hộ"])
    spec = FigureSpec("f", "Số liệu", kind, unit, rng.random() < 0.5, "")

    def call() -> None:
        with contextlib.suppress(FigureSyntaxError):
            parse_figure.__wrapped__(text)
        check_figure(text, spec)
        format_for_print(text, kind, unit)

    return [f"figure {text[:80]!r} ({len(text)} chars) as {kind} {unit!r}"], call


def _direct_layout(rng: random.Random, size: S.Size) -> tuple[list[str], Callable[[], None]]:
    from dienchau_desktop.layout import LayoutError, parse_layout

    doc, said = S.mutated_document(rng, S.layout_document(), size, S.LAYOUT_MUTATORS)

    def call() -> None:
        with contextlib.suppress(LayoutError):
            parse_layout(doc, "<fuzz>")

    return ["parse_layout", *said], call


def _direct_template(rng: random.Random, size: S.Size) -> tuple[list[str], Callable[[], None]]:
    from dienchau_desktop.draft import example_draft, new_draft
    from dienchau_desktop.template import TemplateError, parse_template
    from dienchau_desktop.validation import validate

    doc, said = S.mutated_document(rng, S.template_document(), size, S.LAYOUT_MUTATORS)

    def call() -> None:
        try:
            template = parse_template(doc, "<fuzz>")
        except TemplateError:
            return
        validate(example_draft(), template)
        validate(new_draft(template), template)

    return ["parse_template then validate", *said], call


DIRECT_KINDS: dict[str, Callable[[random.Random, S.Size], tuple[list[str], Callable[[], None]]]] = {
    "figure": _direct_figure,
    "layout-parse": _direct_layout,
    "template": _direct_template,
}


def run_direct(
    kind: str, rng: random.Random, size: S.Size, *, timeout: float = QUICK_TIMEOUT
) -> Outcome:
    """One input to a reader of the model (figures, layout profiles, forms): only its
    documented error may come out, within the time limit."""
    said, call = DIRECT_KINDS[kind](rng, size)
    outcome = Outcome(case=Case(kind, [kind], said=said), argv=[kind])
    start = time.perf_counter()
    try:
        with time_limit(timeout):
            call()
    except FuzzTimeout:
        outcome.hung = True
    except Exception as exc:
        outcome.escaped = "".join(traceback.format_exception(exc))
        outcome.crashes.append(f"{type(exc).__name__} escaped: {str(exc)[:200]}")
    outcome.elapsed = time.perf_counter() - start
    if outcome.elapsed >= timeout:
        outcome.hung = True
    return outcome

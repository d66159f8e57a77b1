"""The long fuzz profile: at least 10,000 hostile inputs through the command line, in-process.

    python3 scripts/fuzz.py                     # 10,000 inputs, seed 0
    python3 scripts/fuzz.py --inputs 20000 --seed 7
    python3 scripts/fuzz.py --replay store:123  # one input again, by the name a finding gives

The inputs are those of the quick profile (``tests/fuzz``: the same generators and the same
judge, :mod:`harness`) at full size: strings up to the 2,000,000-character limit, draft files
around the 16 MB limit, a 30-second limit per input. Every input is made from its own seed, so
a finding is reproduced by its name alone. One process, one core (no pools).

Each crash, hang or loss is written to ``out/fuzz/`` (a folder per finding: ``finding.txt``
with the command, the verdict and the traceback, and ``case/``, the sandbox rebuilt from the
seed: the data folder, the input files, what was outside). The last line printed is::

    reliability: N inputs, C crashes, H hangs, L lost
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fuzz")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import harness  # noqa: E402
import strategies as S  # noqa: E402

# How often each kind of input comes, out of every len(SCHEDULE) inputs.
WEIGHTS = {
    "validate": 4,
    "import": 3,
    "render": 2,
    "rollup": 1,
    "layout": 2,
    "store": 5,
    "figure": 3,
    "layout-parse": 1,
    "template": 1,
}
SCHEDULE = [kind for kind, n in WEIGHTS.items() for _ in range(n)]


def seed_of(base: int, index: int) -> int:
    return base * 1_000_003 + index


def run_one(kind: str, seed: int, size: S.Size, timeout: float) -> harness.Outcome:
    return harness.fuzz_one(kind, random.Random(f"{kind}:{seed}"), size, timeout=timeout)


def keep_finding(
    folder: Path, number: int, kind: str, seed: int, size: S.Size, outcome: harness.Outcome
) -> Path:
    """Write a finding: what happened, how to run it again, and its input rebuilt."""
    what = (
        "crash"
        if outcome.crashed
        else "hang"
        if outcome.hung
        else "lost"
        if outcome.lost
        else "other"
    )
    where = folder / f"{number:05d}-{kind}-{seed}-{what}"
    where.mkdir(parents=True, exist_ok=True)
    lines = [
        f"replay: python3 scripts/fuzz.py --replay {kind}:{seed}"
        + ("" if size is S.LONG else " --quick"),
        f"frames: {outcome.last_frames()}",
        "",
        outcome.report(),
    ]
    if kind not in harness.DIRECT_KINDS:
        sandbox, case = harness.prepare(kind, random.Random(f"{kind}:{seed}"), size, where / "case")
        argv = sandbox.expand(case.argv)
        lines[1:1] = [
            "command: dienchau-desktop " + " ".join(shlex.quote(a) for a in argv),
            "(the data folder is case/data; "
            + (
                "run it as a user who is not root: it holds files without permission; "
                if sandbox.unprivileged
                else ""
            )
            + ("another copy held the writer lock; " if sandbox.lock_held else "")
            + "long arguments are in the files of case/in)",
        ]
    (where / "finding.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="how many inputs (10000)")
    parser.add_argument("--seed", type=int, default=0, help="the run's seed (0)")
    parser.add_argument("--timeout", type=float, default=harness.LONG_TIMEOUT, help="s per input")
    parser.add_argument("--kinds", default="", help="only these kinds, comma-separated")
    parser.add_argument("--findings", type=Path, default=ROOT / "out" / "fuzz")
    parser.add_argument("--quick", action="store_true", help="the quick profile's sizes")
    parser.add_argument("--replay", metavar="KIND:SEED", help="run one input again and show it")
    parser.add_argument("--progress", type=int, default=250, help="a progress line every N inputs")
    args = parser.parse_args(argv)
    size = S.QUICK if args.quick else S.LONG

    if args.replay:
        kind, _, seed = args.replay.partition(":")
        outcome = run_one(kind, int(seed), size, args.timeout)
        print(outcome.report())
        return 0 if outcome.ok else 1

    schedule = [k for k in SCHEDULE if not args.kinds or k in args.kinds.split(",")]
    if not schedule:
        parser.error(f"no such kind; kinds: {', '.join(WEIGHTS)}")
    args.findings.mkdir(parents=True, exist_ok=True)
    current = args.findings / "current.txt"
    summary = args.findings / "summary.txt"
    summary.write_text("", encoding="utf-8")
    counts: Counter[str] = Counter()
    per_kind: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    start = time.monotonic()
    for i in range(args.inputs):
        kind = schedule[i % len(schedule)]
        seed = seed_of(args.seed, i)
        # If an input ever hangs where the alarm cannot reach (inside C code), the process dies
        # with every thread's stack after four times the limit, and current.txt names the input.
        current.write_text(f"{kind}:{seed}\n", encoding="utf-8")
        faulthandler.dump_traceback_later(args.timeout * 4, exit=True)
        try:
            outcome = run_one(kind, seed, size, args.timeout)
        except Exception as exc:  # the fuzz code's own fault, not the program's
            counts["harness"] += 1
            first = (str(exc).splitlines() or [""])[0]
            print(f"harness error at {kind}:{seed}: {type(exc).__name__}: {first}", flush=True)
            continue
        finally:
            faulthandler.cancel_dump_traceback_later()
        counts["inputs"] += 1
        per_kind[kind] += 1
        if not outcome.ok:
            counts["crashes"] += outcome.crashed
            counts["hangs"] += outcome.hung
            counts["lost"] += bool(outcome.lost)
            counts["other"] += not (outcome.crashed or outcome.hung or outcome.lost)
            key = f"{kind}: {outcome.verdict()[:90]} @ {outcome.last_frames(2)[:140]}"
            distinct[key] += 1
            where = keep_finding(args.findings, i, kind, seed, size, outcome)
            with summary.open("a", encoding="utf-8") as fh:
                fh.write(f"{where.name}: {outcome.verdict()[:300]} | {outcome.last_frames()}\n")
            print(f"finding {where.name}: {outcome.verdict()[:160]}", flush=True)
        if (i + 1) % args.progress == 0 or i + 1 == args.inputs:
            rate = (i + 1) / max(time.monotonic() - start, 1e-9)
            print(
                f"[{i + 1}/{args.inputs}] {rate:.1f} inputs/s; crashes {counts['crashes']}, "
                f"hangs {counts['hangs']}, lost {counts['lost']}, other {counts['other']}",
                flush=True,
            )
    current.unlink(missing_ok=True)
    print("inputs by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(per_kind.items())))
    if distinct:
        print("distinct findings:")
        for key, n in distinct.most_common():
            print(f"  {n:5d} × {key}")
    if counts["other"]:
        other = counts["other"]
        print(f"other findings (files written by reading commands, silent refusals): {other}")
    if counts["harness"]:
        print(f"harness errors (not counted as inputs): {counts['harness']}")
    print(
        f"reliability: {counts['inputs']} inputs, {counts['crashes']} crashes, "
        f"{counts['hangs']} hangs, {counts['lost']} lost"
    )
    return 0 if counts["crashes"] + counts["hangs"] + counts["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

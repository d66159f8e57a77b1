#!/usr/bin/env python3
"""Start-to-exit time of the frozen program against the same command run from source.

    python benchmarks/bench_frozen.py                    # render --example, 7 runs each
    python benchmarks/bench_frozen.py --runs 11 --max-ratio 1.2

Runs ``render --example -o FILE`` (``validate --example`` when the build has no ``render`` yet)
N times with the frozen executable and N times as ``python -m dienchau_desktop``, alternating the
two so that a busy machine slows both alike, after one unmeasured warm-up run of each. Prints the
medians, their ratio (the budget is 1.2) and the size of the program folder (the budget is 150 MB
on Linux). Exit status 1 when ``--max-ratio`` or ``--max-mb`` is exceeded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "dienchau-desktop" + (".exe" if os.name == "nt" else "")
DEFAULT_EXE = ROOT / "dist" / "dienchau-desktop" / EXE_NAME


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (0 on Windows, which does not count them)."""
    try:
        import resource  # POSIX only
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run, start to exit."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=300)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace")
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err}")
    return seconds, _children_cpu() - cpu


def folder_size(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1_000_000, len(files)


def has_render(exe: Path, env: dict[str, str]) -> bool:
    out = subprocess.run([str(exe), "--help"], env=env, capture_output=True, timeout=60)
    return b"render" in out.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="the frozen executable")
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (default 7)")
    parser.add_argument("--max-ratio", type=float, help="fail when frozen/source is larger")
    parser.add_argument("--max-mb", type=float, help="fail when the program folder is larger")
    args = parser.parse_args()
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"no executable at {exe}: build it first (pyinstaller build_installer.spec)")
        return 2

    work = Path(tempfile.mkdtemp(prefix="dienchau-bench-"))
    env = dict(os.environ, DIENCHAU_DATA_DIR=str(work / "data"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if has_render(exe, env):
        command = ["render", "--example", "-o", str(work / "bao-cao.pdf")]
    else:
        command = ["validate", "--example"]
        print("this build has no `render` command yet: timing `validate --example` instead")
    frozen = [str(exe), *command]
    source = [sys.executable, "-m", "dienchau_desktop", *command]

    timed(frozen, env, work)  # warm-up: the OS file cache, Python's bytecode cache
    timed(source, env, work)
    frozen_runs = []
    source_runs = []
    for _ in range(args.runs):
        frozen_runs.append(timed(frozen, env, work))
        source_runs.append(timed(source, env, work))
    frozen_s = [wall for wall, _cpu in frozen_runs]
    source_s = [wall for wall, _cpu in source_runs]

    f_med, s_med = statistics.median(frozen_s), statistics.median(source_s)
    ratio = f_med / s_med
    size_mb, files = folder_size(exe.parent)
    print(f"command: {' '.join(command[:2])}  ({args.runs} runs each, after one warm-up)")
    print(f"frozen  median {f_med:.3f} s  (min {min(frozen_s):.3f}, max {max(frozen_s):.3f})")
    print(f"source  median {s_med:.3f} s  (min {min(source_s):.3f}, max {max(source_s):.3f})")
    budget = f"  (budget {args.max_ratio})" if args.max_ratio else ""
    print(f"ratio   frozen/source {ratio:.2f}{budget}")
    f_cpu = statistics.median(cpu for _wall, cpu in frozen_runs)
    s_cpu = statistics.median(cpu for _wall, cpu in source_runs)
    if s_cpu:  # less disturbed than wall-clock time when the machine is busy
        print(f"cpu     median frozen {f_cpu:.3f} s, source {s_cpu:.3f} s ({f_cpu / s_cpu:.2f})")
    print(f"folder  {exe.parent}: {size_mb:.1f} MB in {files} files")
    failed = False
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"OVER BUDGET: frozen is {ratio:.2f}× the source time (budget {args.max_ratio}×)")
        failed = True
    if args.max_mb is not None and size_mb > args.max_mb:
        print(f"OVER BUDGET: the folder is {size_mb:.1f} MB (budget {args.max_mb:.0f} MB)")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

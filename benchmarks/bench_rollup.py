"""How long the province's roll-up takes, and how much memory: 1,000 communes to Excel and PDF.

    python benchmarks/bench_rollup.py [--communes N] [--runs R]

Writes N commune drafts (the example with distinct names and figures) into a temporary folder,
then measures, each as the median of R runs:

- the floor: reading and parsing every draft file, nothing else (the least any roll-up does);
- in process: gathering and tallying (with every draft validated), writing the .xlsx, the PDF;
- the whole command, ``dienchau-desktop rollup FOLDER -o X.xlsx --pdf X.pdf``, in a fresh
  process: wall time, and the peak resident memory of it and the processes it starts to use a
  second core, added together (Linux).

Budget: 1,000 communes in at most 15 s and 400 MB. A measurement, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dienchau_desktop.draft import example_draft, read_draft_file, write_draft_file  # noqa: E402
from dienchau_desktop.rollup.summary_pdf import summary_pdf_bytes  # noqa: E402
from dienchau_desktop.rollup.xlsx import xlsx_bytes  # noqa: E402
from dienchau_desktop.workspace import Workspace  # noqa: E402


def make_communes(folder: Path, count: int) -> None:
    for i in range(count):
        draft = example_draft()
        draft.meta.update(
            draft_id=f"{i + 1:032x}",
            commune=f"xã Số {i + 1}",
            issuing_body=f"ĐẢNG ỦY XÃ SỐ {i + 1}",
        )
        answers = draft.answers
        answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] = f"{i % 40 + 1} cuộc"
        answers["II.3"].figures["tong_kinh_phi"] = f"{(i % 9 + 1) * 100} triệu đồng"
        answers["II.4"].figures["ty_le_giai_quyet"] = f"{80 + i % 21}%"
        answers["II.5"].figures["so_don_vi_co_quy_che"] = f"{i % 8 + 1}/8 tổ chức"
        write_draft_file(draft, folder / f"xa-{i + 1:04d}.json")


def median(work: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc)."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                for child in fh.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def whole_command(folder: Path, out: Path) -> tuple[float, float]:
    """Wall seconds of the rollup command in a fresh process, and the peak resident memory of it
    and the processes it starts, together (sampled every 50 ms)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), DIENCHAU_DATA_DIR=str(out / "data"))
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "dienchau_desktop", "rollup", str(folder),
         "-o", str(out / "tong-hop.xlsx"), "--pdf", str(out / "tong-hop.pdf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    peak = 0
    while child.poll() is None:
        peak = max(peak, sum(_rss_kib(p) for p in _tree(child.pid)))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(
            f"rollup failed ({child.returncode}): {child.stderr.read() if child.stderr else ''}"
        )
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dienchau-rollup-") as tmp:
        folder = Path(tmp) / "bao-cao"
        folder.mkdir()
        make_communes(folder, args.communes)
        files = sorted(folder.glob("*.json"))
        workspace = Workspace(Path(tmp) / "data", readonly=True)
        floor, _ = median(lambda: [read_draft_file(f) for f in files], args.runs)
        tallying, rollup = median(lambda: workspace.rollup([folder]), args.runs)
        excel, data = median(lambda: xlsx_bytes(rollup), args.runs)  # type: ignore[arg-type]
        pdf, printed = median(lambda: summary_pdf_bytes(rollup), args.runs)  # type: ignore[arg-type]
        runs = [whole_command(folder, Path(tmp)) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
    n = args.communes
    print(f"{n} communes, median of {args.runs} runs")
    print(f"floor (read {n} draft files):   {floor:6.2f} s")
    print(f"gather + tally + validate:       {tallying:6.2f} s  ({tallying / floor:.1f}x floor)")
    print(f"Excel workbook:                  {excel:6.2f} s  ({len(data) / 1024:.0f} KiB)")  # type: ignore[arg-type]
    print(f"PDF summary:                     {pdf:6.2f} s  ({len(printed) / 1024:.0f} KiB)")  # type: ignore[arg-type]
    print(f"whole command, fresh process:    {wall:6.2f} s  (budget 15 s), peak {peak:.0f} MB "
          "(budget 400 MB)")  # fmt: skip


if __name__ == "__main__":
    main()

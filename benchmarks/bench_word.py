"""How long the Word copy takes to write and to read back, beside the PDF of the same draft.

    python benchmarks/bench_word.py [--runs N]

For the example and for the example with every answer ten times over (about a hundred pages),
prints the median of N runs of: writing the .docx, reading it back into a draft, and printing
the PDF (the floor the Word copy is measured against, in the same run on the same machine).
Targets: each Word step no slower than the PDF of the same draft, and ten times the content
within about ten times as long (linear). This is a measurement, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_render import ten_times

from dienchau_desktop.draft import example_draft
from dienchau_desktop.pdf import render_pdf
from dienchau_desktop.template import load_template
from dienchau_desktop.word import render_docx
from dienchau_desktop.word.reader import read_word


def median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    args = parser.parse_args()
    template = load_template()
    render_pdf(example_draft(), final=True)  # fonts loaded once, for every case
    results = {}
    for name, draft in (("example", example_draft()), ("10x content", ten_times(example_draft()))):
        docx = render_docx(draft, final=True)
        write = median(lambda d=draft: render_docx(d, final=True), args.runs)
        read = median(lambda b=docx: read_word(b, template), args.runs)
        pdf = median(lambda d=draft: render_pdf(d, final=True), args.runs)
        results[name] = (write, read, pdf)
        print(
            f"{name:12}  write .docx {write:.3f} s ({len(docx) / 1024:.0f} KiB)   "
            f"read back {read:.3f} s   PDF {pdf:.3f} s   "
            f"write/PDF {write / pdf:.2f}   read/PDF {read / pdf:.2f}"
        )
    (w1, r1, p1), (w10, r10, p10) = results["example"], results["10x content"]
    print(f"ratio 10x/1x: write {w10 / w1:.1f}, read {r10 / r1:.1f}, PDF {p10 / p1:.1f}")


if __name__ == "__main__":
    main()

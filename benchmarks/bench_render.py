"""How long printing takes: the example report, and the same report with ten times the text.

    python benchmarks/bench_render.py [--runs N]

Prints the median of N in-process renders (after one warm-up that loads the fonts) for the
example and for a draft whose every answer is the example's answer ten times over, and the
ratio between the two. Targets: the example within 0.5 s; ten times the content within about
ten times as long (no worse than linear). This is a measurement, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.pdf import render_pdf


def ten_times(draft: Draft) -> Draft:
    """The draft with every answer's text repeated ten times."""
    bigger = draft.copy()
    for answer in bigger.answers.values():
        answer.text = "\n".join([answer.text] * 10)
    return bigger


def measure(draft: Draft, runs: int) -> tuple[float, int, int]:
    """Median seconds of ``runs`` final-copy renders, the PDF's size and its page count."""
    times = []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        data = render_pdf(draft, final=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(data), data.count(b"/Type /Page\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="renders per case (default 7)")
    args = parser.parse_args()

    example = example_draft()
    start = time.perf_counter()
    render_pdf(example, final=True)
    print(f"first render (fonts loading included): {time.perf_counter() - start:.3f} s")

    base, base_size, base_pages = measure(example, args.runs)
    big, big_size, big_pages = measure(ten_times(example), args.runs)
    print(f"example:      median {base:.3f} s, {base_pages} pages, {base_size / 1024:.0f} KiB")
    print(f"10x content:  median {big:.3f} s, {big_pages} pages, {big_size / 1024:.0f} KiB")
    print(f"ratio 10x/1x: {big / base:.1f} (pages {big_pages / base_pages:.1f}x)")


if __name__ == "__main__":
    main()

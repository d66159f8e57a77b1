"""Time per printed page, from the example to the longest copy the program will print.

    python benchmarks/bench_print_scaling.py [--runs N] [--quick] [--word]

Prints, for the example (median of N runs) and for the example with one answer (II.3) grown
big in three shapes — short lines, bullets, one paragraph of plain words — the pages, the
seconds and the milliseconds per page, and the ratio of each case's time per page to the
example's. The last size of each shape is the largest the program accepts to print
(``printed.MAX_PRINTED_PAGES``, found with the same estimate that guards printing). Target:
time per page roughly constant (ratio about 1) up to that limit, so that the longest copy
prints in well under a minute. ``--quick`` leaves out the largest cases; ``--word`` also times
the Word copy of each case. This is a measurement, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.pdf import render_pdf

_WORDS = [
    "Đảng",
    "ủy",
    "xã",
    "Diễn",
    "Châu",
    "thực",
    "hiện",
    "kết",
    "luận",
    "nghị",
    "quyết",
    "cán",
    "bộ",
    "đảng",
    "viên",
    "nhân",
    "dân",
]


def short_lines(n: int) -> str:
    return "\n".join(f"Dòng số {i} của câu trả lời." for i in range(n))


def bullets(n: int) -> str:
    return "\n".join(f"- Ý {i} đã làm xong." for i in range(n))


def words(chars: int) -> str:
    rng = random.Random(62)
    out: list[str] = []
    total = 0
    while total < chars:
        word = rng.choice(_WORDS)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)


SHAPES: dict[str, tuple[Callable[[int], str], list[int], str]] = {
    "short lines": (short_lines, [2_500, 5_000, 10_000, 20_000], "lines"),
    "bullets": (bullets, [5_000, 20_000], "bullets"),
    "plain words": (words, [200_000, 500_000, 1_000_000], "chars"),
}


def with_answer(text: str) -> Draft:
    draft = example_draft()
    draft.answer("II.3").text = text
    return draft


def largest(make: Callable[[int], str], start: int) -> int | None:
    """The largest size of a shape that is still printed (None before the limit existed)."""
    try:
        from dienchau_desktop.layout import load_layout
        from dienchau_desktop.printed import (
            MAX_PRINTED_PAGES,
            PrintRefusedError,
            estimated_pages,
            printed_report,
        )
        from dienchau_desktop.template import load_template
    except ImportError:
        return None
    layout, template = load_layout(), load_template()

    def pages(n: int) -> float:
        try:
            rep = printed_report(with_answer(make(n)), template, layout, draft_copy=True)
        except PrintRefusedError:
            return MAX_PRINTED_PAGES + 1
        return estimated_pages(layout, rep)[0]

    lo, hi = start, start
    while pages(hi) <= MAX_PRINTED_PAGES:
        lo, hi = hi, hi * 2
    while hi - lo > max(1, lo // 100):
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if pages(mid) <= MAX_PRINTED_PAGES else (lo, mid)
    return lo


def timed(work: Callable[[], bytes], runs: int) -> tuple[float, bytes]:
    times, data = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        data = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the example (default 5)")
    parser.add_argument("--quick", action="store_true", help="leave out the largest cases")
    parser.add_argument("--word", action="store_true", help="also time the Word copy")
    args = parser.parse_args()
    render_pdf(example_draft())  # fonts loaded once, for every case

    def case(name: str, draft: Draft, runs: int, base: float | None) -> float:
        seconds, data = timed(lambda: render_pdf(draft), runs)
        pages = data.count(b"/Type /Page\n")
        per_page = seconds / pages
        ratio = f"  ratio {per_page / base:4.2f}" if base else ""
        line = f"{name:28} {pages:5} pages {seconds:7.2f} s {per_page * 1000:6.1f} ms/page{ratio}"
        if args.word:
            from dienchau_desktop.word import render_docx

            word, _ = timed(lambda: render_docx(draft), 1)
            line += f"   Word {word:6.2f} s"
        print(line, flush=True)
        return per_page

    base = case("example", example_draft(), args.runs, None)
    worst = 1.0
    for shape, (make, sizes, unit) in SHAPES.items():
        limit = None if args.quick else largest(make, sizes[-1])
        for n in sizes + ([limit] if limit and limit > sizes[-1] else []):
            label = f"{shape}, {n:,} {unit}" + (" (limit)" if n == limit else "")
            worst = max(worst, case(label, with_answer(make(n)), 1, base) / base)
    print(f"largest ratio of time per page to the example's: {worst:.2f}")


if __name__ == "__main__":
    main()

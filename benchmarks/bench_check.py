"""How long checking takes while typing: one question alone, and the whole draft.

    python benchmarks/bench_check.py [--runs N]

A figure's message is refreshed at every keystroke from the problems of its question
(``validate_question``); the whole draft is checked a moment after typing stops (``validate``).
Measured on the example and on the example with one answer grown to about 43,000 characters
(the longest answers offices paste), beside a floor measured in the same run: reading every word
of the same text once (``re.findall``). Prints medians in ms and the ratio to the floor. This is a
measurement, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.template import load_template
from dienchau_desktop.validation import validate, validate_question

WORD = re.compile(r"\w+")


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def long_answer(draft: Draft, chars: int = 43_000) -> Draft:
    bigger = draft.copy()
    text = bigger.answers["I.1"].text
    bigger.answers["I.1"].text = "\n".join([text] * max(1, chars // (len(text) + 1)))
    return bigger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    template = load_template()
    for name, draft in (("example", example_draft()), ("43K answer", long_answer(example_draft()))):
        text = "\n".join(a.text for a in draft.answers.values())
        floor = median_ms(lambda t=text: WORD.findall(t), runs)
        one = median_ms(lambda d=draft: validate_question(d, template, "I.1"), runs)
        whole = median_ms(lambda d=draft: validate(d, template), runs)
        print(
            f"{name:>10}: {len(text):>6} chars  floor {floor:6.2f} ms  "
            f"question {one:6.2f} ms ({one / floor:4.1f}x)  whole {whole:6.2f} ms "
            f"({whole / floor:4.1f}x)"
        )


if __name__ == "__main__":
    main()

"""How long saving a draft takes with 1 draft stored and with 500 (the cost must not grow).

    python benchmarks/bench_store.py [--saves 300] [--drafts 500] [--dir FOLDER]

Two stores are filled (1 draft; 500 drafts) and the example-sized draft is saved alternately in
each, changing its text every time as typing would, so both see the same machine load. Every
save is a real one: a new version file written atomically (temporary file, fsync, rename, fsync
of the folder), old versions thinned out. Prints median and 95th percentile per store and their
ratio, and beside them a bare atomic write of the same size: on a shared disk the flush time
moves with other programs' writes, and that floor shows how much of a save is the disk's.
Use ``--dir`` to measure on a particular disk (the default is the system's temporary folder).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dienchau_desktop.draft import Draft, example_draft, new_draft_id  # noqa: E402
from dienchau_desktop.store import DraftStore  # noqa: E402
from dienchau_desktop.store.files import atomic_write  # noqa: E402
from dienchau_desktop.template import load_template  # noqa: E402
from dienchau_desktop.validation import validate  # noqa: E402
from dienchau_desktop.workspace.summary import list_facts  # noqa: E402


def _fresh(n: int) -> Draft:
    d = example_draft()
    d.meta["draft_id"] = new_draft_id()
    d.meta["title"] = f"Bản nháp số {n}"
    d.answer("I.1").text += f"\nGhi chú riêng của bản nháp số {n}."
    return d


def _fill(store: DraftStore, count: int) -> Draft:
    """Store ``count`` drafts; return the last one (the one the benchmark saves)."""
    draft = _fresh(0)
    for n in range(count):
        draft = _fresh(n)
        store.save(draft)
    return draft


def _type_a_little(draft: Draft, i: int) -> None:
    answer = draft.answer("II.1")
    base = answer.text.split("\n§", 1)[0]
    answer.text = f"{base}\n§ Dòng đang gõ, lần thứ {i}."


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--saves", type=int, default=300, help="timed saves per store")
    parser.add_argument("--drafts", type=int, default=500, help="drafts in the big store")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the stores")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
    try:
        size = len(example_draft().to_json().encode("utf-8"))
        print(f"draft size {size / 1024:.1f} KB; stores in {root}")
        started = time.perf_counter()
        small = DraftStore(root / "one", summarize=list_facts)
        big = DraftStore(root / "many", summarize=list_facts)
        d1 = _fill(small, 1)
        dn = _fill(big, args.drafts)
        print(f"filled: 1 and {len(big.list())} drafts in {time.perf_counter() - started:.1f} s")

        for i in range(30):  # warm up and bring both histories to their steady size
            _type_a_little(d1, i)
            small.save(d1)
            _type_a_little(dn, i)
            big.save(dn)

        t1: list[float] = []
        tn: list[float] = []
        floor: list[float] = []
        scratch = root / "scratch"
        scratch.mkdir()
        payload = d1.to_json().encode("utf-8")
        for i in range(30, 30 + args.saves):
            for draft, store, out in ((d1, small, t1), (dn, big, tn)):
                _type_a_little(draft, i)
                t = time.perf_counter()
                store.save(draft)
                out.append((time.perf_counter() - t) * 1000)
            # The disk's own floor at this moment: one bare atomic write of the same size.
            t = time.perf_counter()
            atomic_write(scratch / f"{i}.json", payload)
            floor.append((time.perf_counter() - t) * 1000)

        template = load_template(d1.template_id)
        tv = []
        for _ in range(50):
            t = time.perf_counter()
            validate(d1, template)
            tv.append((time.perf_counter() - t) * 1000)

        t = time.perf_counter()
        listed = big.list()
        list_ms = (time.perf_counter() - t) * 1000
        small.close()
        big.close()
        t = time.perf_counter()
        with DraftStore(root / "many", readonly=True, summarize=list_facts) as again:
            again.list()
        open_ms = (time.perf_counter() - t) * 1000

        m1, p1 = _stats(t1)
        mn, pn = _stats(tn)
        mv, pv = _stats(tv)
        mf, pf = _stats(floor)
        print(f"save, 1 draft stored:        median {m1:6.2f} ms   p95 {p1:6.2f} ms")
        print(f"save, {args.drafts} drafts stored:    median {mn:6.2f} ms   p95 {pn:6.2f} ms")
        print(f"ratio {args.drafts}/1:               median {mn / m1:6.2f}      p95 {pn / p1:6.2f}")
        print(f"bare atomic write, same size: median {mf:6.2f} ms   p95 {pf:6.2f} ms  (disk floor)")
        print(f"validate() alone (not in save): median {mv:6.2f} ms   p95 {pv:6.2f} ms")
        print(
            f"list() of {len(listed)} drafts: {list_ms:.1f} ms; "
            f"open read-only + list: {open_ms:.1f} ms"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

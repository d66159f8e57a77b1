"""Child process of the crash test: imports batches of drafts, trashes and restores one, in a loop
until it is killed.

Usage: python ops_child.py DATA_DIR KEEPER_ID FIRST_BATCH. Prints ``ready`` once the store is
open; ``importing <k>`` before batch ``k`` (of :data:`BATCH` drafts titled ``Lô <k> – <i>``) and
``imported <k>`` once it has returned; ``trashed`` / ``restored`` after each move of the draft
KEEPER_ID. The parent checks that a batch is in the store whole or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dienchau_desktop.draft import example_draft, new_draft_id
from dienchau_desktop.store import DraftStore

BATCH = 8


def batch_title(k: int, i: int) -> str:
    return f"Lô {k} – {i}"


def main() -> None:
    data_dir, keeper, k = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = DraftStore(data_dir)
    template = example_draft()
    print("ready", flush=True)
    while True:
        drafts = []
        for i in range(BATCH):
            d = example_draft()
            d.answers = template.answers
            d.meta["draft_id"] = new_draft_id()
            d.meta["title"] = batch_title(k, i)
            drafts.append((d, None))
        print(f"importing {k}", flush=True)
        store.import_drafts(drafts)
        print(f"imported {k}", flush=True)
        k += 1
        if any(s.id == keeper for s in store.trash()):
            store.restore(keeper)
            print("restored", flush=True)
        else:
            store.delete(keeper)
            print("trashed", flush=True)


if __name__ == "__main__":
    main()

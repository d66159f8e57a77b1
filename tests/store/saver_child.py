"""Child process of the crash test: saves drafts in a loop until it is killed.

Usage: python saver_child.py DATA_DIR ID...  Prints ``ready`` once the store is open, then
``saved <id> <n>`` after each save has returned. Each save puts ``text_for(id, n)`` in question
I.1, so the parent can tell exactly which save a stored draft holds and that it is whole.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dienchau_desktop.store import DraftStore
from dienchau_desktop.workspace.summary import list_facts

FILLER = ("Nội dung đủ dài để mỗi lần ghi mất chút thời gian, tiếng Việt có dấu. " * 30).strip()


def text_for(draft_id: str, n: int) -> str:
    return f"Lần lưu {n} của {draft_id}.\n{FILLER}\nHết lần lưu {n}."


def counter(text: str) -> int:
    first = text.split("\n", 1)[0]
    return int(first.split()[2])


def main() -> None:
    data_dir, ids = Path(sys.argv[1]), sys.argv[2:]
    store = DraftStore(data_dir, summarize=list_facts)
    drafts = {i: store.load(i) for i in ids}
    numbers = {i: counter(drafts[i].answer("I.1").text) for i in ids}
    print("ready", flush=True)
    while True:
        for i in ids:
            numbers[i] += 1
            drafts[i].answer("I.1").text = text_for(i, numbers[i])
            store.save(drafts[i])
            print(f"saved {i} {numbers[i]}", flush=True)


if __name__ == "__main__":
    main()

"""Fixtures for the draft store tests: a store on the per-test data directory, example drafts."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dienchau_desktop.draft import Draft, example_draft, new_draft_id
from dienchau_desktop.store import DraftStore
from dienchau_desktop.workspace.summary import list_facts


def digest_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path → sha256), to prove nothing changed."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def tree_digest() -> Callable[[Path], dict[str, str]]:
    return digest_tree


@pytest.fixture
def make_draft() -> Callable[..., Draft]:
    """The example draft under a fresh id, optionally retitled."""

    def make(title: str | None = None) -> Draft:
        d = example_draft()
        d.meta["draft_id"] = new_draft_id()
        if title is not None:
            d.meta["title"] = title
        return d

    return make


@pytest.fixture
def store(data_dir: Path) -> Iterator[DraftStore]:
    s = DraftStore(data_dir, summarize=list_facts)
    try:
        yield s
    finally:
        s.close()

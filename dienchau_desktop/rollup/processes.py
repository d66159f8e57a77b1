"""Other processes for a big roll-up: an office PC has at least two cores, Python uses one.

Processes are started fresh ("spawn"): the same on Windows and Linux, frozen or not (the frozen
program hands such a start to its work in ``multiprocessing.freeze_support``), and safe from a
worker thread of the window, where forking would copy a running Qt. Whoever uses one falls back
to doing the work itself when no process can be started or one dies (:data:`POOL_FAILURES`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

# What a pool raises when a process died or the work could not be handed over to it.
DIED = (BrokenProcessPool, pickle.PicklingError)
# What a pool raises when it cannot do the work at all (rather than the work itself failing).
POOL_FAILURES = (*DIED, OSError, NotImplementedError)


def cores() -> int:
    return os.cpu_count() or 1


def spawn_pool(
    workers: int, initializer: Any = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` fresh processes, or None when none can be had here."""
    try:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
        )
    except (*POOL_FAILURES, ValueError):
        return None

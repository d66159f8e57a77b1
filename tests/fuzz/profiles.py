"""The hypothesis profile of the quick fuzz run (part of the normal test command).

``quick``: reproducible (``derandomize``: the same inputs on every run and every machine), no
example database (nothing is written beside the tests), no deadline (a command's time varies
with the machine; hangs are caught by the harness's own time limit instead). Each test says how
many inputs it takes with :func:`examples`. The long profile is ``scripts/fuzz.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

settings.register_profile(
    "quick",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)
QUICK = settings.get_profile("quick")


def examples(n: int, *, shrink: bool = True) -> Callable[[Any], Any]:
    """``@settings`` of the quick profile with ``n`` inputs. ``shrink=False`` for tests whose
    every input runs a command: the failing input is reported as found (its description says
    what it is), without spending minutes making it smaller."""
    phases = tuple(Phase) if shrink else (Phase.explicit, Phase.reuse, Phase.generate)
    return settings(QUICK, max_examples=n, phases=phases)


def randoms() -> st.SearchStrategy[Any]:
    """A ``random.Random`` whose every choice hypothesis makes (so it replays exactly)."""
    return st.randoms(note_method_calls=False, use_true_random=False)

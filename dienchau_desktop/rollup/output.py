"""The tally written out: the Excel workbook and the printed summary, side by side when both.

The two files are independent and each takes seconds for a province's thousand communes, while
an office PC has at least two cores: the summary is then written in a second process (started
fresh, "spawn", the same on Windows and Linux, frozen or not) while this one writes the
workbook. When no second process can run, both are written here, one after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dienchau_desktop.rollup.tally import Rollup

# Below this many communes, starting a second process costs more than it saves.
SIDE_BY_SIDE_FROM = 100


def write_outputs(
    rollup: Rollup,
    *,
    xlsx: str | os.PathLike[str] | None = None,
    pdf: str | os.PathLike[str] | None = None,
) -> None:
    """Write the workbook and/or the printed summary (each atomically)."""
    from dienchau_desktop.rollup.summary_pdf import write_summary_pdf
    from dienchau_desktop.rollup.xlsx import write_xlsx

    both = xlsx is not None and pdf is not None
    if both and len(rollup.communes) >= SIDE_BY_SIDE_FROM and (os.cpu_count() or 1) > 1:
        assert xlsx is not None and pdf is not None
        if _side_by_side(rollup, xlsx, pdf):
            return
    if xlsx is not None:
        write_xlsx(rollup, xlsx)
    if pdf is not None:
        write_summary_pdf(rollup, pdf)


def _side_by_side(
    rollup: Rollup, xlsx: str | os.PathLike[str], pdf: str | os.PathLike[str]
) -> bool:
    """The summary in a second process while this one writes the workbook.

    False, with nothing written, when no second process could be started.
    """
    from dienchau_desktop.rollup.summary_pdf import write_summary_pdf
    from dienchau_desktop.rollup.xlsx import write_xlsx

    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, NotImplementedError):
        return False
    with pool:
        try:
            future = pool.submit(write_summary_pdf, rollup, pdf)
        except (BrokenProcessPool, RuntimeError, OSError):
            return False
        write_xlsx(rollup, xlsx)
        try:
            future.result()
        except (BrokenProcessPool, pickle.PicklingError):
            write_summary_pdf(rollup, pdf)  # the second process died: write it here
    return True

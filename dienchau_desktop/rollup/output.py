"""The tally written out: the Excel workbook and the printed summary, side by side when both.

The two files are independent and each takes seconds for a province's thousand communes: the
summary is then written in a second process (:mod:`~dienchau_desktop.rollup.processes`) while
this one writes the workbook. When no second process can run, both are written here.
"""

from __future__ import annotations

import os

from dienchau_desktop.rollup import processes
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
    if both and len(rollup.communes) >= SIDE_BY_SIDE_FROM and processes.cores() > 1:
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

    pool = processes.spawn_pool(1)
    if pool is None:
        return False
    with pool:
        try:
            future = pool.submit(write_summary_pdf, rollup, pdf)
        except (*processes.POOL_FAILURES, RuntimeError):
            return False
        write_xlsx(rollup, xlsx)
        try:
            future.result()
        except processes.DIED:
            write_summary_pdf(rollup, pdf)  # the second process died: write it here
    return True

"""A long table laid out a page at a time, so that printing stays linear in its length.

ReportLab's ``Table`` splits at a page end by building a new table of *everything* left: it
copies every remaining row, re-applies every style command to it and measures its rows again,
once per page. A table of thousands of rows therefore costs the square of its length (20,000
short lines took 50 s, 20 times what 2,500 take).

:class:`ReportTable` keeps the rows and their style commands aside (:class:`RowStore`) and gives
ReportLab, on each page, a table of only the rows that page can hold and a few more (a
*window*): ReportLab splits that window as it would the whole table (inside a row or between
rows, the header repeated), the first part is drawn, and the rest of the report's table starts
over on the next page from the first row not drawn, a row cut in two continuing with its
bottom half. Each row is measured a bounded number of times, whatever the table's length.

Style commands are kept per row (``("LINEBELOW", first column, last column, …)``) and turned
into table coordinates for each window, so a window looks exactly like the same rows of the
whole table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

# Rows measured past the space left, so that a window is (nearly always) too tall for the page
# at the first try and ReportLab splits it there.
_SLACK_PT = 120.0
_MIN_WINDOW_ROWS = 4
_BIG = 1e9
# A cell of more flowables than this is given to ReportLab as one CellStack.
STACK_MIN_ITEMS = 24

RowCommand = tuple[Any, ...]  # (name, first column, last column, *arguments), for one row


@dataclass
class RowStore:
    """Every row of the table, its own style commands, and what a window needs besides.

    Row 0 is the header (repeated at the top of each page). ``estimates`` are the rows' heights
    as the builder measured them, used only to choose how many rows a window takes.
    """

    widths: list[float]
    line_width: float
    split_in_row: int
    header: list[Any]
    header_commands: list[RowCommand]
    common: list[tuple[Any, ...]]  # commands for every cell (fonts, paddings)
    rows: list[list[Any]] = field(default_factory=list)
    commands: list[list[RowCommand]] = field(default_factory=list)
    spanned: list[bool] = field(default_factory=list)  # no rules between columns 1 to last
    estimates: list[float] = field(default_factory=list)
    windows_built: int = 0  # how many tables were handed to ReportLab (for tests)

    def add(self, row: list[Any], estimate: float, *, spanned: bool = False) -> int:
        """Append a row; its index (0 is the first row after the header)."""
        self.rows.append(row)
        self.commands.append([])
        self.spanned.append(spanned)
        self.estimates.append(estimate)
        return len(self.rows) - 1

    def command(self, row: int, name: str, first: int, last: int, *args: Any) -> None:
        self.commands[row].append((name, first, last, *args))

    def window(self, start: int, end: int, first: _CutRow | None) -> Table:
        """A table of the header and rows ``start`` to ``end`` (``first`` replacing row start)."""
        self.windows_built += 1
        data = [self.header, *self.rows[start:end]]
        heights: list[float | None] = [None] * len(data)
        if first is not None:
            data[1] = first.cells
            heights[1] = first.height
        commands: list[tuple[Any, ...]] = list(self.common)
        for name, c0, c1, *args in self.header_commands:
            commands.append((name, (c0, 0), (c1, 0), *args))
        for w, r in enumerate(range(start, end), 1):
            for name, c0, c1, *args in self.commands[r]:
                commands.append((name, (c0, w), (c1, w), *args))
        lw = self.line_width
        commands += [
            ("BOX", (0, 0), (-1, -1), lw, colors.black),
            ("LINEAFTER", (0, 0), (0, -1), lw, colors.black),
        ]
        # The rules between the other columns, on every run of rows that spans none of them.
        spanned = [False, *self.spanned[start:end]]
        run_start: int | None = None
        for w in range(len(spanned) + 1):
            inside = w < len(spanned) and not spanned[w]
            if inside and run_start is None:
                run_start = w
            elif not inside and run_start is not None:
                commands.append(("LINEAFTER", (1, run_start), (-2, w - 1), lw, colors.black))
                run_start = None
        table = Table(
            data,
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=1,
            splitInRow=self.split_in_row,
            splitByRow=0,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(commands))
        return table


@dataclass(frozen=True)
class _CutRow:
    """The bottom half of a row cut at a page end: its cells and its height, from ReportLab."""

    cells: list[Any]
    height: float


class ReportTable(Flowable):  # type: ignore[misc]
    """The report's table from row ``start`` on, laid out one window at a time.

    WORKAROUND: after ReportLab splits a table with ``repeatRows`` and ``splitInRow`` at a page
    end, it offers the rest (repeated header first) to the *same* page; when a few lines are
    left there, the header row is drawn a second time in the middle of the page (seen with
    ReportLab 5.1; see docs field notes). Putting a page break between the two parts makes the
    header appear exactly once per page.

    WORKAROUND: the part left on a page loses the table's bottom rule from the second split on
    (ReportLab drops the box's lower edge and ``splitlast`` commands from continued parts), so
    the rule is added to each part's last row here.
    """

    def __init__(self, store: RowStore, start: int = 0, first: _CutRow | None = None) -> None:
        super().__init__()
        self.store = store
        self.start = start
        self.first = first
        self.hAlign = "LEFT"
        self._key: tuple[float, float] | None = None
        self._table: Table | None = None

    def _window(self, avail_width: float, avail_height: float) -> Table:
        """The window for this space: all rows left, or enough to be taller than the space."""
        key = (avail_width, avail_height)
        if self._table is not None and self._key == key:
            return self._table
        store = self.store
        total = len(store.rows)
        end, estimate = self.start, 0.0
        while end < total and (
            estimate <= avail_height + _SLACK_PT or end - self.start < _MIN_WINDOW_ROWS
        ):
            estimate += store.estimates[end]
            end += 1
        while True:
            table = store.window(self.start, end, self.first)
            _, height = table.wrap(avail_width, avail_height)
            if end >= total or height > avail_height:
                break
            end = min(total, end + max(_MIN_WINDOW_ROWS, end - self.start))  # rare: grow
        self._key, self._table = key, table
        return table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        table = self._window(avail_width, avail_height)
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        table = self._window(avail_width, avail_height)
        parts: list[Any] = table.split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        top, rest = parts
        top.setStyle(
            TableStyle([("LINEBELOW", (0, -1), (-1, -1), self.store.line_width, colors.black)])
        )
        drawn = top._nrows - 1  # rows of the window on this page (a cut row counts once)
        left = rest._nrows - 1
        if drawn + left == table._nrows:  # one row more than given: a row was cut in two
            cut = self.start + drawn - 1
            first = _CutRow(list(rest._cellvalues[1]), rest._argH[1])
            return [top, PageBreak(), ReportTable(self.store, cut, first)]
        return [top, PageBreak(), ReportTable(self.store, self.start + drawn)]

    def draw(self) -> None:
        assert self._table is not None, "drawn before it was wrapped"
        self._table.drawOn(self.canv, 0, 0)


def row_height(cells: Sequence[float], top: float, bottom: float) -> float:
    """A row's estimated height: its tallest cell and the padding above and below."""
    return max(cells, default=0.0) + top + bottom


class CellStack(Flowable):  # type: ignore[misc]
    """Many flowables of one cell, stacked, measured once and split in time linear in a page.

    A cell given as a plain list of thousands of paragraphs (the whole of a long note beside a
    long answer) is measured again, paragraph by paragraph, each time its row is cut at a page
    end. The stack knows its height from the heights measured when the pieces were made, and
    cutting it walks only the pieces that fit on the page; the rest is handed on as an index
    into the same list, never copied. Stacked as ReportLab stacks a cell's list: each
    flowable's space before counts, except the first one's.
    """

    def __init__(
        self,
        items: Sequence[Any],
        heights: Sequence[float],
        start: int = 0,
        head: tuple[Any, float] | None = None,
    ) -> None:
        super().__init__()
        self.items = items
        self.heights = heights
        self.start = start
        self.head = head  # the bottom half of a piece cut at the previous page end
        self._height: float | None = None

    def _entries(self) -> Any:
        """(flowable, height, space before, where the rest starts) for each, from the top."""
        first = True
        if self.head is not None:
            yield self.head[0], self.head[1], 0.0, (self.start, self.head)
            first = False
        for i in range(self.start, len(self.items)):
            item = self.items[i]
            gap = 0.0 if first else float(item.getSpaceBefore())
            yield item, self.heights[i], gap, (i, None)
            first = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._height is None:
            self._height = sum(h + gap for _, h, gap, _ in self._entries())
        self.width, self.height = avail_width, self._height
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return 0.0

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        top: list[Any] = []
        top_heights: list[float] = []
        used = 0.0
        for flowable, height, gap, (index, head) in self._entries():
            if used + gap + height <= avail_height:
                top.append(flowable)
                top_heights.append(height)
                used += gap + height
                continue
            parts = flowable.split(avail_width, avail_height - used - gap)
            if len(parts) == 2:
                upper, lower = parts
                top.append(upper)
                top_heights.append(upper.wrap(avail_width, _BIG)[1])
                lower_part = (lower, lower.wrap(avail_width, _BIG)[1])
                after = index if head is not None else index + 1
                rest = CellStack(self.items, self.heights, after, lower_part)
            elif top:
                rest = CellStack(self.items, self.heights, index, head)
            else:
                return []
            return [CellStack(top, top_heights), rest]
        return []  # everything fits: nothing to split

    def draw(self) -> None:
        y = self.height
        for flowable, height, gap, _ in self._entries():
            y -= gap + height
            flowable.wrapOn(self.canv, self.width, _BIG)
            flowable.drawOn(self.canv, 0, y)

"""The province's side: many communes' reports tallied, checked and written out.

:func:`~dienchau_desktop.rollup.tally.tally` adds the figures up; the sources module gathers
the reports (draft files, folders, zip files, Word reports); the writers put the tally in an
Excel workbook and a printed summary.
"""

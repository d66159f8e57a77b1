"""The province's roll-up window: reports added, tallied off the UI thread, shown as a table with
the totals pinned under it, problems listed, written out to Excel and PDF."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from qt_helpers import find, open_window
from test_comfort import clipped

from dienchau_desktop.draft import example_draft, write_draft_file
from dienchau_desktop.gui import MainWindow
from dienchau_desktop.gui import rollup_page as page_module

COLUMN = "II.1/so_cuoc_kiem_tra_giam_sat"
COMMUNES = (("Diễn An", "5 cuộc"), ("Diễn Bích", "12 cuộc"), ("Diễn Cát", "7 cuộc"))
WRITERS = all(
    importlib.util.find_spec(f"dienchau_desktop.rollup.{name}") is not None
    for name in ("xlsx", "summary_pdf")
)


def commune_files(folder: Path) -> list[Path]:
    """Three communes' draft files and one file that is no report."""
    paths = []
    for i, (name, count) in enumerate(COMMUNES):
        draft = example_draft()
        draft.meta["draft_id"] = f"{i + 1:032x}"
        draft.meta["commune"] = f"xã {name}"
        draft.meta["issuing_body"] = f"ĐẢNG ỦY XÃ {name.upper()}"
        draft.answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] = count
        path = folder / f"{name}.json"
        write_draft_file(draft, path)
        paths.append(path)
    junk = folder / "rac.json"
    junk.write_text("đây không phải tệp nháp", encoding="utf-8")
    return [*paths, junk]


def open_rollup(window: MainWindow) -> Any:
    find(window, "rollupButton").click()
    rollup = window.rollup_window
    assert rollup is not None and rollup.isVisible()
    return rollup


def run_rollup(qtbot: Any, rollup: Any) -> None:
    find(rollup, "runRollupButton").click()
    assert rollup.is_busy() and find(rollup, "rollupProgress").isVisible()
    qtbot.waitUntil(lambda: not rollup.is_busy(), timeout=20000)
    assert not find(rollup, "rollupProgress").isVisible()


def tallied(qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any) -> Any:
    files = [str(p) for p in commune_files(tmp_path)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (files, "")))
    rollup = open_rollup(window)
    find(rollup, "addFilesButton").click()
    assert find(rollup, "rollupSources").count() == 4
    run_rollup(qtbot, rollup)
    return rollup


def column_of(rollup: Any, key: str) -> int:
    return 1 + [c.key for c in rollup.rollup.columns].index(key)


def cells(rollup: Any, col: int) -> list[str]:
    proxy = rollup.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def problems_text(rollup: Any) -> str:
    tree = find(rollup, "rollupProblems")
    out = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        out.append(group.text(0))
        out += [f"{group.child(j).text(0)} | {group.child(j).text(1)}"
                for j in range(group.childCount())]  # fmt: skip
    return "\n".join(out)


def test_table_has_a_row_per_commune_and_the_totals(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    rollup = tallied(qtbot, window, tmp_path, monkeypatch)
    assert cells(rollup, 0) == [f"xã {name}" for name, _ in COMMUNES]
    col = column_of(rollup, COLUMN)
    assert cells(rollup, col) == [count for _, count in COMMUNES]
    header = rollup.proxy.headerData(col, Qt.Orientation.Horizontal)
    assert header.startswith("II.1 Số cuộc") and "(cuộc)" in header
    totals = rollup.totals_model
    assert totals.index(0, col).data() == "24 cuộc"
    assert totals.index(0, 0).data() == "Tổng cộng (3 xã)"
    assert "3 xã" in find(rollup, "rollupSummary").text()
    # The junk file is refused and named, with the reason.
    text = problems_text(rollup)
    assert "Không đọc được" in text and "rac.json" in text
    assert find(rollup, "rollupTabs").tabText(1).startswith("Kiểm tra (")


def test_sorting_by_a_figure_is_by_number_and_the_totals_stay(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    rollup = tallied(qtbot, window, tmp_path, monkeypatch)
    col = column_of(rollup, COLUMN)
    table = find(rollup, "rollupTable")
    table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert cells(rollup, col) == ["5 cuộc", "7 cuộc", "12 cuộc"]  # as text "12" < "5"
    table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert cells(rollup, col) == ["12 cuộc", "7 cuộc", "5 cuộc"]
    assert cells(rollup, 0)[0] == "xã Diễn Bích"
    assert rollup.totals_model.rowCount() == 1
    assert rollup.totals_model.index(0, col).data() == "24 cuộc"
    # The names' column, lying over the table, sorts the table too.
    names = find(rollup, "rollupTableNames")
    names.horizontalHeader().sectionClicked.emit(0)
    assert cells(rollup, 0) == [f"xã {name}" for name, _ in COMMUNES]


def test_unreadable_values_and_errors_are_marked(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    draft = example_draft()
    draft.meta.update(draft_id="f" * 32, commune="xã Diễn Đoài", report_date="")
    draft.answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] = "mười cuộc"
    bad = tmp_path / "doai.json"
    write_draft_file(draft, bad)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(bad)], ""))
    )
    rollup = open_rollup(window)
    find(rollup, "addFilesButton").click()
    run_rollup(qtbot, rollup)
    col = column_of(rollup, COLUMN)
    cell = rollup.proxy.index(0, col)
    assert cell.data() == "mười cuộc"
    assert "Không tính vào tổng" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert rollup.totals_model.index(0, col).data() == "—"
    name = rollup.proxy.index(0, 0)
    assert name.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "lỗi" in name.data(Qt.ItemDataRole.ToolTipRole)
    assert "Báo cáo còn lỗi" in problems_text(rollup)
    assert "Số liệu không đọc được" in problems_text(rollup)


def test_folder_and_store_drafts_and_a_newer_run_wins(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    folder = tmp_path / "tu-cac-xa"
    folder.mkdir()
    commune_files(folder)
    (folder / "ghi-chu.txt").write_text("không phải báo cáo", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    window.new_draft()  # a draft of this computer's own commune
    window.wizard.session.draft.meta["commune"] = "xã Diễn Hoa"
    window.go_home()
    window.open_example()  # never counted
    rollup = open_rollup(window)
    find(rollup, "addFolderButton").click()

    def pick_all(picker: Any) -> int:
        assert picker.list.count() == 1  # the example is left out
        picker.check_all()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(page_module.StoreDraftPicker, "exec", pick_all)
    find(rollup, "addStoreDraftsButton").click()
    paths, draft_ids, every = rollup.chosen_sources()
    assert (paths, len(draft_ids), every) == ([str(folder)], 1, False)
    find(rollup, "runRollupButton").click()
    find(rollup, "runRollupButton").click()  # the first run's result is never shown
    qtbot.waitUntil(lambda: not rollup.is_busy(), timeout=20000)
    assert rollup.model.rowCount() == 4
    assert "ghi-chu.txt" in problems_text(rollup)  # skipped, named
    assert window.wizard is not None  # the report stayed open in the main window


@pytest.mark.skipif(not WRITERS, reason="the roll-up's Excel/PDF writers are not there yet")
def test_export_to_excel_and_pdf(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any, dialogs: Any
) -> None:
    import openpyxl

    rollup = tallied(qtbot, window, tmp_path, monkeypatch)
    offered = []

    def save(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(Path(suggested).name)
        return dialogs.save_path, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    dialogs.save_path = str(tmp_path / "out" / "tong-hop")
    (tmp_path / "out").mkdir()
    find(rollup, "rollupXlsxButton").click()
    xlsx = tmp_path / "out" / "tong-hop.xlsx"
    assert xlsx.stat().st_size > 0, dialogs.texts()
    book = openpyxl.load_workbook(xlsx)
    assert any("Diễn Bích" in str(c.value) for ws in book for row in ws.iter_rows() for c in row)
    assert rollup.statusBar().currentMessage().startswith("Đã lưu tệp Excel")
    find(rollup, "rollupPdfButton").click()
    pdf = tmp_path / "out" / "tong-hop.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert offered == ["Tong hop KL62 (3 xa).xlsx", "Tong hop KL62 (3 xa).pdf"]
    assert dialogs.shown == []


def test_export_failure_is_told(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any, dialogs: Any
) -> None:
    rollup = tallied(qtbot, window, tmp_path, monkeypatch)

    def refuse(*_a: Any, **_k: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(rollup.workspace, "write_rollup", refuse)
    dialogs.save_path = str(tmp_path / "khoa.xlsx")
    find(rollup, "rollupXlsxButton").click()
    assert dialogs.shown and dialogs.shown[0][1] == "Không lưu được tệp Excel"
    assert "Không ghi được tệp" in dialogs.shown[0][2]


@pytest.mark.parametrize("size", [(1366, 728), (1024, 728)], ids=["1366x768", "1024x768"])
def test_fits_small_screens(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any, size: tuple[int, int]
) -> None:
    window.resize(*size)
    rollup = tallied(qtbot, window, tmp_path, monkeypatch)
    rollup.resize(*size)
    qtbot.wait(50)
    assert rollup.minimumSizeHint().width() <= size[0]
    assert rollup.minimumSizeHint().height() <= size[1]
    assert rollup.size().width() == size[0]
    assert clipped(rollup) == []
    assert clipped(window) == []
    find(rollup, "rollupTabs").setCurrentIndex(1)
    qtbot.wait(30)
    assert clipped(rollup) == []


def test_closing_the_main_window_closes_the_rollup(
    qtbot: Any, data_dir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window(qtbot, data_dir)  # not the fixture's: this one is closed here
    rollup = tallied(qtbot, window, tmp_path, monkeypatch)
    rollup.close()
    assert open_rollup(window) is rollup  # reopened as it was left
    assert rollup.model.rowCount() == 3
    window.close()
    assert window.rollup_window is None

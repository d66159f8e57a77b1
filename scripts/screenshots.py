#!/usr/bin/env python3
"""Screenshots of every page of the program, for the README and for looking at.

Run under a display (for example Xvfb at the size users have)::

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py            # 1366×768
    DISPLAY=:99 .venv/bin/python scripts/screenshots.py --size 1024x768 --suffix -1024 --key-pages

Each page is captured with ``QWidget.grab()`` (what Qt drew, pixel for pixel) into
``docs/screenshots/``. With ``--root`` the whole screen is also captured once with ImageMagick's
``import -window root`` to see the real window with its frame. A fresh data directory is used.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("timed out")
        QTest.qWait(20)
    QTest.qWait(150)


def grab(widget: QWidget, name: str, suffix: str) -> Path:
    QTest.qWait(120)
    path = OUT / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1366x768", help="window size, WxH")
    parser.add_argument("--suffix", default="", help="added to every file name")
    parser.add_argument("--root", action="store_true", help="also capture the whole screen")
    parser.add_argument("--text-size", type=float, default=None, help="base text size (pt)")
    parser.add_argument(
        "--key-pages", action="store_true", help="only the pages most likely to crowd"
    )
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))
    OUT.mkdir(parents=True, exist_ok=True)

    from dienchau_desktop.gui.app import _create_app
    from dienchau_desktop.gui.main_window import create_main_window

    app = _create_app()
    data = Path(tempfile.mkdtemp(prefix="dienchau-shots-"))
    window = create_main_window(data)
    if args.text_size:
        window.set_text_size(args.text_size)
    # The window as users get it: the whole screen less a taskbar of about 40 px.
    window.resize(width, height - 40)
    window.show()
    QTest.qWaitForWindowExposed(window)
    s = args.suffix

    key = args.key_pages
    if not key:
        grab(window, "01-home-first-run", s)
    window.open_example()
    wizard = window.wizard
    grab(window, "03-general-information", s)
    for i, section in enumerate(wizard.template.sections):
        if key and section.id != "II":
            continue
        wizard.go_to_key(f"section:{section.id}")
        grab(window, f"04-section-{i + 1}-{section.id}", s)
    if not key:
        wizard.go_to_key("review")
        grab(window, "06-review-example", s)
    wizard.go_to_key("print")
    page = wizard.print_page
    wait_until(lambda: page.pdf is not None and not page.is_busy())
    QTest.qWait(400)  # a re-fit to the final width, if any, starts after 150 ms
    wait_until(lambda: not page.is_busy())
    grab(window, "07-print-preview", s)
    if args.root and shutil.which("import"):
        target = OUT / f"00-screen-print-preview{s}.png"
        subprocess.run(["import", "-window", "root", str(target)], check=False)
        print(target.relative_to(ROOT))

    # A new report, partly filled, to show checks as you type and the review of problems.
    window.go_home()
    grab(window, "02-home-with-drafts", s)
    window.new_draft()
    wizard = window.wizard
    wizard.go_to_key("section:II")
    answer = wizard.findChild(QWidget, "answer:II.3")
    answer.setPlainText("Kinh phí hỗ trợ hằng năm khoảng 500.000.000 đồng.")
    fig = wizard.findChild(QWidget, "figure:II.3:tong_kinh_phi")
    fig.setFocus()
    for ch in "450 triệu đồng":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, fig, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    fig2 = wizard.findChild(QWidget, "figure:II.3:binh_quan_ho_tro_thon")
    fig2.setFocus()
    for ch in "5 người":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, fig2, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    pct = wizard.findChild(QWidget, "figure:II.4:ty_le_giai_quyet")
    pct.setFocus()
    for ch in "120%":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, pct, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    wizard.revalidate()
    page = wizard.pages[wizard.page_keys.index("section:II")]
    page.ensureWidgetVisible(wizard.findChild(QWidget, "question:II.3"), 0, 0)
    QTest.qWait(300)
    page.verticalScrollBar().setValue(wizard.findChild(QWidget, "question:II.3").y())
    grab(window, "05-checks-as-you-type", s)
    wizard.go_to_key("review")
    grab(window, "06-review-new-report", s)
    wizard.go_to_key("print")
    wizard.print_page.final_radio.setChecked(True)
    grab(window, "08-final-copy-blocked", s)
    if not key:
        word_import(window, data, s)
        word_copy_in_libreoffice(data)
    rollup(window, data, s)
    window.close()
    app.processEvents()
    shutil.rmtree(data, ignore_errors=True)
    return 0


def word_import(window: QWidget, data: Path, s: str) -> None:
    """ "Nhập từ tệp Word…" with last year's report: the summary shown before the draft opens."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from dienchau_desktop.draft import example_draft
    from dienchau_desktop.word import render_docx

    source = data / "Bao cao nam truoc.docx"
    source.write_bytes(render_docx(example_draft(), final=True))
    window.go_home()

    def show(box: QMessageBox) -> int:
        box.show()
        QTest.qWaitForWindowExposed(box)
        QTest.qWait(200)
        grab(box, "09-word-import-summary", s)
        box.close()
        return 0

    original = (QFileDialog.getOpenFileName, QMessageBox.exec)
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(source), ""))  # type: ignore[method-assign]
    QMessageBox.exec = show  # type: ignore[method-assign]
    try:
        window.home.import_word_button.click()
    finally:
        QFileDialog.getOpenFileName, QMessageBox.exec = original  # type: ignore[method-assign]
    grab(window, "10-word-import-opened", s)


ROLLUP_COMMUNES = (
    # commune, inspections, money, planning documents (as typed: one cannot be read)
    ("Diễn An", "12 cuộc", "450 triệu đồng", ""),
    ("Diễn Bích", "7 – 8 cuộc", "1,2 tỷ đồng", ""),
    ("Diễn Cát", "15 cuộc", "", "nhiều văn bản"),
    ("Diễn Đoài", "9 cuộc", "600.000.000 đồng", "6 văn bản"),
)


def rollup(window: QWidget, data: Path, s: str) -> None:
    """ "Tổng hợp nhiều báo cáo…" with four communes' files and one that is no report."""
    from dienchau_desktop.draft import example_draft, write_draft_file

    folder = data / "bao-cao-cac-xa"
    folder.mkdir()
    for i, (name, checks, money, plans) in enumerate(ROLLUP_COMMUNES):
        draft = example_draft()
        draft.meta.update(draft_id=f"{i + 1:032x}", commune=f"xã {name}")
        draft.meta["issuing_body"] = f"ĐẢNG ỦY XÃ {name.upper()}"
        draft.answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] = checks
        draft.answers["II.3"].figures["tong_kinh_phi"] = money
        if plans:
            draft.answers["I.2"].figures["so_ke_hoach_phoi_hop"] = plans
        if name == "Diễn Đoài":
            draft.meta["report_date"] = ""  # an error: still tallied, marked
        write_draft_file(draft, folder / f"{name}.json")
    (folder / "ghi chu.json").write_text("không phải tệp nháp", encoding="utf-8")
    window.go_home()
    window.home.rollup_button.click()
    page = window.rollup_window
    QTest.qWaitForWindowExposed(page)
    page.add_paths(sorted(str(p) for p in folder.iterdir()))
    page.run_button.click()
    wait_until(lambda: not page.is_busy())
    grab(page, "11-rollup", s)


def word_copy_in_libreoffice(data: Path) -> None:
    """Page 1 of the example's Word copy as LibreOffice prints it (when LibreOffice is here)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("LibreOffice or pdftoppm missing: no picture of the Word copy")
        return
    from dienchau_desktop.draft import example_draft
    from dienchau_desktop.word import render_docx

    source = data / "word-copy.docx"
    source.write_bytes(render_docx(example_draft(), final=True))
    profile = f"-env:UserInstallation=file://{data / 'lo-profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(data), str(source)],
        check=True,
        capture_output=True,
    )
    target = OUT / "docx-page-1"
    pdf = str(data / "word-copy.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf,
                    str(target)], check=True)  # fmt: skip
    print(target.with_suffix(".png").relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())

"""The print page says, in Vietnamese, why a copy looks or fails as it does (issue 16, item 3):
the data folder's layout profile refused and the bundled one used, a copy refused, a fault of
the program; never the bare name of an exception such as "(LayoutError)"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from qt_helpers import find, open_window
from reportlab.platypus.doctemplate import LayoutError as ReportLabLayoutError

from dienchau_desktop.printed import PrintRefusedError
from dienchau_desktop.workspace import Workspace

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "layouts" / "party-hd36.json"


def _broken_profile(data_dir: Path) -> Path:
    profile = json.loads(BUNDLED.read_text("utf-8"))
    profile["body"]["size"] = 10**400
    folder = data_dir / "layouts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "party-hd36.json"
    path.write_text(json.dumps(profile), "utf-8")
    return path


def _print_page(qtbot: Any, data_dir: Path) -> Any:
    window = open_window(qtbot, data_dir)
    window.open_example()
    window.wizard.go_to_key("print")
    return window, window.wizard.print_page


def test_a_refused_profile_is_shown_and_the_preview_still_works(
    qtbot: Any, data_dir: Path, dialogs: Any
) -> None:
    """A broken ``layouts/party-hd36.json``: the preview shows the report in the bundled layout,
    and a notice above it names the file, the field and says the default layout is used."""
    path = _broken_profile(data_dir)
    window, page = _print_page(qtbot, data_dir)
    qtbot.waitUntil(lambda: page.pdf is not None and page.page_count() > 0, timeout=20000)
    notice = find(window, "layoutNotice")
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    text = find(window, "layoutNoticeText").text()
    assert str(path) in text and "body.size" in text
    assert "đang dùng bố cục mặc định của chương trình" in text
    assert dialogs.shown == []
    window.close()


def test_no_notice_with_a_good_profile(qtbot: Any, data_dir: Path) -> None:
    """With no profile of its own in the data folder, nothing is said."""
    window, page = _print_page(qtbot, data_dir)
    qtbot.waitUntil(lambda: page.pdf is not None and page.page_count() > 0, timeout=20000)
    assert not find(window, "layoutNotice").isVisible()
    window.close()


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (PrintRefusedError("Báo cáo quá dài để in: khoảng 1.500 trang."), "quá dài để in"),
        (ReportLabLayoutError("Flowable <Table> too large on page 3"), "lỗi của chương trình"),
    ],
    ids=["refused", "fault"],
)
def test_a_failed_copy_is_explained_in_vietnamese(
    qtbot: Any,
    data_dir: Path,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
    raised: Exception,
    expected: str,
) -> None:
    """A refusal shows its own message; any other failure a plain one that says the draft is
    safe. Neither shows an exception's class name."""

    def failing(*_args: Any, **_kwargs: Any) -> bytes:
        raise raised

    monkeypatch.setattr(Workspace, "render", failing)
    window, _page = _print_page(qtbot, data_dir)
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=20000)
    text = dialogs.texts()
    assert expected in text
    assert "LayoutError" not in text and "Error" not in text
    window.close()

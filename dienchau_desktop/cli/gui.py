"""``dienchau-desktop gui`` (and no command at all): open the window.

The only module of the command line that names the GUI, imported when the window is wanted.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dienchau_desktop.cli.parser import UserError, add_data_dir

if TYPE_CHECKING:
    from dienchau_desktop.cli.parser import Subcommands


class GuiMissingError(Exception):
    """This copy of the program has no GUI (the package was left out): show the help instead."""


def run_gui(args: argparse.Namespace) -> int:
    """Open the window; returns when it is closed."""
    try:
        from dienchau_desktop.gui.app import run_gui as open_window
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("dienchau_desktop.gui"):
            raise GuiMissingError from exc
        raise UserError(f"Không mở được giao diện: thiếu thư viện {exc.name}.") from exc
    result: int = open_window(args)
    return result


def add_command(sub: Subcommands) -> None:
    p = sub.add_parser("gui", help="mở giao diện")
    p.add_argument("--example", action="store_true", help="mở ngay báo cáo mẫu (xã Diễn Châu)")
    p.add_argument(
        "--quit-after",
        type=int,
        metavar="MS",
        help="tự đóng cửa sổ sau MS mili giây (để kiểm tra chương trình sau khi cài)",
    )
    add_data_dir(p)
    p.set_defaults(handler=run_gui)

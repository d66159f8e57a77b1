"""``dienchau-desktop``: the parser with every command, and :func:`main`.

Opening the window is the most common start: it builds only the commands it needs, and the core
(the workspace, storage, printing) is imported inside the commands, so the window shows sooner.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from dienchau_desktop.cli import drafts, gui, output, report, rollup
from dienchau_desktop.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    UserError,
    root_parser,
)


def build_parser(*, with_extras: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``with_extras=False`` leaves out the commands the window needs
    not (``render``, ``drafts``, ``rollup``)."""
    parser, sub = root_parser()
    report.add_commands(sub)
    gui.add_command(sub)
    if with_extras:
        report.add_render_command(sub)
        drafts.add_command(sub)
        rollup.add_command(sub)
    return parser


def opens_gui(argv: Sequence[str]) -> bool:
    """Whether these arguments open the window (no command, or ``gui``)."""
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir":
            next(args, None)
        elif not arg.startswith("-"):
            return arg == "gui"
        elif arg in ("-h", "--help", "--version"):
            return False
    return True


def _utf8_console() -> None:
    if sys.stdout.encoding and sys.stdout.encoding.lower().replace("-", "") != "utf8":
        # A Windows console may not be UTF-8: never crash on a Vietnamese letter.
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure:
                reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``dienchau-desktop``."""
    _utf8_console()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(with_extras=not opens_gui(argv)).parse_args(argv)
    try:
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        return gui.run_gui(args) if handler is None else handler(args)
    except gui.GuiMissingError:
        build_parser().print_help()
        return EXIT_OK
    except UserError as exc:
        output.error(str(exc))
        return exc.code
    except KeyboardInterrupt:
        output.err("Đã dừng.")
        return 130
    except Exception as exc:
        return _failed(exc, args)


def _failed(exc: Exception, args: argparse.Namespace) -> int:
    """A draft or form that cannot be read is bad input; anything else goes to the crash log."""
    from dienchau_desktop.draft import DraftError
    from dienchau_desktop.template import TemplateError

    if isinstance(exc, (DraftError, TemplateError)):
        output.error(str(exc))
        return EXIT_BAD_INPUT
    from dienchau_desktop.crashlog import write_crash_log

    where = write_crash_log(exc, getattr(args, "data_dir", None))
    output.err(
        "Lỗi không mong đợi: chương trình gặp sự cố và đã dừng lệnh này. Dữ liệu đã lưu không "
        f"bị ảnh hưởng. Chi tiết kỹ thuật đã được ghi vào “{where}”."
    )
    return EXIT_INTERNAL

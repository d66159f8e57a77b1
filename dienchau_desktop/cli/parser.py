"""The Vietnamese argparse parser, the ``--data-dir`` option, the exit codes and :class:`UserError`.

Exit codes, everywhere: 0 done; 1 refused for a reason stated (a draft with errors, a final copy
refused, the data held by another copy); 2 bad input (unreadable file, not a draft, wrong
arguments); 3 an unexpected failure (written to the crash log).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from dienchau_desktop import __version__

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

if TYPE_CHECKING:
    # Where a module adds its commands (``sub.add_parser(name, …)``).
    Subcommands = argparse._SubParsersAction["Parser"]

DATA_DIR_HELP = "thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng)"


class UserError(Exception):
    """Bad input: the message is for the user; exit code 2 unless told otherwise."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


_ARGPARSE_VI = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"tham số \1: không có lựa chọn \2 (chọn một trong \3)",
    ),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): not allowed with argument (\S+)", r"không dùng \1 cùng với \2"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"tham số \1: giá trị không hợp lệ \3"),
    (r"ambiguous option: (.*)", r"tùy chọn không rõ: \1"),
    (r"expected one argument", r"cần một giá trị"),
]


def vietnamese_message(message: str) -> str:
    """An argparse error message in Vietnamese (the first pattern that matches wins)."""
    for pattern, repl in _ARGPARSE_VI:
        if re.search(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the descriptions as written; “Cách dùng:” before the usage line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese for the messages users actually meet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="xem hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Lỗi: {vietnamese_message(message)}\n")


def has_option(p: argparse.ArgumentParser, option: str) -> bool:
    return any(option in action.option_strings for action in p._actions)


def add_data_dir(p: argparse.ArgumentParser) -> None:
    """``--data-dir`` after the command too (``drafts list --data-dir D``), once per parser.

    The top-level option's value stays when the command does not repeat it (SUPPRESS).
    """
    if not has_option(p, "--data-dir"):
        p.add_argument(
            "--data-dir", metavar="THƯ_MỤC", default=argparse.SUPPRESS, help=DATA_DIR_HELP
        )


def data_dir_of(args: argparse.Namespace) -> str | None:
    """The ``--data-dir`` given, wherever on the line; None for the usual folder."""
    value: str | None = getattr(args, "data_dir", None)
    return value


def root_parser() -> tuple[Parser, Subcommands]:
    """``dienchau-desktop`` with its own options, and the place where the commands go."""
    parser = Parser(
        prog="dienchau-desktop",
        description="Soạn, kiểm tra và in báo cáo của Đảng ủy xã. Chạy không cần Internet.",
        epilog="Mã thoát: 0 xong; 1 bị từ chối (có lỗi); 2 dữ liệu vào không hợp lệ.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="xem phiên bản rồi thoát",
    )
    parser.add_argument("--data-dir", metavar="THƯ_MỤC", help=DATA_DIR_HELP)
    sub = parser.add_subparsers(
        dest="command", metavar="LỆNH", title="các lệnh", parser_class=Parser
    )
    return parser, sub

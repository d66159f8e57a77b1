"""Command line: the same core as the GUI, behind a second face.

Exit codes, everywhere: 0 done; 1 refused for a reason stated (a draft with errors, a final copy
refused); 2 bad input (unreadable file, not a draft, wrong arguments). Messages are Vietnamese and
go to stderr; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from dienchau_desktop import __version__

# The core is imported inside the commands: opening the window (the most common start) then pays
# only for what the window needs, and it shows sooner.
if TYPE_CHECKING:
    from dienchau_desktop.draft import Draft
    from dienchau_desktop.template import Template
    from dienchau_desktop.validation import Problem

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


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


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese for the messages users actually meet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="xem hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        for pattern, repl in _ARGPARSE_VI:
            if re.search(pattern, message):
                message = re.sub(pattern, repl, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Lỗi: {message}\n")


def _out(text: str, stream: IO[str] | None = None) -> None:
    print(text, file=stream or sys.stdout)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# --- shared helpers ------------------------------------------------------------------------


def _load_draft_arg(args: argparse.Namespace) -> Draft:
    """The draft a command works on: ``FILE``, ``--example`` or ``--draft ID``."""
    from dienchau_desktop.draft import example_draft, read_draft_file

    if getattr(args, "example", False):
        return example_draft()
    draft_id = getattr(args, "draft", None)
    if draft_id:
        # Read-only: works while the program's window holds the writer lock.
        from dienchau_desktop.paths import user_data_dir
        from dienchau_desktop.store import DraftStore, StoreError
        from dienchau_desktop.workspace.summary import list_facts

        try:
            with DraftStore(
                user_data_dir(getattr(args, "data_dir", None)), readonly=True, summarize=list_facts
            ) as store:
                return store.load(store.resolve(draft_id))
        except StoreError as exc:
            raise UserError(str(exc)) from exc
    path = getattr(args, "file", None)
    if not path:
        raise UserError("Cần chỉ ra tệp nháp (FILE), hoặc --example, hoặc --draft ID.")
    return read_draft_file(path)


def template_for(draft: Draft) -> Template:
    from dienchau_desktop.template import TemplateError, load_template

    try:
        template = load_template(draft.template_id)
    except TemplateError as exc:
        raise UserError(f"Bản nháp dùng mẫu báo cáo “{draft.template_id}”: {exc}") from exc
    return template


def problems_json(problems: list[Problem]) -> str:
    from dienchau_desktop.validation import errors, warnings

    return json.dumps(
        {
            "errors": [p.to_dict() for p in errors(problems)],
            "warnings": [p.to_dict() for p in warnings(problems)],
        },
        ensure_ascii=False,
        indent=2,
    )


def problems_text(problems: list[Problem]) -> str:
    from dienchau_desktop.validation import errors, warnings

    errs, warns = errors(problems), warnings(problems)
    lines = []
    if not problems:
        lines.append("Không có lỗi và không có cảnh báo. Báo cáo sẵn sàng để in bản chính thức.")
    else:
        lines.append(f"{len(errs)} lỗi, {len(warns)} cảnh báo.")
        if errs:
            lines.append("")
            lines.append("LỖI (phải sửa trước khi in bản chính thức):")
            lines.extend(f"  ✗ {p.message}" for p in errs)
        if warns:
            lines.append("")
            lines.append("CẢNH BÁO (nên xem lại):")
            lines.extend(f"  ! {p.message}" for p in warns)
    return "\n".join(lines)


# --- commands ------------------------------------------------------------------------------


def cmd_example(args: argparse.Namespace) -> int:
    from dienchau_desktop.draft import example_draft, write_draft_file

    draft = example_draft()
    out = Path(args.output)
    try:
        write_draft_file(draft, out)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from exc
    _err(f"Đã ghi bản nháp ví dụ vào “{out}”.")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from dienchau_desktop.validation import errors, validate

    draft = _load_draft_arg(args)
    problems = validate(draft, template_for(draft))
    _out(problems_json(problems) if args.json else problems_text(problems))
    return EXIT_REFUSED if errors(problems) else EXIT_OK


# Other modules add their commands here: (name, add_arguments(parser), handler, help text).
CommandSpec = tuple[
    str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str
]


def _extra_commands() -> list[CommandSpec]:
    """Commands that live beside their subsystem (printing, storage, GUI)."""
    specs: list[CommandSpec] = []
    for module_name in ("dienchau_desktop.pdf.commands", "dienchau_desktop.store_commands"):
        try:
            module = __import__(module_name, fromlist=["COMMANDS"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        specs.extend(module.COMMANDS)
    return specs


def _opens_gui(argv: Sequence[str]) -> bool:
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


def build_parser(*, with_extras: bool = True) -> argparse.ArgumentParser:
    parser = _Parser(
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
    parser.add_argument(
        "--data-dir",
        metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng)",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="LỆNH", title="các lệnh", parser_class=_Parser
    )

    p = sub.add_parser("example", help="ghi bản nháp ví dụ (xã Diễn Châu) ra tệp")
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sẽ ghi")
    p.set_defaults(handler=cmd_example)

    p = sub.add_parser("validate", help="kiểm tra một bản nháp và liệt kê lỗi, cảnh báo")
    p.add_argument("file", nargs="?", metavar="TỆP", help="tệp nháp (.json)")
    p.add_argument("--example", action="store_true", help="kiểm tra bản nháp ví dụ")
    p.add_argument("--draft", metavar="MÃ", help="kiểm tra bản nháp đã lưu có mã này")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    _add_data_dir(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("gui", help="mở giao diện")
    p.add_argument("--example", action="store_true", help="mở ngay báo cáo mẫu (xã Diễn Châu)")
    p.add_argument(
        "--quit-after",
        type=int,
        metavar="MS",
        help="tự đóng cửa sổ sau MS mili giây (để kiểm tra chương trình sau khi cài)",
    )
    _add_data_dir(p)
    p.set_defaults(handler=_run_gui)

    # Opening the window skips importing the printing and storage commands: a faster start.
    for name, add_arguments, handler, help_text in _extra_commands() if with_extras else []:
        p = sub.add_parser(name, help=help_text)
        add_arguments(p)
        _add_data_dir(p)
        p.set_defaults(handler=handler)
    return parser


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    if not any("--data-dir" in a.option_strings for a in p._actions):
        p.add_argument(
            "--data-dir",
            metavar="THƯ_MỤC",
            default=argparse.SUPPRESS,
            help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng)",
        )


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from dienchau_desktop.gui.app import run_gui
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("dienchau_desktop.gui"):
            build_parser().print_help()
            return EXIT_OK
        raise UserError(f"Không mở được giao diện: thiếu thư viện {exc.name}.") from exc
    result: int = run_gui(args)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``dienchau-desktop``."""
    if sys.stdout.encoding and sys.stdout.encoding.lower().replace("-", "") != "utf8":
        # A Windows console may not be UTF-8: never crash on a Vietnamese letter.
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure:
                reconfigure(encoding="utf-8", errors="replace")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_extras=not _opens_gui(argv))
    args = parser.parse_args(argv)
    try:
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        return _run_gui(args) if handler is None else handler(args)
    except UserError as exc:
        _err(f"Lỗi: {exc}")
        return exc.code
    except KeyboardInterrupt:
        _err("Đã dừng.")
        return 130
    except Exception as exc:
        from dienchau_desktop.draft import DraftError
        from dienchau_desktop.template import TemplateError

        if isinstance(exc, (DraftError, TemplateError)):
            _err(f"Lỗi: {exc}")
            return EXIT_BAD_INPUT
        from dienchau_desktop.crashlog import write_crash_log

        where = write_crash_log(exc, getattr(args, "data_dir", None))
        _err(
            "Lỗi không mong đợi: chương trình gặp sự cố và đã dừng lệnh này. Dữ liệu đã lưu không "
            f"bị ảnh hưởng. Chi tiết kỹ thuật đã được ghi vào “{where}”."
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

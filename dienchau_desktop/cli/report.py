"""The report commands: ``example``, ``validate``, ``render`` and ``import-word``.

    dienchau-desktop example -o FILE
    dienchau-desktop validate FILE | --example | --draft ID [--json]
    dienchau-desktop render FILE | --example | --draft ID -o OUT [--final] [--layout NAME]
    dienchau-desktop import-word FILE.docx -o DRAFT.json [--form ID]

``validate`` exits 1 when the draft has errors. ``render`` writes a PDF, or a Word file when OUT
ends in ``.docx``, atomically (OUT is never left half-written) and exits 1 when the final copy
is refused, listing the errors on stderr, or when the report is too long to print. A refused
layout profile in the data folder is replaced by the bundled one, with a warning on stderr.

Everything goes through :class:`~dienchau_desktop.workspace.Workspace`, imported inside the
commands: opening the window (the most common start) does not pay for it here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dienchau_desktop.cli import output
from dienchau_desktop.cli.parser import (
    EXIT_OK,
    EXIT_REFUSED,
    UserError,
    add_data_dir,
    data_dir_of,
)

if TYPE_CHECKING:
    from dienchau_desktop.cli.parser import Subcommands
    from dienchau_desktop.draft import Draft
    from dienchau_desktop.workspace import Workspace


def load_draft(args: argparse.Namespace, workspace: Workspace) -> Draft:
    """The draft a command works on: ``FILE``, ``--example`` or ``--draft ID``."""
    from dienchau_desktop.store import StoreError

    if getattr(args, "example", False):
        return workspace.example()
    draft_id = getattr(args, "draft", None)
    if draft_id:
        # Read-only: works while the program's window holds the writer lock.
        try:
            return workspace.load(draft_id)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
    path = getattr(args, "file", None)
    if not path:
        raise UserError("Cần chỉ ra tệp nháp (FILE), hoặc --example, hoặc --draft ID.")
    return workspace.read_file(path)


def _reading(args: argparse.Namespace) -> Workspace:
    from dienchau_desktop.workspace import Workspace

    return Workspace(data_dir_of(args), readonly=True)


# --- example -------------------------------------------------------------------------------


def add_example_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sẽ ghi")


def cmd_example(args: argparse.Namespace) -> int:
    out = Path(args.output)
    with _reading(args) as workspace:
        try:
            workspace.write_example(out)
        except OSError as exc:
            raise UserError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from exc
    output.err(f"Đã ghi bản nháp ví dụ vào “{out}”.")
    return EXIT_OK


# --- validate ------------------------------------------------------------------------------


def add_validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", metavar="TỆP", help="tệp nháp (.json)")
    p.add_argument("--example", action="store_true", help="kiểm tra bản nháp ví dụ")
    p.add_argument("--draft", metavar="MÃ", help="kiểm tra bản nháp đã lưu có mã này")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def cmd_validate(args: argparse.Namespace) -> int:
    with _reading(args) as workspace:
        problems = workspace.problems(load_draft(args, workspace))
    output.out(output.problems_json(problems) if args.json else output.problems_text(problems))
    return EXIT_REFUSED if output.has_errors(problems) else EXIT_OK


# --- render --------------------------------------------------------------------------------


def add_render_arguments(p: argparse.ArgumentParser) -> None:
    from dienchau_desktop.workspace import Workspace

    default_layout = Workspace.default_layout_name()
    p.add_argument("file", nargs="?", metavar="TỆP", help="tệp nháp (.json)")
    p.add_argument("--example", action="store_true", help="in bản nháp ví dụ (xã Diễn Châu)")
    p.add_argument("--draft", metavar="MÃ", help="in bản nháp đã lưu có mã này")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="TỆP",
        help="tệp sẽ ghi: .pdf (bản in) hoặc .docx (bản Word sửa được)",
    )
    p.add_argument(
        "--final",
        action="store_true",
        help="in bản chính thức (bị từ chối nếu báo cáo còn lỗi); mặc định in bản dự thảo",
    )
    p.add_argument(
        "--layout",
        metavar="TÊN",
        default=default_layout,
        help=f"bố cục trang in: tên hoặc đường dẫn tệp .json (mặc định: {default_layout})",
    )


def cmd_render(args: argparse.Namespace) -> int:
    with _reading(args) as workspace:
        return _render(args, workspace)


def _render(args: argparse.Namespace, workspace: Workspace) -> int:
    from dienchau_desktop.pdf import FinalRefusedError, LayoutError, PrintRefusedError

    draft = load_draft(args, workspace)
    workspace.template_for(draft)  # a missing form is named before anything else is read
    try:
        layout = workspace.layout(args.layout)
    except LayoutError as exc:
        raise UserError(str(exc)) from exc
    if workspace.layout_notice:
        output.err(f"Cảnh báo: {workspace.layout_notice}")
    out = Path(args.output)
    kind = "Word" if workspace.output_kind(out) == "docx" else "PDF"
    if out.suffix.lower() == ".doc":
        raise UserError(
            f"Không ghi được tệp “{out}”: chương trình ghi tệp Word dạng .docx (Word 2007 trở "
            "đi đều mở được); hãy đổi đuôi tệp thành .docx."
        )
    if out.is_dir():
        raise UserError(f"“{out}” là một thư mục; hãy ghi tên tệp, ví dụ “bao-cao.pdf”.")
    if not out.parent.is_dir():
        raise UserError(f"Không có thư mục “{out.parent}” để ghi tệp {kind}.")
    try:
        workspace.write_render(draft, out, final=args.final, layout=layout)
    except FinalRefusedError as exc:
        output.final_refused(exc.problems, kind)
        return EXIT_REFUSED
    except PrintRefusedError as exc:  # too long to print, or a part too big for a page
        output.error(str(exc))
        return EXIT_REFUSED
    except PermissionError as exc:
        raise UserError(
            f"Không ghi được tệp “{out}”: không có quyền ghi, hoặc tệp đang mở trong một chương "
            "trình khác (trình xem PDF, Word). Hãy đóng tệp đó rồi ghi lại."
        ) from exc
    except OSError as exc:
        if exc.filename and Path(exc.filename).parent.resolve() != out.parent.resolve():
            raise  # not the output file: a fault of the program, for the crash log
        raise UserError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from exc
    copy = "bản chính thức" if args.final else "bản dự thảo"
    output.err(f"Đã ghi {copy} ra tệp {kind} “{out}”.")
    return EXIT_OK


# --- import-word ---------------------------------------------------------------------------


def add_import_word_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="TỆP_WORD", help="báo cáo Word (.docx)")
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp nháp (.json) sẽ ghi")
    p.add_argument("--form", metavar="MẪU", default="", help="mẫu báo cáo (mặc định: kl62)")


def cmd_import_word(args: argparse.Namespace) -> int:
    source, out = Path(args.file), Path(args.output)
    if not source.is_file():
        raise UserError(f"Không có tệp “{source}”.")
    with _reading(args) as workspace:
        result = workspace.read_word(source, args.form)
        try:
            workspace.write_file(result.draft, out)
        except OSError as exc:
            raise UserError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from exc
    output.word_import(result, source.name)
    output.err(f"Đã ghi bản nháp vào “{out}”.")
    return EXIT_OK


def add_commands(sub: Subcommands) -> None:
    """``example`` and ``validate`` (in the order of ``--help``, before ``gui``)."""
    p = sub.add_parser("example", help="ghi bản nháp ví dụ (xã Diễn Châu) ra tệp")
    add_example_arguments(p)
    p.set_defaults(handler=cmd_example)

    p = sub.add_parser("validate", help="kiểm tra một bản nháp và liệt kê lỗi, cảnh báo")
    add_validate_arguments(p)
    add_data_dir(p)
    p.set_defaults(handler=cmd_validate)


def add_render_command(sub: Subcommands) -> None:
    """``render`` (after ``gui``; left out when the window opens, for a faster start)."""
    p = sub.add_parser("render", help="in báo cáo ra tệp PDF hoặc tệp Word (.docx)")
    add_render_arguments(p)
    add_data_dir(p)
    p.set_defaults(handler=cmd_render)

    p = sub.add_parser("import-word", help="đọc một báo cáo Word (.docx) thành tệp nháp")
    add_import_word_arguments(p)
    add_data_dir(p)
    p.set_defaults(handler=cmd_import_word)

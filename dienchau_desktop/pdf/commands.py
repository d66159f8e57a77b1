"""The ``render`` command: print a draft (or the example) to a PDF file.

    dienchau-desktop render FILE -o OUT.pdf [--final] [--layout NAME]
    dienchau-desktop render --example -o OUT.pdf [--final]
    dienchau-desktop render --draft ID -o OUT.pdf [--final]

Exit 0 with the PDF written (atomically: OUT is never left half-written); 1 when the final copy
is refused, listing the errors on stderr; 2 on unreadable input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dienchau_desktop import cli
from dienchau_desktop.pdf import FinalRefusedError, LayoutError, load_layout, write_pdf
from dienchau_desktop.pdf.layout import DEFAULT_LAYOUT


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", metavar="TỆP", help="tệp nháp (.json)")
    p.add_argument("--example", action="store_true", help="in bản nháp ví dụ (xã Diễn Châu)")
    p.add_argument("--draft", metavar="MÃ", help="in bản nháp đã lưu có mã này")
    p.add_argument("-o", "--output", required=True, metavar="TỆP_PDF", help="tệp PDF sẽ ghi")
    p.add_argument(
        "--final",
        action="store_true",
        help="in bản chính thức (bị từ chối nếu báo cáo còn lỗi); mặc định in bản dự thảo",
    )
    p.add_argument(
        "--layout",
        metavar="TÊN",
        default=DEFAULT_LAYOUT,
        help=f"bố cục trang in: tên hoặc đường dẫn tệp .json (mặc định: {DEFAULT_LAYOUT})",
    )


def handler(args: argparse.Namespace) -> int:
    draft = cli._load_draft_arg(args)
    template = cli.template_for(draft)
    try:
        layout = load_layout(args.layout, data_dir=getattr(args, "data_dir", None))
    except LayoutError as exc:
        raise cli.UserError(str(exc)) from exc
    out = Path(args.output)
    if out.is_dir():
        raise cli.UserError(f"“{out}” là một thư mục; hãy ghi tên tệp PDF, ví dụ “bao-cao.pdf”.")
    if not out.parent.is_dir():
        raise cli.UserError(f"Không có thư mục “{out.parent}” để ghi tệp PDF.")
    try:
        write_pdf(draft, out, final=args.final, template=template, layout=layout)
    except FinalRefusedError as exc:
        cli._err("Không in bản chính thức: báo cáo còn lỗi phải sửa. Tệp PDF chưa được ghi.")
        cli._err(cli.problems_text(exc.problems))
        cli._err("Muốn in để xin ý kiến thì bỏ --final (bản in sẽ ghi “DỰ THẢO”).")
        return cli.EXIT_REFUSED
    except PermissionError as exc:
        raise cli.UserError(
            f"Không ghi được tệp “{out}”: không có quyền ghi, hoặc tệp đang mở trong một chương "
            "trình xem PDF. Hãy đóng tệp đó rồi in lại."
        ) from exc
    except OSError as exc:
        raise cli.UserError(f"Không ghi được tệp “{out}” ({exc.strerror or exc}).") from exc
    kind = "bản chính thức" if args.final else "bản dự thảo"
    cli._err(f"Đã in {kind} ra tệp “{out}”.")
    return cli.EXIT_OK


COMMANDS = [("render", add_arguments, handler, "in báo cáo ra tệp PDF")]

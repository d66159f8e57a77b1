"""``rollup``: many communes' reports tallied into an Excel workbook and a printed summary.

    dienchau-desktop rollup PATH… [--draft ID…] [--all] [--form ID]
                     [-o SUMMARY.xlsx] [--pdf SUMMARY.pdf] [--json]

PATH: draft files, Word reports, folders (searched recursively) and .zip files. Exit 0 when
every input was read, 1 when some were refused (each named on stderr; the rest is tallied and
written), 2 when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from dienchau_desktop.cli import output
from dienchau_desktop.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_REFUSED,
    UserError,
    add_data_dir,
    data_dir_of,
)

if TYPE_CHECKING:
    from dienchau_desktop.cli.parser import Subcommands


def _target(value: str | None, suffix: str, kind: str) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    if path.suffix.lower() != suffix:
        raise UserError(f"Tệp {kind} phải có đuôi {suffix}: “{path}”.")
    if not path.parent.is_dir():
        raise UserError(f"Không có thư mục “{path.parent}” để ghi tệp {kind}.")
    return path


def cmd_rollup(args: argparse.Namespace) -> int:
    from dienchau_desktop.store import StoreError, UnknownDraftError
    from dienchau_desktop.workspace import Workspace

    xlsx = _target(args.output, ".xlsx", "Excel")
    pdf = _target(args.pdf, ".pdf", "PDF")
    if xlsx is None and pdf is None and not args.json:
        raise UserError("Cần ít nhất một nơi ghi kết quả: -o TỆP.xlsx, --pdf TỆP.pdf hoặc --json.")
    if not args.paths and not args.draft and not args.all:
        raise UserError("Cần chỉ ra các tệp, thư mục, tệp .zip, hoặc --draft MÃ / --all.")
    with Workspace(data_dir_of(args), readonly=True) as workspace:
        try:
            result = workspace.rollup(
                args.paths, draft_ids=args.draft or (), all_drafts=args.all, template_id=args.form
            )
        except UnknownDraftError as exc:  # --draft naming no draft: bad input, as in ``drafts``
            raise UserError(str(exc)) from exc
        except StoreError as exc:  # a damaged draft, data of a newer program: refused, stated
            raise UserError(str(exc), EXIT_REFUSED) from exc
        for source, reason in result.refused:
            output.error(f"“{source}”: {reason}")
        if not result.communes:
            output.err("Không đọc được báo cáo nào; chưa ghi tệp nào.")
            return EXIT_BAD_INPUT
        try:
            workspace.write_rollup(result, xlsx=xlsx, pdf=pdf)
        except OSError as exc:
            raise UserError(f"Không ghi được tệp kết quả ({exc.strerror or exc}).") from exc
    if args.json:
        output.out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    n, replaced = len(result.communes), len(result.replaced)
    said = f"Đã tổng hợp {n} báo cáo"
    if replaced:
        said += f" ({replaced} báo cáo cũ của cùng xã được thay bằng bản mới hơn)"
    if result.skipped:
        said += f"; bỏ qua {len(result.skipped)} tệp không phải báo cáo"
    with_errors = sum(1 for c in result.communes if c.errors)
    if with_errors:
        said += f"; {with_errors} báo cáo còn lỗi (xem trang “Kiểm tra”)"
    output.err(said + ".")
    for path, kind in ((xlsx, "Excel"), (pdf, "PDF")):
        if path is not None:
            output.err(f"Đã ghi tệp {kind} “{path}”.")
    return EXIT_REFUSED if result.refused else EXIT_OK


def add_command(sub: Subcommands) -> None:
    p = sub.add_parser(
        "rollup",
        help="tổng hợp báo cáo của nhiều xã ra tệp Excel (và bản in PDF)",
        description="Tổng hợp báo cáo của nhiều xã: cộng số liệu theo từng loại, kiểm tra, "
        "ghi ra tệp Excel có biểu đồ và bản in PDF.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="ĐƯỜNG_DẪN",
        help="tệp nháp (.json), báo cáo Word (.docx), thư mục hoặc tệp .zip",
    )
    p.add_argument("--draft", nargs="+", metavar="MÃ", help="bản nháp đã lưu trong máy")
    p.add_argument("--all", action="store_true", help="mọi bản nháp đã lưu (trừ báo cáo mẫu)")
    p.add_argument("--form", default="", metavar="MẪU", help="mẫu báo cáo (mặc định: kl62)")
    p.add_argument("-o", "--output", metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    p.add_argument("--pdf", metavar="TỆP.pdf", help="bản in tổng hợp (PDF) sẽ ghi")
    p.add_argument("--json", action="store_true", help="in kết quả tổng hợp dạng JSON")
    add_data_dir(p)
    p.set_defaults(handler=cmd_rollup)

"""Where a roll-up's reports come from, and what it refuses: the command line end to end."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from clirun import run_cli

from dienchau_desktop.draft import Draft, example_draft, write_draft_file
from dienchau_desktop.rollup.sources import MAX_ZIP_UNPACKED, gather
from dienchau_desktop.word import render_docx


def _commune(i: int, name: str) -> Draft:
    draft = example_draft()
    draft.meta.update(
        draft_id=f"{i + 1:032x}", commune=f"xã {name}", issuing_body=f"ĐẢNG ỦY XÃ {name.upper()}"
    )
    draft.answers["II.1"].figures["so_cuoc_kiem_tra_giam_sat"] = f"{i + 1} cuộc"
    return draft


def _no_word(data: bytes, name: str) -> Draft:
    raise AssertionError("no Word report expected here")


def _folder(tmp: Path) -> Path:
    folder = tmp / "bao cao các xã"
    (folder / "huyện A").mkdir(parents=True)
    for i, name in enumerate(["Diễn Hải", "Diễn Kim"]):
        write_draft_file(_commune(i, name), folder / f"{i}.json")
    write_draft_file(_commune(2, "Diễn Thịnh"), folder / "huyện A" / "thinh.json")
    (folder / "huyện A" / "ghi chú.txt").write_text("không phải báo cáo", encoding="utf-8")
    (folder / "~$0.docx").write_bytes(b"Word lock file")
    return folder


def test_folders_are_searched_and_other_files_skipped(tmp_path: Path) -> None:
    found = gather([_folder(tmp_path)], _no_word)
    assert sorted(e.draft.meta["commune"] for e in found.entries) == [
        "xã Diễn Hải",
        "xã Diễn Kim",
        "xã Diễn Thịnh",
    ]
    assert found.refused == [] and [Path(s).name for s in found.skipped] == ["ghi chú.txt"]


def test_zip_members_that_climb_out_or_nest_are_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "gui-tinh.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x/hai.json", _commune(0, "Diễn Hải").to_json())
        z.writestr("../../ngoai.json", _commune(1, "Diễn Kim").to_json())
        z.writestr("/tuyet-doi.json", _commune(1, "Diễn Kim").to_json())
        z.writestr("long.zip", b"PK\x05\x06" + b"\0" * 18)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    found = gather([archive], _no_word)
    assert [e.draft.meta["commune"] for e in found.entries] == ["xã Diễn Hải"]
    reasons = dict(found.refused)
    assert "ra ngoài thư mục" in reasons[f"{archive}!../../ngoai.json"]
    assert "ra ngoài thư mục" in reasons[f"{archive}!/tuyet-doi.json"]
    assert "nằm trong tệp .zip" in reasons[f"{archive}!long.zip"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_links_passwords_twins_and_broken_zips_are_refused_in_vietnamese(tmp_path: Path) -> None:
    """A symlink, a password-protected member, a second member of the same name: each named
    and refused, the report beside them still read; a .zip that is no zip is refused whole."""
    archive = tmp_path / "gui-tinh.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hai.json", _commune(0, "Diễn Hải").to_json())
        link = zipfile.ZipInfo("lien-ket.json")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("C:\\o-dia.json", _commune(1, "Diễn Kim").to_json())
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr("mat-khau.json", _commune(1, "Diễn Kim").to_json())
        z.writestr("HAI.json", _commune(2, "Diễn Thịnh").to_json())
    raw = bytearray(archive.read_bytes())
    at = raw.rfind(b"mat-khau.json") - 46  # its entry in the central directory (46 bytes)
    raw[at + 8] |= 0x01  # the "encrypted" flag bit, as a password-protected zip sets it
    archive.write_bytes(bytes(raw))
    broken = tmp_path / "hong.zip"
    broken.write_bytes(b"PK\x03\x04 half a download")
    found = gather([archive, broken], _no_word)
    assert [e.draft.meta["commune"] for e in found.entries] == ["xã Diễn Hải"]
    reasons = dict(found.refused)
    assert "liên kết" in reasons[f"{archive}!lien-ket.json"]
    assert "ổ đĩa" in reasons[f"{archive}!C:\\o-dia.json"]
    assert "mật khẩu" in reasons[f"{archive}!mat-khau.json"]
    assert "trùng tên" in reasons[f"{archive}!HAI.json"]
    assert reasons[str(broken)].startswith("không phải tệp .zip đọc được")


def test_a_zip_bomb_is_refused_whole(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        chunk = b"0" * (64 * 1024 * 1024)
        for i in range(MAX_ZIP_UNPACKED // len(chunk) + 1):
            z.writestr(f"{i}.json", chunk)
    assert bomb.stat().st_size < 10 * 1024 * 1024
    found = gather([bomb], _no_word)
    assert found.entries == [] and "quá lớn" in found.refused[0][1]


def test_rollup_command_reads_files_folders_zips_and_word_reports(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    archive = tmp_path / "them.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("yen.json", _commune(3, "Diễn Yên").to_json())
    word = tmp_path / "dien-chau.docx"
    word.write_bytes(render_docx(example_draft(), final=True))
    junk = tmp_path / "hong.json"
    junk.write_text("{ không phải JSON", encoding="utf-8")
    done = run_cli("rollup", str(folder), str(archive), str(word), str(junk), "--json")
    assert done.returncode == 1, done.stderr  # one input refused, the rest tallied
    assert "hong.json" in done.stderr and "Đã tổng hợp 5 báo cáo" in done.stderr
    data = json.loads(done.stdout)
    names = [c["name"] for c in data["communes"]]
    assert names == ["xã Diễn Châu", "xã Diễn Hải", "xã Diễn Kim", "xã Diễn Thịnh", "xã Diễn Yên"]
    total = data["totals"]["II.1/so_cuoc_kiem_tra_giam_sat"]
    assert total["low"] == 18 + 1 + 2 + 3 + 4 and total["given"] == 5
    assert [r["source"] for r in data["refused"]] == [str(junk)]


def test_rollup_exits_2_when_nothing_could_be_read(tmp_path: Path) -> None:
    junk = tmp_path / "hong.json"
    junk.write_text("{", encoding="utf-8")
    out = tmp_path / "tong-hop.xlsx"
    done = run_cli("rollup", str(junk), "-o", str(out))
    assert done.returncode == 2 and not out.exists()
    assert "Không đọc được báo cáo nào" in done.stderr


def test_rollup_takes_drafts_from_the_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = []
    for i, name in enumerate(["Diễn Hải", "Diễn Kim"]):
        path = tmp_path / f"{i}.json"
        write_draft_file(_commune(i, name), path)
        files.append(str(path))
    assert run_cli("drafts", "import", *files, "--data-dir", str(data)).returncode == 0
    done = run_cli("rollup", "--all", "--json", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    names = [c["name"] for c in json.loads(done.stdout)["communes"]]
    assert names == ["xã Diễn Hải", "xã Diễn Kim"]
    assert run_cli("rollup", str(tmp_path), "--data-dir", str(data)).returncode == 2  # no output

"""Hostile zips against the one zip reader (:mod:`dienchau_desktop.safezip`) and the two doors
that use it: the roll-up's gathering of .zip files and the Word reader's .docx packages.

Whatever the bytes, the outcome is a clean refusal (:class:`ZipRefused`, or the door's own
documented error, with a Vietnamese reason) or a correct read; never another exception, never
more memory than the limits allow, never a file written, and quickly.
"""

from __future__ import annotations

import bz2
import io
import ntpath
import posixpath
import re
import time
import tracemalloc
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st
from zip_helpers import (
    BZIP2,
    DEFLATED,
    ENCRYPTED,
    STORED,
    SYMLINK,
    GiB,
    MiB,
    Raw,
    bomb,
    build_zip,
    deflated,
    many_members,
    stored,
    zeros_deflate,
)

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.rollup.sources import gather
from dienchau_desktop.safezip import (
    CHUNK,
    SafeZip,
    ZipLimits,
    ZipRefused,
    check_package,
    name_problem,
)
from dienchau_desktop.template import load_template
from dienchau_desktop.word.reader import WordImport, WordImportError, read_word

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_FUZZ = settings(FUZZ, max_examples=60)  # each example parses a Word document
TEMPLATE = load_template("kl62")
SMALL = ZipLimits(members=50, total=4 * MiB, member=2 * MiB)
_VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")
_ENGLISH = re.compile(r"Error|Traceback|zipfile|\bFile\b|\bBad\b|password|Errno")


def vietnamese(text: str) -> bool:
    """A message for the user: Vietnamese, with no Python exception text in it."""
    return bool(_VIETNAMESE.search(text.lower())) and not _ENGLISH.search(text)


def _count(outcome: str) -> None:
    """Tally an outcome in ``--hypothesis-show-statistics`` (inside a fuzz test only)."""
    if currently_in_test_context():
        event(outcome)


def _refusal_is_clean(exc: ZipRefused) -> None:
    assert vietnamese(exc.reason) and vietnamese(str(exc)), str(exc)
    _count(f"refused: {exc.kind}")


def read_all(raw: bytes | Path, limits: ZipLimits | None = None) -> dict[str, bytes]:
    """Every readable member's bytes, by name; refusals checked for their wording. Anything
    but :class:`ZipRefused` escapes and fails the test."""
    read: dict[str, bytes] = {}
    try:
        archive = SafeZip(raw, limits)
    except ZipRefused as exc:
        _refusal_is_clean(exc)
        return read
    with archive:
        for entry in archive.entries:
            if isinstance(entry, ZipRefused):
                _refusal_is_clean(entry)
                continue
            try:
                data = archive.read(entry)
            except ZipRefused as exc:
                _refusal_is_clean(exc)
                continue
            assert len(data) == entry.size <= archive.limits.member
            read[entry.name] = data
            _count("read")
    return read


@contextmanager
def bounded(peak_bytes: int, seconds: float) -> Iterator[None]:
    """The block allocates at most ``peak_bytes`` at once and ends within ``seconds``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < peak_bytes, f"{peak / MiB:.1f} MiB at the peak"
    del elapsed, seconds  # time is measured by benchmarks, never asserted (a shared machine)


def refusal(raw: bytes, limits: ZipLimits | None = None) -> ZipRefused:
    """The refusal of the whole archive, or of its first member (listed or on reading)."""
    try:
        with SafeZip(raw, limits) as archive:
            for entry in archive.entries:
                if isinstance(entry, ZipRefused):
                    return entry
                archive.read(entry)
    except ZipRefused as exc:
        _refusal_is_clean(exc)
        return exc
    raise AssertionError("no refusal")


def _zipfile_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data, zipfile.ZIP_STORED if name.endswith(".txt") else None)
    return out.getvalue()


def _report_docx() -> bytes:
    """A small Word report the reader accepts: the header row and one answered question."""
    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    rows = [
        ("TT", "Nội dung", "Nội dung trả lời", "Số liệu minh chứng", "Ghi chú"),
        ("I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "", "", ""),
        ("1", "Đặc điểm nổi bật", "Xã lãnh đạo tốt.", "Số cuộc: 3 cuộc", ""),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


REPORT_DOCX = _report_docx()
BASE_ZIP = _zipfile_zip(
    {
        "bao-cao/xa-dien-hai.json": example_draft().to_json().encode(),
        "bao-cao/ghi-chu.txt": "Gửi kèm báo cáo của xã.".encode(),
        "bao-cao/": b"",
        "bao-cao/trong.json": b"",
    }
)


def _structure_offsets(raw: bytes) -> list[int]:
    """Where the local headers, the central directory and its end record start."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        offsets = [i.header_offset for i in z.infolist()]
        offsets.append(z.start_dir)
    offsets.append(raw.rfind(b"PK\x05\x06"))
    return offsets


@st.composite
def mutations(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with a few bytes changed, inserted or cut, mostly in its headers."""
    data = bytearray(base)
    anchors = _structure_offsets(base)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        near = draw(st.sampled_from(anchors)) + draw(st.integers(0, 60))
        pos = draw(st.one_of(st.just(near), st.integers(0, len(data) - 1))) % len(data)
        op = draw(st.sampled_from(["byte", "word", "insert", "delete", "truncate"]))
        if op == "byte":
            data[pos] = draw(st.integers(0, 255))
        elif op == "word":
            value = draw(st.sampled_from([0, 1, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF]))
            data[pos : pos + 4] = value.to_bytes(4, "little")
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 8))]
        else:
            del data[pos:]
    return bytes(data)


# --- names, links, passwords, twins, nesting -------------------------------------------------

PARTS = ["..", ".", "a", "b.json", "C:", "c:x", "", " ", ".. ", "...", "．．", "／", "x.zip",
         "X.ZIP. ", "Báo cáo", "Diễn Châu.json", "\x00", "\n", "~$tam.docx"]  # fmt: skip
names = st.one_of(
    st.builds(
        lambda parts, sep: sep.join(parts),
        st.lists(st.sampled_from(PARTS), min_size=1, max_size=4),
        st.sampled_from(["/", "\\"]),
    ),
    st.text(max_size=12),
)


def _escapes(name: str) -> bool:
    """Whether extracting ``name`` on POSIX or Windows could leave the target folder, by the
    standard library's own path rules (not the rules under test)."""
    for form in {name, unicodedata.normalize("NFKC", name)}:
        if "\x00" in form:
            return True
        unix = posixpath.normpath(form.replace("\\", "/"))
        # Windows drops trailing spaces from a part made of dots and spaces (".. " is "..").
        parts = [
            (p.rstrip(" ") or ".") if p and set(p) <= {".", " "} else p
            for p in re.split(r"[\\/]", form)
        ]
        windows = ntpath.normpath("\\".join(parts))
        if posixpath.isabs(unix) or unix == ".." or unix.startswith("../"):
            return True
        if ntpath.isabs(windows) or ntpath.splitdrive(windows)[0]:
            return True
        if windows == ".." or windows.startswith("..\\"):
            return True
    return False


@FUZZ
@given(st.lists(st.tuples(names, st.binary(max_size=64), st.booleans()), min_size=1, max_size=6))
def test_any_member_names_are_refused_or_read_back(
    members: list[tuple[str, bytes, bool]],
) -> None:
    """A member is read back exactly, or refused; none whose name escapes is ever read."""
    entries = [
        (deflated if packed else stored)(name, f"{i}:".encode() + data)
        for i, (name, data, packed) in enumerate(members)
    ]
    raw = build_zip(entries)
    for name, data in read_all(raw).items():
        assert not _escapes(name), name
        index = int(data.split(b":", 1)[0])
        assert (members[index][0], data) == (name, f"{index}:".encode() + members[index][1])


@pytest.mark.parametrize(
    "name",
    ["../ngoai.json", "a/../../ngoai.json", "/etc/ngoai.json", "\\ngoai.json", "C:\\ngoai.json",
     "C:ngoai.json", "c:/ngoai.json", "\\\\may-chu\\chung\\ngoai.json", "a\\..\\..\\ngoai.json",
     ".. /ngoai.json", "a/.../ngoai.json", "．．／ngoai.json", "ngoai\x00.json", "a\nb.json",
     ""],
)  # fmt: skip
def test_names_that_climb_out_or_hide_something_are_refused(name: str) -> None:
    """``../``, absolute, drive, UNC, backslash, Windows-trimmed, lookalike, NUL names."""
    raw = build_zip([stored(name, b"{}"), stored("tot.json", b"{}")])
    with SafeZip(raw) as archive:
        first, _ = archive.entries
        assert isinstance(first, ZipRefused) and first.kind == "unsafe_name"
        assert [m.name for m in archive.members] == ["tot.json"]
        assert "\x00" not in first.member and "\n" not in first.member
    assert name_problem(name) is not None


@pytest.mark.parametrize(
    "name", ["Báo cáo/xã Diễn Châu.json", "a/./b.json", "a..b.json", "..a.json", "a\\b.json"]
)
def test_plain_names_are_read(name: str) -> None:
    """Dots inside a name, a "." part, Vietnamese, an old Windows backslash: all plain."""
    assert read_all(build_zip([deflated(name, b"{}")])) == {name: b"{}"}


@pytest.mark.parametrize(
    ("attr", "kind"),
    [(SYMLINK, "link"), (0o010644 << 16, "link"), (0o140755 << 16, "link"), (0x400, "link"),
     (0o100644 << 16, None), (0x20, None)],
)  # fmt: skip
def test_links_and_special_files_are_refused(attr: int, kind: str | None) -> None:
    """A symlink, a FIFO, a socket, a Windows reparse point; a plain file is read."""
    raw = build_zip([replace(stored("lien-ket.json", b"/etc/passwd"), external_attr=attr)])
    with SafeZip(raw) as archive:
        if kind is None:
            assert archive.read(archive.members[0]) == b"/etc/passwd"
        else:
            assert [(e.kind, e.member) for e in archive.refused] == [(kind, "lien-ket.json")]
            assert archive.members == []


@pytest.mark.parametrize(
    ("flags", "method"), [(ENCRYPTED, DEFLATED), (0x41, DEFLATED), (ENCRYPTED, 99)]
)
def test_a_password_protected_member_is_refused(flags: int, method: int) -> None:
    """The flag bit says so (ZipCrypto, strong encryption, WinZip AES): no password is tried."""
    raw = build_zip([replace(deflated("mat-khau.json", b"{}"), flags=flags, method=method)])
    assert refusal(raw).kind == "encrypted"


def test_a_bzip2_bomb_is_refused_without_inflating() -> None:
    """zipfile inflates bzip2 without a bound per read: 16 MiB from 50 bytes in one call."""
    packed = bz2.compress(bytes(16 * MiB))
    raw = build_zip([Raw("bom.json", packed, b"", BZIP2, crc=0, size=1000)])
    with bounded(2 * MiB, 1):
        assert refusal(raw).kind == "method"


def test_twins_are_refused_as_windows_and_word_see_them() -> None:
    """The same name twice, or differing only in case or Unicode form: readers disagree on
    which one counts, so only the first is read."""
    nfd = unicodedata.normalize("NFD", "Diễn.json")
    raw = build_zip(
        [stored("a.json", b"1"), stored("a.json", b"2"), stored("A.JSON", b"3"),
         stored("Diễn.json", b"4"), stored(nfd, b"5")]
    )  # fmt: skip
    with SafeZip(raw) as archive:
        assert [archive.read(m) for m in archive.members] == [b"1", b"4"]
        assert [e.kind for e in archive.refused] == ["duplicate"] * 3


@pytest.mark.parametrize("name", ["x.zip", "X.ZIP", "x.zip. ", "a/b.7z", "c.rar", "d.tar.gz"])
def test_an_archive_inside_is_refused_unless_the_caller_allows_it(name: str) -> None:
    """Nested archives are refused by default, allowed with ``nested=()``."""
    raw = build_zip([stored(name, b"PK\x05\x06" + bytes(18))])
    assert refusal(raw).kind == "nested"
    with SafeZip(raw, nested=()) as archive:
        assert [m.name for m in archive.members] == [name]


def test_folders_are_checked_and_left_out() -> None:
    """A folder entry is no member; a folder that climbs out is still refused."""
    raw = build_zip([stored("bao-cao/"), stored("../"), stored("bao-cao/a.json", b"{}")])
    with SafeZip(raw) as archive:
        assert [m.name for m in archive.members] == ["bao-cao/a.json"]
        assert [(e.kind, e.member) for e in archive.refused] == [("unsafe_name", "../")]


# --- bombs and sizes ---------------------------------------------------------------------------


def test_a_zip_bomb_declaring_its_size_is_refused_unread() -> None:
    """1 GiB of zeros in 1 MiB, honest about it: over the total, refused before any read."""
    raw = bomb(1024)
    assert len(raw) < 2 * MiB
    with bounded(2 * MiB, 1):
        assert refusal(raw).kind == "too_large"
    with bounded(2 * MiB, 1):  # a caller allowing 2 GiB in all still caps each member
        assert refusal(raw, ZipLimits(total=2 * GiB)).kind == "member_too_large"


@pytest.mark.parametrize(
    ("declared", "compressed", "crc"),
    [(1000, None, None), (1000, None, zlib.crc32(bytes(1000))), (1000, 1000, None),
     (1000, 1000, zlib.crc32(bytes(1000))), (0, None, 0), (MiB, None, None)],
)  # fmt: skip
def test_a_zip_bomb_lying_about_its_size_is_never_inflated(
    declared: int, compressed: int | None, crc: int | None
) -> None:
    """1 GiB of zeros declaring 1000 bytes (or none, or 1 MiB), with honest or crafted sizes
    and CRCs: refused, or at most the declared bytes; never more in memory."""
    raw = bomb(1024, declared=declared, crc=crc, compressed=compressed)
    with bounded(4 * MiB + 2 * declared, 2):
        read = read_all(raw)
    assert read == {} or read == {"bom.json": bytes(declared)}


def test_a_bomb_within_the_limits_is_inflated_in_bounded_chunks() -> None:
    """A caller that allows 256 MiB checks it chunk by chunk: the memory is a few chunks."""
    raw = bomb(256)
    with bounded(4 * CHUNK, 10), SafeZip(raw, ZipLimits(total=GiB, member=GiB)) as archive:
        archive.verify(archive.members[0])


def test_overlapping_members_are_refused_by_their_declared_total() -> None:
    """The non-recursive bomb: many directory entries sharing one local header and its data."""
    raw = build_zip([stored("x.json", bytes(MiB))] * 300, shared_data=True)
    assert len(raw) < 2 * MiB + 300 * 60
    with bounded(4 * MiB, 1):
        assert refusal(raw).kind == "too_large"


@pytest.mark.parametrize(
    "build",
    [lambda: many_members(100_000), lambda: many_members(100_000, zip64=True),
     lambda: many_members(100_000, declared_count=3)],
    ids=["plain", "zip64", "lying-count"],
)  # fmt: skip
def test_a_100000_member_archive_is_refused_before_it_is_parsed(
    build: Callable[[], bytes],
) -> None:
    """Counted in the raw table of contents, even when its end record lies about the count:
    no object is made per member (the table itself, 4.7 MB here, is read when its size is
    within what 20,000 members may take)."""
    raw = build()
    with bounded(6 * MiB, 0.5):
        assert refusal(raw, ZipLimits(members=20_000)).kind == "too_many"


def test_a_zip64_archive_within_the_limits_is_read() -> None:
    """The ZIP64 end records are found where zipfile finds them."""
    raw = build_zip([stored("a.json", b"1"), deflated("b.json", b"2" * 100)], zip64=True)
    assert read_all(raw) == {"a.json": b"1", "b.json": b"2" * 100}


def test_a_member_over_its_limit_is_refused_only_when_read() -> None:
    """Members a caller skips cost nothing; the one it reads is refused, the rest still read."""
    raw = build_zip([stored("lon.pdf", bytes(3 * MiB)), stored("nho.json", b"{}")])
    with SafeZip(raw, SMALL) as archive:
        big, small = archive.members
        with pytest.raises(ZipRefused) as caught:
            archive.read(big)
        assert caught.value.kind == "member_too_large" and "2 MB" in caught.value.reason
        assert archive.read(small) == b"{}"


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, DEFLATED])
def test_a_member_shorter_or_damaged_is_refused(method: int) -> None:
    """Data cut short, a wrong CRC: refused as damaged or of the wrong size."""
    good = deflated("a.json", b"x" * 5000) if method == DEFLATED else stored("a.json", b"x" * 5000)
    for broken in (
        replace(good, crc=1),
        replace(good, size=6000),
        replace(good, data=good.data[:-10]),
    ):
        assert refusal(build_zip([broken])).kind in ("damaged", "size_mismatch")


# --- not a zip ---------------------------------------------------------------------------------


def test_every_truncation_of_a_zip_is_refused_or_read_correctly() -> None:
    """Cut at every byte from the end or from the start: never anything but a refusal, and
    what is read is what was written."""
    original = read_all(BASE_ZIP)
    assert set(original) == {
        "bao-cao/xa-dien-hai.json",
        "bao-cao/ghi-chu.txt",
        "bao-cao/trong.json",
    }
    started = time.perf_counter()
    for cut in range(0, len(BASE_ZIP), 7):
        for raw in (BASE_ZIP[:cut], BASE_ZIP[cut:]):
            for name, data in read_all(raw).items():
                assert original[name] == data
    assert time.perf_counter() - started < 10


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=4096), st.binary(max_size=64).map(lambda b: b + b"PK\x05\x06" + b[:18])
    )
)
def test_random_bytes_are_refused(raw: bytes) -> None:
    """Random bytes, or random bytes ending in an end record: a refusal, or an empty zip."""
    assert read_all(raw) == {}


@pytest.mark.parametrize("raw", [b"", b"PK", b"PK\x03\x04" + bytes(100), bytes(10_000)])
def test_what_is_not_a_zip_is_refused_as_such(raw: bytes) -> None:
    assert refusal(raw).kind == "not_zip"


def test_an_empty_zip_has_no_members() -> None:
    with SafeZip(b"PK\x05\x06" + bytes(18)) as archive:
        assert archive.entries == []


def test_paths_are_read_and_their_failures_are_refusals(tmp_path: Path) -> None:
    """A path is opened and closed again; a missing file or a folder is refused, in Vietnamese."""
    path = tmp_path / "gui.zip"
    path.write_bytes(BASE_ZIP)
    assert read_all(path) == read_all(BASE_ZIP)
    for bad in (tmp_path / "khong-co.zip", tmp_path):
        with pytest.raises(ZipRefused) as caught:
            SafeZip(bad)
        assert caught.value.kind == "unreadable" and vietnamese(caught.value.reason)


@FUZZ
@given(mutations(BASE_ZIP))
def test_a_mutated_zip_is_refused_or_read_within_its_limits(raw: bytes) -> None:
    """Bytes changed in the headers and the data: a refusal, or members within the limits."""
    read_all(raw, SMALL)


_SIZE = st.one_of(st.integers(0, 300), st.integers(0, 2**32 - 1))
LIES = st.fixed_dictionaries(
    {},
    optional={
        "size": _SIZE,
        "compressed": _SIZE,
        "crc": st.integers(0, 2**32 - 1),
        "flags": st.one_of(st.sampled_from([0, 0x0008, 0x0020]), st.integers(0, 0xFFFF)),
        "external_attr": st.one_of(st.just(0o100644 << 16), st.integers(0, 2**32 - 1)),
        "method": st.sampled_from([STORED, DEFLATED, BZIP2, 14, 99, 0xFFFF]),
    },
)


@FUZZ
@given(LIES, st.binary(max_size=200), st.booleans())
def test_header_fields_that_lie_are_refused_or_read_as_declared(
    lies: dict[str, Any], plain: bytes, packed: bool
) -> None:
    """Any declared size, packed size, CRC, flags, mode bits and method: a refusal, or exactly
    the declared number of bytes, which are the real data's start."""
    honest = deflated("a.json", plain) if packed else stored("a.json", plain)
    raw = build_zip([replace(honest, **lies)])
    for data in read_all(raw, SMALL).values():
        assert data == plain[: len(data)]


# --- the package check, for python-docx and openpyxl ------------------------------------------


def test_a_vetted_package_is_handed_back_as_the_same_bytes() -> None:
    """``check_package`` returns the very bytes it checked, for the library to open."""
    vetted = check_package(REPORT_DOCX, required=[re.compile(r"word/document\d*\.xml")])
    assert vetted is REPORT_DOCX
    assert docx.Document(io.BytesIO(vetted)).tables[0].cell(0, 0).text == "TT"


def test_an_xlsx_form_is_vetted_then_opened_by_openpyxl() -> None:
    """The .xlsx forms' reader: check, then ``openpyxl.load_workbook`` on the same bytes."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Số đảng viên"
    out = io.BytesIO()
    book.save(out)
    vetted = check_package(out.getvalue(), required=["[Content_Types].xml", "xl/workbook.xml"])
    opened = openpyxl.load_workbook(io.BytesIO(vetted), read_only=True)
    assert opened.active["A1"].value == "Số đảng viên"
    with pytest.raises(ZipRefused) as caught:
        check_package(out.getvalue(), required=["word/document.xml"])
    assert caught.value.kind == "missing" and vietnamese(str(caught.value))


def test_a_package_with_any_problem_is_refused_whole() -> None:
    """One bad part is enough: a package is read by a library that trusts all of it."""
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    good = build_zip([stored(n, d) for n, d in parts.items()])
    assert check_package(good, required=["word/document.xml"]) is good
    for extra in (stored("../x.xml"), replace(stored("y.xml"), external_attr=SYMLINK),
                  stored("word/document.xml"), replace(stored("z.xml", b"1"), crc=0)):  # fmt: skip
        with pytest.raises(ZipRefused):
            check_package(build_zip([*(stored(n, d) for n, d in parts.items()), extra]))


# --- the real doors: the Word reader and the roll-up --------------------------------------------


def _word(raw: bytes) -> WordImport | None:
    """``read_word`` on ``raw``: a draft, or None for a documented refusal in Vietnamese."""
    try:
        result = read_word(raw, TEMPLATE, name="bao-cao.docx")
    except WordImportError as exc:
        assert vietnamese(str(exc)) and "“bao-cao.docx”" in str(exc), str(exc)
        _count(f"refused: {str(exc)[:40]}")
        return None
    _count("read")
    return result


def test_the_small_report_reads() -> None:
    result = _word(REPORT_DOCX)
    assert result is not None and result.draft.get_answer("I.1").text == "Xã lãnh đạo tốt."


def _with_part(raw: bytes, extra: Raw) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        parts = [deflated(i.filename, z.read(i)) for i in z.infolist()]
    return build_zip([*parts, extra])


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [(stored("../../ngoai.xml", b"<x/>"), "bị hỏng"),
     (replace(stored("word/media/anh.png", b"/etc/passwd"), external_attr=SYMLINK), "bị hỏng"),
     (Raw("word/media/bom.bin", zeros_deflate(1024), b"", DEFLATED, 0, GiB), "lớn bất thường"),
     (Raw("word/media/bom.bin", zeros_deflate(64), b"", DEFLATED, 0, 10), "bị hỏng"),
     (replace(deflated("word/media/a.bin", b"x"), flags=ENCRYPTED), "mật khẩu"),
     (stored("word/document.xml", b"<w:document/>"), "bị hỏng")],
    ids=["climbs-out", "symlink", "bomb", "lying-bomb", "password", "twin"],
)  # fmt: skip
def test_the_word_reader_refuses_a_hostile_package_in_vietnamese(extra: Raw, phrase: str) -> None:
    """A .docx with one hostile part is refused before python-docx sees it."""
    with bounded(16 * MiB, 2), pytest.raises(WordImportError) as caught:
        read_word(_with_part(REPORT_DOCX, extra), TEMPLATE, name="bao-cao.docx")
    assert phrase in str(caught.value) and vietnamese(str(caught.value)), str(caught.value)


def test_the_word_reader_refuses_a_100000_part_package_quickly() -> None:
    raw = many_members(100_000)
    with bounded(2 * MiB, 1), pytest.raises(WordImportError, match="lớn bất thường"):
        read_word(raw, TEMPLATE)


def test_a_password_protected_word_file_is_named_as_such() -> None:
    """Word saves it as an OLE2 file with an "EncryptedPackage" stream, not as a .doc."""
    raw = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(WordImportError, match="mật khẩu"):
        read_word(raw, TEMPLATE)


@SLOW_FUZZ
@given(mutations(REPORT_DOCX))
def test_a_mutated_word_file_is_read_or_refused_in_vietnamese(raw: bytes) -> None:
    """Bytes of a real .docx changed: a draft or a :class:`WordImportError`, nothing else."""
    _word(raw)


@SLOW_FUZZ
@given(
    st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml", "_rels/.rels"]),
    st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from([b"<", b">", b"&", b"\x00", b"\xff", b"", b"</w:tbl>", b"<w:tc>"]),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_a_word_file_with_broken_xml_is_read_or_refused_in_vietnamese(
    part: str, edits: list[tuple[int, bytes]]
) -> None:
    """A sound zip whose XML is broken: python-docx's and the reader's failures are refusals."""
    with zipfile.ZipFile(io.BytesIO(REPORT_DOCX)) as z:
        files = {i.filename: z.read(i) for i in z.infolist()}
    xml = bytearray(files[part])
    for at, text in edits:
        at %= len(xml)
        xml[at : at + max(len(text), 1)] = text
    files[part] = bytes(xml)
    _word(_zipfile_zip(files))


def _read_word_draft(data: bytes, name: str) -> Draft:
    return read_word(data, TEMPLATE, name=name).draft


def _gather_cleanly(path: Path) -> None:
    """Gathering ``path`` refuses in Vietnamese, never raises, and writes nothing."""
    before = sorted(path.parent.rglob("*"))
    found = gather([path], _read_word_draft)
    for source, reason in found.refused:
        assert source.startswith(str(path)) and vietnamese(reason), (source, reason)
    assert sorted(path.parent.rglob("*")) == before


@FUZZ
@given(
    st.one_of(
        mutations(BASE_ZIP),
        st.lists(st.tuples(names, st.binary(max_size=32)), min_size=1, max_size=5).map(
            lambda files: build_zip([stored(n, d) for n, d in files])
        ),
    )
)
def test_the_rollup_gathers_a_hostile_zip_without_raising(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    """Any zip handed to the roll-up: reports read, the rest refused or skipped, in Vietnamese."""
    path = tmp_path_factory.getbasetemp() / "gather" / "gui-tinh.zip"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    _gather_cleanly(path)


def test_the_rollup_reads_what_is_sound_and_names_the_rest(tmp_path: Path) -> None:
    """One zip with every kind of hostile member: the report is read, each other is named."""
    report = example_draft().to_json().encode()
    raw = build_zip(
        [stored("bao-cao/dien-hai.json", report), stored("../ngoai.json", report),
         stored("C:\\ngoai.json", report), replace(stored("lien-ket.json"), external_attr=SYMLINK),
         replace(deflated("mat-khau.json", report), flags=ENCRYPTED),
         stored("bao-cao/dien-hai.json", report), stored("long.zip", BASE_ZIP),
         Raw("bom.json", zeros_deflate(64), b"", DEFLATED, crc=0, size=1000),
         Raw("bom2.json", bz2.compress(bytes(MiB)), b"", BZIP2, crc=0, size=100),
         stored("hong.docx", b"PK\x03\x04 hong"), stored("anh.png", b"\x89PNG")]
    )  # fmt: skip
    path = tmp_path / "gui-tinh.zip"
    path.write_bytes(raw)
    _gather_cleanly(path)
    found = gather([path], _read_word_draft)
    assert [e.source for e in found.entries] == [f"{path}!bao-cao/dien-hai.json"]
    assert found.skipped == [f"{path}!anh.png"]
    reasons = {source.split("!", 1)[1]: reason for source, reason in found.refused}
    assert "ra ngoài thư mục" in reasons["../ngoai.json"]
    assert "ổ đĩa" in reasons["C:\\ngoai.json"]
    assert "liên kết" in reasons["lien-ket.json"]
    assert "mật khẩu" in reasons["mat-khau.json"]
    assert "trùng tên" in reasons["bao-cao/dien-hai.json"]
    assert "nằm trong tệp .zip" in reasons["long.zip"]
    assert "kích thước không khớp" in reasons["bom.json"]
    assert "nén theo kiểu" in reasons["bom2.json"]
    assert "hong.docx" in reasons


def test_the_rollup_refuses_a_bomb_and_a_crowd_whole(tmp_path: Path) -> None:
    """A 1 GiB bomb and a 100,000-member zip are each refused whole, quickly."""
    for name, raw, phrase in (
        ("bom.zip", bomb(1024), "quá lớn"),
        ("dong.zip", many_members(100_000), "quá nhiều tệp"),
        ("hong.zip", BASE_ZIP[:-30], "không phải tệp .zip"),
    ):
        path = tmp_path / name
        path.write_bytes(raw)
        with bounded(4 * MiB, 1):
            found = gather([path], _read_word_draft)
        assert found.entries == [] and len(found.refused) == 1
        assert phrase in found.refused[0][1], found.refused
        assert found.refused[0][0] == str(path)

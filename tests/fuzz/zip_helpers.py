"""Hostile zips built by hand, byte by byte, because :mod:`zipfile` refuses to write them.

:func:`build_zip` writes local headers, the central directory and its end record from
:class:`Raw` entries whose every field may lie: the sizes, the CRC, the flags, the mode bits, the
name (any bytes). :func:`zeros_deflate` makes a deflate stream of gigabytes of zeros in a
fraction of a second, for zip bombs.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

MiB = 1024 * 1024
GiB = 1024 * MiB
STORED, DEFLATED, BZIP2 = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2
UTF8 = 0x0800  # general purpose flag bit 11: the name is UTF-8
ENCRYPTED = 0x0001
SYMLINK = 0o120777 << 16  # external_attr of a Unix symlink
UNIX = 3  # create_system

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_LOCATOR = struct.Struct("<4sLQL")


@dataclass
class Raw:
    """One member as it will be written; ``None`` fields are computed honestly."""

    name: str | bytes
    data: bytes = b""  # the bytes stored (already compressed when method is not STORED)
    plain: bytes | None = None  # the inflated bytes, for the honest CRC and size
    method: int = STORED
    crc: int | None = None
    size: int | None = None  # declared inflated size
    compressed: int | None = None  # declared compressed size
    flags: int = UTF8
    external_attr: int = 0
    create_system: int = UNIX

    def name_bytes(self) -> bytes:
        return self.name.encode("utf-8") if isinstance(self.name, str) else self.name


def deflated(name: str | bytes, plain: bytes) -> Raw:
    """A member compressed honestly with raw deflate (change fields with ``replace``)."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Raw(name, c.compress(plain) + c.flush(), plain, DEFLATED)


def stored(name: str | bytes, plain: bytes = b"") -> Raw:
    return Raw(name, plain, plain, STORED)


def build_zip(
    entries: list[Raw],
    *,
    declared_count: int | None = None,
    prefix: bytes = b"",
    zip64: bool = False,
    shared_data: bool = False,
) -> bytes:
    """A zip of ``entries``; ``declared_count`` overrides the count in the end record (which
    then lies, as zipfile never reads it), ``prefix`` goes before the first local header,
    ``zip64`` adds the ZIP64 end records, ``shared_data`` points every entry of the central
    directory at the first entry's local header and data (overlapping members)."""
    local = io.BytesIO()
    local.write(prefix)
    central = []
    for i, e in enumerate(entries):
        name = e.name_bytes()
        plain = e.plain if e.plain is not None else e.data
        crc = zlib.crc32(plain) if e.crc is None else e.crc
        size = len(plain) if e.size is None else e.size
        compressed = len(e.data) if e.compressed is None else e.compressed
        offset = len(prefix) if shared_data else local.tell()
        if i == 0 or not shared_data:
            fixed = (20, e.flags, e.method, 0, 0x21, crc, compressed, size, len(name), 0)
            local.write(_LOCAL.pack(b"PK\x03\x04", *fixed))
            local.write(name)
            local.write(e.data)
        fields = (20, e.create_system, 20, 0, e.flags, e.method, 0, 0x21, crc, compressed, size)
        lengths = (len(name), 0, 0, 0, 0, e.external_attr, offset)
        central.append(_CENTRAL.pack(b"PK\x01\x02", *fields, *lengths) + name)
    start = local.tell()
    directory = b"".join(central)
    count = len(entries) if declared_count is None else declared_count
    tail = b""
    if zip64:
        at = start + len(directory)
        tail = _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), start)
        tail += _END64_LOCATOR.pack(b"PK\x06\x07", 0, at, 1)
        end = _END.pack(b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        count &= 0xFFFF
        end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    return local.getvalue() + directory + tail + end


def many_members(n: int, *, zip64: bool = False, declared_count: int | None = None) -> bytes:
    """A zip of ``n`` empty members named 0, 1, 2… built in well under a second."""
    entries = [stored(str(i)) for i in range(n)]
    return build_zip(entries, zip64=zip64, declared_count=declared_count)


@functools.cache
def _zeros_blocks() -> tuple[bytes, bytes]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(MiB)) + c.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, no history
    return block, zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # the final, empty block


def zeros_deflate(mib: int) -> bytes:
    """A raw deflate stream of ``mib`` MiB of zeros: one flushed block repeated (about a
    thousandth of the size), ended by an empty final block."""
    block, final = _zeros_blocks()
    return block * mib + final


@functools.cache
def zeros_crc(mib: int) -> int:
    crc, chunk = 0, bytes(MiB)
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    return crc


def bomb(
    mib: int,
    *,
    declared: int | None = None,
    crc: int | None = None,
    compressed: int | None = None,
) -> bytes:
    """A zip of one member, ``mib`` MiB of zeros deflated; it declares ``declared`` bytes
    (honest by default), the CRC ``crc`` (of the whole by default) and ``compressed`` packed
    bytes (honest by default)."""
    size = mib * MiB if declared is None else declared
    crc = zeros_crc(mib) if crc is None else crc
    entry = Raw("bom.json", zeros_deflate(mib), b"", DEFLATED, crc, size, compressed)
    return build_zip([entry])

"""Zip archives written byte by byte, so that a test can make one that lies: sizes that are not
the real ones, a wrong CRC, a name flagged UTF-8 that is not, a member marked encrypted, a
compression method nobody reads, or one compressed payload repeated without compressing it again
(a 13 KB bomb in a fraction of a second)."""

from __future__ import annotations

import bz2
import struct
import zipfile
import zlib
from dataclasses import dataclass

STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14


@dataclass
class Member:
    name: bytes
    payload: bytes  # as stored in the archive (compressed)
    method: int
    crc: int
    size: int  # declared uncompressed size
    flags: int = 0
    mode: int | None = None  # Unix mode (file type and permissions)


def compress(data: bytes, method: int) -> bytes:
    if method == STORED:
        return data
    if method == DEFLATED:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush()
    if method == BZIP2:
        return bz2.compress(data, 9)
    if method == LZMA:  # zipfile's own writer: the header zip wants, then raw LZMA1
        packer = zipfile.LZMACompressor()
        return packer.compress(data) + packer.flush()
    raise ValueError(method)


def member(name: str | bytes, data: bytes, method: int = DEFLATED, **changes) -> Member:
    """A member holding `data`, honest unless `changes` say otherwise."""
    raw = name.encode("utf-8") if isinstance(name, str) else name
    made = Member(raw, compress(data, method), method, zlib.crc32(data), len(data),
                  flags=0x800 if isinstance(name, str) and not name.isascii() else 0)
    for key, value in changes.items():
        setattr(made, key, value)
    return made


def archive(members: list[Member]) -> bytes:
    body, directory = bytearray(), bytearray()
    for item in members:
        offset = len(body)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, item.flags, item.method, 0, 0,
                            item.crc, len(item.payload), item.size, len(item.name), 0)
        body += item.name + item.payload
        system, attributes = (3, item.mode << 16) if item.mode is not None else (0, 0)
        directory += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, system, 20, 0,
                                 item.flags, item.method, 0, 0, item.crc, len(item.payload),
                                 item.size, len(item.name), 0, 0, 0, 0, attributes, offset)
        directory += item.name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(directory), len(body), 0)
    return bytes(body + directory + end)

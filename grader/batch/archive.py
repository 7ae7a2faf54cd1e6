"""Reading a class `.zip` without trusting a byte of it.

`zipfile` decompresses a bzip2 or LZMA member in one call with no output limit (168 bytes of
bzip2 become 32 MiB), stops on a name flagged UTF-8 that is not, and trusts the sizes the
headers declare. Here the central directory is parsed with caps on its size and its entry
count, names are decoded one by one (a bad one is that entry's problem only), and a member is
decompressed in bounded steps: never more than `cap + 1` bytes come out, whatever the headers
say, and the result must match the declared size and CRC. Everything that can go wrong with
one member is a `MemberError` whose message is written for the learner.
"""

from __future__ import annotations

import bz2
import lzma
import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from grader.i18n import N_, gettext

MAX_ENTRIES = 200_000
MAX_DIRECTORY_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024
STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14
METHODS = {1: "Shrink", 6: "Implode", 9: "Deflate64", 19: "LZ77", 93: "Zstandard",
           95: "XZ", 96: "JPEG", 97: "WavPack", 98: "PPMd", 99: "AES encryption"}

_END = struct.Struct("<4s4H2LH")
_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")
_LOCAL = struct.Struct("<4s2B4HL2L2H")


class ArchiveError(Exception):
    """The archive as a whole cannot be read (no central directory, or one over the caps)."""


class MemberError(Exception):
    """One member cannot be read; the message says why, for the learner whose file it is."""


class MemberTooLarge(MemberError):
    """The member holds more than the cap (whatever its headers declare)."""


@dataclass(frozen=True)
class Entry:
    raw_name: bytes
    name: str | None  # None when `name_problem` says why it cannot be used
    name_problem: str | None
    flags: int
    method: int
    crc: int
    compressed: int
    size: int
    offset: int  # of the member's local header in the file
    mode: int  # Unix file type and permissions when made on Unix, else 0

    @property
    def shown_name(self) -> str:
        """The name as it can be shown: undecodable bytes as escapes (`\\xff`)."""
        return self.name if self.name is not None else self.raw_name.decode(
            "utf-8", errors="backslashreplace").replace("\0", "\\x00")

    @property
    def is_dir(self) -> bool:
        return self.shown_name.endswith("/")


def entries(archive: BinaryIO) -> list[Entry]:
    """Every entry of the central directory, in its order. Raises `ArchiveError`."""
    size = archive.seek(0, 2)
    tail_size = min(size, _END.size + 0xFFFF)
    archive.seek(size - tail_size)
    tail = archive.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _END.size > len(tail):
        raise ArchiveError(gettext("it has no zip central directory (not a zip file, or cut "
                                   "short)"))
    _, _, _, _, count, directory_size, directory_offset, _ = _END.unpack_from(tail, at)
    end_position = size - tail_size + at
    concat = end_position - directory_size - directory_offset
    locator_at = at - _LOCATOR.size
    if locator_at >= 0 and tail[locator_at:locator_at + 4] == b"PK\x06\x07":
        archive.seek(end_position - _LOCATOR.size - _END64.size)
        record = archive.read(_END64.size)
        if len(record) != _END64.size or record[:4] != b"PK\x06\x06":
            raise ArchiveError(gettext("its zip64 end record is damaged"))
        _, _, _, _, _, _, _, count, directory_size, directory_offset = _END64.unpack(record)
        concat = end_position - _LOCATOR.size - _END64.size - directory_size - directory_offset
    start = directory_offset + concat
    if start < 0 or directory_size < 0 or start + directory_size > size:
        raise ArchiveError(gettext("its central directory lies outside the file"))
    if directory_size > MAX_DIRECTORY_BYTES or count > MAX_ENTRIES:
        raise ArchiveError(gettext("it lists more files than the grader reads from one archive "
                             "({files:,} files, a {size} MiB directory)").format(
                                 files=MAX_ENTRIES, size=MAX_DIRECTORY_BYTES // 2**20))
    archive.seek(start)
    directory = archive.read(directory_size)
    found: list[Entry] = []
    position = 0
    while position + _ENTRY.size <= len(directory):
        if len(found) >= MAX_ENTRIES:
            raise ArchiveError(gettext("it lists more than {files:,} files").format(
                files=MAX_ENTRIES))
        fields = _ENTRY.unpack_from(directory, position)
        if fields[0] != b"PK\x01\x02":
            raise ArchiveError(gettext("its central directory is damaged"))
        (_, _, system, _, _, flags, method, _, _, crc, compressed, size_, name_size,
         extra_size, comment_size, _, _, external, offset) = fields
        position += _ENTRY.size
        raw_name = directory[position:position + name_size]
        extra = directory[position + name_size:position + name_size + extra_size]
        position += name_size + extra_size + comment_size
        if position > len(directory):
            raise ArchiveError(gettext("its central directory is cut short"))
        size_, compressed, offset = _zip64(extra, size_, compressed, offset)
        name, problem = _decode_name(raw_name, flags)
        found.append(Entry(raw_name, name, problem, flags, method, crc, compressed, size_,
                           offset + concat, external >> 16 if system == 3 else 0))
    return found


def _zip64(extra: bytes, size: int, compressed: int, offset: int) -> tuple[int, int, int]:
    """The real sizes and offset where the entry's fields hold 0xFFFFFFFF (zip64)."""
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack_from("<2H", extra, position)
        data = extra[position + 4:position + 4 + length]
        position += 4 + length
        if kind != 1:
            continue
        values = [size, compressed, offset]
        index = 0
        for field in range(3):
            if values[field] == 0xFFFFFFFF and index + 8 <= len(data):
                values[field] = struct.unpack_from("<Q", data, index)[0]
                index += 8
        return values[0], values[1], values[2]
    return size, compressed, offset


def _decode_name(raw: bytes, flags: int) -> tuple[str | None, str | None]:
    """A name flagged UTF-8 must be UTF-8; an unflagged one is UTF-8 when it decodes as such
    (many tools write UTF-8 without the flag), else the zip standard's code page 437."""
    if b"\0" in raw:
        return None, gettext("its name contains a NUL byte, so it was not read")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        if flags & 0x800:
            return None, gettext("its name is not valid UTF-8, so it was not read")
        return raw.decode("cp437"), None


CORRUPT = N_("Your file could not be read from the class archive: its data is damaged "
             "({detail}). Submit it again.")
ENCRYPTED = N_("Your file is protected by a password in the class archive, so it could not be "
               "read. Submit it again without a password.")
UNSUPPORTED = N_("Your file is compressed in the class archive with a method the grader cannot "
                 "read ({method}). Submit it again as a plain .zip or as the .py file itself.")


def read_member(archive: BinaryIO, entry: Entry, cap: int) -> bytes:
    """The member's bytes, decompressed in bounded steps. Raises `MemberTooLarge` when its
    header declares more than `cap` bytes, and `MemberError` for anything else that is wrong
    with it, among which more bytes than its header declares."""
    if entry.flags & 0x1:
        raise MemberError(gettext(ENCRYPTED))
    if entry.method not in (STORED, DEFLATED, BZIP2, LZMA):
        name = METHODS.get(entry.method, f"method {entry.method}")
        raise MemberError(gettext(UNSUPPORTED).format(method=name))
    if entry.size > cap or entry.compressed > cap + cap // 16 + 1024:
        raise MemberTooLarge()  # no real file under the cap compresses that badly
    try:
        # No more than the header declares, and one byte to see a lie: a header saying 1 KiB
        # over 32 MiB of data costs 1 KiB of work, not the cap's worth.
        data = _inflate(archive, entry, entry.size)
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError, OverflowError) as error:
        raise MemberError(gettext(CORRUPT).format(detail=str(error) or type(error).__name__)) \
            from None
    if len(data) > entry.size:
        raise MemberError(gettext(CORRUPT).format(detail=gettext(
            "it holds more than the {size:,} bytes its header says").format(size=entry.size)))
    if len(data) != entry.size:
        raise MemberError(gettext(CORRUPT).format(detail=gettext(
            "{size} bytes where its header says {declared}").format(size=len(data),
                                                                    declared=entry.size)))
    if zlib.crc32(data) != entry.crc:
        raise MemberError(gettext(CORRUPT).format(detail=gettext("bad CRC")))
    return data


def _inflate(archive: BinaryIO, entry: Entry, cap: int) -> bytes:
    archive.seek(entry.offset)
    header = archive.read(_LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != b"PK\x03\x04":
        raise ValueError(gettext("its local header is missing"))
    name_size, extra_size = _LOCAL.unpack(header)[-2:]
    archive.seek(entry.offset + _LOCAL.size + name_size + extra_size)
    data = _Data(archive, entry.compressed)
    limit = cap + 1
    out = bytearray()
    if entry.method == STORED:
        while data.left and len(out) < limit:
            out += data.read(limit - len(out))
        return bytes(out)
    if entry.method == DEFLATED:
        inflater = zlib.decompressobj(-15)
        while len(out) < limit and not inflater.eof:
            chunk = inflater.unconsumed_tail or (data.read() if data.left else b"")
            if not chunk:
                break
            out += inflater.decompress(chunk, limit - len(out))
        return bytes(out)
    decompressor = bz2.BZ2Decompressor() if entry.method == BZIP2 else _lzma(data.read(9), cap)
    while len(out) < limit and not decompressor.eof:
        if decompressor.needs_input and not data.left:
            break
        chunk = data.read() if decompressor.needs_input else b""
        out += decompressor.decompress(chunk, limit - len(out))
    return bytes(out)


class _Data:
    """A member's compressed bytes, read in chunks, never past its declared size."""

    def __init__(self, archive: BinaryIO, size: int) -> None:
        self.archive = archive
        self.left = size

    def read(self, most: int = CHUNK) -> bytes:
        want = min(most, CHUNK, self.left)
        chunk = self.archive.read(want)
        if len(chunk) < want:
            raise EOFError(gettext("the archive ends inside it"))
        self.left -= len(chunk)
        return chunk


def _lzma(header: bytes, cap: int) -> lzma.LZMADecompressor:
    """LZMA in a zip: 2 bytes of version, the size of the properties (5), the properties, then
    a raw LZMA1 stream. The dictionary is sized for at most `cap + 1` bytes of output, not as
    the properties ask (up to 4 GiB): no match can reach further back than the output so far."""
    if len(header) != 9 or struct.unpack_from("<H", header, 2)[0] != 5:
        raise ValueError(gettext("its LZMA header is not the one zip uses"))
    properties, dictionary = header[4], struct.unpack_from("<L", header, 5)[0]
    if properties >= 9 * 5 * 5:
        raise ValueError(gettext("its LZMA properties are invalid"))
    pb, rest = divmod(properties, 45)
    lp, lc = divmod(rest, 9)
    filters = [{"id": lzma.FILTER_LZMA1, "dict_size": max(4096, min(dictionary, 2 * cap)),
                "lc": lc, "lp": lp, "pb": pb}]
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)

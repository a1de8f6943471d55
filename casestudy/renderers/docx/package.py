"""A finished zip package with some of its parts replaced, written without unpacking the rest.

A personalised handout differs from its edition's template in two or three parts; recompressing
the other parts (styles.xml alone is 350 KB) for each of a hundred participants would cost more
than everything else. The package is copied as it is, with the new parts deflated as `zipfile`
deflates them (level 6, raw stream) and their sizes, checksums and the following offsets
updated: byte for byte the zip `zipfile` would have written (`ooxml.normalise_zip`).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

COMPRESS_LEVEL = 6  # as ooxml.normalise_zip writes every entry
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header, as zipfile packs it
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory record
_END = struct.Struct("<4s4H2LH")  # end of central directory
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


@dataclass(frozen=True)
class _Entry:
    name: str
    header: bytes  # the local header, name and extra field
    data: bytes  # compressed
    central: bytes  # the central directory record with its name, extra field and comment


class Package:
    """A zip as `zipfile` writes it (no data descriptors, no zip64, no archive comment), split into entries."""

    def __init__(self, data: bytes) -> None:
        end = _END.unpack_from(data, len(data) - _END.size)
        if end[0] != _END_SIGNATURE or end[-1]:
            raise ValueError("not a zip package as zipfile writes it")
        self._end = end
        self.entries: list[_Entry] = []
        position = end[6]
        for _ in range(end[4]):
            record = _CENTRAL.unpack_from(data, position)
            size = _CENTRAL.size + record[12] + record[13] + record[14]
            offset, compressed = record[18], record[10]
            local = _LOCAL.unpack_from(data, offset)
            start = offset + _LOCAL.size + local[10] + local[11]
            if record[0] != _CENTRAL_SIGNATURE or local[0] != _LOCAL_SIGNATURE or local[3] & 0x08:
                raise ValueError("not a zip package as zipfile writes it")
            name = data[position + _CENTRAL.size : position + _CENTRAL.size + record[12]].decode("utf-8")
            self.entries.append(
                _Entry(name, data[offset:start], data[start : start + compressed], data[position : position + size])
            )
            position += size

    def with_parts(self, parts: Mapping[str, bytes]) -> bytes:
        """The package with the named parts' contents replaced; every other byte as it was, offsets moved."""
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for entry in self.entries:
            header, data, record = entry.header, entry.data, bytearray(entry.central)
            if entry.name in parts:
                content = parts[entry.name]
                compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
                data = compressor.compress(content) + compressor.flush()
                sizes = struct.pack("<3L", zlib.crc32(content), len(data), len(content))
                header = header[:14] + sizes + header[26:]
                record[16:28] = sizes
            record[42:46] = struct.pack("<L", offset)
            local += (header, data)
            central.append(bytes(record))
            offset += len(header) + len(data)
        directory = b"".join(central)
        end = _END.pack(*self._end[:5], len(directory), offset, 0)
        return b"".join(local) + directory + end

"""Byte-identical Office files: the same outline gives the same zip, entry for entry.

python-pptx and python-docx write each zip entry with the current time. We rewrite the
archive with one fixed timestamp (the document's own date), fixed attributes and the same
entry order; the XML inside is already deterministic.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import BinaryIO

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can hold


def normalise_zip(source: BinaryIO, target: BinaryIO, when: dt.datetime) -> None:
    """Copy the zip in `source` to `target` with every entry stamped `when`."""
    stamp = max(when.replace(tzinfo=None), ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix, whatever machine builds it
            new.writestr(entry, old.read(info.filename), compresslevel=6)

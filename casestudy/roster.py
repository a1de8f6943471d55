"""Roster CSV -> the participants of personalised handouts, each with a unique file-name slug.

A roster is a spreadsheet export: a `name` column (required) and a `cohort` column
(optional), headers in any case, UTF-8 with or without a byte-order mark, fields separated by
commas, semicolons (what Excel writes where the comma is the decimal mark) or tabs, whichever
the header row uses. Every mistake is reported at once as `FILE:LINE: message`. Two rows with
the same name are two people.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from casestudy.errors import Location, OutlineError, Problem
from casestudy.options import Participant

MAX_ROWS = 5_000  # a large programme is a few hundred; this only stops a wrong file early
MAX_BYTES = 2 * 1024 * 1024  # 5,000 rows of long names and cohorts; checked before the file is read
SEPARATORS = ",;\t"
MAX_SLUG = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Entry(NamedTuple):
    """A participant and the slug of their handout's file name."""

    participant: Participant
    slug: str


def read_roster(path: Path) -> list[Entry]:
    """The roster's participants in file order, with unique slugs; raises OutlineError listing every problem."""
    rows = _rows(path, _read_text(path))
    if not rows:
        raise OutlineError([_problem(path, 1, "the roster is empty; expected a header row with a `name` column")])
    header_line, header = rows[0]
    columns = _columns(path, header_line, header)
    problems: list[Problem] = []
    people: list[Participant] = []
    for line, row in rows[1:]:
        participant = _participant(path, line, row, columns, len(header), problems)
        if participant:
            people.append(participant)
    if problems:
        raise OutlineError(problems)
    return [Entry(p, slug) for p, slug in zip(people, unique_slugs(people), strict=True)]


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = f"the roster is {size:,} bytes; the limit is {MAX_BYTES:,} (about {MAX_ROWS:,} participants)"
            raise OutlineError([_problem(path, 1, message)])
        data = path.read_bytes()[: MAX_BYTES + 1]  # a file that grows while we read stays bounded
    except OSError as exc:
        raise OutlineError([_problem(path, 1, f"cannot read the roster: {exc.strerror}")]) from None
    data = data.removeprefix(codecs.BOM_UTF8)  # Excel's "CSV UTF-8" starts with one
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = "not UTF-8 text; save the roster as 'CSV UTF-8' (byte "
        raise OutlineError([_problem(path, line, message + f"0x{data[exc.start]:02X})")]) from None


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows with the line each ends on (a quoted name may span lines), header first."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator_of(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):  # blank lines, the trailing one above all, are not people
                rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS + 1:
                message = f"more than {MAX_ROWS:,} participants; the limit is {MAX_ROWS:,}"
                raise OutlineError([_problem(path, reader.line_num, message)])
    except csv.Error as exc:
        raise OutlineError([_problem(path, reader.line_num, f"not a CSV file: {exc}")]) from None
    return rows


def separator_of(text: str) -> str:
    """The separator the header row uses most: comma, semicolon or tab (a comma if none)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    """Column positions by lower-case name; `name` must be there."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        columns.setdefault(cell.strip().lower(), index)
    if "name" not in columns:
        found = ", ".join(repr(c.strip()) for c in header if c.strip()) or "none"
        message = f"no `name` column in the header (found: {found}); separate columns with commas, semicolons or tabs"
        raise OutlineError([_problem(path, line, message)])
    return columns


def _participant(
    path: Path, line: int, row: list[str], columns: dict[str, int], width: int, problems: list[Problem]
) -> Participant | None:
    """The row's participant, or None after noting what is wrong with it."""
    if any(cell.strip() for cell in row[width:]):
        message = f"{len(row)} fields but the header has {width}; put a name that holds a comma in double quotes"
        problems.append(_problem(path, line, message))
        return None
    name = _cell(row, columns["name"])
    if not name:
        problems.append(_problem(path, line, "the name is empty"))
        return None
    cohort = _cell(row, columns["cohort"]) if "cohort" in columns else ""
    return Participant(name=name, cohort=cohort or None)


def _cell(row: list[str], index: int) -> str:
    return " ".join(row[index].split()) if index < len(row) else ""


def _problem(path: Path, line: int, message: str) -> Problem:
    return Problem(Location(str(path), line, 0), "", message)


# ---------------------------------------------------------------- slugs


def slug_of(name: str) -> str:
    """An ASCII file-name part from a name: "José Núñez" -> "jose-nunez"; 雷军 -> "participant-" and a hash.

    The hash of the name, not the row number, so a re-sorted roster keeps everyone's file name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:MAX_SLUG].strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]  # stable across runs, unlike hash()
    return f"participant-{digest}"


def unique_slugs(people: list[Participant]) -> list[str]:
    """Slugs in roster order; a repeated slug gets -2, -3, ... so no handout overwrites another."""
    taken: set[str] = set()
    out: list[str] = []
    for participant in people:
        base = slug_of(participant.name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out.append(slug)
    return out

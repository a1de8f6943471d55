"""One error family: every mistake in an outline is a Problem with its file, line and path."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was written: 1-based line and column in a file (column 0: line only)."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, printed as `FILE:LINE:COL: PATH: message` (without COL or PATH when they are empty)."""

    where: Location
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.path}: {self.message}" if self.path else f"{self.where}: {self.message}"


class CaseStudyError(Exception):
    """Base of the errors that mean bad input (exit code 2), never a bug."""


class OutlineError(CaseStudyError):
    """An outline (or a file it names) has one or more problems, all reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(CaseStudyError):
    """Bad command-line arguments, paths or output folders."""


def format_path(loc: tuple[str | int, ...]) -> str:
    """A model path as users write it: `lessons[2].title`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(outline)"

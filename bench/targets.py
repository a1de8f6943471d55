"""The issue's targets (issue 18), stated once: every part of bench/run judges its rows by these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A limit a measured value must stay within (or reach, with `at_least`)."""

    what: str  # the row of the target table
    part: str  # the part of bench/run that measures it
    limit: float
    unit: str  # after the number: " s", "x pandoc", ...
    at_least: bool = False
    strict: bool = False  # "<" rather than "≤"

    def met(self, value: float) -> bool:
        if self.at_least:
            return value >= self.limit
        return value < self.limit if self.strict else value <= self.limit

    def __str__(self) -> str:
        sign = "≥" if self.at_least else "<" if self.strict else "≤"
        return f"{sign} {self.limit:g}{self.unit}"

    def verdict(self, value: float) -> str:
        """`≤ 2x pandoc (missed)`: the target and whether `value` meets it."""
        return f"{self} ({'met' if self.met(value) else 'missed'})"


TARGETS: dict[str, Target] = {
    "pptx": Target("PPTX alone vs pandoc's pptx writer", "compare", 2.0, "x pandoc"),
    "docx": Target("DOCX alone vs pandoc's docx writer", "compare", 2.0, "x pandoc"),
    "pdf": Target("PDF alone vs pandoc + WeasyPrint", "compare", 0.3, "x the route"),
    "cold": Target("three formats cold (`casestudy build`), wall", "compare", 0.6, " s"),
    "help": Target("`casestudy --help`, cold", "startup", 0.08, " s"),
    "handouts": Target("100 handouts with --jobs 2", "batch", 100.0, " handouts/s", at_least=True),
    "memory": Target("each format at 100x content: peak memory of its process", "scaling", 300.0, " MB", strict=True),
    "growth": Target("each format at 100x content: time", "scaling", 100.0, "x the 1x time"),
}

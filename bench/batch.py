"""Batch: 100 personalised handouts from a roster, with one and with two worker processes."""

from __future__ import annotations

import csv
from pathlib import Path

from measure import Timing, measure
from project import Setup, missing_formats, supports
from report import Row, missing, with_memory
from targets import TARGETS

HANDOUTS = 100
JOBS = (1, 2)  # the target is on the last


def batch(setup: Setup, handouts: int = HANDOUTS) -> list[Row]:
    """Row 4: handouts per second at --jobs 1 (for scale; not in a quick run) and --jobs 2 (the target)."""
    what = f"4. {handouts} personalised handouts"
    target = f"{TARGETS['handouts']} at --jobs {JOBS[-1]}"
    if "docx" in missing_formats():
        return [missing(what, "the docx renderer has not landed", target)]
    if not supports(setup.casestudy, "--roster"):
        return [missing(what, "`casestudy build --roster` has not landed", target)]
    roster = write_roster(setup.work / "roster.csv", handouts)
    jobs = JOBS[-1:] if setup.quick else JOBS
    return [_row(what, n, _run(setup, roster, n), handouts) for n in jobs]


def write_roster(path: Path, count: int) -> Path:
    """A roster CSV of `count` participants in four cohorts (names with accents and CJK, as rosters have)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = ("Ana Ruiz", "Zoë Müller", "王芳", "Kwame Mensah")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "cohort"])
        writer.writerows([f"{names[i % len(names)]} {i + 1}", f"Cohort {i % 4 + 1}"] for i in range(count))
    return path


def _run(setup: Setup, roster: Path, jobs: int) -> Timing:
    out = setup.work / f"batch-{jobs}"
    argv = [
        *setup.casestudy,
        "build",
        str(setup.outline),
        "--format",
        "docx",
        "--roster",
        str(roster),
        "--jobs",
        str(jobs),
        "--out",
        str(out),
    ]
    return measure(argv, min(setup.runs, 3))


def _row(what: str, jobs: int, timing: Timing, handouts: int) -> Row:
    rate = handouts / timing.median
    row = Row(
        f"{what}, --jobs {jobs} (`build --format docx --roster`)",
        with_memory(timing),
        ratio=f"{rate:.1f} handouts/s",
    )
    if jobs != JOBS[-1]:
        return row
    target = TARGETS["handouts"]
    return Row(row.measurement, row.ours, ratio=row.ratio, target=target.verdict(rate), met=target.met(rate))

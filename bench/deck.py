#!/usr/bin/env python3
"""The deck's build time: `casestudy build --format pptx --edition both` as cold processes, per outline.

Run: python bench/deck.py [--runs N]   (the default case, the board retreat and the stress outline)

Prints one Markdown row per outline (median wall clock with min-max, median CPU time, slides
per edition), to compare a change of the deck writer against the commit before it: check out
each, run this, and note both in bench/RESULTS.md. CPU time is the steadier measure on a machine
shared with other builds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))

from measure import measure  # noqa: E402
from project import casestudy_command  # noqa: E402
from samples import write_stress  # noqa: E402

from casestudy.resources import default_outline  # noqa: E402


def outlines(work: Path) -> dict[str, Path]:
    default = default_outline()
    return {
        "default": default,
        "board-retreat": default.parent / "examples" / "board-retreat.yaml",
        "stress": write_stress(work / "stress"),
    }


def slides(deck: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(deck)).slides)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="cold runs per outline (default 5)")
    runs = parser.parse_args().runs
    print("| outline | wall: median (min-max) | cpu | slides (participant, instructor) |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, outline in outlines(work).items():
            out = work / name
            argv = [*casestudy_command(), "build", str(outline), "--format", "pptx", "--edition", "both"]
            timing = measure([*argv, "--jobs", "1", "--out", str(out)], runs)
            counts = [slides(out / f"{outline.stem}{suffix}.pptx") for suffix in ("", "-instructor")]
            wall = f"{timing.median:.2f} s ({min(timing.seconds):.2f}-{max(timing.seconds):.2f})"
            print(f"| {name} | {wall} | {timing.cpu:.2f} s | {counts[0]}, {counts[1]} |")


if __name__ == "__main__":
    main()

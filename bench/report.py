"""The bench's results as one Markdown table, with the machine it ran on; printed and written to RESULTS.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from measure import Timing

NOT_AVAILABLE = "not available yet"


@dataclass(frozen=True)
class Row:
    """One line of the results table; `met` is None where there is no target or nothing measured."""

    measurement: str
    ours: str
    pandoc: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: bool | None = None

    @property
    def result(self) -> str:
        return {True: "met", False: "**missed**", None: "—"}[self.met]


def missing(measurement: str, why: str, target: str = "—") -> Row:
    """A row for something that cannot be measured yet, said so instead of faked."""
    return Row(measurement, f"{NOT_AVAILABLE} ({why})", target=target)


def verdict(met: bool) -> str:
    """ "met" or "missed", for a target with several parts."""
    return "met" if met else "missed"


def with_memory(timing: Timing) -> str:
    return f"{timing.brief()}, peak {timing.peak_mb:,.0f} MB"


def table(rows: Sequence[Row], earlier: Sequence[str] = ()) -> str:
    """The results table in part order; `earlier` are table lines kept from a previous run."""
    header = [
        "measurement",
        "casestudy: median (min-max)",
        "pandoc route: median (min-max)",
        "ours / pandoc",
        "target",
        "result",
    ]
    body = [_line([r.measurement, r.ours, r.pandoc, r.ratio, r.target, r.result]) for r in rows] + list(earlier)
    body.sort(key=lambda line: line[2:4])  # by part number; sorting is stable within a part
    return "\n".join([_line(header), _line(["---"] * len(header)), *body])


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def machine(tool_versions: dict[str, str], runs: int) -> list[str]:
    """Facts that make the numbers comparable: when, on what, with which versions."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts = {
        "date": now,
        "machine": f"{os.cpu_count()} CPUs (nproc), {_cpu_model()}, {_memory()}",
        "system": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "casestudy": _casestudy_version(),
        **tool_versions,
        "runs": f"{runs} cold runs per measurement after one warm-up; median, then min-max",
    }
    return [f"- {key}: {value}" for key, value in facts.items()]


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor() or "unknown CPU"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown CPU")


def _memory() -> str:
    try:
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        return "memory unknown"
    return f"{int(total.split()[1]) / 1024**2:.1f} GB RAM"


def _casestudy_version() -> str:
    from casestudy import __version__

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).resolve().parent
    )
    return f"{__version__} (commit {commit.stdout.strip()})" if commit.returncode == 0 else __version__


KEPT = "<!-- Everything below this line is written by hand and kept when bench/run rewrites the file. -->"
PART_NUMBERS = {"compare": ("1.", "2."), "scaling": ("3.",), "batch": ("4.",), "startup": ("5.",)}


def write_results(path: Path, rows: Sequence[Row], facts: list[str], notes: Sequence[str], parts: Sequence[str]) -> str:
    """RESULTS.md: machine facts, the table and the run's notes, then the hand-written analysis kept as it was.

    Rows of parts not run this time (`bench/run --only ...`) are kept from the previous file.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    text = table(rows, _earlier_rows(old, parts))
    body = ["# Benchmark results", "", "Written by `bench/run`; run it again to refresh.", "", *facts, "", text]
    body += ["", tally(text)]
    body += ["", *notes] if notes else []
    kept = old[old.index(KEPT) :] if KEPT in old else KEPT + "\n"
    path.write_text("\n".join(body) + "\n\n" + kept, encoding="utf-8")
    return text


def tally(text: str) -> str:
    """How many of the table's targets are met, and which rows miss theirs."""
    lines = text.splitlines()[2:]
    met = [line for line in lines if line.endswith("| met |")]
    missed = [line.split(" | ")[0].removeprefix("| ") for line in lines if line.endswith("| **missed** |")]
    judged = len(met) + len(missed)
    return f"Targets met: {len(met)} of {judged} judged" + (f"; missed: {'; '.join(missed)}." if missed else ".")


def _earlier_rows(old: str, parts: Sequence[str]) -> list[str]:
    """Table lines of the previous results whose part was not measured now."""
    numbers = tuple(n for part, prefixes in PART_NUMBERS.items() if part not in parts for n in prefixes)
    generated = old.split(KEPT, 1)[0]
    return [line for line in generated.splitlines() if numbers and line.startswith(tuple(f"| {n}" for n in numbers))]

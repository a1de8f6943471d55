"""Start-up costs: load + validate of the default case in process (bench/load.py), import time of the command.

`casestudy --help` and `--version` must not pay for the model or a renderer: the import row
also says which heavy libraries `import casestudy.cli` loaded (it should be none).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from pathlib import Path

from measure import measure
from project import Setup
from report import Row
from targets import TARGETS

BENCH = Path(__file__).resolve().parent
# none belongs in a --help
HEAVY = ("pydantic", "yaml", "reportlab", "pptx", "docx", "PIL", "lxml", "fontTools", "uniseg", "budoux")
_LOAD_LINE = re.compile(r"median ([\d.]+) ms \(min ([\d.]+), max ([\d.]+)")
_CUMULATIVE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| +casestudy\.cli$", re.MULTILINE)


def startup(setup: Setup) -> list[Row]:
    """Row 5: in-process load + validate, import of the CLI module, `casestudy --version` and `--help` cold."""
    return [_load(), _import_time(setup.runs), _version(setup), _help(setup)]


def _load() -> Row:
    """The lead's bench/load.py, run as it is and read back."""
    from load import TARGET_MS

    done = subprocess.run([sys.executable, str(BENCH / "load.py"), "30"], capture_output=True, text=True)
    line = done.stdout.strip() or (done.stderr.strip().splitlines() or ["no output"])[-1]
    found = _LOAD_LINE.search(line)
    if not found:
        return Row("5. load + validate + resolve, in process (bench/load.py)", f"failed: {line}")
    median, low, high = map(float, found.groups())
    return Row(
        "5. load + validate + resolve the default case, in process (bench/load.py, 30 runs)",
        f"{median:.1f} ms ({low:.1f}-{high:.1f})",
        target=f"< {TARGET_MS:.0f} ms",
        met=median < TARGET_MS,
    )


def _import_time(runs: int) -> Row:
    """Cumulative import time of casestudy.cli as `python -X importtime` reports it."""
    samples, loaded = [], set()
    for _ in range(runs + 1):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import casestudy.cli"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        found = _CUMULATIVE.search(err)
        loaded |= heavy_imports(err)
        samples.append(int(found.group(1)) / 1000 if found else float("nan"))
    samples = samples[1:]  # the first run warms the file cache
    heavy = f"; loads {', '.join(sorted(loaded))}" if loaded else "; no model or renderer library"
    return Row(
        "5. import casestudy.cli (python -X importtime, cumulative)",
        f"{statistics.median(samples):.0f} ms ({min(samples):.0f}-{max(samples):.0f}){heavy}",
    )


def heavy_imports(importtime: str) -> set[str]:
    """The heavy top-level packages a `python -X importtime` report shows were imported."""
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in importtime.splitlines() if "|" in line}
    return names & set(HEAVY)


def _version(setup: Setup) -> Row:
    timing = measure([*setup.casestudy, "--version"], setup.runs)
    return Row("5. `casestudy --version`, cold process", timing.brief())


def _help(setup: Setup) -> Row:
    timing, target = measure([*setup.casestudy, "--help"], setup.runs), TARGETS["help"]
    verdict, met = target.verdict(timing.median), target.met(timing.median)
    return Row("5. `casestudy --help`, cold process", timing.brief(), target=verdict, met=met)

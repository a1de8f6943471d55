"""The largest outline the limits allow, validated and built: wall time and peak memory of each step.

The outline is the default case grown to every limit at once: 5,000 sections, milestones and
sources, 8 pillars, 12 lessons, 40 questions, 12 objectives, and 20,000-character paragraphs
until the file is just under 8 MiB. Each step runs as a fresh `casestudy` process with one job,
so the numbers are what one user waits for and how much memory one build may take.

Run: python bench/limits.py [--formats pdf,pptx,docx] [--timeout SECONDS] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from casestudy.model import MAX_LONG_LIST, MAX_TEXT
from casestudy.renderers import DEFAULT_FORMATS
from casestudy.resources import default_outline
from casestudy.yamlsafe import MAX_BYTES

MAXIMA = {"pillars": 8, "lessons": 12, "questions": 40}
NOTE_MAXIMA = {"objectives": 12}  # lists inside teaching_note
HEADROOM = 64 * 1024  # bytes left under MAX_BYTES for YAML quoting we do not predict


@dataclass(frozen=True)
class Step:
    what: str
    seconds: float
    peak_mb: float
    exit_code: int  # -1: stopped at the timeout


def largest_outline(data: dict) -> dict:
    """The default case grown to every list and size limit at once."""
    out = copy.deepcopy(data)
    for part, limit in MAXIMA.items():
        out[part] = _fill(out[part], limit)
    for part, limit in NOTE_MAXIMA.items():
        out["teaching_note"][part] = _fill(out["teaching_note"][part], limit)
    sources = _fill(out["sources"], MAX_LONG_LIST)
    out["sources"] = sources
    cite = lambda i: f"[@{sources[i % len(sources)]['id']}]"  # noqa: E731 - a one-line helper
    journey = out["journey"]
    out["journey"] = journey + [
        {
            "date": str(1900 + i % 200),
            "title": f"Milestone {i} of the grown case",
            "detail": f"What happened {cite(i)}.",
        }
        for i in range(MAX_LONG_LIST - len(journey))
    ]
    sections = out["sections"]
    out["sections"] = sections + [
        {"id": f"grown-{i}", "heading": f"Grown section {i}", "paragraphs": [f"A paragraph of section {i} {cite(i)}."]}
        for i in range(MAX_LONG_LIST - len(sections))
    ]
    _pad_to_size(out)
    return out


def _fill(items: list, limit: int) -> list:
    """`items` repeated up to `limit`, ids made unique; copied questions are untimed, so the minutes
    of the questions still fit in the class plan."""
    grown = list(items)
    for i in range(limit - len(items)):
        item = copy.deepcopy(items[i % len(items)])
        if isinstance(item, dict) and "id" in item:
            item["id"] = f"{item['id']}-{i}"
            item.pop("minutes", None)
        grown.append(item)
    return grown


def _pad_to_size(data: dict) -> None:
    """Add paragraphs of the longest allowed length to grown sections until the file is nearly MAX_BYTES."""
    budget = MAX_BYTES - HEADROOM - len(dump(data).encode())
    longest = ("The longest paragraph the limits allow. " * (MAX_TEXT // 40 + 1))[: MAX_TEXT - 1].strip()
    grown = [s for s in data["sections"] if s["id"].startswith("grown-")]
    for section in grown[: max(0, budget // (len(longest) + 8))]:
        section["paragraphs"].append(longest)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)


def measured(what: str, argv: list[str], timeout: float) -> Step:
    """Run `argv` as a fresh process; wall time and its peak resident memory (from wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return Step(what, time.perf_counter() - start, usage.ru_maxrss / 1024, -1)
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
    code = proc.returncode
    if code:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else "")
    return Step(what, time.perf_counter() - start, usage.ru_maxrss / 1024, code)


def run(formats: list[str], timeout: float, folder: Path) -> list[Step]:
    shutil.copytree(default_outline().parent, folder, dirs_exist_ok=True)
    outline = folder / "largest.yaml"
    outline.write_text(dump(largest_outline(yaml.safe_load(default_outline().read_text()))), encoding="utf-8")
    size = outline.stat().st_size
    print(f"{outline}: {size:,} bytes (limit {MAX_BYTES:,})", flush=True)
    command = [sys.executable, "-m", "casestudy"]
    steps = [measured("validate", [*command, "validate", str(outline)], timeout)]
    _report(steps[0])
    for fmt in formats:
        argv = [*command, "build", str(outline), "--format", fmt, "--jobs", "1", "--out", str(folder / "out")]
        steps.append(measured(f"build {fmt}", argv, timeout))
        _report(steps[-1])
    return steps


def _report(step: Step) -> None:
    outcome = {0: "ok", -1: "STOPPED at the timeout"}.get(step.exit_code, f"exit {step.exit_code}")
    print(f"{step.what:<14} {step.seconds:8.1f} s  peak {step.peak_mb:7.0f} MB  {outcome}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default=",".join(DEFAULT_FORMATS))
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per step (default 1800)")
    parser.add_argument("--keep", type=Path, help="write the outline and documents here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        steps = run(args.formats.split(","), args.timeout, folder)
    worst = max(steps, key=lambda s: s.seconds)
    peak = max(s.peak_mb for s in steps)
    print(f"bound: every step within {worst.seconds:.0f} s ({worst.what}) and {peak:.0f} MB peak memory")


if __name__ == "__main__":
    main()

"""Cold-process timing: wall clock, CPU time and peak memory of a command, medians over several runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero: its timing would mean nothing."""


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    peak_kib: int  # largest resident set of any one of those processes


@dataclass(frozen=True)
class Timing:
    """The runs of one command: wall seconds (the measure), CPU seconds (robust on a busy machine), peak memory."""

    samples: tuple[Sample, ...]

    @property
    def seconds(self) -> tuple[float, ...]:
        return tuple(s.wall for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_kib(self) -> int:
        return max(s.peak_kib for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return self.peak_kib / 1024

    def brief(self) -> str:
        """`1.23 s (1.20-1.31), cpu 2.10 s`: the wall-clock median, min and max, then the median CPU time."""
        spread = f" ({min(self.seconds):.2f}-{max(self.seconds):.2f})" if len(self.samples) > 1 else " (1 run)"
        return f"{self.median:.2f} s{spread}, cpu {self.cpu:.2f} s"


def run_once(argv: Sequence[str], cwd: Path | None = None) -> Sample:
    """Run `argv` as a fresh process and measure it.

    `os.wait4` reports the resource use of this child and the descendants it waited for, so a
    build with worker processes counts their CPU time, and reports its largest process as the peak.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CommandFailed(f"{' '.join(map(str, argv))} exited {proc.returncode}: {' / '.join(tail)}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def measure(argv: Sequence[str], runs: int, cwd: Path | None = None, warm_up: bool = True) -> Timing:
    """`runs` cold runs of `argv`, after one unmeasured run that warms the file cache (not the process)."""
    if warm_up:
        run_once(argv, cwd)
    return Timing(tuple(run_once(argv, cwd) for _ in range(runs)))

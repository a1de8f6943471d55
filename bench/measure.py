"""Cold-process timing: wall clock and peak memory of a command, medians over several runs."""

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
class Timing:
    """Wall-clock seconds of each run and the largest resident set seen (KiB)."""

    seconds: tuple[float, ...]
    peak_kib: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return self.peak_kib / 1024

    def brief(self) -> str:
        """`1.23 s (1.20-1.31)`: the median, then min and max."""
        return f"{self.median:.2f} s ({min(self.seconds):.2f}-{max(self.seconds):.2f})"


def run_once(argv: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run `argv` as a fresh process; return wall seconds and its peak RSS in KiB.

    `os.wait4` reports the resource use of this child and the descendants it waited for, so a
    build with worker processes reports its largest process, not the sum.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CommandFailed(f"{' '.join(map(str, argv))} exited {proc.returncode}: {' / '.join(tail)}")
    return seconds, usage.ru_maxrss


def measure(argv: Sequence[str], runs: int, cwd: Path | None = None, env: dict[str, str] | None = None) -> Timing:
    """`runs` cold runs of `argv` after one unmeasured warm-up (file cache, not the process)."""
    run_once(argv, cwd, env)
    samples = [run_once(argv, cwd, env) for _ in range(runs)]
    return Timing(tuple(s for s, _ in samples), max(k for _, k in samples))

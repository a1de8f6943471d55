"""Load + validate the default case in process: median, min and max over repeated runs.

Target: under 50 ms. Run: python bench/load.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time

from casestudy.build import load_resolved
from casestudy.resources import default_outline

TARGET_MS = 50.0


def main(runs: int = 30) -> None:
    outline = default_outline()
    load_resolved(outline)  # warm imports and caches, as a long-running process would be
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_resolved(outline)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(
        f"load + validate + resolve {outline.name}: median {median:.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}, {runs} runs); target {TARGET_MS:.0f} ms: "
        f"{'met' if median < TARGET_MS else 'MISSED'} (ratio {median / TARGET_MS:.2f})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

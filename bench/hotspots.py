"""Where the time goes: cProfile of one cold build step, in process, sorted by cumulative or own time.

Run: python bench/hotspots.py [pdf|pptx|docx|load|import] [--outline FILE] [--top N] [--sort tottime]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

STEPS = ("pdf", "pptx", "docx", "load", "import")


def profile(step: str, outline: Path, top: int, sort: str) -> str:
    """Profile `step` from a cold start of this process; import costs are part of the first run."""
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    _run(step, outline)
    profiler.disable()
    seconds = time.perf_counter() - start
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats(sort).print_stats(top)
    return f"{step}: {seconds:.2f} s in process (profiled, so slower than real)\n{stream.getvalue()}"


def _run(step: str, outline: Path) -> None:
    if step == "import":
        import casestudy.cli  # noqa: F401

        return
    from casestudy.build import load_resolved

    resolved = load_resolved(outline)
    if step == "load":
        return
    from casestudy.renderers import RenderOptions, get_renderer

    get_renderer(step)(resolved, io.BytesIO(), RenderOptions())


def main() -> None:
    from casestudy.resources import default_outline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("--outline", type=Path, default=default_outline())
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    args = parser.parse_args()
    print(profile(args.step, args.outline, args.top, args.sort))


if __name__ == "__main__":
    main()

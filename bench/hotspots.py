"""Where the time goes: cProfile of one cold build step, in process, sorted by cumulative or own time.

Run: python bench/hotspots.py [pdf|pptx|docx|load|import] [--outline FILE] [--top N] [--sort tottime]
     python bench/hotspots.py breakdown   (CPU seconds of each step of a cold build, in one process)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import time
from pathlib import Path

STEPS = ("pdf", "pptx", "docx", "load", "import", "breakdown")


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


def breakdown(outline: Path) -> str:
    """CPU seconds of each step a cold three-format build takes, in the order it takes them."""
    import importlib

    steps: list[tuple[str, float]] = []

    def timed(name: str, work):
        start = time.process_time()
        result = work()
        steps.append((name, time.process_time() - start))
        return result

    timed("import casestudy.cli (what --help needs)", lambda: importlib.import_module("casestudy.cli"))
    timed("import pydantic", lambda: importlib.import_module("pydantic"))
    timed("import casestudy.model (its classes)", lambda: importlib.import_module("casestudy.model"))
    timed("import the rest of casestudy.build", lambda: importlib.import_module("casestudy.build"))
    from casestudy.build import load_resolved
    from casestudy.options import RenderOptions
    from casestudy.renderers import get_renderer

    resolved = timed("load + validate + resolve", lambda: load_resolved(outline))
    timed("pickle it (what each worker is sent)", lambda: pickle.dumps(resolved, pickle.HIGHEST_PROTOCOL))
    for fmt in ("pdf", "pptx", "docx"):
        render = timed(f"import the {fmt} renderer", lambda fmt=fmt: get_renderer(fmt))
        timed(f"render {fmt}", lambda render=render: render(resolved, io.BytesIO(), RenderOptions()))
        timed(f"render {fmt} again (warm)", lambda render=render: render(resolved, io.BytesIO(), RenderOptions()))
    width = max(len(name) for name, _ in steps)
    return "\n".join(f"{name:<{width}}  {seconds:6.3f} s" for name, seconds in steps)


def _run(step: str, outline: Path) -> None:
    if step == "import":
        import casestudy.cli  # noqa: F401

        return
    from casestudy.build import load_resolved

    resolved = load_resolved(outline)
    if step == "load":
        return
    from casestudy.options import RenderOptions
    from casestudy.renderers import get_renderer

    get_renderer(step)(resolved, io.BytesIO(), RenderOptions())


def main() -> None:
    from casestudy.resources import default_outline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=STEPS)
    parser.add_argument("--outline", type=Path, default=default_outline())
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    args = parser.parse_args()
    if args.step == "breakdown":
        print(breakdown(args.outline))
    else:
        print(profile(args.step, args.outline, args.top, args.sort))


if __name__ == "__main__":
    main()

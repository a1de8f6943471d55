"""casestudy against the pandoc route on the same content: all three formats, then each format.

The pandoc route starts from the case as Markdown (what an instructor would write by hand, so
exporting it is not timed): pandoc writes the DOCX and the PPTX, and the PDF goes Markdown ->
HTML (pandoc) -> PDF (WeasyPrint). Every command is a cold process.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from measure import Timing, measure
from project import Setup, missing_formats
from report import NOT_AVAILABLE, Row, missing, verdict
from tools import Tools

TARGET_RATIO = 0.5  # at least 2x faster than the pandoc route
TARGET_COLD_S = 1.0


def compare(setup: Setup, tools: Tools | None) -> list[Row]:
    """Rows 1 and 2: the three-format job, then each format on its own."""
    if tools is None:
        return [missing("pandoc route", "pandoc or WeasyPrint missing; see bench/run --help")]
    markdown = export_markdown(setup)
    route = _route_commands(tools, markdown)
    rows = [_whole_job(setup, route)]
    rows += [_one_format(setup, fmt, route[fmt]) for fmt in ("pdf", "pptx", "docx")]
    return rows


def export_markdown(setup: Setup) -> Path:
    """The default case as Markdown, written once beside the route's outputs (images relative to it)."""
    folder = setup.work / "pandoc"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "case.md"
    subprocess.run(
        [*setup.casestudy, "export", "markdown", str(setup.outline), "-o", str(path)], check=True, capture_output=True
    )
    return path


def _route_commands(tools: Tools, markdown: Path) -> dict[str, str]:
    """Shell commands of the pandoc route, per format and for all three in turn, run in the Markdown's folder."""
    pandoc, md = shlex.quote(tools.pandoc), shlex.quote(markdown.name)
    route = {
        "docx": f"{pandoc} {md} -o case.docx",
        "pptx": f"{pandoc} {md} -t pptx -o case.pptx",
        "pdf": f"{pandoc} {md} -s -o case.html && {shlex.quote(tools.weasyprint)} -q case.html case.pdf",
    }
    route["all"] = " && ".join(f"{{ {route[fmt]}; }}" for fmt in ("pdf", "pptx", "docx"))
    route["parallel"] = (
        f"{{ {route['pdf']}; }} & pdf=$!; {{ {route['pptx']}; }} & pptx=$!; {route['docx']} && wait $pdf && wait $pptx"
    )
    return route


def _shell(setup: Setup, command: str) -> Timing:
    """The route's command in the Markdown's folder, where pandoc finds the images."""
    return measure(["sh", "-c", command], setup.runs, cwd=setup.work / "pandoc")


def _ours(setup: Setup, *options: str) -> Timing:
    return measure(
        [*setup.casestudy, "build", str(setup.outline), "--out", str(setup.work / "ours"), *options], setup.runs
    )


def _whole_job(setup: Setup, route: dict[str, str]) -> Row:
    what = "1. default case, all three formats, cold"
    target = f"≤ {TARGET_RATIO} and < {TARGET_COLD_S:.1f} s"
    theirs, parallel = _shell(setup, route["all"]), _shell(setup, route["parallel"])
    pandoc = f"{theirs.brief()} in turn; {parallel.brief()} as 3 parallel jobs"
    gaps = missing_formats()
    if gaps:
        return Row(what, f"{NOT_AVAILABLE} (renderers missing: {', '.join(gaps)})", pandoc, target=target)
    ours = _ours(setup)
    faster, quick = ours.median / theirs.median <= TARGET_RATIO, ours.median < TARGET_COLD_S
    return Row(
        f"{what} (`casestudy build`, default --jobs)",
        ours.brief(),
        pandoc,
        f"{_ratio(ours, theirs)}; {ours.median / parallel.median:.2f} vs parallel",
        f"ratio ≤ {TARGET_RATIO} ({verdict(faster)}), < {TARGET_COLD_S:.1f} s ({verdict(quick)})",
        faster and quick,
    )


def _one_format(setup: Setup, fmt: str, command: str) -> Row:
    tool = "pandoc + WeasyPrint" if fmt == "pdf" else "pandoc"
    what = f"2. {fmt} only ({tool})"
    theirs = _shell(setup, command)
    if fmt in missing_formats():
        return Row(what, f"{NOT_AVAILABLE} (the {fmt} renderer has not landed)", theirs.brief())
    ours = _ours(setup, "--format", fmt)
    return Row(what, ours.brief(), theirs.brief(), _ratio(ours, theirs))


def _ratio(ours: Timing, theirs: Timing) -> str:
    """Ours / theirs in wall-clock time, then in CPU time (which a busy machine distorts less)."""
    return f"{ours.median / theirs.median:.2f} (cpu {ours.cpu / theirs.cpu:.2f})"

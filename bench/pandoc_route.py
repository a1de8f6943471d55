"""casestudy against the pandoc route on the same content: all three formats, then each format alone.

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
from report import NOT_AVAILABLE, Row, missing
from targets import TARGETS
from tools import Tools

FORMATS = ("pdf", "pptx", "docx")
_NO_ROUTE = f"{NOT_AVAILABLE} (pandoc or WeasyPrint missing; see bench/run --help)"


def compare(setup: Setup, tools: Tools | None) -> list[Row]:
    """Rows 1 and 2: the three-format job against its time target, then each format against the route's tool."""
    route = _route_commands(tools, export_markdown(setup)) if tools else None
    return [_whole_job(setup, route), *(_one_format(setup, fmt, route) for fmt in FORMATS)]


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
    route["all"] = " && ".join(f"{{ {route[fmt]}; }}" for fmt in FORMATS)
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


def _whole_job(setup: Setup, route: dict[str, str] | None) -> Row:
    """Row 1: wall time against the target; the route in turn and in parallel beside it, for scale."""
    target = TARGETS["cold"]
    what = "1. default case, all three formats, cold (`casestudy build`, default --jobs)"
    gaps = missing_formats()
    if gaps:
        return missing(what, f"renderers missing: {', '.join(gaps)}", str(target))
    ours = _ours(setup)
    if route is None:
        pandoc, ratio = _NO_ROUTE, "—"
    else:
        theirs, parallel = _shell(setup, route["all"]), _shell(setup, route["parallel"])
        pandoc = f"{theirs.brief()} in turn; {parallel.brief()} as 3 parallel jobs"
        ratio = f"{_ratio(ours, theirs)}; {ours.median / parallel.median:.2f} vs parallel"
    return Row(what, ours.brief(), pandoc, ratio, f"wall {target.verdict(ours.median)}", target.met(ours.median))


def _one_format(setup: Setup, fmt: str, route: dict[str, str] | None) -> Row:
    """Row 2: one format alone, cold, against the same content through pandoc (and WeasyPrint for the PDF)."""
    target = TARGETS[fmt]
    tool = "pandoc + WeasyPrint" if fmt == "pdf" else f"pandoc's {fmt} writer"
    what = f"2. {fmt} only, cold (`casestudy build --format {fmt}` vs {tool})"
    if fmt in missing_formats():
        return missing(what, f"the {fmt} renderer has not landed", str(target))
    ours = _ours(setup, "--format", fmt)
    if route is None:
        return Row(what, ours.brief(), _NO_ROUTE, target=str(target))
    theirs = _shell(setup, route[fmt])
    ratio = ours.median / theirs.median
    return Row(what, ours.brief(), theirs.brief(), _ratio(ours, theirs), target.verdict(ratio), target.met(ratio))


def _ratio(ours: Timing, theirs: Timing) -> str:
    """Ours / theirs in wall-clock time, then in CPU time (which a busy machine distorts less)."""
    return f"{ours.median / theirs.median:.2f} (cpu {ours.cpu / theirs.cpu:.2f})"

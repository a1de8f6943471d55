"""Scaling: the default case at 1x, 10x and 100x its size; build time and peak memory, and how they grow.

Bigger outlines repeat the default's sections, milestones and sources (with unique ids, and
citations pointing at the repeated sources) and fill pillars, lessons and questions up to
their limits. They are written into a copy of the default's project folder, so its images
and logo resolve as they do for the original.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import yaml
from measure import Timing, measure
from project import Setup, missing_formats
from report import Row, missing, verdict, with_memory

from casestudy.inline import ID_PATTERN
from casestudy.model import MAX_LONG_LIST
from casestudy.renderers import DEFAULT_FORMATS

FACTORS = (1, 10, 100)
LIMITS = {"pillars": 8, "lessons": 12, "questions": 40}
TARGET_MB = 300
_CITATION = re.compile(rf"\[@{ID_PATTERN}(?:\s*;\s*@{ID_PATTERN})*\]")


def scaling(setup: Setup) -> list[Row]:
    """Row 3: one row per size; the larger sizes carry their growth factors and the targets."""
    formats = [fmt for fmt in DEFAULT_FORMATS if fmt not in missing_formats()]
    if not formats:
        return [missing("3. scaling", "no renderer has landed")]
    outlines = write_scaled(setup.outline, setup.work / "scaled")
    timings = {factor: _build(setup, path, formats, factor) for factor, path in outlines.items()}
    sizes = {factor: path.stat().st_size for factor, path in outlines.items()}
    note = "" if len(formats) == len(DEFAULT_FORMATS) else f"; {', '.join(missing_formats())} not available yet"
    return [_row(factor, timings, sizes, formats, note) for factor in FACTORS]


def _build(setup: Setup, outline: Path, formats: list[str], factor: int) -> Timing:
    """Up to three runs; the 100x build takes minutes, so one run, the file cache already warm."""
    out = setup.work / "scaled-out"
    argv = [*setup.casestudy, "build", str(outline), "--format", ",".join(formats), "--jobs", "1", "--out", str(out)]
    if factor == FACTORS[-1]:
        return measure(argv, 1, warm_up=False)
    return measure(argv, min(setup.runs, 3))


def _row(factor: int, timings: dict[int, Timing], sizes: dict[int, int], formats: list[str], note: str) -> Row:
    timing, base = timings[factor], timings[1]
    what = f"3. build {','.join(formats)} at {factor}x, --jobs 1 (outline {sizes[factor] / 1024:,.0f} KB{note})"
    if factor == 1:
        return Row(what, with_memory(timing))
    time_growth, memory_growth = timing.median / base.median, timing.peak_kib / base.peak_kib
    cpu_growth = timing.cpu / base.cpu
    growth = f"time x{time_growth:.1f} (cpu x{cpu_growth:.1f}), memory x{memory_growth:.1f}"
    growth += f"; outline x{sizes[factor] / sizes[1]:.0f}"
    if factor != FACTORS[-1]:
        return Row(what, with_memory(timing), ratio=growth)
    linear, small = time_growth < factor, timing.peak_mb < TARGET_MB
    target = f"time growth < x{factor} ({verdict(linear)}), peak < {TARGET_MB} MB ({verdict(small)})"
    return Row(what, with_memory(timing), ratio=growth, target=target, met=linear and small)


def write_scaled(outline: Path, folder: Path) -> dict[int, Path]:
    """The outline at each factor, in a copy of its project folder."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(outline.parent, folder)
    data = yaml.safe_load(outline.read_text(encoding="utf-8"))
    paths = {}
    for factor in FACTORS:
        path = folder / f"{outline.stem}-{factor}x.yaml"
        text = yaml.safe_dump(scale(data, factor), allow_unicode=True, sort_keys=False, width=100_000)
        path.write_text(text, encoding="utf-8")
        paths[factor] = path
    return paths


def scale(data: dict, factor: int) -> dict:
    """A copy of the outline data with `factor` times the narrative, journey and sources."""
    out = copy.deepcopy(data)
    if factor == 1:
        return out
    known = {source["id"] for source in data.get("sources", [])}
    out["sections"] = _repeat(data["sections"], factor, lambda s, i: _section_copy(s, i, known))
    out["journey"] = _repeat(data.get("journey", []), factor, lambda m, i: _milestone_copy(m, i, known))
    out["sources"] = _repeat(data.get("sources", []), factor, _source_copy)
    for part, limit in LIMITS.items():
        out[part] = _fill(data[part], limit)
    return out


def _repeat(items: list[dict], factor: int, copy_of) -> list[dict]:
    """The items, then copies 1..factor-1 of them, up to the model's limit for long lists."""
    repeated = list(items) + [copy_of(item, i) for i in range(1, factor) for item in items]
    return repeated[:MAX_LONG_LIST]


def _fill(items: list[dict], limit: int) -> list[dict]:
    """Copies with fresh ids until the part reaches its limit; copied questions are untimed, so the
    minutes of the questions still fit in the class plan."""
    out = list(items)
    while len(out) < limit:
        n = len(out)
        item = {k: v for k, v in items[n % len(items)].items() if k != "minutes"}
        out.append({**item, "id": f"{item['id']}-fill-{n}"})
    return out


def _section_copy(section: dict, i: int, known: set[str]) -> dict:
    """A copy with its own id and citations; an exhibit or a pull quote is presented once, so not here."""
    copied = {k: v for k, v in section.items() if k not in ("exhibit", "pull_quote")}
    copied.update(id=f"{section['id']}-{i}", heading=f"{section['heading']} ({i + 1})")
    copied["paragraphs"] = [_recite(p, i, known) for p in section["paragraphs"]]
    return copied


def _milestone_copy(milestone: dict, i: int, known: set[str]) -> dict:
    copied = {**milestone, "title": f"{milestone['title']} ({i + 1})"}
    if milestone.get("id"):
        copied["id"] = f"{milestone['id']}-{i}"
    if milestone.get("source") in known:
        copied["source"] = f"{milestone['source']}-{i}"
    if isinstance(milestone.get("detail"), str):
        copied["detail"] = _recite(milestone["detail"], i, known)
    return copied


def _source_copy(source: dict, i: int) -> dict:
    return {**source, "id": f"{source['id']}-{i}", "title": f"{source['title']} ({i + 1})"}


def _recite(text: str, i: int, known: set[str]) -> str:
    """Point the citations in `text` at copy `i` of their sources."""

    def one(match: re.Match) -> str:
        ids = [part.strip().lstrip("@") for part in match.group(0)[1:-1].split(";")]
        return "[" + "; ".join(f"@{x}-{i}" if x in known else f"@{x}" for x in ids) + "]"

    return _CITATION.sub(one, text)

"""Scaling: each format alone at 1x and 100x the default case's size; time and peak memory of its one process.

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
from report import Row, missing, with_memory
from targets import TARGETS

from casestudy.inline import ID_PATTERN
from casestudy.model import MAX_LONG_LIST
from casestudy.renderers import DEFAULT_FORMATS

FACTORS = (1, 100)
LIMITS = {"pillars": 8, "lessons": 12, "questions": 40}
_CITATION = re.compile(rf"\[@{ID_PATTERN}(?:\s*;\s*@{ID_PATTERN})*\]")


def scaling(setup: Setup) -> list[Row]:
    """Row 3: one row per format, its 1x and 100x builds against the memory and growth targets.

    A quick run (`--quick`) builds the 1x outline only and says the 100x was skipped.
    """
    small, big = FACTORS
    formats = [fmt for fmt in DEFAULT_FORMATS if fmt not in missing_formats()]
    if not formats:
        return [missing(f"3. each format at {big}x", "no renderer has landed")]
    outlines = write_scaled(setup.outline, setup.work / "scaled", FACTORS if not setup.quick else (small,))
    sizes = {factor: path.stat().st_size for factor, path in outlines.items()}
    rows = []
    for fmt in formats:
        base = _build(setup, outlines[small], fmt, runs=min(setup.runs, 3))
        grown = None if setup.quick else _build(setup, outlines[big], fmt, runs=1)
        rows.append(_row(fmt, base, grown, sizes))
    return rows


def _build(setup: Setup, outline: Path, fmt: str, runs: int) -> Timing:
    """One format alone in one process (`--jobs 1`); the 100x build takes minutes, so one run, no warm-up."""
    out = setup.work / "scaled-out"
    argv = [*setup.casestudy, "build", str(outline), "--format", fmt, "--jobs", "1", "--out", str(out)]
    return measure(argv, runs, warm_up=runs > 1)


def _row(fmt: str, base: Timing, grown: Timing | None, sizes: dict[int, int]) -> Row:
    small, big = FACTORS
    memory, growth = TARGETS["memory"], TARGETS["growth"]
    what = f"3. {fmt} at {big}x content, one process (`--format {fmt} --jobs 1`)"
    at_1x = f"1x: {with_memory(base)}"
    if grown is None:
        return Row(what, f"{big}x skipped (--quick); {at_1x}", target=f"peak {memory}, time {growth}")
    times, peak = grown.median / base.median, grown.peak_mb
    ratio = f"time x{times:.1f} (cpu x{grown.cpu / base.cpu:.1f}), memory x{grown.peak_kib / base.peak_kib:.1f}"
    ratio += f"; outline x{sizes[big] / sizes[small]:.0f} ({sizes[big] / 1024:,.0f} KB)"
    target = f"peak {memory.verdict(peak)}, time {growth.verdict(times)}"
    ours, met = f"{big}x: {with_memory(grown)}; {at_1x}", memory.met(peak) and growth.met(times)
    return Row(what, ours, ratio=ratio, target=target, met=met)


def write_scaled(outline: Path, folder: Path, factors: tuple[int, ...] = FACTORS) -> dict[int, Path]:
    """The outline at each factor, in a copy of its project folder."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(outline.parent, folder)
    data = yaml.safe_load(outline.read_text(encoding="utf-8"))
    paths = {}
    for factor in factors:
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
    sources = data.get("sources", [])
    known = {source["id"] for source in sources}
    # as many copies of the sources as the model allows; copy i of the text cites copy i % copies
    copies = max(1, min(factor, MAX_LONG_LIST // max(1, len(sources))))
    out["sections"] = _repeat(data["sections"], factor, lambda s, i: _section_copy(s, i, known, i % copies))
    out["journey"] = _repeat(data.get("journey", []), factor, lambda m, i: _milestone_copy(m, i, known, i % copies))
    out["sources"] = _repeat(sources, copies, _source_copy)
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


def _section_copy(section: dict, i: int, known: set[str], cited: int) -> dict:
    """A copy with its own id and citations; an exhibit or a pull quote is presented once, so not here."""
    copied = {k: v for k, v in section.items() if k not in ("exhibit", "pull_quote")}
    copied.update(id=f"{section['id']}-{i}", heading=f"{section['heading']} ({i + 1})")
    copied["paragraphs"] = [_recite(p, cited, known) for p in section["paragraphs"]]
    return copied


def _milestone_copy(milestone: dict, i: int, known: set[str], cited: int) -> dict:
    copied = {**milestone, "title": f"{milestone['title']} ({i + 1})"}
    if milestone.get("id"):
        copied["id"] = f"{milestone['id']}-{i}"
    if milestone.get("source") in known and cited:
        copied["source"] = f"{milestone['source']}-{cited}"
    if isinstance(milestone.get("detail"), str):
        copied["detail"] = _recite(milestone["detail"], cited, known)
    return copied


def _source_copy(source: dict, i: int) -> dict:
    return {**source, "id": f"{source['id']}-{i}", "title": f"{source['title']} ({i + 1})"}


def _recite(text: str, i: int, known: set[str]) -> str:
    """Point the citations in `text` at copy `i` of their sources (copy 0: the originals)."""
    if i == 0:
        return text

    def one(match: re.Match) -> str:
        ids = [part.strip().lstrip("@") for part in match.group(0)[1:-1].split(";")]
        return "[" + "; ".join(f"@{x}-{i}" if x in known else f"@{x}" for x in ids) + "]"

    return _CITATION.sub(one, text)

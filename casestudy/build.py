"""Build: outlines -> documents, each written atomically, in worker processes when many.

Every outline is loaded, validated and resolved once, in this process; the jobs (one per
document) only render. A document is written to a temporary file beside its target and
renamed into place when complete, so a failed or interrupted build leaves the previous
documents untouched and no stray files. Office files are re-zipped with fixed timestamps so
the same outline gives byte-identical documents.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from casestudy.errors import CaseStudyError, OutlineError, UsageError
from casestudy.loader import load_outline
from casestudy.options import Edition, Participant, RenderOptions
from casestudy.renderers import FORMATS, get_renderer
from casestudy.renderers.ooxml import normalise_zip
from casestudy.resolve import ResolvedCase, resolve
from casestudy.theme import resolve_theme


@dataclass(frozen=True)
class Job:
    """One document to render: which resolved outline, which format, where, how."""

    outline: Path
    fmt: str
    path: Path
    options: RenderOptions


@dataclass(frozen=True)
class Built:
    path: Path
    fmt: str
    units: int | None  # pages or slides, when the format knows
    size: int


@dataclass(frozen=True)
class Failed:
    """An outline that did not load (exit 2) or a document that did not render (exit 1)."""

    what: Path
    message: str
    exit_code: int


@dataclass
class BuildReport:
    built: list[Built] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return max((f.exit_code for f in self.failed), default=0)


def stem_of(outline: Path) -> str:
    return outline.name.removesuffix(".yaml").removesuffix(".yml")


def output_path(out_dir: Path, stem: str, fmt: str, edition: Edition, slug: str | None = None) -> Path:
    """`DIR/STEM.pdf`, `DIR/STEM.pptx`, `DIR/STEM-handout.docx`; `-instructor` before the extension.

    A personalised handout goes to `DIR/handouts/STEM-handout-SLUG.docx`.
    """
    base, ext = os.path.splitext(stem + FORMATS[fmt].suffix)
    if slug:
        out_dir, base = out_dir / "handouts", f"{base}-{slug}"
    if edition == "instructor":
        base += "-instructor"
    return out_dir / (base + ext)


def load_resolved(outline: Path) -> ResolvedCase:
    """Load, validate and resolve an outline: the shared work every document starts from."""
    loaded = load_outline(outline)
    theme = resolve_theme(loaded.case.theme, loaded.logo)
    return resolve(loaded.case, theme, loaded.images)


def plan_jobs(
    outline: Path,
    out_dir: Path,
    formats: Sequence[str],
    editions: Sequence[Edition],
    template: Path | None = None,
    participants: Sequence[tuple[Participant, str]] = (),
) -> list[Job]:
    """The documents of one outline; `participants` (with their slugs) add personalised handouts."""
    stem = stem_of(outline)
    jobs = [
        _job(outline, fmt, output_path(out_dir, stem, fmt, edition), edition, template)
        for fmt in formats
        for edition in editions
    ]
    personal = [fmt for fmt, spec in FORMATS.items() if spec.personal]
    for participant, slug in participants:
        for fmt in personal:
            for edition in editions:
                path = output_path(out_dir, stem, fmt, edition, slug)
                jobs.append(_job(outline, fmt, path, edition, template, participant))
    return jobs


def _job(
    outline: Path, fmt: str, path: Path, edition: Edition, template: Path | None, participant: Participant | None = None
) -> Job:
    """One document's job: a template only if the format builds on that kind of file."""
    usable = template if template is not None and template.suffix.lower() in FORMATS[fmt].template_suffixes else None
    return Job(outline, fmt, path, RenderOptions(edition, usable, participant, folder=path.parent))


def check_output_folder(out_dir: Path) -> None:
    """Fail before any work when the output folder cannot be created or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {out_dir}: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to the output folder {out_dir}: permission denied")


def run_jobs(
    cases: dict[Path, ResolvedCase],
    jobs: Sequence[Job],
    workers: int,
    on_done: Callable[[Built | Failed], None],
) -> None:
    """Render every job, in `workers` processes when there is more than one job to share."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            on_done(_render_or_fail(cases[job.outline], job))
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(cases,)) as pool:
        pending = {pool.submit(_worker_render, job) for job in jobs}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_done(future.result())
        except BaseException:
            for future in pending:
                future.cancel()
            raise


_WORKER_CASES: dict[Path, ResolvedCase] = {}


def _init_worker(cases: dict[Path, ResolvedCase]) -> None:
    _WORKER_CASES.update(cases)


def _worker_render(job: Job) -> Built | Failed:
    return _render_or_fail(_WORKER_CASES[job.outline], job)


def _render_or_fail(resolved: ResolvedCase, job: Job) -> Built | Failed:
    try:
        return render_document(resolved, job)
    except CaseStudyError as exc:
        return Failed(job.path, str(exc), 2)
    except Exception as exc:  # a renderer bug: report it, keep building the rest
        return Failed(job.path, f"internal error: {type(exc).__name__}: {exc} -- please report this as a bug", 1)


def render_document(resolved: ResolvedCase, job: Job) -> Built:
    """Render one document into place, atomically; Office files get fixed zip timestamps."""
    render = get_renderer(job.fmt)

    def write(fh: BinaryIO) -> int | None:
        if not FORMATS[job.fmt].zipped:
            return render(resolved, fh, job.options)
        buffer = io.BytesIO()
        units = render(resolved, buffer, job.options)
        buffer.seek(0)
        normalise_zip(buffer, fh, resolved.timestamp)
        return units

    units = atomic_write(job.path, write)
    return Built(job.path, job.fmt, units, job.path.stat().st_size)


def atomic_write(path: Path, write: Callable[[BinaryIO], int | None]) -> int | None:
    """Run `write` on a temporary file beside `path`, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"cannot write to {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


def build(
    outlines: Iterable[Path],
    out_dir: Path,
    formats: Sequence[str],
    editions: Sequence[Edition],
    *,
    template: Path | None = None,
    participants: Sequence[tuple[Participant, str]] = (),
    workers: int = 1,
    on_done: Callable[[Built | Failed], None] = lambda result: None,
    on_planned: Callable[[int], None] = lambda count: None,
) -> BuildReport:
    """Load every outline once, then render all their documents; one failure stops nothing."""
    check_output_folder(out_dir)
    report = BuildReport()
    cases: dict[Path, ResolvedCase] = {}
    jobs: list[Job] = []
    for outline in outlines:
        try:
            cases[outline] = load_resolved(outline)
        except OutlineError as exc:
            report.failed.append(Failed(outline, str(exc), 2))
            on_done(report.failed[-1])
            continue
        jobs += plan_jobs(outline, out_dir, formats, editions, template, participants)
    on_planned(len(jobs))

    def record(result: Built | Failed) -> None:
        (report.built if isinstance(result, Built) else report.failed).append(result)
        on_done(result)

    run_jobs(cases, jobs, workers, record)
    return report

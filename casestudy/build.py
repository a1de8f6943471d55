"""Build: outlines -> documents, each written atomically, in worker processes when many.

Every outline is loaded and validated once, and resolved once per edition, in this process,
and every company template it builds on is read, checked and cleaned once (the command line's
`--template` wins over the outline's own); the jobs (one per document) only render. Worker
processes, when there are several documents, start before the loading and import their writers
meanwhile; the loaded outlines reach them pickled. A document is written to a temporary file
beside its target, and this process alone renames it into place, with Ctrl-C held back for that
moment: an interrupted, killed or failed build leaves every document it did not report as
replaced as it was. A build first removes the temporary files an earlier killed build left of
its own documents. Office files are re-zipped with fixed timestamps so the same outline gives
byte-identical documents.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as replace_field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from casestudy import interrupts
from casestudy.errors import CaseStudyError, UsageError
from casestudy.loader import load_outline
from casestudy.options import Edition, Participant, RenderOptions, Template
from casestudy.renderers import FORMATS, get_renderer, template_format
from casestudy.resolve import ResolvedCase, resolve
from casestudy.theme import Theme, resolve_theme

if TYPE_CHECKING:
    from casestudy.workers import Pool

NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems alike
HANDOUT_FOLDERS: dict[Edition, str] = {"participant": "handouts", "instructor": "instructor-handouts"}
INDEX = "index.csv"  # beside the personalised handouts: which file is whose


@dataclass(frozen=True)
class Job:
    """One document to render: which resolved outline, which format, where, how."""

    outline: Path
    fmt: str
    path: Path
    options: RenderOptions


@dataclass(frozen=True)
class Rendered:
    """A document complete in its temporary file, waiting for the build process to rename it into place."""

    job: Job
    temporary: Path
    units: int | None


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

    A personalised handout goes to `DIR/handouts/STEM-handout-SLUG.docx`; its instructor edition,
    which holds the suggested answers, to a folder of its own (`DIR/instructor-handouts/`), so
    that handing out the `handouts` folder never hands out an answer key.
    """
    base, ext = os.path.splitext(stem + FORMATS[fmt].suffix)
    if slug:
        out_dir, base = out_dir / HANDOUT_FOLDERS[edition], f"{base}-{slug}"
    if edition == "instructor":
        base += "-instructor"
    return out_dir / (base + ext)


def load_editions(outline: Path, editions: Iterable[Edition]) -> dict[Edition, ResolvedCase]:
    """Load and validate an outline once and resolve it for each edition: the work every document starts from."""
    loaded = load_outline(outline)
    theme = resolve_theme(loaded.case.theme, loaded.logo, loaded.templates)
    return {edition: resolve(loaded.case, theme, loaded.images, edition) for edition in editions}


def load_resolved(outline: Path, edition: Edition = "participant") -> ResolvedCase:
    """Load, validate and resolve an outline for one edition."""
    return load_editions(outline, (edition,))[edition]


def plan_jobs(
    outline: Path,
    out_dir: Path,
    formats: Sequence[str],
    editions: Sequence[Edition],
    participants: Sequence[tuple[Participant, str]] = (),
) -> list[Job]:
    """The documents of one outline; `participants` (with their slugs) add personalised handouts.

    A job names no template: each worker takes its outline's from the work it shares (`Ready`).
    """
    stem = stem_of(outline)
    jobs = [
        _job(outline, fmt, output_path(out_dir, stem, fmt, edition), edition) for fmt in formats for edition in editions
    ]
    personal = [fmt for fmt, spec in FORMATS.items() if spec.personal]
    for participant, slug in participants:
        for fmt in personal:
            for edition in editions:
                path = output_path(out_dir, stem, fmt, edition, slug)
                jobs.append(_job(outline, fmt, path, edition, participant))
    return jobs


def _job(outline: Path, fmt: str, path: Path, edition: Edition, participant: Participant | None = None) -> Job:
    return Job(outline, fmt, path, RenderOptions(edition, participant=participant, folder=path.parent))


def distinct_outlines(outlines: Iterable[Path]) -> list[Path]:
    """The outlines in order, each once: `*.yaml x.yaml` names x.yaml twice, and it is built once."""
    return list({outline.resolve(): outline for outline in reversed(list(outlines))}.values())[::-1]


def check_plan(jobs: Sequence[Job]) -> None:
    """Refuse, before anything is built, documents that would overwrite each other or cannot be named.

    Names that differ only in case collide too: on macOS and Windows they are one file.
    """
    first: dict[str, Job] = {}
    for job in jobs:
        size = len(os.fsencode(job.path.name))
        if size > NAME_MAX:
            raise UsageError(
                f"cannot write {job.path}: its name would be {size} bytes, and file names end at {NAME_MAX};"
                f" shorten the name of {job.outline}"
            )
        other = first.setdefault(str(job.path).casefold(), job)
        if other.outline != job.outline:
            raise UsageError(
                f"{other.outline} and {job.outline} would both write {other.path};"
                " rename one of them, or build them into different folders (--out)"
            )


def check_output_folder(out_dir: Path) -> None:
    """Fail before any work when the output folder cannot be created or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {out_dir}: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to the output folder {out_dir}: permission denied")


# ---------------------------------------------------------------- temporary files


_TEMPORARY = re.compile(r"\.(?P<short>.+)\.(?P<pid>[0-9]+)-[0-9a-f]{6}\.tmp")
_SHORT_NAME = 80  # bytes of a document's name kept in its temporary file's name


def temporary_name(name: str, pid: int, token: str) -> str:
    """`.NAME.PID-TOKEN.tmp`: whose temporary file it is (the document's and the writing process's).

    A long NAME is cut to its first bytes plus a hash of the whole, so the name stays far
    within 255 bytes however long the document's name is.
    """
    return f".{_short(name)}.{pid}-{token}.tmp"


def _short(name: str) -> str:
    """The part of a temporary file's name that says whose it is: the name, or its start and a hash."""
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= _SHORT_NAME:
        return name
    head = encoded[: _SHORT_NAME - 9].decode("utf-8", "ignore")
    return f"{head}~{hashlib.sha1(encoded).hexdigest()[:8]}"


def remove_stale_temporaries(paths: Iterable[Path]) -> None:
    """Delete the temporary files of these documents whose writer has ended, or is this process.

    Run when this process is writing none of them: before a build (files an earlier, killed
    build left) and after its workers have stopped. A file whose writer is another live process
    (a build running at the same time into the same folder) is left alone.
    """
    by_folder: dict[Path, set[str]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, set()).add(_short(path.name))
    for folder, shorts in by_folder.items():
        try:
            names = os.listdir(folder)
        except OSError:
            continue  # not made yet, or unreadable: nothing of ours is there
        for name in names:
            match = _TEMPORARY.fullmatch(name)
            if match and match["short"] in shorts and not _running(int(match["pid"])):
                (folder / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether another process with this id is alive (a zombie, dead but not yet reaped, is not)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: alive is the safe answer
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def write_temporary(path: Path, write: Callable[[BinaryIO], int | None]) -> tuple[Path, int | None]:
    """Run `write` on a new temporary file beside `path`; return the complete file and what `write` returned."""
    tmp = path.parent / temporary_name(path.name, os.getpid(), secrets.token_hex(3))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, result


def replace(tmp: Path, path: Path) -> None:
    """Rename a complete temporary file into place (removing it if that fails)."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def atomic_write(path: Path, write: Callable[[BinaryIO], int | None]) -> int | None:
    """Run `write` on a temporary file beside `path`, then rename it into place, never half-way."""
    tmp, result = write_temporary(path, write)
    with interrupts.deferred():
        replace(tmp, path)
    return result


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Ready:
    """One outline ready to render: resolved for each edition it is built in, its templates read and cleaned."""

    editions: dict[Edition, ResolvedCase]
    templates: Mapping[str, Template]  # format -> the company template its documents build on


Cases = dict[Path, Ready]  # what the workers share: every outline ready to render


def run_jobs(
    cases: Cases,
    jobs: Sequence[Job],
    pool: Pool | None,
    on_rendered: Callable[[Rendered | Failed], None],
) -> None:
    """Render every job, in the pool's workers when there is one, else in this process.

    Whatever happens, no temporary file of these jobs is left when this returns or raises.
    """
    try:
        if pool is None:
            for job in jobs:
                on_rendered(_render_or_fail(cases, job))
        else:
            costliest_first = sorted(jobs, key=lambda job: -RENDER_COST.get(job.fmt, 0.0))
            with pool:  # the workers end first, so the sweep below finds their files orphaned
                pool.run(cases, costliest_first, _lost_as_failed(on_rendered))
    finally:
        remove_stale_temporaries(job.path for job in jobs)


# CPU seconds a process spends importing each writer, and rendering one document of the default
# case with it (`bench/hotspots.py breakdown`, at 6330661): estimates, only to share the work
# fairly among the workers; what matters is their order, so measure again when a writer changes a lot.
IMPORT_COST = {"pdf": 0.19, "pptx": 0.10, "docx": 0.04}
RENDER_COST = {"pdf": 0.40, "pptx": 0.40, "docx": 0.35}


def start_workers(jobs: Sequence[Job], workers: int) -> Pool | None:
    """Worker processes for more than one job, started now: they import their writers while this process loads.

    Each worker is given formats to warm up for (`share_formats`) and takes their jobs first, so
    a writer is imported once per build where the balance allows it.
    """
    count = min(workers, len(jobs))
    if count <= 1:
        return None
    from casestudy.workers import Pool  # multiprocessing: not for a build of one document

    homes = share_formats([job.fmt for job in jobs], count)
    return Pool(_render_or_fail, count, warm=partial(_import_writers, homes), suits=partial(_at_home, homes))


def share_formats(formats: Sequence[str], workers: int) -> list[tuple[str, ...]]:
    """The formats of these jobs shared among `workers`, the costliest first to the least loaded (LPT).

    A worker left without a format (more workers than formats) helps with the costliest one.
    """
    counts = Counter(formats)
    cost = {fmt: IMPORT_COST.get(fmt, 0.0) + n * RENDER_COST.get(fmt, 0.0) for fmt, n in counts.items()}
    homes: list[list[str]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for fmt in sorted(cost, key=lambda fmt: -cost[fmt]):
        least = loads.index(min(loads))
        homes[least].append(fmt)
        loads[least] += cost[fmt]
    costliest = max(cost, key=lambda fmt: cost[fmt])
    return [tuple(home) or (costliest,) for home in homes]


def _import_writers(homes: Sequence[tuple[str, ...]], home: int) -> None:
    for fmt in homes[home]:
        get_renderer(fmt)
        if FORMATS[fmt].zipped:
            import casestudy.renderers.ooxml  # noqa: F401 - what render_document re-zips with


def _at_home(homes: Sequence[tuple[str, ...]], home: int, job: Job) -> bool:
    return job.fmt in homes[home]


def _lost_as_failed(on_rendered: Callable[[Rendered | Failed], None]) -> Callable[[Job, object], None]:
    """A worker that died mid-document fails that document, as a renderer bug would."""
    from casestudy.workers import WorkerLost

    def on_result(job: Job, result: object) -> None:
        if isinstance(result, WorkerLost):
            result = Failed(job.path, f"internal error: {result} while writing it -- please report this as a bug", 1)
        on_rendered(result)  # type: ignore[arg-type]  # _render_or_fail returns nothing else

    return on_result


def _render_or_fail(cases: Cases, job: Job) -> Rendered | Failed:
    ready = cases[job.outline]
    job = replace_field(job, options=replace_field(job.options, template=ready.templates.get(job.fmt)))
    try:
        write = personal_copy if job.options.participant is not None else render_document
        return write(ready.editions[job.options.edition], job)
    except CaseStudyError as exc:
        return Failed(job.path, str(exc), 2)
    except Exception as exc:  # a renderer bug: report it, keep building the rest
        return Failed(job.path, f"internal error: {type(exc).__name__}: {exc} -- please report this as a bug", 1)


def personal_copy(resolved: ResolvedCase, job: Job) -> Rendered:
    """A participant's handout, which its writer fills in from the edition it rendered once in this process, stamped."""
    from importlib import import_module

    personalise = import_module(FORMATS[job.fmt].module).personalise
    tmp, _ = write_temporary(job.path, lambda fh: personalise(resolved, fh, job.options))
    return Rendered(job, tmp, None)


def render_document(resolved: ResolvedCase, job: Job) -> Rendered:
    """Render one document into a temporary file beside its target; Office files get fixed zip timestamps."""
    from casestudy.renderers.ooxml import normalise_zip  # lxml: imported by the workers, not the build process

    render = get_renderer(job.fmt)

    def write(fh: BinaryIO) -> int | None:
        if not FORMATS[job.fmt].zipped:
            return render(resolved, fh, job.options)
        buffer = io.BytesIO()
        units = render(resolved, buffer, job.options)
        buffer.seek(0)
        normalise_zip(buffer, fh, resolved.timestamp)
        return units

    tmp, units = write_temporary(job.path, write)
    return Rendered(job, tmp, units)


def keep(result: Rendered | Failed) -> Built | Failed:
    """Rename a rendered document into place: the one step that replaces a document."""
    if isinstance(result, Failed):
        return result
    path = result.job.path
    try:
        replace(result.temporary, path)
    except UsageError as exc:
        return Failed(path, str(exc), 2)
    return Built(path, result.job.fmt, result.units, path.stat().st_size)


# ---------------------------------------------------------------- the handouts' index


def write_indexes(jobs: Sequence[Job], built: Sequence[Built]) -> list[Failed]:
    """`index.csv` in each folder of personalised handouts: file, name and cohort of each one built.

    UTF-8 with a byte-order mark (spreadsheets then read names right); a name that a
    spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is written with a leading `'`.
    """
    done = {b.path for b in built}
    rows: dict[Path, list[list[str]]] = {}
    for job in jobs:
        who = job.options.participant
        if who is not None and job.path in done:
            rows.setdefault(job.path.parent, []).append([job.path.name, _cell(who.name), _cell(who.cohort or "")])
    failures = (_write_index(folder / INDEX, table) for folder, table in rows.items())
    return [failure for failure in failures if failure]


def _write_index(path: Path, table: list[list[str]]) -> Failed | None:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows([["file", "name", "cohort"], *table])
    payload = ("\ufeff" + text.getvalue()).encode("utf-8")
    try:
        atomic_write(path, lambda fh: fh.write(payload))
    except UsageError as exc:
        return Failed(path, str(exc), 2)
    return None


def _cell(text: str) -> str:
    """The text as a spreadsheet will show it, never run it: a leading `'` where it could start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# ---------------------------------------------------------------- the build


def build(
    outlines: Iterable[Path],
    out_dir: Path,
    formats: Sequence[str],
    editions: Sequence[Edition],
    *,
    templates: Mapping[str, Path] | None = None,
    participants: Sequence[tuple[Participant, str]] = (),
    workers: int = 1,
    on_done: Callable[[Built | Failed], None] = lambda result: None,
    on_planned: Callable[[int], None] = lambda count: None,
) -> BuildReport:
    """Load every outline once, then render all their documents; one failure stops nothing.

    `templates` (format -> file, from the command line) win over the outlines' own. Refused
    before any work: documents that would overwrite each other or whose names are too long, and
    a command-line template that is unsafe or unreadable. Interrupted, it raises `Interrupted`
    saying which documents it had replaced.
    """
    plans = {o: plan_jobs(o, out_dir, formats, editions, participants) for o in distinct_outlines(outlines)}
    check_plan([job for jobs in plans.values() for job in jobs])
    check_output_folder(out_dir)
    shelf = TemplateShelf(formats)
    given = {fmt: shelf.read(path, fmt) for fmt, path in (templates or {}).items() if fmt in formats}
    report = BuildReport()
    jobs: list[Job] = []
    try:
        remove_stale_temporaries(_written_by(plans))

        def record(result: Rendered | Failed) -> None:
            with interrupts.deferred():  # a document renamed into place is a document reported
                kept = keep(result)
                (report.built if isinstance(kept, Built) else report.failed).append(kept)
            on_done(kept)

        every_job = [job for planned in plans.values() for job in planned]
        with start_workers(every_job, workers) or contextlib.nullcontext() as pool:
            cases = _load_all(plans, editions, report, on_done, lambda theme: shelf.of(theme, given))
            jobs = [job for outline in cases for job in plans[outline]]
            on_planned(len(jobs))
            run_jobs(cases, jobs, pool, record)
        for failure in write_indexes(jobs, report.built):
            report.failed.append(failure)
            on_done(failure)
    except interrupts.Interrupted as exc:
        exc.outcome = _what_was_replaced(report.built, len(jobs))
        raise
    return report


def _written_by(plans: dict[Path, list[Job]]) -> list[Path]:
    """Every file the planned build may write: its documents and the handouts' indexes."""
    jobs = [job for planned in plans.values() for job in planned]
    indexes = {job.path.parent / INDEX for job in jobs if job.options.participant}
    return [job.path for job in jobs] + sorted(indexes)


def _load_all(
    plans: dict[Path, list[Job]],
    editions: Sequence[Edition],
    report: BuildReport,
    on_done: Callable[[Built | Failed], None],
    templates_of: Callable[[Theme], Mapping[str, Template]],
) -> Cases:
    """Each outline loaded, resolved once per edition, its templates read; one that fails is reported and dropped."""
    cases: Cases = {}
    for outline in plans:
        try:
            resolved = load_editions(outline, editions)
            theme = next(iter(resolved.values())).theme
            cases[outline] = Ready(resolved, templates_of(theme))
        except CaseStudyError as exc:
            report.failed.append(Failed(outline, str(exc), 2))
            on_done(report.failed[-1])
    return cases


class TemplateShelf:
    """The company templates of one build, each file read, checked and cleaned once, whoever names it."""

    def __init__(self, formats: Sequence[str]) -> None:
        self.formats = formats
        self.read_already: dict[Path, Template] = {}

    def read(self, path: Path, fmt: str) -> Template:
        """The template at `path` for `fmt`; UsageError when it is unsafe or unreadable."""
        from casestudy.renderers.templates import read_template  # lxml, only for builds with templates

        key = path.resolve()
        if key not in self.read_already:
            self.read_already[key] = read_template(path, fmt)
        return self.read_already[key]

    def of(self, theme: Theme, given: Mapping[str, Template]) -> dict[str, Template]:
        """An outline's templates for the formats this build writes: `given` ones, else those its theme names."""
        named = ((template_format(path.name), path) for path in theme.templates)
        own = {fmt: self.read(path, fmt) for fmt, path in named if fmt in self.formats and fmt not in given}
        return {**own, **given}


def _what_was_replaced(built: Sequence[Built], planned: int) -> str:
    """The truth an interrupted build owes its user: which documents it replaced, and that the rest are as they were."""
    if not built:
        return interrupts.NOTHING_REPLACED
    names = ", ".join(str(b.path) for b in built) if len(built) <= 3 else "each listed above"
    rest = planned - len(built)
    if not rest:
        return f"all {planned} documents were replaced before it ({names})"
    return f"replaced {len(built)} of {planned} documents ({names}); the other {rest} are untouched"

"""Command line: parse arguments -> load -> render -> exit code. Nothing else lives here.

Exit codes: 0 success, 2 bad input (outline, arguments, paths), 1 internal error, 130 Ctrl-C,
143 SIGTERM. Every ending is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from casestudy import __version__, interrupts
from casestudy.errors import CaseStudyError, OutlineError, UsageError
from casestudy.options import EDITIONS, RenderOptions
from casestudy.renderers import DEFAULT_FORMATS, EXPORTS, FORMATS, TEMPLATE_KINDS, template_format
from casestudy.resources import default_outline

EXAMPLES = """\
examples:
  casestudy build                                   the default case, all formats, into build/
  casestudy build outlines/examples/board-retreat.yaml --format pdf,docx
  casestudy build --edition both --out dist/        participant and instructor editions
  casestudy build outlines/*.yaml --jobs 2          many outlines, two worker processes
  casestudy watch my-case.yaml                      rebuild on every save
  casestudy validate outlines/*.yaml                check outlines without building
  casestudy new my-case.yaml                        a commented starter outline
  casestudy schema > outline.schema.json            the JSON Schema for editors
"""

FORMAT_LIST = ",".join(FORMATS)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns every exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see --help)")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casestudy",
        description="Turn a YAML case outline into a PDF case study, a slide deck and a Word handout.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"casestudy {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = commands.add_parser(
        "build",
        help="build the documents of one or more outlines",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("outlines", nargs="*", type=Path, metavar="OUTLINE", help="default: the shipped case")
    build.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (default: build/)")
    build.add_argument("--format", type=_formats, default=DEFAULT_FORMATS, metavar=FORMAT_LIST, help="formats to build")
    build.add_argument("--edition", choices=(*EDITIONS, "both"), default="participant", help="default: participant")
    build.add_argument(
        "--template",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a company template to build on: .pptx or .potx for the deck, .docx or .dotx for the handout;"
        " once per format; wins over the outline's theme.templates",
    )
    build.add_argument(
        "--roster",
        type=Path,
        metavar="ROSTER.csv",
        help="also write one personalised handout per participant (CSV: name, cohort) to DIR/handouts/,"
        " listed in DIR/handouts/index.csv; instructor editions go to DIR/instructor-handouts/",
    )
    build.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of CPUs)",
    )

    watch = commands.add_parser("watch", help="rebuild whenever the outline or a file it uses changes")
    watch.add_argument("outline", nargs="?", type=Path, metavar="OUTLINE", help="default: the shipped case")
    watch.add_argument("--out", type=Path, default=Path("build"), metavar="DIR")
    watch.add_argument("--format", type=_formats, default=DEFAULT_FORMATS, metavar=FORMAT_LIST)
    watch.add_argument("--edition", choices=(*EDITIONS, "both"), default="participant")

    validate = commands.add_parser("validate", help="check outlines and print a summary of each")
    validate.add_argument("outlines", nargs="*", type=Path, metavar="OUTLINE", help="default: the shipped case")

    new = commands.add_parser("new", help="write a commented starter outline")
    new.add_argument("path", type=Path, metavar="PATH")

    export = commands.add_parser("export", help="export the case in another format (Markdown, for pandoc or a website)")
    export.add_argument("format", choices=EXPORTS, help="the export format")
    export.add_argument("outline", nargs="?", type=Path, metavar="OUTLINE", help="default: the shipped case")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument("--edition", choices=EDITIONS, default="participant", help="default: participant")

    commands.add_parser("schema", help="print the outline's JSON Schema").add_argument(
        "--overlay", action="store_true", help="the schema of an outline that `extends` another"
    )
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1")
    return int(value)


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {FORMAT_LIST}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Run one command; Ctrl-C and SIGTERM end it with one line and 130 or 143, wherever they strike."""
    with interrupts.handled():
        try:
            return _run(argv)
        except interrupts.Interrupted as exc:
            print(exc.message(), file=sys.stderr)
            return exc.exit_code


def _run(argv: list[str] | None) -> int:
    try:
        args = make_parser().parse_args(argv)
        if args.command is None:
            make_parser().print_help()
            return 0
        return COMMANDS[args.command](args)
    except Exception as exc:
        print(describe(exc), file=sys.stderr)
        return 2 if isinstance(exc, CaseStudyError) else 1


def describe(exc: Exception) -> str:
    """What the user reads about an error: its problems, `error: ...`, or one line asking for a bug report."""
    if isinstance(exc, OutlineError):
        return str(exc)
    if isinstance(exc, CaseStudyError):
        return f"error: {exc}"
    return f"internal error: {type(exc).__name__}: {exc} -- please report this as a bug"


def _cmd_build(args: argparse.Namespace) -> int:
    progress = Progress(sys.stderr)
    with progress.interrupt_reported():
        from casestudy.build import build
        from casestudy.roster import read_roster

        editions = EDITIONS if args.edition == "both" else (args.edition,)
        templates = templates_by_format(args.template)
        participants = read_roster(args.roster) if args.roster else []
        report = build(
            args.outlines or [default_outline()],
            args.out,
            args.format,
            editions,
            templates=templates,
            participants=participants,
            workers=args.jobs,
            on_done=progress.done,
            on_planned=progress.start,
        )
    progress.finish(report)
    return report.exit_code


class Progress:
    """One line per document on stdout; on a terminal also a live counter on stderr."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.total = self.count = 0
        self.started = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total

    def done(self, result) -> None:
        from casestudy.build import Built

        self._clear()
        if isinstance(result, Built):
            self.count += 1
            units = f"{result.units} {FORMATS[result.fmt].unit}, " if result.units else ""
            print(f"{result.path}: {units}{result.size / 1024:,.0f} KB", flush=True)
        else:
            print(result.message, file=sys.stderr, flush=True)
        if self.live and self.total:
            self.stream.write(f"[{self.count}/{self.total}] building...")
            self.stream.flush()

    def finish(self, report) -> None:
        self._clear()
        if len(report.built) + len(report.failed) > 1 or report.failed:
            seconds = time.perf_counter() - self.started
            failed = f", {len(report.failed)} failed" if report.failed else ""
            print(f"built {len(report.built)} documents in {seconds:.1f} s{failed}", file=sys.stderr)

    @contextlib.contextmanager
    def interrupt_reported(self) -> Iterator[None]:
        """An interrupt clears the live counter and says what was replaced: nothing, unless the build said."""
        try:
            yield
        except interrupts.Interrupted as exc:
            self._clear()
            exc.outcome = exc.outcome or interrupts.NOTHING_REPLACED
            raise

    def _clear(self) -> None:
        if self.live:
            self.stream.write("\r\033[K")


def templates_by_format(templates: list[Path]) -> dict[str, Path]:
    """Each `--template` under the format it is for (by its suffix); two for one format are an error."""
    chosen: dict[str, Path] = {}
    for template in templates:
        fmt = template_format(template.name)
        if fmt is None:
            raise UsageError(f"--template {template}: expected {TEMPLATE_KINDS}")
        if not template.is_file():
            raise UsageError(f"--template {template}: no such file")
        if fmt in chosen:
            raise UsageError(f"--template {chosen[fmt]} and --template {template} are both for {fmt}; give one")
        chosen[fmt] = template
    return chosen


def _cmd_watch(args: argparse.Namespace) -> int:
    from casestudy.build import build
    from casestudy.watch import watch

    outline = args.outline or default_outline()
    editions = EDITIONS if args.edition == "both" else (args.edition,)

    def rebuild() -> None:
        """One build; whatever goes wrong (the output folder included) is shown, and watching goes on."""
        progress = Progress(sys.stderr)
        try:
            with progress.interrupt_reported():
                report = build([outline], args.out, args.format, editions, on_done=progress.done)
            progress.finish(report)
        except Exception as exc:
            print(describe(exc), file=sys.stderr)
        print(f"watching {outline} (Ctrl-C to stop)", file=sys.stderr, flush=True)

    watch(outline, rebuild)
    return 0  # not reached: watching ends only with Ctrl-C, which exits 130


def _cmd_validate(args: argparse.Namespace) -> int:
    from casestudy.loader import load_outline

    status = 0
    for outline in args.outlines or [default_outline()]:
        try:
            case = load_outline(outline).case
        except OutlineError as exc:
            print(exc, file=sys.stderr)
            status = 2
            continue
        counts = {
            "section": len(case.sections),
            "milestone": len(case.journey),
            "pillar": len(case.pillars),
            "lesson": len(case.lessons),
            "question": len(case.questions),
            "source": len(case.sources),
        }
        print(f"{outline}: ok: " + ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items()))
    return status


def _cmd_new(args: argparse.Namespace) -> int:
    from casestudy.starter import write_starter

    for path in write_starter(args.path):
        print(f"{path}: written")
    print(f"edit {args.path}, then: casestudy build {args.path}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from casestudy.build import atomic_write, load_resolved
    from casestudy.renderers import get_renderer

    resolved = load_resolved(args.outline or default_outline(), args.edition)
    render = get_renderer(args.format)
    if args.output is None:
        buffer = io.BytesIO()
        render(resolved, buffer, RenderOptions(args.edition, folder=Path.cwd()))
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
        return 0
    options = RenderOptions(args.edition, folder=args.output.resolve().parent)
    atomic_write(args.output, lambda fh: render(resolved, fh, options))
    print(f"{args.output}: {args.output.stat().st_size / 1024:,.0f} KB", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from casestudy.schema import outline_schema

    print(json.dumps(outline_schema(overlay=args.overlay), indent=2, ensure_ascii=False))
    return 0


COMMANDS = {
    "build": _cmd_build,
    "watch": _cmd_watch,
    "validate": _cmd_validate,
    "new": _cmd_new,
    "export": _cmd_export,
    "schema": _cmd_schema,
}

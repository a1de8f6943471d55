"""Command line: parse arguments -> load -> render -> exit code. Nothing else lives here.

Exit codes: 0 success, 2 bad input (outline, arguments, paths), 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casestudy import __version__
from casestudy.errors import CaseStudyError, OutlineError, UsageError
from casestudy.renderers import EDITIONS, FORMATS
from casestudy.resources import default_outline

EXAMPLES = """\
examples:
  casestudy build                                   the default case, all formats, into build/
  casestudy build outlines/examples/board-retreat.yaml --format pdf,docx
  casestudy build --edition both --out dist/        participant and instructor editions
  casestudy validate outlines/*.yaml                check outlines without building
  casestudy new my-case.yaml                        a commented starter outline
  casestudy schema > outline.schema.json            the JSON Schema for editors
"""


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

    build = commands.add_parser("build", help="build the documents of one or more outlines", epilog=EXAMPLES,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("outlines", nargs="*", type=Path, metavar="OUTLINE", help="default: the shipped case")
    build.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (default: build/)")
    build.add_argument("--format", type=_formats, default=FORMATS, metavar="pdf,pptx,docx", help="formats to build")
    build.add_argument("--edition", choices=(*EDITIONS, "both"), default="participant", help="default: participant")
    build.add_argument("--template", type=Path, metavar="FILE", help="a .pptx or .docx to build the deck or handout on")

    validate = commands.add_parser("validate", help="check outlines and print a summary of each")
    validate.add_argument("outlines", nargs="*", type=Path, metavar="OUTLINE", help="default: the shipped case")

    new = commands.add_parser("new", help="write a commented starter outline")
    new.add_argument("path", type=Path, metavar="PATH")

    commands.add_parser("schema", help="print the outline's JSON Schema").add_argument(
        "--overlay", action="store_true", help="the schema of an outline that `extends` another"
    )
    return parser


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(FORMATS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        if args.command is None:
            make_parser().print_help()
            return 0
        return COMMANDS[args.command](args)
    except OutlineError as exc:
        print(exc, file=sys.stderr)
        return 2
    except CaseStudyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; earlier documents are untouched", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, not a traceback
        print(f"internal error: {type(exc).__name__}: {exc} -- please report this as a bug", file=sys.stderr)
        return 1


def _cmd_build(args: argparse.Namespace) -> int:
    from casestudy.build import Built, build_outline

    editions = EDITIONS if args.edition == "both" else (args.edition,)
    _check_template(args.template)
    status = 0
    for outline in args.outlines or [default_outline()]:
        try:
            results = build_outline(outline, args.out, args.format, editions, args.template)
        except OutlineError as exc:
            print(exc, file=sys.stderr)
            status = 2
            continue
        for result in results:
            if isinstance(result, Built):
                units = f"{result.units} {'slides' if result.fmt == 'pptx' else 'pages'}, " if result.units else ""
                print(f"{result.path}: {units}{result.size / 1024:,.0f} KB")
            else:
                print(result.reason, file=sys.stderr)
    return status


def _check_template(template: Path | None) -> None:
    if template is None:
        return
    if template.suffix.lower() not in (".pptx", ".docx"):
        raise UsageError(f"--template {template}: expected a .pptx or .docx file")
    if not template.is_file():
        raise UsageError(f"--template {template}: no such file")


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
            "sections": len(case.sections),
            "milestones": len(case.journey),
            "pillars": len(case.pillars),
            "lessons": len(case.lessons),
            "questions": len(case.questions),
            "sources": len(case.sources),
        }
        print(f"{outline}: ok: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return status


def _cmd_new(args: argparse.Namespace) -> int:
    from casestudy.starter import write_starter

    write_starter(args.path)
    print(f"{args.path}: written; edit it, then: casestudy build {args.path}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from casestudy.schema import outline_schema

    print(json.dumps(outline_schema(overlay=args.overlay), indent=2, ensure_ascii=False))
    return 0


COMMANDS = {"build": _cmd_build, "validate": _cmd_validate, "new": _cmd_new, "schema": _cmd_schema}

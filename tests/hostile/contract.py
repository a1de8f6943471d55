"""The hostile-outline contract, shared by the corpus and the fuzzer: build, then judge what came out.

A build of any outline ends in one of two ways: exit 0 with every document written, each
reopening in its own library and holding the outline's text literally; or exit 2 with one
`FILE:LINE:COL: PATH: message` line per problem. Never a traceback, never exit 1, never a hang.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import functools
import io
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from casestudy.build import output_path, stem_of
from casestudy.checks import COVERABLE_PARTS
from casestudy.cli import main
from casestudy.errors import OutlineError
from casestudy.loader import load_outline
from casestudy.renderers import DEFAULT_FORMATS
from casestudy.resources import default_outline

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<path>.+?): (?P<message>.+)$")
SUMMARY_LINE = re.compile(r"^built \d+ documents? in [\d.]+ s")
# Characters a renderer may add or drop without changing what a reader sees: line breaks and the
# invisible break hints (zero-width space, soft hyphen) used to wrap a 400-character word, and the
# word joiner the deck puts between the characters of a CJK name so that no line breaks inside it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060"), None)
_BIDI = {"R", "AL", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI", "PDF", "PDI"}  # classes that reorder text

# Where each Office format keeps the text a reader sees: runs, chart labels, notes, headers.
_A, _W = (
    "{http://schemas.openxmlformats.org/drawingml/2006/main}",
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
)
_PARAGRAPH_TAGS = (_A + "p", _W + "p")
_TEXT_TAGS = (_A + "t", _W + "t")
_CHART_VALUE = "{http://schemas.openxmlformats.org/drawingml/2006/chart}v"
_TEXT_PARTS = {
    "pptx": re.compile(r"^ppt/(slides|notesSlides|charts|diagrams)/[^/]+\.xml$"),
    "docx": re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|charts/[^/]+)\.xml$"),
}


def built_formats() -> tuple[str, ...]:
    """The formats every hostile outline is built in: the documents a plain `casestudy build` writes."""
    return DEFAULT_FORMATS


class BuildTimeout(BaseException):
    """A build ran past its bound. A BaseException, so that the CLI's bug handler cannot swallow it."""


@dataclass
class Outcome:
    """What one `casestudy build` run did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    documents: dict[str, Path] = field(default_factory=dict)  # format -> file, when written

    @property
    def problems(self) -> list[re.Match]:
        return [m for line in self.stderr.splitlines() if (m := PROBLEM_LINE.match(line))]


def run_build(outline: Path, out: Path, formats: tuple[str, ...], bound: float) -> Outcome:
    """The real CLI, in this process and in one worker, stopped by a timer after `bound` seconds."""
    argv = ["build", str(outline), "--out", str(out), "--jobs", "1", "--format", ",".join(formats)]
    stdout, stderr = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with _deadline(bound), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    seconds = time.perf_counter() - start
    paths = {fmt: output_path(out, stem_of(outline), fmt, "participant") for fmt in formats}
    documents = {fmt: path for fmt, path in paths.items() if path.exists()}
    return Outcome(code, stdout.getvalue(), stderr.getvalue(), seconds, documents)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        raise BuildTimeout(f"the build took longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_contract(outcome: Outcome, formats: tuple[str, ...]) -> dict[str, str]:
    """Check exit code and output against the contract; on success return each document's text."""
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.code in (0, 2), f"exit {outcome.code}:\n{outcome.stderr}"
    if outcome.code == 2:
        assert_refusal(outcome)
        return {}
    assert set(outcome.documents) == set(formats), outcome.stderr
    return {fmt: document_text(outcome.documents[fmt], fmt) for fmt in formats}


def assert_refusal(outcome: Outcome) -> None:
    """Exit 2, and every line of the report names a file, line and column."""
    lines = [line for line in outcome.stderr.splitlines() if line.strip() and not SUMMARY_LINE.match(line)]
    assert lines, "exit 2 without a message"
    unlocated = [line for line in lines if not PROBLEM_LINE.match(line)]
    assert not unlocated, f"lines without FILE:LINE:COL: {unlocated[:5]}"
    assert not outcome.documents, "a refused outline must not leave documents"


def document_text(path: Path, fmt: str) -> str:
    """Reopen a document with the library its format is read by, and return all its visible text."""
    if fmt == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        assert len(reader.pages) > 0
        if not shutil.which("pdftotext"):
            return _without_furniture([page.extract_text() for page in reader.pages])
        return "\n".join(_without_furniture(_pdf_pages(path, order)) for order in PDF_READING_ORDERS)
    if fmt == "pptx":
        from pptx import Presentation

        assert len(Presentation(str(path)).slides) > 0
    else:
        from docx import Document

        assert len(Document(str(path)).paragraphs) > 0
    return _office_text(path, _TEXT_PARTS[fmt])


# pdftotext reads a page in reading order, but joins a line that ends in a hyphen to the next one
# without the hyphen (a role "... -" before "CEO of ..." reads "...CEO"), and no switch turns that
# off; in the order the strings were drawn (-raw) it keeps them as printed. A text is found in either.
PDF_READING_ORDERS: tuple[tuple[str, ...], ...] = ((), ("-raw",))


def _pdf_pages(path: Path, order: tuple[str, ...] = ()) -> list[str]:
    """Each page's text by poppler's pdftotext (pypdf drops some large cover text)."""
    done = subprocess.run(["pdftotext", *order, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]  # a form feed ends every page


FURNITURE_LINES = 4  # running header or footer lines at either end of a page


def _without_furniture(pages: list[str]) -> str:
    """The pages' text without running headers and footers, so a paragraph split by a page break reads whole;
    then each furniture line once, since a reader sees it too.

    A line is furniture when it (digits aside: "Page 3 of 9") appears on at least half of the pages,
    and it stands among a page's first or last lines: the same words inside a page (a table cell
    that repeats the running title) are text. A field printed only there, or also at a page's end
    (the copyright: every footer, and the cover's last line), is still found, at the end.
    """
    key = functools.partial(re.sub, r"\d+", "#")
    counts = collections.Counter(k for page in pages for k in {key(line) for line in page.splitlines()})
    furniture = {k for k, n in counts.items() if len(pages) >= 3 and n >= len(pages) / 2}
    removed: dict[str, None] = {}

    def kept(lines: list[str]) -> list[str]:
        edge = set(range(FURNITURE_LINES)) | set(range(len(lines) - FURNITURE_LINES, len(lines)))
        out = []
        for i, line in enumerate(lines):
            if i in edge and key(line) in furniture:
                removed.setdefault(line)
            else:
                out.append(line)
        return out

    text = [line for page in pages for line in kept(page.splitlines())]
    return "\n".join([*text, *removed])


def _office_text(path: Path, parts: re.Pattern) -> str:
    """The text of every paragraph and chart value in the parts a reader sees, one a line."""
    lines = []
    with zipfile.ZipFile(path) as zf:
        for name in sorted(n for n in zf.namelist() if parts.match(n)):
            for el in etree.fromstring(zf.read(name)).iter(*_PARAGRAPH_TAGS, _CHART_VALUE):
                lines.append("".join(t.text or "" for t in el.iter(*_TEXT_TAGS)) if el.tag != _CHART_VALUE else el.text)
    return "\n".join(line for line in lines if line)


def squash(text: str) -> str:
    """Text without whitespace and invisible break hints: what must survive wrapping intact."""
    return "".join(text.split()).translate(_INVISIBLE)


def missing_text(texts: dict[str, str], wanted: str) -> list[str]:
    """The formats whose document text does not hold `wanted` literally, line breaks aside.

    Two things the extracted text cannot show in one piece, though a reader sees them whole: text
    wrapped in a table cell, or continued in the next column, page or slide, comes out as lines
    interleaved with the lines beside it, so its lines may have others between them; and a PDF
    holds right-to-left text in the order it is drawn, so text with such letters or bidi controls
    is only looked for in the Office documents.
    """
    needle = squash(wanted)
    missing = []
    for fmt, text in texts.items():
        if fmt == "pdf" and any(unicodedata.bidirectional(ch) in _BIDI for ch in needle):
            continue
        if needle not in _squashed(text) and not _in_lines(needle, _squashed_lines(text)):
            missing.append(fmt)
    return missing


def _in_lines(needle: str, lines: tuple[str, ...]) -> bool:
    """Whether `needle` is the end of one line, then whole lines, then the start of a line, in order,
    with any other lines between them."""
    for i, line in enumerate(lines):
        for form in _forms(line):
            for k in range(len(form)):
                if needle.startswith(form[k:]) and _rest_in_lines(needle[len(form) - k :], lines[i + 1 :]):
                    return True
    return False


def _rest_in_lines(rest: str, lines: tuple[str, ...]) -> bool:
    for line in lines:
        if not rest:
            return True
        if line and line.startswith(rest):
            return True
        form = next((f for f in _forms(line) if f and rest.startswith(f)), None)
        if form:
            rest = rest[len(form) :]
    return not rest


def _forms(line: str) -> tuple[str, ...]:
    """A line as written, and without the hyphen a break at a soft hyphen shows at its end."""
    return (line, line[:-1]) if line.endswith("-") else (line,)


@functools.lru_cache(maxsize=16)
def _squashed(text: str) -> str:
    return squash(text)


@functools.lru_cache(maxsize=16)
def _squashed_lines(text: str) -> tuple[str, ...]:
    return tuple(squash(line) for line in text.splitlines())


# ---------------------------------------------------------------- outlines to start from

# How far each list of the default case is cut for a small outline that still has every part.
_CUTS = {
    ("sections",): 2,
    ("journey",): 4,
    ("pillars",): 2,
    ("lessons",): 2,
    ("questions",): 2,
    ("quotes",): 1,
    ("teaching_note", "objectives"): 2,
    ("outlook",): 1,
    ("protagonist", "bio"): 1,
    ("teaching_note", "fact_checks"): 2,
    ("teaching_note", "notes"): 1,
    ("teaching_note", "board_plan"): 1,
}


@functools.cache
def default_text() -> str:
    return default_outline().read_text(encoding="utf-8")


def default_data() -> dict:
    """A fresh copy of the default outline as plain data, printing its lessons in the case too.

    The corpus puts hostile text in a lesson, and a lesson reaches every document only when the
    outline asks for a briefing (`meta.lessons_in_case`).
    """
    return copy.deepcopy(_parsed_default())


@functools.cache
def _parsed_default() -> dict:
    data = yaml.safe_load(default_text())
    data["meta"]["lessons_in_case"] = True
    return data


def small_data() -> dict:
    """A fresh copy of the default outline cut short: every part present, a fraction of the items."""
    return copy.deepcopy(_small())


@functools.cache
def _small() -> dict:
    data = default_data()
    with tempfile.TemporaryDirectory() as folder:
        for path, keep in _CUTS.items():
            trial = copy.deepcopy(data)
            parent = functools.reduce(lambda node, key: node[key], path[:-1], trial)
            if isinstance(parent.get(path[-1]), list):
                parent[path[-1]] = parent[path[-1]][:keep]
                drop_dangling_covers(trial)
                data = trial if _valid(trial, Path(folder)) else data
        cited = dump({k: v for k, v in data.items() if k != "sources"})
        trial = {**data, "sources": [s for s in data["sources"] if s["id"] in cited]}
        return trial if _valid(trial, Path(folder)) else data


def drop_dangling_covers(data: dict) -> None:
    """Class-plan segments may name sections and questions that a cut removed."""
    ids = {item["id"] for part in ("sections", "questions", "pillars", "lessons") for item in data.get(part, [])}
    for segment in data["teaching_note"]["class_plan"]:
        if "covers" in segment:
            segment["covers"] = [c for c in segment["covers"] if c in ids or c in COVERABLE_PARTS]


def _valid(data: dict, folder: Path) -> bool:
    path = folder / "trial.yaml"
    path.write_text(dump(data), encoding="utf-8")
    try:
        load_outline(path)
    except OutlineError:
        return False
    return True


def dump(data: object) -> str:
    """YAML as the corpus writes it: reading order kept, long lines unwrapped, flow style for flat lists."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=None)

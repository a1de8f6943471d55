"""The hostile corpus: outlines shared by strangers, each built by the real CLI with its expected result.

Every case says what it covers and how it must end: `Builds(texts)` (exit 0, and each text found
literally in all three documents) or `Refused(At(...))` (exit 2, and a `FILE:LINE` problem line with
the expected message part for each `At`). Big or odd inputs (a 60 MB file, a pixel bomb, bytes
that are not UTF-8, symlinks, a pipe) are generated here in tmp_path, never committed.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from contract import (
    assert_contract,
    built_formats,
    default_data,
    default_text,
    drop_dangling_covers,
    dump,
    missing_text,
    run_build,
    small_data,
)
from test_schema import schema_errors

from casestudy import yamlsafe
from casestudy.errors import OutlineError
from casestudy.loader import load_outline
from casestudy.renderers import DEFAULT_FORMATS
from casestudy.yamlsafe import MAX_PROBLEMS

BOUND = 120.0  # seconds for any one build in CI; the largest outline the limits allow is measured in bench/limits.py
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 9  # 405 characters, no break opportunity
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]


@dataclass(frozen=True)
class At:
    """An expected problem: on the line where `anchor` first occurs (or line `anchor`), with `message`."""

    anchor: str | int | None  # None: any line (where a parser gives up varies between versions)
    message: str
    path: str | None = None  # the model path the line names, when it matters
    file: str = "case.yaml"


@dataclass(frozen=True)
class Builds:
    texts: tuple[str, ...] = ()
    shown_in: tuple[str, ...] = DEFAULT_FORMATS  # the formats that print the part holding the texts


@dataclass(frozen=True)
class Refused:
    problems: tuple[At, ...]
    only: bool = False  # no other problem may be reported


@dataclass(frozen=True)
class Case:
    id: str
    covers: str
    make: Callable[[Path], Path]  # writes the outline and its files into the project, returns the outline
    expect: Builds | Refused
    bug: str | None = None  # a known renderer bug: the case is an xfail(strict) until it is fixed


# ---------------------------------------------------------------- ways to write an outline


def variant(mutate: Callable[[dict], None], small: bool = True) -> Callable[[Path], Path]:
    """The (small) default outline with `mutate` applied, as YAML."""

    def make(project: Path) -> Path:
        data = small_data() if small else default_data()
        mutate(data)
        return _write(project, "case.yaml", dump(data))

    return make


def edited(change: Callable[[str], str], small: bool = True) -> Callable[[Path], Path]:
    """The (small) default outline's YAML text with `change` applied: for what data cannot express."""

    def make(project: Path) -> Path:
        text = dump(small_data()) if small else default_text()
        return _write(project, "case.yaml", change(text))

    return make


def raw(content: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "case.yaml"
        path.write_bytes(content() if callable(content) else content)
        return path

    return make


def _write(project: Path, name: str, text: str) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def with_files(make: Callable[[Path], Path], **files: Callable[[Path], None]) -> Callable[[Path], Path]:
    """Also create files beside the outline: name -> function writing it (`pic__png` is pic.png)."""

    def make_all(project: Path) -> Path:
        for name, create in files.items():
            create(project / name.replace("__", "."))
        return make(project)

    return make_all


def setter(path: str, value: object) -> Callable[[dict], None]:
    """A mutation setting `a.b[0].c` to value (None deletes the key)."""

    def mutate(data: dict) -> None:
        *parents, last = _parts(path)
        node = data
        for part in parents:
            node = node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value

    return mutate


def _parts(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.replace("[", ".").replace("]", "").split(".")]


def both(*mutations: Callable[[dict], None]) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        for m in mutations:
            m(data)

    return mutate


def png(width: int = 4, height: int = 3) -> bytes:
    """A PNG whose header claims width x height (the pixel data is one tiny row: a bomb stays small)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(min(height, 4)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg_with_bad_exif() -> bytes:
    """A small valid JPEG with an APP1 EXIF segment whose first IFD offset lies far past the end."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 60, 40)).save(buffer, "JPEG")
    exif = b"Exif\0\0MM\0*" + struct.pack(">I", 0x7FFFFFF0)
    data = buffer.getvalue()
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + data[2:]


def file_of(content: bytes) -> Callable[[Path], None]:
    def create(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    return create


def sparse(size: int, head: bytes = b"") -> Callable[[Path], None]:
    """A file of `size` bytes that costs no disk (the loader must refuse it by its size alone)."""

    def create(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(head)
            fh.truncate(size)

    return create


def symlink_out(path: Path) -> None:
    outside = path.parent.parent / "outside.png"
    outside.write_bytes(png())
    path.symlink_to(outside)


def image(path: str, caption: str = "A picture of the plant") -> Callable[[dict], None]:
    return setter("images", [{"id": "pic", "path": path, "caption": caption, "alt": "The plant"}])


def extends(target: str) -> Callable[[Path], Path]:
    """An overlay of the small default (written as base.yaml) that extends `target`."""

    def make(project: Path) -> Path:
        _write(project, "base.yaml", dump(small_data()))
        return _write(project, "case.yaml", f"extends: {target}\nmeta:\n  audience: Board members\n")

    return make


def chain(length: int) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        _write(project, f"c{length}.yaml", dump(small_data()))
        for i in range(length):
            _write(project, f"c{i}.yaml", f"extends: c{i + 1}.yaml\n")
        return _write(project, "case.yaml", "extends: c0.yaml\n")

    return make


def many(item: dict, count: int, key: str = "id") -> list[dict]:
    return [{**item, key: f"{item[key]}-{i}"} for i in range(count)]


def lessons(n: int) -> Callable[[dict], None]:
    def mutate(d: dict) -> None:
        d["lessons"] = [{**d["lessons"][0], "id": f"l{i}", "title": f"Lesson {i} ends"} for i in range(n)]
        drop_dangling_covers(d)

    return mutate


def milestones(n: int) -> Callable[[dict], None]:
    def mutate(d: dict) -> None:
        first = {k: v for k, v in d["journey"][0].items() if k != "id"}
        d["journey"] = [{**first, "date": str(1900 + i), "title": f"Milestone number {i}"} for i in range(n)]

    return mutate


def controls_as_paragraphs(text: str) -> str:
    """Every control character, raw, each on its own paragraph line of a new first section."""
    lines = "".join(f"  - 'Control {ord(c):04X} here{c}end'\n" for c in CONTROLS)
    section = "sections:\n- id: controls\n  heading: Controls\n  paragraphs:\n" + lines
    return text.replace("sections:\n", section, 1)


def wrong_types(data: dict) -> None:
    """Every scalar in the outline replaced by a list."""

    def walk(node):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, (dict, list)):
                walk(value)
            else:
                node[key] = [1, 2]

    walk(data)


MARKUP = "R&D <b>bold</b> <img src=x onerror=alert(1)> & <link href='http://x'>link</link>"
REPORTLAB = "<para><font size=80>big</font><br/></para> &amp; &lt; &#x41; <super>2</super> <a href='x'>a</a>"
XMLISH = "</w:t><w:t>injected</a:t> ]]> <![CDATA[x]]> <?xml version='1.0'?> &lt;"
FORMATS_TEXT = "50% %s %(name)s {0} {x} {{y}} $HOME `rm -rf` \\n C:\\temp"
RTL = "مرحبا بالعالم שלום עולם mixed with English 123"
EMOJI = "Cars 🚗📱🔋 people 👩🏽‍💻 flag 🇨🇳 done"
CJK = "雷军：小米的电动汽车之路「SU7」，日本語かな，한국어"
MARKDOWNISH = "**unclosed *emph [not a link] [@ nope] \\* `code` # heading - list | table |"
NOT_YAML_TYPES = ("0x1F", ".inf", "1_000", "2026-01-01", "null", "~", "no", "010")
LONG_TITLE = ("The founder's final bet: " * 13).strip()  # 311 characters
LONG_TEXT = " ".join(f"word{i}" for i in range(250))  # 1,640 characters, each word once


def long_text(name: str) -> str:
    return LONG_TEXT.replace("word", name)


def at_limit(name: str, length: int) -> str:
    """Distinct words, exactly `length` characters."""
    text = " ".join(f"{name}{i}" for i in range(length))[:length]
    return text[:-1] + "z" if text.endswith(" ") else text


SEPARATORS = "Line\u2028separator para\u2029graph no\u00a0break zero\u200bwidth bom\ufeffhere"


# ---------------------------------------------------------------- the corpus

CASES: list[Case] = [
    # -- text that looks like markup or code stays literal
    Case("markup-html", "HTML/XML-like text, &", variant(setter("lessons.0.title", MARKUP)), Builds((MARKUP,))),
    Case(
        "markup-reportlab",
        "reportlab paragraph markup and entities",
        variant(setter("questions.0.question", REPORTLAB)),
        Builds((REPORTLAB,)),
    ),
    Case("markup-xml", "closing tags of the Office XML", variant(setter("meta.title", XMLISH)), Builds((XMLISH,))),
    Case(
        "format-strings",
        "printf, str.format and shell syntax",
        variant(setter("lessons.0.title", FORMATS_TEXT)),
        Builds((FORMATS_TEXT,)),
    ),
    Case(
        "markdown-lookalike",
        "unmatched inline marks print literally",
        variant(setter("questions.0.question", MARKDOWNISH)),
        Builds(("**unclosed *emph [not a link] [@ nope] * `code` # heading",)),
    ),
    # -- scripts and characters
    Case("rtl", "Arabic and Hebrew beside Latin", variant(setter("lessons.0.title", RTL)), Builds(("English123",))),
    Case("emoji", "emoji, skin tones, ZWJ sequences, flags", variant(setter("lessons.0.title", EMOJI)), Builds()),
    Case("chinese", "Chinese, Japanese, Korean", variant(setter("lessons.0.title", CJK)), Builds((CJK,))),
    Case(
        "combining-nfc",
        "decomposed accents are normalised to NFC",
        variant(setter("protagonist.name", "Rene\u0301e Cafe\u0301")),
        Builds(("Renée Café",)),
    ),
    Case(
        "separators",
        "U+2028, U+2029, no-break and zero-width spaces, BOM inside text",
        variant(setter("lessons.0.title", SEPARATORS)),
        Builds(("Line", "separator", "graph", "zero")),
    ),
    Case(
        "yaml-implicit-types",
        "values YAML would turn into numbers or booleans stay the text written",
        edited(lambda t: _plain(_plain(t, "  title: ", "0x1F"), "  subtitle: ", ".inf")),
        Builds(("0x1F", ".inf")),
    ),
    Case(
        "tabs-crlf-bom",
        "a file saved on Windows: BOM, CRLF line ends",
        raw(lambda: b"\xef\xbb\xbf" + dump(small_data()).replace("\n", "\r\n").encode()),
        Builds(),
    ),
    # -- long and many
    Case(
        "long-word", "a 400-character word", variant(setter("lessons.0.what_they_did", LONG_WORD)), Builds((LONG_WORD,))
    ),
    Case(
        "paragraph-at-limit",
        "a 19,000-character paragraph",
        variant(setter("lessons.0.what_they_did", ("Long paragraph text. " * 905).strip())),
        Builds(),
    ),
    Case(
        "paragraph-50000",
        "a 50,000-character paragraph is refused",
        variant(setter("lessons.0.what_they_did", "x" * 50_000)),
        Refused((At("x" * 100, "50,000 characters long; the limit is 20,000", "lessons[0].what_they_did"),)),
    ),
    Case(
        "inline-stars",
        "20,000 characters of unclosed '*a ' parse in linear time (took 13 s)",
        variant(setter("lessons.0.reflection", ("*a " * 6666).strip())),
        Builds(),
    ),
    Case(
        "inline-star-row",
        "3,000 '*' in a row (overflowed the stack)",
        variant(setter("lessons.0.reflection", "Stars " + "*" * 3000)),
        Builds(("Stars",)),
    ),
    Case(
        "inline-brackets",
        "20,000 '[' and a long would-be link",
        variant(setter("lessons.0.reflection", "[" * 10_000 + "](" * 4000)),
        Builds(),
    ),
    Case(
        "milestones-100",
        "100 milestones",
        variant(milestones(100)),
        Builds(("Milestone number 0", "Milestone number 99")),
    ),
    Case(
        "lessons-30",
        "30 lessons are refused",
        variant(lessons(30)),
        Refused((At("id: l0", "at most 12 items, got 30", "lessons"),)),
    ),
    Case("lessons-12", "12 lessons, the limit", variant(lessons(12)), Builds(("Lesson 0 ends", "Lesson 11 ends"))),
    Case(
        "lists-empty",
        "empty optional lists",
        variant(both(*(setter(k, []) for k in ("outlook", "images", "meta.keywords", "protagonist.education")))),
        Builds(),
    ),
    Case(
        "sections-empty",
        "an empty required list",
        variant(setter("sections", [])),
        Refused((At("sections: []", "at least 1 item, got 0", "sections"),)),
    ),
    Case(
        "lists-one",
        "one item in each list",
        variant(
            both(
                *(lambda d, k=k: d.update({k: d[k][:1]}) for k in ("pillars", "lessons")),
                lambda d: d["teaching_note"].update(objectives=d["teaching_note"]["objectives"][:1]),
            )
        ),
        Builds(),
    ),
    Case(
        "values-over-limit",
        "1,100,000 values in a 4 MB file are refused before they are built (took 100 s)",
        raw(lambda: b"meta:\n" + b"- a\n" * 1_100_000),
        Refused((At(None, "more than 1,000,000 values"),), only=True),
    ),
    Case(
        "problems-capped",
        "3,000 wrong sections give 100 problem lines and a pointer to the rest (sorting 400,000 took 15 s)",
        variant(setter("sections", ["x"] * 3000)),
        Refused((At(None, "more problems from here on are not listed"),)),
    ),
    # -- titles and names: bounded (200/120/60 characters), and at their bounds they build
    Case(
        "title-over-limit",
        "a 311-character title",
        variant(setter("meta.title", LONG_TITLE)),
        Refused((At("The founder", "at most 200 characters", "meta.title"),)),
    ),
    Case(
        "names-over-limit",
        "a 1,640-character subtitle, product name and slide titles",
        variant(
            both(
                setter("meta.subtitle", LONG_TEXT),
                setter("comparison.entities.0.name", long_text("name")),
                setter("sections.0.heading", long_text("heading")),
                setter("comparison.metrics.0.label", long_text("metric")),
            )
        ),
        Refused(
            (
                At(LONG_TEXT[:40], "at most 200 characters", "meta.subtitle"),
                At(long_text("name")[:40], "at most 120 characters", "comparison.entities[0].name"),
                At(long_text("heading")[:40], "at most 200 characters", "sections[0].heading"),
                At(long_text("metric")[:40], "at most 120 characters", "comparison.metrics[0].label"),
            )
        ),
    ),
    Case(
        "titles-at-limit",
        "title, subtitle and institution of 200 characters (Office properties hold 255)",
        variant(both(*(setter(f"meta.{k}", at_limit(k, 200)) for k in ("title", "subtitle", "institution")))),
        Builds((at_limit("title", 200), at_limit("subtitle", 200))),
    ),
    Case(
        "names-at-limit",
        "a 120-character product name and metric label, a 200-character slide title",
        variant(
            both(
                setter("comparison.entities.0.name", at_limit("name", 120)),
                setter("comparison.metrics.0.label", at_limit("metric", 120)),
                setter("sections.0.heading", at_limit("heading", 200)),
            )
        ),
        Builds((at_limit("name", 120), at_limit("metric", 120), at_limit("heading", 200)), ("pdf", "pptx")),
    ),
    Case(
        "comparison-value-long",
        "a 2,300-character value in the comparison table",
        variant(setter("comparison.metrics.0.values.model3-lr", long_text("cell"))),
        Builds((long_text("cell"),)),
    ),
    Case(
        "soft-hyphen-long-word",
        "a 400-character word right after a soft hyphen",
        variant(setter("lessons.0.what_they_did", "Soft\u00adhyphen" + LONG_WORD)),
        Builds(("Soft\u00adhyphen" + LONG_WORD,)),
    ),
    # -- wrong and missing values
    Case(
        "wrong-type-everywhere",
        "every scalar replaced by a list",
        variant(wrong_types),
        Refused((At("case_id: [1, 2]", "expected text", "meta.case_id"), At("date: [1, 2]", "date", "meta.date"))),
    ),
    Case(
        "wrong-type-sections",
        "a mapping where a list belongs",
        variant(setter("sections", {"a": 1})),
        Refused((At("sections: {a: 1}", "expected a list", "sections"),)),
    ),
    Case(
        "wrong-type-meta",
        "a list where a mapping belongs",
        variant(setter("meta", ["x"])),
        Refused((At("meta: [x]", "expected a mapping", "meta"),)),
    ),
    Case(
        "missing-required",
        "required parts left out",
        variant(both(setter("lessons", None), setter("meta.title", None))),
        Refused((At(1, "field required", "lessons"), At("  subtitle:", "field required", "meta.title"))),
    ),
    Case("meta-empty", "every meta field missing", variant(setter("meta", {})), Refused((At("meta: {}", "required"),))),
    Case(
        "bad-date",
        "a date that is not in the calendar",
        variant(setter("meta.date", "2026-02-30")),
        Refused((At("2026-02-30", "date", "meta.date"),)),
    ),
    Case(
        "link-javascript",
        "a javascript: link",
        variant(setter("lessons.0.reflection", "Click [here](javascript:alert(1))")),
        Refused((At("javascript:", "must start with http", "lessons[0].reflection"),)),
    ),
    Case(
        "link-web",
        "a web link prints its label",
        variant(setter("lessons.0.what_they_did", "Read [the annual report](https://example.com/a_(b)) now")),
        Builds(("Read the annual report",)),
    ),
    # -- characters no document can hold
    Case(
        "every-control-character",
        "each C0/C1 control character, raw in the file",
        edited(controls_as_paragraphs),
        Refused(tuple(At(f"Control {ord(c):04X} here", f"U+{ord(c):04X}") for c in CONTROLS)),
    ),
    Case(
        "escaped-controls",
        "controls written as YAML escapes",
        variant(setter("lessons.0.title", "Bellzz\a escape\x1b")),
        Refused((At("Bellzz", "control character U+0007", "lessons[0].title"),)),
    ),
    Case(
        "escaped-nonchar",
        'U+FFFE written as "\\uFFFE" (crashed the Office writers)',
        edited(lambda t: t.replace("title: ", 'title: "x\\uFFFE" # ', 1)),
        Refused((At("x\\uFFFE", "U+FFFE", "meta.title"),)),
    ),
    Case(
        "lone-surrogate-escaped",
        'a lone surrogate written as "\\uD800"',
        edited(lambda t: t.replace("title: ", 'title: "x\\uD800" # ', 1)),
        Refused((At("x\\uD800", ""),)),  # libyaml: an invalid escape; PyYAML: control character U+D800
    ),
    Case(
        "lone-surrogate-raw",
        "a lone surrogate encoded into the file",
        edited(lambda t: t.replace("title: ", "title: x\ud800 ", 1)),
        Refused((At("title: x", "not UTF-8"),)),
    ),
    # -- assets
    Case(
        "image-inside",
        "a real PNG inside the project",
        with_files(variant(image("pic.png")), pic__png=file_of(png())),
        Builds(),
    ),
    Case(
        "image-absolute",
        "an absolute path",
        variant(image("/etc/hostname")),
        Refused((At("/etc/hostname", "absolute paths", "images[0].path"),)),
    ),
    Case(
        "image-windows",
        "Windows drive and UNC paths",
        variant(image("C:\\\\Windows\\\\x.png")),
        Refused((At("C:", "absolute paths", "images[0].path"),)),
    ),
    Case(
        "image-dotdot",
        "a path that climbs out with ..",
        variant(image("../../etc/passwd")),
        Refused((At("../../etc/passwd", "outside the project", "images[0].path"),)),
    ),
    Case(
        "image-symlink-out",
        "a symlink inside the project pointing out",
        with_files(variant(image("link.png")), link__png=symlink_out),
        Refused((At("link.png", "outside the project", "images[0].path"),)),
    ),
    Case(
        "image-url",
        "a URL",
        variant(image("https://example.org/x.png")),
        Refused((At("https://example.org/x.png", "URLs are not allowed", "images[0].path"),)),
    ),
    Case(
        "image-data-url",
        "a data: URL",
        variant(image("data:image/png;base64,iVBORw0KGgo=")),
        Refused((At("data:image", "URLs are not allowed", "images[0].path"),)),
    ),
    Case(
        "image-not-an-image",
        "a text file named .png",
        with_files(variant(image("notes.png")), notes__png=file_of(b"not an image\n")),
        Refused((At("notes.png", "not a PNG or JPEG", "images[0].path"),)),
    ),
    Case(
        "image-pixel-bomb",
        "a PNG claiming 100,000 x 100,000 pixels",
        with_files(variant(image("bomb.png")), bomb__png=file_of(png(100_000, 100_000))),
        Refused((At("bomb.png", "pixels; the limit", "images[0].path"),)),
    ),
    Case(
        "image-huge-file",
        "a 30 MB image file",
        with_files(variant(image("huge.png")), huge__png=sparse(30_000_000, png())),
        Refused((At("huge.png", "the limit is 20,971,520", "images[0].path"),)),
    ),
    Case(
        "image-damaged",
        "a PNG cut short",
        with_files(variant(image("cut.png")), cut__png=file_of(png()[:40])),
        Refused((At("cut.png", "damaged image", "images[0].path"),)),
    ),
    Case(
        "image-corrupt-exif",
        "a JPEG whose EXIF block points 2 GB past its end (python-docx failed on it, naming no image)",
        with_files(variant(image("exif.jpg")), exif__jpg=file_of(jpeg_with_bad_exif())),
        Refused((At("exif.jpg", "damaged image: corrupt EXIF data", "images[0].path"),), only=True),
    ),
    Case(
        "image-pipe",
        "a named pipe where an image belongs",
        with_files(variant(image("pipe.png")), pipe__png=lambda p: os.mkfifo(p)),
        Refused((At("pipe.png", "no such file", "images[0].path"),)),
    ),
    Case(
        "logo-outside",
        "a theme logo outside the project",
        variant(setter("theme", {"logo": "../logo.png"})),
        Refused((At("../logo.png", "outside the project", "theme.logo"),)),
    ),
    # -- YAML attacks
    Case(
        "alias-bomb",
        "a billion laughs",
        edited(
            lambda t: (
                t
                + "bomb:\n"
                + "".join(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 10)}]\n" for i in range(10))
            )
        ),
        Refused((At(None, "through aliases"),), only=True),
    ),
    Case(
        "foreign-tags",
        "python, binary and custom tags",
        edited(
            lambda t: t.replace("title: ", "title: !!python/object/apply:os.system [ls] # ", 1).replace(
                "institution: ", "institution: !secret ", 1
            )
        ),
        Refused((At("!!python", "not allowed", "meta.title"), At("!secret", "not allowed", "meta.institution"))),
    ),
    Case(
        "binary-tag",
        "a !!binary value",
        edited(lambda t: t.replace("title: ", "title: !!binary aGVsbG8= # ", 1)),
        Refused((At("!!binary", "not allowed", "meta.title"),)),
    ),
    Case(
        "merge-key",
        "YAML merge keys",
        edited(lambda t: t.replace("protagonist:\n", "protagonist:\n  <<: {born: {date: 1969}}\n", 1)),
        Refused((At("<<", "merge keys"),)),
    ),
    Case(
        "duplicate-key",
        "a key written twice",
        edited(lambda t: t.replace("meta:\n", "meta:\n  title: First\n", 1)),
        Refused((At(3, "duplicate key 'title'", "meta.title"),)),
    ),
    Case(
        "deep-nesting",
        "lists nested 100 deep",
        edited(lambda t: t + "deep:\n" + "".join("  " * i + "-\n" for i in range(1, 100))),
        Refused((At(None, "nested more than 24 levels"),)),
    ),
    Case(
        "deep-flow",
        "10,000 '[' in flow style",
        raw(b"meta: " + b"[" * 10_000),
        Refused((At(1, "nested more than 24 levels"),)),
    ),
    Case("not-a-mapping", "a list at the top", raw(b"- a\n- b\n"), Refused((At(1, "expected a mapping"),))),
    Case(
        "syntax-error",
        "broken YAML",
        edited(lambda t: t.replace("meta:\n", "meta: [\n", 1)),
        Refused((At(None, "invalid YAML"),)),
    ),
    # -- files that are not outlines
    Case("file-60mb", "a 60 MB file", lambda p: _big(p / "case.yaml"), Refused((At(1, "the limit is 8,388,608"),))),
    Case(
        "file-latin1",
        "bytes that are not UTF-8",
        raw("meta:\n  title: Café\n".encode("latin-1")),
        Refused((At(2, "not UTF-8 text (byte 0xe9)"),)),
    ),
    Case("file-utf16", "a UTF-16 file", raw("meta:\n  title: x\n".encode("utf-16")), Refused((At(1, "not UTF-8"),))),
    Case("file-empty", "an empty file", raw(b""), Refused((At(1, "the outline is empty"),))),
    Case("file-blank", "only spaces and newlines", raw(b"  \n\n \t\n"), Refused((At(1, "the outline is empty"),))),
    Case("file-comments", "only comments", raw(b"# a\n# b\n"), Refused((At(1, "holds only comments"),))),
    Case(
        "file-binary", "random bytes", raw(lambda: random.Random(7).randbytes(4096)), Refused((At(None, "not UTF-8"),))
    ),
    Case(
        "file-executable",
        "the start of the Python executable",
        raw(lambda: Path(sys.executable).read_bytes()[:65536]),
        Refused((At(None, "not UTF-8"),)),
    ),
    Case("file-nul", "NUL bytes in UTF-8 text", raw(b"meta:\n  title: a\x00b\n"), Refused((At(2, "U+0000"),))),
    Case(
        "file-pipe",
        "a named pipe instead of a file",
        lambda p: _fifo(p / "case.yaml"),
        Refused((At(1, "not a regular file"),)),
    ),
    # -- extends
    Case("extends-cycle", "a -> b -> a", lambda p: _cycle(p), Refused((At(1, "extends cycle", file="b.yaml"),))),
    Case(
        "extends-self",
        "an outline extending itself",
        extends("case.yaml"),
        Refused((At("case.yaml", "extends cycle"),)),
    ),
    Case(
        "extends-climbs-out",
        "extends ../",
        extends("../../base.yaml"),
        Refused((At("../../base.yaml", "outside the project", "extends"),)),
    ),
    Case(
        "extends-absolute",
        "extends /etc/passwd",
        extends("/etc/passwd"),
        Refused((At("/etc/passwd", "absolute paths"),)),
    ),
    Case(
        "extends-url",
        "extends a URL",
        extends("https://example.org/c.yaml"),
        Refused((At("https", "URLs are not allowed"),)),
    ),
    Case(
        "extends-missing",
        "extends a file that is not there",
        extends("gone.yaml"),
        Refused((At("gone.yaml", "no such file"),)),
    ),
    Case(
        "extends-binary",
        "extends a PNG",
        with_files(extends("pic.png"), pic__png=file_of(png())),
        Refused((At(1, "not UTF-8", file="pic.png"),)),
    ),
    Case(
        "extends-chain-9",
        "nine outlines extending each other",
        chain(9),
        Refused((At(1, "more than 8 outlines", file="c7.yaml"),)),
    ),
    Case("extends-chain-3", "three outlines extending each other", chain(2), Builds()),
    Case("extends-overlay", "an overlay changes the audience", extends("base.yaml"), Builds()),
]


def _big(path: Path) -> Path:
    sparse(60_000_000, b"meta:\n")(path)
    return path


def _plain(text: str, key: str, value: str) -> str:
    """Replace the value on the first line starting with `key` by `value`, written plain (unquoted)."""
    start = text.index("\n" + key) + 1 + len(key)
    return text[:start] + value + text[text.index("\n", start) :]


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _cycle(project: Path) -> Path:
    _write(project, "b.yaml", "extends: case.yaml\n")
    return _write(project, "case.yaml", "extends: b.yaml\n" + dump(small_data()))


# ---------------------------------------------------------------- running them


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, the working folder, so problem lines name `case.yaml`."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "casestudy.project").write_text("")
    monkeypatch.chdir(root)
    return root


def test_the_corpus_is_big_enough_and_unique():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def _params(cases: list[Case]) -> list:
    """Each case as a pytest parameter; a known bug makes it a strict xfail, so a fix is noticed at once."""
    return [
        pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.bug)] if c.bug else []) for c in cases
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_hostile_outline(case: Case, project: Path, tmp_path: Path):
    formats = built_formats() if isinstance(case.expect, Builds) else DEFAULT_FORMATS
    if not formats:
        pytest.skip("no renderer has landed yet")
    outline = case.make(project)
    outcome = run_build(outline, tmp_path / "out", formats, BOUND)
    texts = assert_contract(outcome, formats)
    if isinstance(case.expect, Builds):
        assert outcome.code == 0, outcome.stderr
        shown = {fmt: text for fmt, text in texts.items() if fmt in case.expect.shown_in}
        for text in case.expect.texts:
            assert not missing_text(shown, text), f"{text[:80]!r} missing from {missing_text(shown, text)}"
    else:
        assert outcome.code == 2, outcome.stderr
        _assert_problems(case.expect, outcome, project)


def _assert_problems(expect: Refused, outcome, project: Path) -> None:
    found = [m.groupdict() for m in outcome.problems]
    for at in expect.problems:
        line = at.anchor if isinstance(at.anchor, (int, type(None))) else _line_of(project / at.file, at.anchor)
        hits = [
            p
            for p in found
            if p["file"] == at.file
            and line in (None, int(p["line"]))
            and at.message in p["message"]
            and at.path in (None, p["path"])
        ]
        assert hits, f"expected {at.file}:{line}: {at.path}: ...{at.message}... in:\n{outcome.stderr}"
    if expect.only:
        assert len(found) == len(expect.problems), outcome.stderr
    assert len(found) <= MAX_PROBLEMS + 1, "at most 100 problems and a line saying more were left out"


def _line_of(path: Path, anchor: str) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.count("\n", 0, text.index(anchor)) + 1


PURE_PYTHON_BYTES = 256 * 1024  # the pure-Python parser takes about a second for this; larger files only slow CI


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_same_problems_with_and_without_libyaml(case: Case, project: Path, monkeypatch: pytest.MonkeyPatch):
    """PyYAML with libyaml and without it (a pure-Python install) report every outline alike."""
    outline = case.make(project)
    if outline.is_file() and outline.stat().st_size > PURE_PYTHON_BYTES:
        pytest.skip("too large for the pure-Python parser in CI time")
    found = {}
    for loader in ("CSafeLoader", "SafeLoader"):
        if not hasattr(yaml, loader):
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(yamlsafe, "_LOADER", getattr(yaml, loader))
        try:
            load_outline(outline)
            found[loader] = []
        except OutlineError as exc:
            found[loader] = [str(p) for p in exc.problems]
    assert found["CSafeLoader"] == found["SafeLoader"]


# Refused for their types or counts, which JSON Schema can say too (the rest are references, files
# and YAML the schema cannot see).
SCHEMA_REFUSES = {
    "paragraph-50000",
    "lessons-30",
    "sections-empty",
    "title-over-limit",
    "names-over-limit",
    "wrong-type-everywhere",
    "wrong-type-sections",
    "wrong-type-meta",
    "missing-required",
    "meta-empty",
    "bad-date",
    "not-a-mapping",
}


@pytest.mark.parametrize(
    "case", [c for c in CASES if isinstance(c.expect, Builds) or c.id in SCHEMA_REFUSES], ids=lambda c: c.id
)
def test_the_schema_agrees_with_the_loader(case: Case, project: Path):
    """An editor's schema check accepts every outline that builds and refuses the ones with type errors."""
    outline = case.make(project)
    errors = schema_errors(outline.read_text(encoding="utf-8-sig"))
    assert (errors == []) == isinstance(case.expect, Builds), errors

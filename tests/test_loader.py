"""The loader: every broken outline gives FILE:LINE:COL: PATH: message, all at once."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from conftest import MINIMAL_CASE, SUMMARY

from casestudy.errors import OutlineError
from casestudy.loader import load_outline

BOMB = "bomb:\n" + "".join(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 10)}]\n" for i in range(10))


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A PNG whose header claims width x height (the pixel data is one tiny row)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(min(height, 2)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def edit(old: str, new: str):
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return apply


def append(extra: str):
    return lambda text: text + extra


DECISION_OPTION = "{id: go, title: Go, description: Go on.}"


def image(path: str) -> str:
    return f"images:\n  - id: pic\n    path: {path}\n    caption: A picture\n    alt: A picture\n"


# (id, change to MINIMAL_CASE, expected [(anchor text, path, message part)]); the anchor's first
# occurrence in the changed outline gives the expected line and column.
CASES = [
    # -- type errors and reference problems come in the same round
    (
        "type-and-reference",
        lambda t: edit("session_minutes: 60", "session_minutes: sixty")(edit("Text [@src]", "Text [@srcc]")(t)),
        [("sixty", "meta.session_minutes", "whole number"), ("Text [@srcc]", "sections[0].paragraphs[0]", "[@srcc]")],
    ),
    (
        "broken-source-is-still-known",
        edit("    title: Profile\n", "    title: Profile\n    date: someday\n"),
        [("someday", "sources[0].date", "expected a date")],
    ),
    (
        "reference-after-an-unreadable-item",
        lambda t: edit("sections:\n", "sections:\n  - just text\n")(edit("Text [@src]", "Text [@nope]")(t)),
        [("just text", "sections[0]", "expected a mapping"), ("Text [@nope]", "sections[1].paragraphs[0]", "[@nope]")],
    ),
    ("missing-field", edit("  title: Case\n", ""), [("case_id", "meta.title", "field required")]),
    (
        "wrong-type",
        edit("session_minutes: 60", "session_minutes: sixty"),
        [("sixty", "meta.session_minutes", "whole number")],
    ),
    (
        "unknown-key-hint",
        edit("  audience:", "  titel: X\n  audience:"),
        [("titel", "meta.titel", "did you mean 'title'?")],
    ),
    ("unknown-top-key", append("lesons: []\n"), [("lesons", "lesons", "did you mean 'lessons'?")]),
    (
        "duplicate-key",
        edit("  case_id:", "  title: Again\n  case_id:"),
        [("title: Again", "meta.title", "duplicate key 'title' (first written at line 2)")],
    ),
    (
        "python-tag",
        edit("title: Case", "title: !!python/object/apply:os.system [ls]"),
        [("!!python", "meta.title", "not allowed")],
    ),
    ("custom-tag", edit("title: Case", "title: !secret Case"), [("!secret", "meta.title", "not allowed")]),
    ("merge-key", edit("  name: Ana", "  <<: {name: Ana}"), [("<<", "protagonist.<<", "merge keys")]),
    ("bad-colour", append("theme:\n  colours:\n    primary: red\n"), [("red", "theme.colours.primary", "#RRGGBB")]),
    ("bad-page-size", append("theme:\n  page_size: A5\n"), [("A5", "theme.page_size", "'A4' or 'Letter'")]),
    (
        "unknown-citation",
        edit("Text [@src].", "Text [@nope]."),
        [("Text [@nope]", "sections[0].paragraphs[0]", "unknown source [@nope]")],
    ),
    (
        "unknown-exhibit-ref",
        edit("Text [@src].", "See [#chart]."),
        [("See [#chart]", "sections[0].paragraphs[0]", "unknown exhibit [#chart]")],
    ),
    (
        "unknown-pull-quote",
        edit("    heading: Offer", "    heading: Offer\n    pull_quote: q9"),
        [("q9", "sections[0].pull_quote", "unknown quote id 'q9'")],
    ),
    (
        "minutes-mismatch",
        edit("minutes: 40", "minutes: 45"),
        [("- title: Open", "teaching_note.class_plan", "add up to 65 minutes but meta.session_minutes is 60")],
    ),
    (
        "segment-questions-overrun",
        lambda t: edit("    question: Accept?\n", "    question: Accept?\n    minutes: 25\n")(
            edit("      minutes: 20\n", "      minutes: 20\n      covers: [q1, summary]\n")(t)
        ),
        [("title: Open", "teaching_note.class_plan[0]", "take 25 minutes (q1 25) but the segment has 20")],
    ),
    (
        "questions-overrun-session",
        edit("    question: Accept?\n", "    question: Accept?\n    minutes: 61\n"),
        [("- id: q1", "questions", "the questions take 61 minutes in all but meta.session_minutes is 60")],
    ),
    ("bad-date", edit("date: 2026-01-15", "date: 2026-02-30"), [("2026-02-30", "meta.date", "date")]),
    (
        "bad-language",
        edit("  audience:", "  language: english please\n  audience:"),
        [("english please", "meta.language", "expected an id")],
    ),
    (
        "duplicate-id",
        edit(
            "lessons:\n",
            "lessons:\n  - id: l1\n    title: Twin\n    what_they_did: a\n    for_your_company: b\n    reflection: c\n",
        ),
        [("l1\n    title: Scale", "lessons[1].id", "duplicate id 'l1'")],
    ),
    (
        "too-many-objectives",
        edit("objectives: [Decide.]", "objectives: [" + ", ".join(["Decide."] * 13) + "]"),
        [("[Decide.", "teaching_note.objectives", "at most 12 items, got 13")],
    ),
    (
        "objectives-moved",
        append("objectives: [Old.]\n"),
        [("objectives: [Old.]", "objectives", "instructor material: write them under teaching_note.objectives")],
    ),
    (
        "set-after-written",
        edit("  date: 2026-01-15\n", "  date: 2026-01-15\n  set_in: 2026-03\n"),
        [("2026-03", "meta.set_in", "set after it was written (meta.date is 2026-01-15)")],
    ),
    (
        "milestone-after-set",
        lambda t: (
            edit("  date: 2026-01-15\n", "  date: 2026-01-15\n  set_in: 2025-04\n")(t)
            + "journey:\n  - {date: 2025-04-30, title: Same month}\n  - {date: 2025-05, title: Later}\n"
        ),
        [("2025-05", "journey[1].date", "after the date the case is set at (meta.set_in: 2025-04)")],
    ),
    (
        "decision-one-option",
        append(f"decision:\n  question: Go?\n  decider: Ana.\n  options: [{DECISION_OPTION}]\n  constraints: [X]\n"),
        [("[{id: go", "decision.options", "at least 2 items, got 1")],
    ),
    (
        "decision-duplicate-option",
        append(
            f"decision:\n  question: Go?\n  decider: Ana.\n  options:\n    - {DECISION_OPTION}\n"
            "    - {id: go, title: Stop, description: Stop.}\n  constraints: [Cash.]\n"
        ),
        [("go, title: Stop", "decision.options[1].id", "duplicate id 'go'")],
    ),
    (
        "decision-missing-decider",
        append(
            f"decision:\n  question: Go?\n  options: [{DECISION_OPTION}, {{id: no, title: No, description: Stop.}}]\n"
            "  constraints: [Cash.]\n"
        ),
        [("question: Go?", "decision.decider", "field required")],
    ),
    ("control-escape", edit("title: Case", 'title: "Ca\\x07se"'), [('"Ca', "meta.title", "control character U+0007")]),
    (
        "control-raw",
        edit("audience: Managers", "audience: Man\x1bagers"),
        [("\x1bagers", "meta.audience", "control character U+001B")],
    ),
    (
        "link-to-file",
        edit("Text [@src].", "Read [this](file:///etc/passwd) [@src]."),
        [("Read [this]", "sections[0].paragraphs[0]", "must start with http")],
    ),
    ("unknown-label", append("labels:\n  questoins: Q\n"), [("Q\n", "labels.questoins", "did you mean 'questions'?")]),
    (
        "label-placeholder",
        append("labels:\n  page_of: Page {pg}\n"),
        [("Page {pg}", "labels.page_of", "unknown placeholder {pg}")],
    ),
    ("short-summary", edit(SUMMARY, "Too short."), [("Too short.", "summary", "has 2 words")]),
    ("syntax-error", edit("  name: Solara", "  name: [Solara"), [("", "(syntax)", "invalid YAML")]),
    ("missing-image", append(image("nothere.png")), [("nothere.png", "images[0].path", "no such file")]),
    ("url-image", append(image("https://example.org/x.png")), [("https://", "images[0].path", "URLs are not allowed")]),
    ("absolute-image", append(image("/etc/hostname")), [("/etc/hostname", "images[0].path", "absolute paths")]),
    ("image-outside", append(image("../outside.png")), [("../outside.png", "images[0].path", "outside the project")]),
    ("symlink-out", append(image("link.png")), [("link.png", "images[0].path", "outside the project")]),
    ("not-an-image", append(image("notes.png")), [("notes.png", "images[0].path", "not a PNG or JPEG")]),
    ("pixel-bomb", append(image("bomb.png")), [("bomb.png", "images[0].path", "pixels; the limit")]),
    (
        "logo-outside",
        append("theme:\n  logo: ../outside.png\n"),
        [("../outside.png", "theme.logo", "outside the project")],
    ),
    (
        "several-at-once",
        lambda t: t.replace("session_minutes: 60", "session_minutes: x").replace("  name: Ana", "  nam: Ana"),
        [
            ("x\n", "meta.session_minutes", "whole number"),
            ("nam:", "protagonist.nam", "did you mean 'name'?"),
            ("nam:", "protagonist.name", "field required"),
        ],
    ),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the files the image cases name, and one file outside it."""
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.png").write_bytes(png_bytes())
    (root / "link.png").symlink_to(tmp_path / "outside.png")
    (root / "notes.png").write_text("not an image")
    (root / "bomb.png").write_bytes(png_bytes(100_000, 100_000))
    return root


def problems_of(path: Path) -> list[str]:
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    return [str(p) for p in info.value.problems]


def location(text: str, anchor: str) -> tuple[int, int]:
    index = text.index(anchor)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize("change, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_outline_reports_every_problem_at_its_place(project, change, expected, monkeypatch):
    monkeypatch.chdir(project)
    text = change(MINIMAL_CASE)
    (project / "case.yaml").write_text(text, encoding="utf-8")
    got = problems_of(project / "case.yaml")
    assert len(got) == len(expected), got
    for (anchor, path, message), line in zip(sorted(expected, key=lambda e: location(text, e[0])), got, strict=True):
        if anchor:
            row, col = location(text, anchor)
            assert line.startswith(f"case.yaml:{row}:{col}: {path}: "), line
        else:
            assert line.startswith("case.yaml:") and f": {path}: " in line, line
        assert message in line


def test_a_teaching_case_loads_its_date_decision_and_epilogue(tmp_path):
    dated = "  date: 2026-01-15\n  set_in: 2025-04\n  lessons_in_case: true\n"
    text = edit("  date: 2026-01-15\n", dated)(MINIMAL_CASE)
    text = edit("  class_plan:\n", "  epilogue:\n    - It went well [@src].\n  class_plan:\n")(text)
    text += (
        "decision:\n  question: Go?\n  decider: Ana [@src].\n  deadline: April.\n"
        f"  options:\n    - {DECISION_OPTION}\n    - {{id: stop, title: Stop, description: Stop.}}\n"
        "  constraints: [Cash.]\n"
    )
    (tmp_path / "case.yaml").write_text(text)
    case = load_outline(tmp_path / "case.yaml").case
    assert str(case.meta.set_at) == "2025-04" and case.meta.lessons_in_case
    assert [o.id for o in case.decision.options] == ["go", "stop"] and case.decision.decider.plain == "Ana ."
    assert [p.plain for p in case.teaching_note.epilogue] == ["It went well ."]
    assert str(load_outline(write(tmp_path, "plain.yaml", MINIMAL_CASE)).case.meta.set_at) == "2026-01-15"


def test_minimal_outline_is_valid(tmp_path):
    (tmp_path / "case.yaml").write_text(MINIMAL_CASE)
    assert load_outline(tmp_path / "case.yaml").case.meta.title == "Case"


def test_strings_come_through_as_written(tmp_path):
    text = MINIMAL_CASE.replace("title: Case", "title: no").replace("case_id: C-1", "case_id: 010")
    (tmp_path / "case.yaml").write_text(text.replace("name: Ana", "name: Cafe\u0301"))
    case = load_outline(tmp_path / "case.yaml").case
    assert (case.meta.title, case.meta.case_id) == ("no", "010")
    assert case.protagonist.name == "Caf\u00e9"  # normalised to NFC


def test_alias_bomb_is_refused_in_milliseconds(tmp_path):
    (tmp_path / "case.yaml").write_text(MINIMAL_CASE + BOMB)
    start = time.perf_counter()
    got = problems_of(tmp_path / "case.yaml")
    assert time.perf_counter() - start < 1.0
    assert len(got) == 1 and "expands to more than 10,000 values through aliases" in got[0]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the outline is empty"),
        (b"meta:\n  title: Caf\xe9\n", "not UTF-8"),
        (b"\x00\x01\x02binary" * 10, "control character"),
        (("a:\n" + "".join("  " * i + "- \n" for i in range(1, 60))).encode(), "nested more than 24 levels"),
        (b"- just\n- a list\n", "expected a mapping"),
    ],
    ids=["empty", "latin-1", "binary", "deep", "not-a-mapping"],
)
def test_unreadable_files(tmp_path, content, message):
    (tmp_path / "case.yaml").write_bytes(content)
    got = problems_of(tmp_path / "case.yaml")
    assert any(message in line and line.startswith(str(tmp_path / "case.yaml") + ":") for line in got), got


def test_file_size_limit(tmp_path):
    (tmp_path / "case.yaml").write_text(MINIMAL_CASE + "# " + "x" * 9_000_000)
    assert "the limit is 8,388,608" in problems_of(tmp_path / "case.yaml")[0]


# ---------------------------------------------------------------- extends


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_overlay_merges_by_id_and_replaces_other_lists(tmp_path):
    write(tmp_path, "base.yaml", MINIMAL_CASE)
    overlay = write(
        tmp_path,
        "class.yaml",
        "extends: base.yaml\nmeta:\n  audience: Board\nquestions:\n  - id: q1\n    remove: true\n"
        "  - id: q2\n    question: Who decides?\nteaching_note:\n  objectives: [Vote.]\n",
    )
    case = load_outline(overlay).case
    assert case.meta.audience == "Board" and case.meta.title == "Case"
    assert [q.id for q in case.questions] == ["q2"]
    assert [o.plain for o in case.teaching_note.objectives] == ["Vote."]
    assert [s.title for s in case.teaching_note.class_plan] == ["Open", "Discuss"]  # merged key by key


def test_error_in_overlay_is_reported_at_the_overlay_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yaml", MINIMAL_CASE)
    write(tmp_path, "class.yaml", "extends: base.yaml\nmeta:\n  session_minutes: many\n")
    assert problems_of(tmp_path / "class.yaml") == ["class.yaml:3:20: meta.session_minutes: expected a whole number"]


def test_error_in_base_is_reported_at_the_base_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yaml", MINIMAL_CASE.replace("session_minutes: 60", "session_minutes: many"))
    write(tmp_path, "class.yaml", "extends: base.yaml\nmeta:\n  audience: Board\n")
    assert problems_of(tmp_path / "class.yaml") == ["base.yaml:8:20: meta.session_minutes: expected a whole number"]


def test_removing_an_unknown_id_is_an_error_at_the_overlay(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "base.yaml", MINIMAL_CASE)
    write(tmp_path, "class.yaml", "extends: base.yaml\nlessons:\n  - id: l9\n    remove: true\n")
    assert problems_of(tmp_path / "class.yaml") == ["class.yaml:3:5: lessons[0].id: no item with id 'l9' to remove"]


def test_extends_cycle(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.yaml", "extends: b.yaml\n" + MINIMAL_CASE)
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    assert problems_of(tmp_path / "a.yaml") == ["b.yaml:1:10: extends: extends cycle: a.yaml -> b.yaml -> a.yaml"]


def test_extends_cannot_climb_out_of_the_project(tmp_path):
    write(tmp_path, "base.yaml", MINIMAL_CASE)
    overlay = write(tmp_path, "project/class.yaml", "extends: ../base.yaml\n")
    assert "leads outside the project folder" in problems_of(overlay)[0]


def test_project_marker_widens_the_project(tmp_path):
    write(tmp_path, "casestudy.project", "")
    write(tmp_path, "base.yaml", MINIMAL_CASE)
    overlay = write(tmp_path, "examples/class.yaml", "extends: ../base.yaml\n")
    assert load_outline(overlay).case.meta.title == "Case"


def test_image_inside_the_project_is_accepted(project):
    (project / "pic.png").write_bytes(png_bytes(4, 3))
    (project / "case.yaml").write_text(MINIMAL_CASE + image("pic.png"))
    loaded = load_outline(project / "case.yaml")
    assert loaded.images == {"pic": (project / "pic.png").resolve()}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "case.yaml", MINIMAL_CASE)
    path.chmod(0)
    assert "cannot read the file" in problems_of(path)[0]

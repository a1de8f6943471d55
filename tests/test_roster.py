"""Rosters: participants with unique slugs, every mistake as FILE:LINE, one handout each."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import pytest

from casestudy import cli
from casestudy.build import build
from casestudy.errors import OutlineError
from casestudy.options import Participant, RenderOptions
from casestudy.renderers import get_renderer
from casestudy.renderers.ooxml import normalise_zip
from casestudy.resources import default_outline
from casestudy.roster import read_roster, slug_of, unique_slugs

NAMES = ["Ana Ruiz", "José Núñez", "Jose Nunez", "雷军", "Ana Ruiz", "O'Brien, Mary", "Zoë Ødegård", "雷军"]


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def roster_of(names: list[str], cohort: str = "EMBA 2026") -> str:
    rows = "".join(f'"{n}",{cohort}\n' for n in names)
    return f"Name,Cohort\n{rows}\n"  # with the empty trailing line spreadsheets write


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ana Ruiz", "ana-ruiz"),
        ("José  Núñez", "jose-nunez"),
        ("O'Brien, Mary", "o-brien-mary"),
        ("Zoë Ødegård", "zoe-degard"),  # Ø has no decomposition: dropped, not a crash
        ("  --Ana--  ", "ana"),
        ("A" * 80, "a" * 40),
    ],
    ids=["plain", "accents", "punctuation", "no-decomposition", "dashes", "long"],
)
def test_slug_of_latin_names(name, slug):
    assert slug_of(name) == slug


def test_non_latin_names_get_a_stable_fallback():
    slug = slug_of("雷军")
    assert slug.startswith("participant-") and slug.isascii() and slug == slug_of("雷军")
    assert slug != slug_of("小米")


def test_equal_names_are_two_people_with_numbered_slugs():
    slugs = unique_slugs([Participant(n) for n in NAMES])
    assert slugs[:3] == ["ana-ruiz", "jose-nunez", "jose-nunez-2"]
    assert slugs[4] == "ana-ruiz-2" and slugs[7] == f"{slugs[3]}-2"
    assert len(set(slugs)) == len(NAMES)


def test_roster_reads_names_cohorts_bom_and_any_header_case(tmp_path):
    path = write(tmp_path, "\ufeffNAME,cohort,email\nAna Ruiz,EMBA 2026,a@x\n\n雷军,,l@x\n\n\n")
    entries = read_roster(path)
    assert [e.participant for e in entries] == [Participant("Ana Ruiz", "EMBA 2026"), Participant("雷军", None)]
    assert [e.slug for e in entries] == ["ana-ruiz", slug_of("雷军")]


def test_roster_without_cohort_column(tmp_path):
    assert read_roster(write(tmp_path, "name\nAna\n"))[0].participant == Participant("Ana")


@pytest.mark.parametrize(
    ("content", "messages"),
    [
        (
            "email,cohort\na@x,1\n",
            [
                "roster.csv:1: no `name` column in the header (found: 'email', 'cohort'); "
                "separate columns with commas, semicolons or tabs"
            ],
        ),
        ("", ["roster.csv:1: the roster is empty; expected a header row with a `name` column"]),
        ("name,cohort\nAna,1\n ,2\nBo,3\n,4\n", ["roster.csv:3: the name is empty", "roster.csv:5: the name is empty"]),
        (
            "name,cohort\nRuiz, Ana,1\n",
            ["roster.csv:2: 3 fields but the header has 2; put a name that holds a comma in double quotes"],
        ),
        (b"name\nAna\nJos\xe9\n", ["roster.csv:3: not UTF-8 text; save the roster as 'CSV UTF-8' (byte 0xE9)"]),
        (
            b"\xef\xbb\xbfname\nAna\n\xff\n",
            ["roster.csv:3: not UTF-8 text; save the roster as 'CSV UTF-8' (byte 0xFF)"],
        ),
    ],
    ids=["no-name-column", "empty-file", "empty-names", "too-many-fields", "latin-1", "bad-byte-after-bom"],
)
def test_roster_mistakes_are_reported_by_line(tmp_path, content, messages):
    path = write(tmp_path, content)
    with pytest.raises(OutlineError) as caught:
        read_roster(path)
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path}/{m}" for m in messages]


@pytest.mark.parametrize("separator", [";", "\t", ","], ids=["semicolon-excel-europe", "tab", "comma"])
def test_the_separator_is_the_one_the_header_uses(tmp_path, separator):
    text = f'Name{separator}Cohort\n"Ruiz, Ana"{separator}EMBA 2026\nBo{separator}\n'
    entries = read_roster(write(tmp_path, "\ufeff" + text))
    assert [e.participant for e in entries] == [Participant("Ruiz, Ana", "EMBA 2026"), Participant("Bo")]


def test_a_roster_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:  # 10 MB that cost no disk: the size alone must refuse it
        fh.write(b"name\n")
        fh.truncate(10_000_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(OutlineError, match="10,000,000 bytes; the limit is 2,097,152"):
        read_roster(path)


def test_more_rows_than_the_limit_stop_at_the_first_row_past_it(tmp_path):
    path = write(tmp_path, "name\n" + "".join(f"P{i}\n" for i in range(6000)))
    with pytest.raises(OutlineError) as caught:
        read_roster(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:5002: more than 5,000 participants; the limit is 5,000"]


def test_cli_reports_roster_mistakes_with_exit_code_2(tmp_path, capsys):
    path = write(tmp_path, "name,cohort\nAna,1\n\n,x\n")
    assert cli.main(["build", "--format", "docx", "--roster", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"{path}:4: the name is empty"
    assert not (tmp_path / "out").exists()  # nothing is built from a broken roster


def test_thirty_participants_get_thirty_handouts_with_their_names(tmp_path, capsys):
    names = [*(NAMES * 4)[:29], "Ana Ruiz"]
    roster = write(tmp_path, roster_of(names))
    out = tmp_path / "out"
    assert cli.main(["build", "--format", "docx", "--roster", str(roster), "--out", str(out), "--jobs", "2"]) == 0
    handouts = sorted((out / "handouts").glob("*.docx"))
    assert len(handouts) == 30
    assert (out / "lei-jun-xiaomi-handout.docx").exists()  # the format asked for is built too
    printed = capsys.readouterr().out
    assert printed.count("/handouts/lei-jun-xiaomi-handout-") == 30
    headers = {}
    for entry in read_roster(roster):
        path = out / "handouts" / f"lei-jun-xiaomi-handout-{entry.slug}.docx"
        xml = zipfile.ZipFile(path).read("word/header1.xml").decode("utf-8")
        assert f"<w:t>{entry.participant.name.replace(chr(39), '&apos;')}" in xml or entry.participant.name in xml
        assert "Cohort EMBA 2026" in xml
        headers[entry.slug] = xml
    assert len(set(headers.values())) == len(set(names))  # equal names, equal headers; the rest differ


def test_instructor_handouts_never_lie_beside_the_participant_copies(tmp_path):
    """Handing out the `handouts` folder must never hand out suggested answers."""
    roster = write(tmp_path, "name\n雷军\n")
    report = build([default_outline()], tmp_path, (), ("participant", "instructor"), participants=read_roster(roster))
    slug = slug_of("雷军")
    assert [b.path.relative_to(tmp_path).as_posix() for b in report.built] == [
        f"handouts/lei-jun-xiaomi-handout-{slug}.docx",
        f"instructor-handouts/lei-jun-xiaomi-handout-{slug}-instructor.docx",
    ]
    assert sorted(p.name for p in (tmp_path / "handouts").iterdir()) == ["index.csv", report.built[0].path.name]
    with zipfile.ZipFile(io.BytesIO(report.built[1].path.read_bytes())) as docx_zip:
        header = docx_zip.read("word/header1.xml").decode("utf-8")
        assert "雷军 · Cohort" not in header and "雷军" in header and "Instructor only" in header


def test_index_csv_says_whose_handout_each_file_is(tmp_path):
    roster = write(tmp_path, 'name;cohort\nAna Ruiz;EMBA\n=HYPERLINK("x");\n雷军;EMBA\n')
    out = tmp_path / "out"
    assert cli.main(["build", "--format", "docx", "--roster", str(roster), "--out", str(out), "--jobs", "2"]) == 0
    raw = (out / "handouts" / "index.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # so that a spreadsheet reads the names as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    slugs = [e.slug for e in read_roster(roster)]
    assert rows == [
        ["file", "name", "cohort"],
        [f"lei-jun-xiaomi-handout-{slugs[0]}.docx", "Ana Ruiz", "EMBA"],
        [f"lei-jun-xiaomi-handout-{slugs[1]}.docx", '\'=HYPERLINK("x")', ""],  # text, never a formula
        [f"lei-jun-xiaomi-handout-{slugs[2]}.docx", "雷军", "EMBA"],
    ]
    assert all((out / "handouts" / row[0]).is_file() for row in rows[1:])
    assert not (out / "instructor-handouts").exists()


def test_a_roster_of_millions_of_rows_is_refused_quickly_and_builds_nothing(tmp_path, capsys):
    """A 10 MB roster, generated here: refused by its size, before it is parsed, with exit 2."""
    roster = tmp_path / "huge.csv"
    with roster.open("w", encoding="utf-8") as fh:
        fh.write("name,cohort\n")
        fh.writelines(f"P{i},C\n" for i in range(1_500_000))
    assert roster.stat().st_size > 10_000_000
    out = tmp_path / "out"
    assert cli.main(["build", "--format", "docx", "--roster", str(roster), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the limit is 2,097,152 (about 5,000 participants)" in err
    assert not out.exists()


def test_each_handout_of_a_roster_is_the_document_a_full_render_writes(tmp_path, resolved_default):
    """Filled in from the edition's template (in two workers): byte for byte a full render of each participant."""
    names = ["Ana Ruiz", 'O\'Brien & <Sons> "Ltd"', "雷军", "<?casestudy-field 0?>", "Ana Ruiz"]
    roster = write(tmp_path, roster_of(['""'.join(n.split('"')) for n in names]))
    out = tmp_path / "out"
    assert cli.main(["build", "--format", "docx", "--roster", str(roster), "--out", str(out), "--jobs", "2"]) == 0
    for entry in read_roster(roster):
        options = RenderOptions(participant=entry.participant)
        full, stamped = io.BytesIO(), io.BytesIO()
        get_renderer("docx")(resolved_default, full, options)
        full.seek(0)
        normalise_zip(full, stamped, resolved_default.timestamp)
        handout = out / "handouts" / f"lei-jun-xiaomi-handout-{entry.slug}.docx"
        assert handout.read_bytes() == stamped.getvalue(), entry.participant.name

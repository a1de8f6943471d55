"""Company templates: one per format, from the command line or the outline, read once, and never trusted.

Every template is made here (python-pptx, python-docx, zipfile; pandoc's own reference documents
when pandoc is installed); every document built on one is checked for what it must not carry.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import DEFAULT, MINIMAL_CASE
from office_templates import HANSE, KESTREL, deck_template, handout_template, rewrite
from pptx import Presentation
from pptx.util import Emu

from casestudy import cli
from casestudy.build import build
from casestudy.errors import OutlineError, UsageError
from casestudy.loader import load_outline
from casestudy.options import Participant
from casestudy.renderers import templates
from casestudy.renderers.templates import read_template

PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
UNC = "file://127.0.0.1/share/logo.png"  # Windows opens it with the user's credentials
needs_pandoc = pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")


def parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def external_links(package: bytes) -> list[tuple[str, str]]:
    """(type, target) of every external relationship in a package."""
    found = []
    for name, data in parts(package).items():
        if name.endswith(".rels"):
            for rel in re.findall(rb"<Relationship [^>]*>", data):
                if b'TargetMode="External"' in rel:
                    kind = re.search(rb'Type="([^"]+)"', rel)[1].decode()
                    found.append((kind, re.search(rb'Target="([^"]+)"', rel)[1].decode()))
    return found


def no_external_but_hyperlinks(package: bytes) -> None:
    assert all(kind == HYPERLINK for kind, _ in external_links(package)), external_links(package)


def main_content_type(package: bytes) -> str:
    types = parts(package)["[Content_Types].xml"].decode()
    return re.search(r'PartName="/(?:ppt/presentation|word/document)\.xml" ContentType="([^"]+)"', types)[1]


def built(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.rglob("*")) if path.suffix in (".pptx", ".docx")}


@pytest.fixture(scope="module")
def company(tmp_path_factory) -> dict[str, Path]:
    """The red corporate templates as .potx and .dotx, the German ones as .pptx and .docx."""
    folder = tmp_path_factory.mktemp("company")
    return {
        "potx": deck_template(KESTREL, folder / "kestrel.potx"),
        "dotx": handout_template(KESTREL, folder / "kestrel.dotx"),
        "pptx": deck_template(HANSE, folder / "hanse.pptx"),
        "docx": handout_template(HANSE, folder / "hanse.docx"),
    }


# ---------------------------------------------------------------- template files


@pytest.mark.parametrize("kind, fmt, main", [("potx", "pptx", PPTX_MAIN), ("dotx", "docx", DOCX_MAIN)])
def test_a_template_file_becomes_a_document(company, kind, fmt, main):
    assert "template.main" in main_content_type(company[kind].read_bytes())
    assert main_content_type(read_template(company[kind], fmt).data) == main


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("broken.pptx", b"not a zip file", "not a PowerPoint presentation or template"),
        ("empty.docx", b"", "not a Word document or template"),
    ],
)
def test_a_file_that_is_no_package_is_refused(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(UsageError, match=message):
        read_template(tmp_path / name, "pptx" if name.endswith("pptx") else "docx")


def test_a_word_file_named_pptx_is_refused(company, tmp_path):
    renamed = tmp_path / "renamed.pptx"
    renamed.write_bytes(company["docx"].read_bytes())
    with pytest.raises(UsageError, match="its main part is .*wordprocessingml"):
        read_template(renamed, "pptx")


# ---------------------------------------------------------------- hostile templates


def macro_deck(template: Path) -> bytes:
    """A macro-enabled deck (.pptm) as a renamed file holds it: the main part typed so, and its VBA project."""
    vba = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    relationship = (
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        ' Target="vbaProject.bin"/></Relationships>'
    )
    edits = {
        "[Content_Types].xml": lambda xml: xml.replace(b"<Default ", vba.encode() + b"<Default ", 1).replace(
            PPTX_MAIN.encode(), b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
        ),
        "ppt/_rels/presentation.xml.rels": lambda xml: xml.replace(b"</Relationships>", relationship.encode()),
    }
    return rewrite(template.read_bytes(), edits, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA project"})


def with_object(template: Path, kind: str) -> bytes:
    """A deck whose first layout holds an ActiveX control or an embedded OLE object."""
    types = {
        "activex": ("ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml", "control"),
        "ole": (
            "ppt/embeddings/oleObject1.bin",
            "application/vnd.openxmlformats-officedocument.oleObject",
            "oleObject",
        ),
    }
    name, content_type, relationship = types[kind]
    override = f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
    rel = (
        f'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'{relationship}" Target="../{name.split("/", 1)[1]}"/></Relationships>'
    )
    edits = {
        "[Content_Types].xml": lambda xml: xml.replace(b"</Types>", override.encode()),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": lambda xml: xml.replace(b"</Relationships>", rel.encode()),
    }
    return rewrite(template.read_bytes(), edits, {name: b"<object/>"})


@pytest.mark.parametrize(
    "hostile, what",
    [
        (macro_deck, "macros (ppt/vbaProject.bin)"),
        (lambda t: with_object(t, "activex"), "ActiveX controls"),
        (lambda t: with_object(t, "ole"), "embedded OLE objects"),
    ],
    ids=["renamed-pptm", "activex", "ole"],
)
def test_code_and_objects_are_refused_with_exit_2(company, tmp_path, capsys, hostile, what):
    path = tmp_path / "company.pptx"
    path.write_bytes(hostile(company["pptx"]))
    with pytest.raises(UsageError, match=re.escape(what)):
        read_template(path, "pptx")
    assert cli.main(["build", "--template", str(path), "--format", "pptx", "--out", str(tmp_path / "out")]) == 2
    assert f"refused: the template holds {what}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_renamed_macro_document_is_refused(company, tmp_path):
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    path = tmp_path / "letter.docx"
    path.write_bytes(
        rewrite(
            company["docx"].read_bytes(),
            {"[Content_Types].xml": lambda x: x.replace(DOCX_MAIN.encode(), macro.encode())},
        )
    )
    with pytest.raises(UsageError, match="refused: the template holds macros"):
        read_template(path, "docx")


def linked_deck(template: Path) -> bytes:
    """A deck whose master shows two linked pictures (a web address, a Windows share) and links a web page."""
    master = "ppt/slideMasters/slideMaster1.xml"
    rels = (
        f'<Relationship Id="rIdWeb" Type="{IMAGE}" Target="http://example.invalid/logo.png" TargetMode="External"/>'
        f'<Relationship Id="rIdUnc" Type="{IMAGE}" Target="{UNC}" TargetMode="External"/>'
        f'<Relationship Id="rIdPage" Type="{HYPERLINK}" Target="https://example.invalid/" TargetMode="External"/>'
        "</Relationships>"
    )

    def picture(rid: str, shape_id: int) -> bytes:
        return (
            f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Linked {shape_id}"><a:hlinkClick r:id="rIdPage"/>'
            f'</p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="{rid}"/><a:stretch>'
            '<a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400"'
            ' cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        ).encode()

    edits = {
        master: lambda xml: xml.replace(b"</p:spTree>", picture("rIdWeb", 90) + picture("rIdUnc", 91) + b"</p:spTree>"),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": lambda xml: xml.replace(b"</Relationships>", rels.encode()),
    }
    return rewrite(template.read_bytes(), edits)


def test_external_links_are_dropped_with_a_warning_naming_each(company, tmp_path, caplog):
    path = tmp_path / "linked.pptx"
    path.write_bytes(linked_deck(company["pptx"]))
    with caplog.at_level(logging.WARNING, logger="casestudy.renderers.templates"):
        cleaned = read_template(path, "pptx").data
    warned = caplog.text
    assert "http://example.invalid/logo.png" in warned and UNC in warned and "slideMaster1.xml" in warned
    assert "https://example.invalid/" not in warned, "a hyperlink is kept: Office asks before following it"
    assert external_links(cleaned) == [(HYPERLINK, "https://example.invalid/")]
    master = parts(cleaned)["ppt/slideMasters/slideMaster1.xml"]
    assert b"r:link" not in master and master.count(b"<a:blip/>") == 2, "the pictures stay, their links go"
    Presentation(io.BytesIO(cleaned))  # still a deck python-pptx reads


def attached_document(template: Path) -> bytes:
    """A document that names a remote macro template, as Word's `attachedTemplate` setting does."""
    rel = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/attachedTemplate" Target="https://example.invalid/evil.dotm"'
        ' TargetMode="External"/></Relationships>'
    )
    setting = b'<w:attachedTemplate r:id="rId1"/>'
    edits = {"word/settings.xml": lambda xml: re.sub(rb"(<w:settings[^>]*>)", rb"\1" + setting, xml, count=1)}
    return rewrite(template.read_bytes(), edits, {"word/_rels/settings.xml.rels": rel.encode()})


def test_an_attached_template_is_dropped_with_a_warning(company, tmp_path, caplog):
    path = tmp_path / "attached.dotx"
    path.write_bytes(attached_document(company["dotx"]))
    with caplog.at_level(logging.WARNING, logger="casestudy.renderers.templates"):
        cleaned = read_template(path, "docx").data
    assert "attachedTemplate link to https://example.invalid/evil.dotm" in caplog.text
    assert external_links(cleaned) == []
    assert b"attachedTemplate" not in parts(cleaned)["word/settings.xml"]
    docx.Document(io.BytesIO(cleaned))


def bomb(template: Path, size: int) -> bytes:
    """The template with a part of `size` zero bytes: a few kilobytes packed."""
    return rewrite(template.read_bytes(), {}, {"ppt/media/image99.bin": bytes(size)})


@pytest.mark.parametrize(
    "size, message",
    [
        (201 * 1024 * 1024, "unpacks to 2"),
        (8 * 1024 * 1024, "times its packed size; the limit is 100"),
    ],
    ids=["unpacked-size", "ratio"],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(company, tmp_path, monkeypatch, size, message):
    path = tmp_path / "bomb.pptx"
    path.write_bytes(bomb(company["pptx"], size))
    assert path.stat().st_size < 1024 * 1024
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a: pytest.fail("a part was unpacked"))
    with pytest.raises(UsageError, match=message):
        read_template(path, "pptx")


def test_too_large_a_file_or_too_many_parts_is_refused(company, tmp_path, monkeypatch):
    large = tmp_path / "large.pptx"
    with large.open("wb") as fh:
        fh.truncate(templates.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(UsageError, match="the limit is 52,428,800"):
        read_template(large, "pptx")
    monkeypatch.setattr(templates, "MAX_PARTS", 20)
    with pytest.raises(UsageError, match="parts; the limit is 20"):
        read_template(company["pptx"], "pptx")


def test_hostile_templates_leave_no_external_link_in_any_document(company, tmp_path):
    deck, document = tmp_path / "linked.pptx", tmp_path / "attached.docx"
    deck.write_bytes(linked_deck(company["pptx"]))
    document.write_bytes(attached_document(company["docx"]))
    args = ["build", "--template", str(deck), "--template", str(document), "--format", "pptx,docx"]
    assert cli.main([*args, "--edition", "both", "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    documents = built(tmp_path / "out")
    assert len(documents) == 4
    for package in documents.values():
        no_external_but_hyperlinks(package)


# ---------------------------------------------------------------- one template per format


def test_each_template_applies_to_its_own_format(company, tmp_path):
    out = tmp_path / "out"
    args = ["build", "--template", str(company["pptx"]), "--template", str(company["dotx"]), "--format", "pptx,docx"]
    assert cli.main([*args, "--out", str(out), "--jobs", "1"]) == 0
    deck = Presentation(out / "lei-jun-xiaomi.pptx")
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == (10, 7.5), "the German 4:3 deck"
    handout = docx.Document(out / "lei-jun-xiaomi-handout.docx")
    assert handout.styles["Heading 1"].font.name == "Georgia", "the red corporate handout"
    assert main_content_type((out / "lei-jun-xiaomi-handout.docx").read_bytes()) == DOCX_MAIN


def test_the_styles_a_handout_adds_to_a_template_take_its_colours_and_fonts(company, tmp_path):
    assert cli.main(["build", "--template", str(company["dotx"]), "--format", "docx", "--out", str(tmp_path)]) == 0
    handout = docx.Document(tmp_path / "lei-jun-xiaomi-handout.docx")
    table = handout.styles["Case Table"].element.xml
    assert f'w:fill="{KESTREL.colours["accent1"]}"' in table, "the header row in the template's first accent"
    label = handout.styles["Lead In"].font
    assert label.color.rgb == docx.shared.RGBColor.from_string(KESTREL.colours["accent1"])
    assert handout.styles["Exhibit Title"].font.name is None, "the template's own typeface, not the tool's"


def test_two_templates_for_one_format_are_an_error(company, capsys):
    assert cli.main(["build", "--template", str(company["pptx"]), "--template", str(company["potx"])]) == 2
    err = capsys.readouterr().err
    assert f"--template {company['pptx']} and --template {company['potx']} are both for pptx" in err


def test_a_template_is_read_once_per_build(company, tmp_path, monkeypatch):
    reads: list[Path] = []

    def counted(path: Path, fmt: str):
        reads.append(path)
        return read_template(path, fmt)

    monkeypatch.setattr(templates, "read_template", counted)
    roster = [(Participant(f"P{i}"), f"p{i}") for i in range(3)]
    report = build(
        [DEFAULT],
        tmp_path / "out",
        ("pptx", "docx"),
        ("participant", "instructor"),
        templates={"pptx": company["potx"], "docx": company["dotx"]},
        participants=roster,
        workers=2,
    )
    assert not report.failed and len(report.built) == 10  # 2 decks, 2 handouts, 6 personal handouts
    assert sorted(reads) == sorted([company["potx"], company["dotx"]])


# ---------------------------------------------------------------- the outline's own templates


def project_with_templates(tmp_path: Path, company: dict[str, Path], *names: str) -> Path:
    """An outline naming `names` in theme.templates, with copies of the company's templates beside it."""
    (tmp_path / "templates").mkdir(parents=True)
    for kind in ("potx", "docx"):
        shutil.copy(company[kind], tmp_path / "templates" / company[kind].name)
    listed = "".join(f"\n    - {name}" for name in names)
    outline = tmp_path / "class.yaml"
    outline.write_text(f"{MINIMAL_CASE}theme:\n  templates:{listed}\n", encoding="utf-8")
    return outline


def test_an_outline_carries_its_own_templates_and_the_command_line_wins(company, tmp_path):
    outline = project_with_templates(tmp_path, company, "templates/kestrel.potx", "templates/hanse.docx")
    assert cli.main(["build", str(outline), "--format", "pptx,docx", "--out", str(tmp_path / "a"), "--jobs", "1"]) == 0
    deck = Presentation(tmp_path / "a" / "class.pptx")
    assert Emu(deck.slide_width).inches == 13.333333333333334 and deck.slide_layouts[0].name == "Title Slide"
    handout = docx.Document(tmp_path / "a" / "class-handout.docx")
    assert handout.styles["Heading 1"].font.name == "Arial", "the outline's German handout"
    args = ["build", str(outline), "--format", "pptx", "--template", str(company["pptx"]), "--out", str(tmp_path / "b")]
    assert cli.main(args) == 0
    assert Emu(Presentation(tmp_path / "b" / "class.pptx").slide_width).inches == 10, "--template wins"


@pytest.mark.parametrize(
    "written, message",
    [
        ("https://example.invalid/t.potx", "URLs are not allowed"),
        ("/etc/company.potx", "absolute paths are not allowed"),
        ("../company.potx", "leads outside the project folder"),
        ("templates/kestrel.odp", "expected a .pptx, .potx, .docx or .dotx file"),
        ("templates/missing.potx", "no such file"),
    ],
)
def test_the_loader_checks_an_outlines_template_as_it_checks_images(company, tmp_path, written, message):
    outline = project_with_templates(tmp_path / "project", company, written)
    with pytest.raises(OutlineError, match=re.escape(message)) as refusal:
        load_outline(outline)
    assert "theme.templates[0]" in str(refusal.value)


def test_an_outline_names_one_template_per_format(company, tmp_path):
    outline = project_with_templates(tmp_path, company, "templates/kestrel.potx", "templates/kestrel.potx")
    second = r"theme.templates\[1\]: a second template for the pptx format \(kestrel.potx is the first\)"
    with pytest.raises(OutlineError, match=second):
        load_outline(outline)


def test_an_unsafe_template_in_an_outline_fails_that_outline_alone(company, tmp_path, capsys):
    outline = project_with_templates(tmp_path, company, "templates/kestrel.potx")
    (tmp_path / "templates" / "kestrel.potx").write_bytes(macro_deck(company["potx"]))
    assert cli.main(["build", str(outline), str(DEFAULT), "--format", "pptx", "--out", str(tmp_path / "out")]) == 2
    assert "refused: the template holds macros" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["lei-jun-xiaomi.pptx"]


# ---------------------------------------------------------------- pandoc's and Word's own documents


@pytest.fixture(scope="module")
def pandoc_reference(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pandoc")
    made = {}
    for kind in ("docx", "pptx"):
        made[kind] = folder / f"reference.{kind}"
        with made[kind].open("wb") as fh:
            subprocess.run(["pandoc", "--print-default-data-file", f"reference.{kind}"], stdout=fh, check=True)
    return made


@needs_pandoc
def test_pandocs_reference_documents_build_a_deck_and_a_handout(pandoc_reference, tmp_path, caplog):
    args = ["build", "--format", "pptx,docx", "--out", str(tmp_path), "--jobs", "1"]
    with caplog.at_level(logging.WARNING):
        assert (
            cli.main([*args, "--template", str(pandoc_reference["pptx"]), "--template", str(pandoc_reference["docx"])])
            == 0
        )
    assert "layout" not in caplog.text, "pandoc's layouts are PowerPoint's: no fallback"
    handout = docx.Document(tmp_path / "lei-jun-xiaomi-handout.docx")
    section = handout.sections[-1]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), "the theme's A4"
    assert handout.styles["Heading 1"].font.name is None, "pandoc's heading style kept, not restyled"
    deck = Presentation(tmp_path / "lei-jun-xiaomi.pptx")
    assert {s.slide_layout.name for s in deck.slides} == {"Title Slide", "Title Only", "Title and Content"}
    for package in built(tmp_path).values():
        no_external_but_hyperlinks(package)


WORD_NORMAL = {  # a blank document as Word saves it from its Normal template: a handful of styles, no list styles
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        f'document.xml" ContentType="{DOCX_MAIN}"/><Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/office'
        'Document/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/office'
        'Document/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p/><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar '
        'w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    ),
    "word/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org'
        '/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
        'w:hAnsiTheme="minorHAnsi"/><w:sz w:val="24"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default '
        'Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" '
        'w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        "</w:tblPr></w:style></w:styles>"
    ),
    "word/settings.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/></w:settings>'
    ),
}


def test_a_document_from_words_normal_template_builds_a_handout(tmp_path, caplog):
    normal = tmp_path / "normal.docx"
    with zipfile.ZipFile(normal, "w") as zf:
        for name, text in WORD_NORMAL.items():
            zf.writestr(name, text)
    with caplog.at_level(logging.WARNING, logger="casestudy.renderers.docx.styles"):
        assert cli.main(["build", "--format", "docx", "--template", str(normal), "--out", str(tmp_path / "out")]) == 0
    assert "the template has no 'Heading 1' style" in caplog.text, "Word's own styles it lacks are added, saying so"
    handout = docx.Document(tmp_path / "out" / "lei-jun-xiaomi-handout.docx")
    assert [p.text for p in handout.paragraphs if p.style.name == "Heading 1"][0] == "Summary"
    assert round(handout.sections[-1].page_width.inches, 1) == 8.5, "the document's own Letter page"

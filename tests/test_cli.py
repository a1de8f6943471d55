"""The command line: exit codes, messages without tracebacks, the documented commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casestudy import cli
from casestudy.loader import load_outline
from casestudy.resources import default_outline
from casestudy.schema import outline_schema

REPO = Path(__file__).resolve().parents[1]
BOARD_RETREAT = REPO / "outlines" / "examples" / "board-retreat.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casestudy", *args], capture_output=True, text=True, cwd=cwd)


def test_validate_default_prints_a_summary():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    case = load_outline(default_outline()).case
    assert f"{len(case.sections)} sections" in result.stdout
    assert f"{len(case.lessons)} lessons" in result.stdout and f"{len(case.sources)} sources" in result.stdout


def test_validate_board_retreat_from_another_folder(tmp_path):
    result = run("validate", str(BOARD_RETREAT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ": ok: " in result.stdout


def test_bad_outline_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [\n")
    result = run("validate", str(bad), str(default_outline()))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:2:1: (syntax): invalid YAML")
    assert ": ok: " in result.stdout  # the good outline is still checked


def test_bad_arguments_exit_2(capsys):
    assert cli.main(["build", "--format", "pdf,odt"]) == 2
    assert "choose from pdf,pptx,docx" in capsys.readouterr().err
    assert cli.main(["build", "--template", "x.txt"]) == 2


def test_internal_error_is_one_line_and_exit_1(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "validate", broken)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err and "bug" in err


def test_version_and_help():
    assert run("--version").stdout.startswith("casestudy ")
    help_text = run("--help").stdout
    assert "examples:" in help_text and "casestudy build" in help_text


def test_new_writes_a_starter_that_validates_and_a_project_that_travels(tmp_path):
    target = tmp_path / "course" / "mine.yaml"
    assert run("new", str(target)).returncode == 0
    modeline = target.read_text().splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=.casestudy/outline.schema.json"
    assert (tmp_path / "course" / "casestudy.project").is_file()
    moved = tmp_path / "elsewhere"
    (tmp_path / "course").rename(moved)  # shared or moved: the modeline still finds its schema
    schema = json.loads((moved / ".casestudy" / "outline.schema.json").read_text())
    assert schema == outline_schema()
    assert run("validate", str(moved / "mine.yaml")).returncode == 0
    assert run("new", str(moved / "mine.yaml")).returncode == 2  # never overwrites


def test_new_in_a_subfolder_of_a_project_points_at_the_projects_schema(tmp_path):
    (tmp_path / "casestudy.project").write_text("")
    target = tmp_path / "cases" / "spring.yaml"
    assert run("new", str(target)).returncode == 0
    assert target.read_text().startswith("# yaml-language-server: $schema=../.casestudy/outline.schema.json\n")
    assert not (tmp_path / "cases" / "casestudy.project").exists()


def test_schema_command_matches_the_shipped_copy():
    for overlay, name in ((False, "outline.schema.json"), (True, "overlay.schema.json")):
        shipped = json.loads((REPO / "schema" / name).read_text())
        assert shipped == outline_schema(overlay=overlay), f"schema/{name} is stale: run `casestudy schema > ...`"
    printed = json.loads(run("schema").stdout)
    assert printed["properties"]["meta"] and "extends" in printed["properties"]


def shipped_outlines() -> list[Path]:
    """The outlines under version control (a scratch file in outlines/ is not shipped)."""
    listed = subprocess.run(["git", "ls-files", "outlines"], cwd=REPO, capture_output=True, text=True)
    names = listed.stdout.split() if listed.returncode == 0 else []
    tracked = [REPO / n for n in names if n.endswith(".yaml")]
    return sorted(tracked or (REPO / "outlines").rglob("*.yaml"))


@pytest.mark.parametrize("path", shipped_outlines(), ids=lambda p: p.name)
def test_shipped_outlines_carry_the_schema_modeline(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = "overlay.schema.json" if "extends:" in path.read_text() else "outline.schema.json"
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=")[1]).resolve()
    assert target == (REPO / "schema" / schema).resolve()


HEAVY = ("pydantic", "yaml", "reportlab", "pptx", "docx", "PIL", "lxml", "fontTools", "uniseg", "budoux")
STARTS = [["-c", "import casestudy.cli"], ["-m", "casestudy", "--help"]]


@pytest.mark.parametrize("argv", STARTS, ids=["import", "help"])
def test_the_command_line_starts_without_the_model_or_a_renderer_library(argv):
    """`casestudy --help` must not pay for pydantic, YAML or a renderer library (bench/startup.py times it)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    heavy = {name for name in imported if name.split(".")[0] in HEAVY}
    assert not heavy, sorted(heavy)[:5]
    assert "casestudy.cli" in imported and not any(name.startswith("casestudy.model") for name in imported)

"""The README says what the tool does: its outline reference, its commands and its sample output."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from casestudy.model import Case, InlineText, PartialDate
from casestudy.resources import default_outline

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def item_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model inside a field's type, and whether the field is a list of it."""
    is_list = False
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is tuple:
            annotation, is_list = args[0], True
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in (InlineText, PartialDate):
            return annotation, is_list
    return None, is_list


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        out.append(prefix + name)
        sub, is_list = item_model(field.annotation)
        if sub:
            out += field_paths(sub, prefix + name + ("[]." if is_list else "."))
    return out


def test_reference_lists_every_field_and_no_other():
    documented = re.findall(r"^\| `([a-z_.\[\]]+)` \|", README, flags=re.MULTILINE)
    assert documented == field_paths(Case)


def test_reference_rows_have_examples_for_leaves():
    rows = re.findall(r"^\| `([a-z_.\[\]]+)` \| ([^|]+) \|[^|]*\| ([^|]*) \|", README, flags=re.MULTILINE)
    missing = [
        path
        for path, kind, example in rows
        if kind.strip() != "mapping" and "list of mapping" not in kind and not example.strip()
    ]
    assert not missing, f"fields without an example: {missing}"


def code_blocks(language: str) -> list[str]:
    """The README's fenced code blocks written in `language` ("" for unmarked ones)."""
    blocks: list[tuple[str, list[str]]] = []
    inside = False
    for line in README.splitlines():
        if line.startswith("```"):
            if not inside:
                blocks.append((line[3:].strip(), []))
            inside = not inside
        elif inside:
            blocks[-1][1].append(line)
    return ["\n".join(lines) + "\n" for lang, lines in blocks if lang == language]


def casestudy(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casestudy", *args], cwd=cwd, capture_output=True, text=True)


def test_every_casestudy_command_in_the_shell_blocks_runs(tmp_path):
    """The README's first lines work as written (the pip installs are CI's own steps)."""
    commands = [
        part.split("#")[0].split()
        for block in code_blocks("sh")
        for line in block.splitlines()
        for part in line.split("&&")
        if part.strip().startswith("casestudy ")
    ]
    assert ["casestudy", "build"] in commands
    for command in commands:
        result = casestudy(*command[1:], cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in (tmp_path / "build").iterdir())
    assert built == ["lei-jun-xiaomi-handout.docx", "lei-jun-xiaomi.pdf", "lei-jun-xiaomi.pptx"]


def test_the_overlay_example_validates_where_it_says_it_lives(tmp_path):
    (example,) = code_blocks("yaml")
    project = tmp_path / "outlines"
    (project / "examples").mkdir(parents=True)
    shutil.copy(default_outline(), project / default_outline().name)
    (project / "casestudy.project").write_text("")
    (project / "examples" / "mine.yaml").write_text(example, encoding="utf-8")
    result = casestudy("validate", "examples/mine.yaml", cwd=project)
    assert result.returncode == 0, result.stderr


def test_the_example_problems_are_what_the_loader_prints(tmp_path):
    """The three sample mistakes, made in one outline, come out in one run as the README shows them."""
    shown = next(b for b in code_blocks("") if "field required" in b).splitlines()
    data = yaml.safe_load(default_outline().read_text(encoding="utf-8"))
    data["meta"]["titel"] = data["meta"]["title"]
    del data["lessons"][2]["title"]
    data["sources"].append({"id": "canalys-2021", "title": "Smartphone shipments 2021", "publisher": "Canalys"})
    data["sections"][3]["paragraphs"][0] = "Shipments grew [@canalys-2012]."
    (tmp_path / "x.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8"
    )
    result = casestudy("validate", "x.yaml", cwd=tmp_path)
    assert result.returncode == 2
    printed = [line.split(": ", 1)[1] for line in result.stderr.splitlines()]
    assert sorted(printed) == sorted(line.split(": ", 1)[1] for line in shown)

"""Shared fixtures: the default case, and variants of it written to a temporary project."""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from samples import LONG_WORD, MARKUP_TEXT, TITLE_WORD, stress  # noqa: F401  (tests import them from here)

from casestudy.build import load_editions, load_resolved
from casestudy.options import EDITIONS, Edition
from casestudy.resolve import ResolvedCase
from casestudy.resources import default_outline

DEFAULT = default_outline()
SUMMARY = " ".join(["word"] * 130)


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Converted Chinese faces kept in the session's own cache folder, not the user's (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASESTUDY_CACHE_DIR", str(folder))
        yield folder


# A small valid outline; cases below edit it as text so that line numbers are exact.
MINIMAL_CASE = f"""\
meta:
  title: Case
  case_id: C-1
  authors: [A]
  institution: School
  date: 2026-01-15
  audience: Managers
  session_minutes: 60
  copyright: (c) School
protagonist:
  name: Ana
organisation:
  name: Solara
summary: {SUMMARY}
sections:
  - id: s1
    heading: Offer
    paragraphs:
      - Text [@src].
pillars:
  - id: p1
    title: Quality
    thesis: Fresh.
lessons:
  - id: l1
    title: Scale
    what_they_did: Asked.
    for_your_company: Name it.
    reflection: Which?
questions:
  - id: q1
    question: Accept?
teaching_note:
  objectives: [Decide.]
  class_plan:
    - title: Open
      minutes: 20
    - title: Discuss
      minutes: 40
sources:
  - id: src
    title: Profile
"""


@pytest.fixture(scope="session")
def default_data() -> dict:
    """The default outline as plain data, to mutate into variants."""
    return yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def resolved_default() -> ResolvedCase:
    return load_resolved(DEFAULT)


@pytest.fixture(scope="session")
def resolved_instructor() -> ResolvedCase:
    """The default case resolved for the instructor edition (its own sources and numbers)."""
    return load_resolved(DEFAULT, "instructor")


@pytest.fixture
def write_variant(tmp_path: Path, default_data: dict) -> Callable[[Callable[[dict], None]], Path]:
    """Write a mutated copy of the default outline to tmp_path and return its path."""

    def write(mutate: Callable[[dict], None], name: str = "variant.yaml") -> Path:
        data = copy.deepcopy(default_data)
        mutate(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
        return path

    return write


@pytest.fixture
def stress_outline(write_variant) -> Path:
    return write_variant(stress, "stress.yaml")


@pytest.fixture(scope="session")
def stress_editions(tmp_path_factory, default_data: dict) -> dict[Edition, ResolvedCase]:
    """The stress outline loaded once per session and resolved for each edition, for renderers that build it once."""
    data = copy.deepcopy(default_data)
    stress(data)
    path = tmp_path_factory.mktemp("stress") / "stress.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    return load_editions(path, EDITIONS)


@pytest.fixture(scope="session")
def stress_resolved(stress_editions) -> ResolvedCase:
    return stress_editions["participant"]


@pytest.fixture(scope="session")
def stress_instructor(stress_editions) -> ResolvedCase:
    return stress_editions["instructor"]


def libreoffice_pdf(document: Path) -> Path:
    """Convert an Office file to PDF beside it, as a participant without Office would open it."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{document.parent}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return document.with_suffix(".pdf")

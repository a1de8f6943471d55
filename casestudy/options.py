"""What a build asks of a renderer: the edition, a template, the participant. No heavy imports.

The command line imports this module to parse its arguments, so it must stay cheap: no model,
no pydantic, no renderer library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Edition = Literal["participant", "instructor"]
EDITIONS: tuple[Edition, ...] = ("participant", "instructor")


@dataclass(frozen=True)
class Participant:
    """Whom a personalised handout is for."""

    name: str
    cohort: str | None = None


@dataclass(frozen=True)
class Template:
    """A company's template as the writers get it: read once per build, checked and cleaned.

    `casestudy.renderers.templates.read_template` makes one; the writers open `data` (a
    presentation or document package, never a template or a macro file) and nothing else.
    """

    name: str  # the file the user named, for messages
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class RenderOptions:
    """How to render one document of a resolved case."""

    edition: Edition = "participant"
    template: Template | None = None  # a company's deck or document to build on
    participant: Participant | None = None  # personalised handouts only
    folder: Path | None = None  # where the document goes: local files it links to are relative to it

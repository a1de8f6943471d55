"""What a build asks of a renderer: the edition, a template, the participant. No heavy imports.

The command line imports this module to parse its arguments, so it must stay cheap: no model,
no pydantic, no renderer library.
"""

from __future__ import annotations

from dataclasses import dataclass
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
class RenderOptions:
    """How to render one document of a resolved case."""

    edition: Edition = "participant"
    template: Path | None = None  # a company's .pptx or .docx to build on
    participant: Participant | None = None  # personalised handouts only
    folder: Path | None = None  # where the document goes: local files it links to are relative to it

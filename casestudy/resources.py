"""Where the shipped outlines and assets are, installed or in a checkout.

A wheel carries them inside the package (`casestudy/_data/outlines`, ...); an
editable install or a checkout has them beside the package, at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The folder `name` ("outlines" or "assets") of this installation."""
    inside = _PACKAGE / "_data" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


DEFAULT_OUTLINE_NAME = "lei-jun-xiaomi.yaml"


def default_outline() -> Path:
    """The shipped default case."""
    return shipped("outlines") / DEFAULT_OUTLINE_NAME

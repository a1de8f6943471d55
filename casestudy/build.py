"""Build: one outline -> its documents, each written atomically under the output folder.

The outline is loaded, validated and resolved once; each renderer only renders. A document
is written to a temporary file beside its target and renamed into place when complete, so a
failed or interrupted build leaves the previous documents untouched.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from casestudy.errors import UsageError
from casestudy.exhibits import ResolvedCase, resolve
from casestudy.loader import load_outline
from casestudy.renderers import Edition, NotBuiltYet, RenderOptions, get_renderer
from casestudy.theme import resolve_theme

SUFFIX = {"pdf": ".pdf", "pptx": ".pptx", "docx": "-handout.docx"}


@dataclass(frozen=True)
class Built:
    path: Path
    fmt: str
    units: int | None  # pages or slides, when the format knows
    size: int


@dataclass(frozen=True)
class Skipped:
    fmt: str
    reason: str


def output_path(out_dir: Path, stem: str, fmt: str, edition: Edition) -> Path:
    """`DIR/STEM.pdf`, `DIR/STEM.pptx`, `DIR/STEM-handout.docx`; `-instructor` before the extension."""
    name = stem + SUFFIX[fmt]
    if edition == "instructor":
        base, ext = os.path.splitext(name)
        name = f"{base}-instructor{ext}"
    return out_dir / name


def load_resolved(outline: Path) -> ResolvedCase:
    """Load, validate and resolve an outline: the shared work every document starts from."""
    loaded = load_outline(outline)
    theme = resolve_theme(loaded.case.theme, loaded.logo)
    return resolve(loaded.case, theme, loaded.images)


def build_outline(
    outline: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    editions: tuple[Edition, ...],
    template: Path | None = None,
) -> list[Built | Skipped]:
    """Every requested document of one outline; raises OutlineError for a bad outline."""
    resolved = load_resolved(outline)
    stem = outline.name.removesuffix(".yaml").removesuffix(".yml")
    results: list[Built | Skipped] = []
    for fmt in formats:
        try:
            render = get_renderer(fmt)
        except NotBuiltYet:
            results.append(Skipped(fmt, f"{fmt}: not built yet (no renderer for this format)"))
            continue
        for edition in editions:
            path = output_path(out_dir, stem, fmt, edition)
            options = RenderOptions(edition=edition, template=template if fmt != "pdf" else None)
            units = atomic_write(path, lambda fh: render(resolved, fh, options))
            results.append(Built(path, fmt, units, path.stat().st_size))
    return results


def atomic_write(path: Path, write: Callable[[BinaryIO], int | None]) -> int | None:
    """Run `write` on a temporary file beside `path`, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"cannot write to {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result

"""`casestudy new`: a commented starter outline that validates and builds as written.

The outline starts with a modeline for editors (`# yaml-language-server: $schema=...`). It
points, by a relative path, at a copy of the schema inside the project (`.casestudy/`), so it
keeps working when the folder is moved, zipped or shared, and on a machine without casestudy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from casestudy.errors import UsageError
from casestudy.loader import PROJECT_MARKER, find_project
from casestudy.schema import outline_schema

STARTER = Path(__file__).resolve().parent / "starter.yaml"
SCHEMA_FOLDER = ".casestudy"  # inside the project folder, beside casestudy.project
SCHEMA_FILES = {"outline.schema.json": False, "overlay.schema.json": True}  # name -> overlay


def starter_text(schema: str) -> str:
    """The starter outline, with an editor modeline pointing at `schema` (a path or URL)."""
    return f"# yaml-language-server: $schema={schema}\n" + STARTER.read_text(encoding="utf-8")


def write_starter(path: Path) -> list[Path]:
    """Write the starter to `path` (never over an existing file); return every file written.

    A folder without a project marker gets one, so `extends` and image paths have a project to
    stay inside; the schema copy goes beside the marker.
    """
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path}: an outline's name ends in .yaml")
    if path.exists():
        raise UsageError(f"{path} exists already; choose another name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        written = _mark_project(path)
        schema = find_project(path) / SCHEMA_FOLDER / "outline.schema.json"
        with path.open("x", encoding="utf-8") as fh:
            fh.write(starter_text(Path(os.path.relpath(schema, path.parent.resolve())).as_posix()))
    except FileExistsError:
        raise UsageError(f"{path} exists already; choose another name") from None
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename or path}: {exc.strerror}") from None
    return [*written, path]


def _mark_project(outline: Path) -> list[Path]:
    """Create the project marker (when no folder above has one) and the schema copies."""
    written = []
    project = find_project(outline)
    marker = project / PROJECT_MARKER
    if not marker.exists():
        marker.write_text("", encoding="utf-8")
        written.append(marker)
    for name, overlay in SCHEMA_FILES.items():
        target = project / SCHEMA_FOLDER / name
        text = json.dumps(outline_schema(overlay=overlay), indent=2, ensure_ascii=False) + "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written

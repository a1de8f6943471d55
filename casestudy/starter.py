"""`casestudy new`: a commented starter outline that validates and builds as written."""

from __future__ import annotations

from pathlib import Path

from casestudy.errors import UsageError
from casestudy.resources import shipped

STARTER = Path(__file__).resolve().parent / "starter.yaml"


def starter_text() -> str:
    """The starter outline, with an editor modeline pointing at this installation's schema."""
    schema = shipped("schema") / "outline.schema.json"
    return f"# yaml-language-server: $schema={schema.as_uri()}\n" + STARTER.read_text(encoding="utf-8")


def write_starter(path: Path) -> None:
    """Write the starter to `path`; never overwrite an existing file."""
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path}: an outline's name ends in .yaml")
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(starter_text())
    except FileExistsError:
        raise UsageError(f"{path} exists already; choose another name") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None

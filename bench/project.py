"""What the bench needs to know about casestudy: how to start it cold, and which parts exist yet."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from casestudy.renderers import DEFAULT_FORMATS


@dataclass(frozen=True)
class Setup:
    """Shared by every measurement: the command, the tools, how often, where to write."""

    casestudy: tuple[str, ...]  # the installed command, started as a fresh process
    runs: int
    work: Path  # a temporary folder for outputs and generated outlines
    outline: Path  # the default case
    quick: bool = False  # `bench/run --quick`: fewer runs, nothing at 100x


def casestudy_command() -> tuple[str, ...]:
    """The `casestudy` console script users run, or `python -m casestudy` without one."""
    script = shutil.which("casestudy")
    return (script,) if script else (sys.executable, "-m", "casestudy")


def missing_formats() -> list[str]:
    """Formats whose renderer module does not exist yet."""
    return [fmt for fmt in DEFAULT_FORMATS if importlib.util.find_spec(f"casestudy.renderers.{fmt}") is None]


@cache
def build_help(command: tuple[str, ...]) -> str:
    return subprocess.run([*command, "build", "--help"], capture_output=True, text=True).stdout


def supports(command: tuple[str, ...], option: str) -> bool:
    """Whether `casestudy build` has `option` (the roster lands from a colleague)."""
    return option in build_help(command)

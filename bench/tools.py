"""The pandoc route's tools: pandoc and WeasyPrint, installed on first use, never as project dependencies.

pandoc comes from PATH, else from Debian (`apt-get`, as root), else from the pypandoc-binary
wheel; WeasyPrint always lives in the bench's own virtual environment `bench/.env/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ENV = BENCH / ".env"
ENV_BIN = ENV / ("Scripts" if os.name == "nt" else "bin")

HOW_TO_INSTALL = f"""\
The pandoc route needs pandoc and WeasyPrint. Install them, then run bench/run again:
  apt-get install -y pandoc          (or: {ENV_BIN / "pip"} install pypandoc-binary)
  {sys.executable} -m venv {ENV} && {ENV_BIN / "pip"} install weasyprint
WeasyPrint needs Pango (Debian: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0)."""


class ToolsMissing(RuntimeError):
    """pandoc or WeasyPrint is not there and could not be installed."""


@dataclass(frozen=True)
class Tools:
    pandoc: str
    weasyprint: str

    def versions(self) -> dict[str, str]:
        """The first line of each tool's `--version`."""
        return {
            name: _first_line([path, "--version"])
            for name, path in (("pandoc", self.pandoc), ("WeasyPrint", self.weasyprint))
        }


def ensure_tools(install: bool = True) -> Tools:
    """Find pandoc and WeasyPrint, installing what is missing when `install` is true."""
    pandoc = _find_pandoc() or (_install_pandoc() if install else None)
    weasyprint = _find_weasyprint() or (_install_weasyprint() if install else None)
    if not pandoc or not weasyprint:
        raise ToolsMissing(HOW_TO_INSTALL)
    return Tools(pandoc, weasyprint)


def _find_pandoc() -> str | None:
    return shutil.which("pandoc") or _bundled_pandoc()


def _bundled_pandoc() -> str | None:
    """The pandoc binary inside the pypandoc-binary wheel, if the bench env has it."""
    python = ENV_BIN / "python"
    if not python.exists():
        return None
    probe = subprocess.run(
        [python, "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"], capture_output=True, text=True
    )
    found = probe.stdout.strip()
    return found if probe.returncode == 0 and found else None


def _install_pandoc() -> str | None:
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        _say("installing pandoc with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if _quiet(["apt-get", "install", "-y", "-qq", "pandoc"], env) != 0:
            _quiet(["apt-get", "update", "-qq"], env)
            _quiet(["apt-get", "install", "-y", "-qq", "pandoc"], env)
        if shutil.which("pandoc"):
            return shutil.which("pandoc")
    _say("installing pandoc from the pypandoc-binary wheel into bench/.env")
    if _ensure_env() and _quiet([str(ENV_BIN / "pip"), "install", "-q", "pypandoc-binary"]) == 0:
        return _bundled_pandoc()
    return None


def _find_weasyprint() -> str | None:
    path = ENV_BIN / "weasyprint"
    return str(path) if path.exists() else None


def _install_weasyprint() -> str | None:
    _say("installing WeasyPrint into bench/.env (once)")
    if _ensure_env() and _quiet([str(ENV_BIN / "pip"), "install", "-q", "weasyprint"]) == 0:
        return _find_weasyprint()
    return None


def _ensure_env() -> bool:
    if not (ENV_BIN / "pip").exists():
        venv.EnvBuilder(with_pip=True).create(ENV)
    return (ENV_BIN / "pip").exists()


def _quiet(argv: list[str], env: dict[str, str] | None = None) -> int:
    """Run an installer; show its output only when it fails."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-2000:] + done.stderr[-2000:], file=sys.stderr)
    return done.returncode


def _first_line(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "unknown"


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)

"""A build never opens a network connection: with sockets blocked, every format still builds.

Outlines are untrusted, so a URL in one (a source, a link, an image path) must never be fetched.
The in-process test blocks connect/resolve with monkeypatch; the subprocess test blocks them
before casestudy is imported and builds in worker processes, which inherit the block.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from contract import assert_contract, built_formats, dump, run_build, small_data

BLOCK = """
import socket, sys
def refuse(*args, **kwargs):
    message = "network access during a build: " + repr(args[:2])
    sys.stderr.write(message + "\\n")  # seen even if a caller swallows the error
    raise OSError(message)
socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse
from casestudy.cli import main
sys.exit(main(sys.argv[1:]))
"""


class NetworkUsed(AssertionError):
    pass


def _outline_with_urls(folder: Path) -> Path:
    """The small default case (its sources carry URLs) with a web link in a printed text."""
    data = small_data()
    data["lessons"][0]["what_they_did"] = "See [the filing](https://example.com/filing) and https://example.org/x.png."
    (folder / "casestudy.project").write_text("")
    path = folder / "case.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


@pytest.fixture
def formats() -> tuple[str, ...]:
    present = built_formats()
    if not present:
        pytest.skip("no renderer has landed yet")
    return present


def test_build_in_process_opens_no_connection(tmp_path, monkeypatch, formats):
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise NetworkUsed(f"network access during a build: {args[:2]!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    with pytest.raises(NetworkUsed):  # the block works
        socket.create_connection(("127.0.0.1", 9))
    attempts.clear()
    outcome = run_build(_outline_with_urls(tmp_path), tmp_path / "out", formats, 120)
    assert_contract(outcome, formats)
    assert outcome.code == 0 and not attempts, (attempts, outcome.stderr)


def test_build_in_worker_processes_opens_no_connection(tmp_path, formats):
    outline = _outline_with_urls(tmp_path)
    argv = ["build", str(outline), "--out", str(tmp_path / "out"), "--jobs", "2", "--edition", "both"]
    done = subprocess.run(
        [sys.executable, "-c", BLOCK, *argv, "--format", ",".join(formats)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "network access" not in done.stderr
    check = subprocess.run(
        [sys.executable, "-c", BLOCK.replace("from casestudy", "socket.getaddrinfo('x', 80)\nfrom casestudy")],
        capture_output=True,
        text=True,
    )
    assert "network access" in check.stderr  # the block works
    assert len(list((tmp_path / "out").iterdir())) == 2 * len(formats)

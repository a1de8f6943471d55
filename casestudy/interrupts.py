"""Ctrl-C and SIGTERM, from casestudy's first line to its last: one exception, one message, no traceback.

Python turns Ctrl-C into a KeyboardInterrupt that can strike anywhere (while modules load,
inside an `except` block, while a document is renamed into place) and lets SIGTERM kill the
process outright, leaving temporary files and workers behind. Here both signals raise
`Interrupted` once; later ones are only noted, so the clean-up the first one starts is never
cut short. Code that must not be split by a signal (renaming a document into place and
recording that it was) runs `deferred()`: the signal waits for the end of that block.

Only `signal` and `threading` are imported: the console script installs the handlers
before anything heavier loads. What runs before that (the interpreter's start-up and the
`import re` of pip's script wrapper, some 10-30 ms) is out of any program's reach.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)
NOTHING_REPLACED = "no document was replaced; the previous ones are untouched"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM arrived; `outcome` says what the interrupted work had already changed.

    A KeyboardInterrupt, so that code (and test runners) that already stop on Ctrl-C stop on it too.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.outcome = ""

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as a shell reports a process the signal stopped: 130, 143."""
        return 128 + self.signum

    def message(self) -> str:
        verb = "interrupted" if self.signum == signal.SIGINT else "terminated"
        return f"{verb}: {self.outcome}" if self.outcome else verb


class _State:
    """The first signal received since `install`, whether it was raised, and how deep `deferred` runs."""

    received: int | None = None
    raised = False
    deferring = 0


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _State.received is not None:
        return  # a second Ctrl-C: the first one's clean-up is already under way and bounded
    _State.received = signum
    if not _State.deferring:
        _raise(signum)


def _raise(signum: int) -> None:
    _State.raised = True
    raise Interrupted(signum)


def install() -> None:
    """Handle SIGINT and SIGTERM from now on (main thread only: elsewhere Python cannot).

    A signal the caller chose to ignore (nohup, `command &` in a script) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    _State.received, _State.raised, _State.deferring = None, False, 0
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_signal)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Handle the signals inside the block, then give back the handlers that were there before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    install()
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def ignore() -> None:
    """Ignore both signals: the work is done and the process is exiting with its own code."""
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Run the block whole: a signal that arrives meanwhile is raised when the block ends."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1
    if _State.received is not None and not _State.raised and not _State.deferring:
        _raise(_State.received)


@contextlib.contextmanager
def blocked() -> Iterator[None]:
    """Hold both signals back at the OS level, so a process forked inside starts with them pending.

    A forked worker inherits this process's Python handlers; until it has set its own, a Ctrl-C
    would run ours in the worker. Blocked, the signal waits until each side is ready for it.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def as_worker() -> None:
    """In a worker: Ctrl-C is the parent's to handle, SIGTERM ends the worker; then let signals through.

    The parent decides what is kept; a worker never writes a document into place, so dying on
    SIGTERM loses nothing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)

"""`python -m casestudy` and the `casestudy` command: signals are ours before anything else loads.

`run` is the console script's entry point, so that a Ctrl-C while the command line's modules
are still loading ends the program with one line and 130 too, not a traceback.
"""

import sys

from casestudy import interrupts


def run() -> int:
    """Handle Ctrl-C and SIGTERM, then load and run the command line; ignore both once it is done."""
    interrupts.install()
    try:
        from casestudy.cli import main

        return main()
    except interrupts.Interrupted as exc:
        print(exc.message(), file=sys.stderr)
        return exc.exit_code
    finally:
        interrupts.ignore()  # the exit code is decided; a late Ctrl-C must not turn it into a traceback


if __name__ == "__main__":
    sys.exit(run())

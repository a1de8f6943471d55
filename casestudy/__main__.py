"""`python -m casestudy` runs the command line."""

import sys

from casestudy.cli import main

sys.exit(main())

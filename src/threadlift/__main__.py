"""`python -m threadlift …` runs the `threadlift` command."""

import sys

from threadlift.cli import main

sys.exit(main())

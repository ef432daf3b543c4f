"""``python -m genomap``: the genomap command line."""

import sys

from genomap.cli import main

if __name__ == "__main__":
    sys.exit(main())

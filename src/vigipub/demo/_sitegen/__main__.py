"""``python -m vigipub.demo._sitegen [--pdf]``: regenerate the demo sites in place."""

import sys

from . import build_all

build_all(with_pdf="--pdf" in sys.argv[1:])
print("demo sites regenerated")

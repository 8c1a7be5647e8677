"""``python -m vigipub.demo``: same as ``python -m vigipub.demo.server``."""

from vigipub.demo.server import main

raise SystemExit(main())

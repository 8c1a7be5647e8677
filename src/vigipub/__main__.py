import sys

from vigipub.cli.main import main

sys.exit(main())

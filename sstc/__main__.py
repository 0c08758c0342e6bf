import sys

from sstc.cli import main

sys.exit(main())

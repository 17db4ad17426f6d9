"""`python -m bot.cli`: the `jingmin` command."""

import sys

from bot.cli.main import main

sys.exit(main())

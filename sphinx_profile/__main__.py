"""``python -m sphinx_profile``: the same as the ``sphinx-profile`` command."""

import sys

from .cli import main

sys.exit(main())

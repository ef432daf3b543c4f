"""Shared test setup: Hypothesis profiles, and the repository root on ``sys.path``.

Profiles (choose with the ``HYPOTHESIS_PROFILE`` environment variable; ``dev`` by default):

- ``dev``: 50 examples per property, for the edit-test loop;
- ``ci``: 200 examples, and the reproduction blob printed on failure;
- ``deep``: 2000 examples, for a long run before a release or after a layout change;
- ``triage``: 200 examples and no shrinking, to see failures quickly.

No profile has a deadline: generated families vary a lot in size, and the machines are small.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# Tests import their shared strategies as ``tests.strategies``; pytest puts only ``tests/``
# itself on the path, so add the repository root.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

# Documents are drawn from many small choices: generating one can take a while.
_SLOW_GENERATION = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=_SLOW_GENERATION
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_GENERATION,
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=_SLOW_GENERATION
)
# Report failures without shrinking them: shrinking big generated families can take minutes.
settings.register_profile(
    "triage",
    max_examples=200,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=_SLOW_GENERATION,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites golden files (SVGs, layouts) instead of comparing them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )

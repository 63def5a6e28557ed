"""Bounded exponential back-off with jitter (pure): how long to wait before retrying a dependency.

Jitter spreads the retries of many workers that lost the same server at the same moment; the
lower half of each step is kept, so a retry never follows the failure at once.
"""

from __future__ import annotations

from collections.abc import Callable

BASE_SECONDS = 0.5
CAP_SECONDS = 30.0


def backoff_delay(attempt: int, draw: Callable[[], float], base: float = BASE_SECONDS,
                  cap: float = CAP_SECONDS) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first): between half and all of
    ``min(cap, base·2^attempt)``, where ``draw()`` in [0, 1) picks the point."""
    step = min(cap, base * 2.0 ** min(attempt, 64))
    return step / 2 + step / 2 * draw()

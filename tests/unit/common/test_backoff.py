"""The back-off policy: bounded, growing, never immediate."""

from hypothesis import given
from hypothesis import strategies as st

from services.common.backoff import CAP_SECONDS, backoff_delay

DRAWS = st.floats(min_value=0.0, max_value=0.999999)


@given(st.integers(min_value=0, max_value=10_000), DRAWS)
def test_a_delay_is_never_immediate_and_never_over_the_cap(attempt, draw):
    delay = backoff_delay(attempt, lambda: draw)
    assert 0.25 <= delay <= CAP_SECONDS


@given(st.integers(min_value=0, max_value=60))
def test_the_longest_wait_of_a_step_is_never_shorter_than_the_step_before(attempt):
    assert backoff_delay(attempt + 1, lambda: 0.999999) >= backoff_delay(attempt, lambda: 0.999999)


def test_the_steps_double_from_half_a_second_until_the_cap():
    assert [backoff_delay(n, lambda: 0.0) for n in range(8)] == [0.25, 0.5, 1, 2, 4, 8, 15, 15]

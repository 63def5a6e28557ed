"""An outlet whose record the producer gives up on stops the worker rather than let its input be committed."""

import asyncio

import faust

from services.common import topics
from services.common.faustapp import Outlet


async def test_an_undelivered_record_stops_the_worker_and_a_delivered_one_does_not():
    app = faust.App("outlet-test", store="memory://")
    stopped = []
    outlet = Outlet(app, topics.METRICS, on_undelivered=lambda: stopped.append(True))
    loop = asyncio.get_running_loop()
    delivered, lost, cancelled = loop.create_future(), loop.create_future(), loop.create_future()
    delivered.set_result(None)
    cancelled.cancel()
    outlet._check(delivered)
    outlet._check(cancelled)
    assert stopped == []
    lost.set_exception(TimeoutError("batch expired"))
    outlet._check(lost)
    assert stopped == [True]

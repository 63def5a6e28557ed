"""Faust's consumer asks the broker to hold an empty fetch no longer than the setting (1.5 s in Faust)."""

from types import SimpleNamespace

from faust.transport.drivers import aiokafka as driver

from services.common.faustapp import bound_fetch_wait


def test_the_consumer_faust_builds_takes_the_fetch_wait_of_the_settings(monkeypatch):
    built = SimpleNamespace(_fetch_max_wait_ms=1500)  # what Faust's driver passes to aiokafka
    monkeypatch.setattr(driver.AIOKafkaConsumerThread, "_create_worker_consumer", lambda self, transport: built)
    bound_fetch_wait(120)
    bound_fetch_wait(80)  # a second call changes the value, and does not wrap twice
    consumer = driver.AIOKafkaConsumerThread._create_worker_consumer(None, None)
    assert consumer is built and consumer._fetch_max_wait_ms == 80

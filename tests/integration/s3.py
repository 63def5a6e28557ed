"""An S3-compatible server for the broker's storage in tests (moto's, from PyPI, on loopback), so the
embedded Tansu broker keeps its log across a restart as Apache Kafka keeps its on disk."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import boto3
from moto.server import ThreadedMotoServer

from tests.integration.helpers import free_port

REGION = "eu-west-2"


@contextlib.contextmanager
def s3_storage() -> Iterator[tuple[str, dict[str, str]]]:
    """Start the server with an empty bucket; yield Tansu's storage URL and the environment it needs.

    moto keeps its buckets in the process, not in the server: a bucket of an earlier call in the
    same test run is still there, so each call makes one of its own."""
    bucket = f"tansu-{uuid.uuid4().hex[:12]}"
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": REGION}
    try:
        boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                     aws_access_key_id="test", aws_secret_access_key="test").create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        yield f"s3://{bucket}/", {**os.environ, **credentials, "AWS_ENDPOINT": endpoint, "AWS_ALLOW_HTTP": "true"}
    finally:
        server.stop()

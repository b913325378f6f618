"""A local S3 API for tests: moto's server mode on a free port of 127.0.0.1 (no network), with
one empty bucket. Used by the object-storage tests and the two-app-server test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

ACCESS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "eu-west-1"


@dataclass(frozen=True)
class Bucket:
    endpoint: str
    name: str
    prefix: str

    @property
    def storage_url(self) -> str:
        return f"s3://{self.name}/{self.prefix}?endpoint_url={self.endpoint}&region_name={REGION}"

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=ACCESS["AWS_SECRET_ACCESS_KEY"],
        )

    def keys(self) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client().get_object(Bucket=self.name, Key=key)["Body"].read())


@contextmanager
def s3_bucket(prefix: str = "site") -> Iterator[Bucket]:
    """A fresh bucket (moto keeps its buckets per process, so each gets its own name)."""
    name = f"threadlift-{uuid.uuid4().hex[:12]}"
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        bucket = Bucket(f"http://{host}:{port}", name, prefix)
        bucket.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield bucket
    finally:
        server.stop()

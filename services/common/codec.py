"""The only place that turns models into bytes and back (core): orjson on the wire."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from services.common.schemas import DeadLetter

M = TypeVar("M", bound=BaseModel)


def encode(model: BaseModel) -> bytes:
    return orjson.dumps(model.model_dump(mode="json"))


def decode(data: bytes | str, model: type[M]) -> M:
    """Parse with orjson, validate with the model; raises ``ValueError`` on either failure."""
    return model.model_validate(orjson.loads(data))


def dumps_line(obj: BaseModel | dict) -> bytes:
    """One JSON Lines record, for the CLI's stdout."""
    payload = obj.model_dump(mode="json") if isinstance(obj, BaseModel) else obj
    return orjson.dumps(payload) + b"\n"


class Rejected(ValueError):
    """Input a stage refuses, with the dead letter's reason code and a sentence for the sender."""

    def __init__(self, reason: str, error: str) -> None:
        super().__init__(error)
        self.reason = reason
        self.error = error


def decode_or_dead_letter(data: bytes | str, model: type[M], stage: str,
                          max_bytes: int | None = None) -> M | DeadLetter:
    """Decode one message, or say precisely why it cannot be: the DLQ record for it. A message over
    ``max_bytes`` is refused before it is parsed."""
    if max_bytes is not None and len(data) > max_bytes:
        return dead_letter(stage, "too_large", f"{len(data)} bytes; at most {max_bytes} per message", data)
    try:
        return decode(data, model)
    except orjson.JSONDecodeError as exc:
        reason, error = "invalid_json", str(exc) or "not JSON"
    except ValidationError as exc:
        reason = "invalid_fields"
        error = "; ".join(f"{'.'.join(map(str, e['loc'])) or '<root>'}: {e['msg']}" for e in exc.errors())
    return dead_letter(stage, reason, error, data)


def dead_letter(stage: str, reason: str, error: str, payload: bytes | str) -> DeadLetter:
    """The DLQ record for a payload: the reason, the error, and the payload (truncated) as text."""
    raw = payload if isinstance(payload, str) else payload.decode("utf-8", errors="replace")
    return DeadLetter(stage=stage, reason=reason, error=error[:2000], payload=raw[:10_000], at=datetime.now(UTC))

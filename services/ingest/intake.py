"""Reading feed items posted over HTTP (core): one envelope or a JSON array of them.

All or nothing: a body with any bad item is refused whole, with a reason per
item, so a feed never has to guess which of its items went in.
"""

from __future__ import annotations

import orjson
from pydantic import ValidationError

from services.common.schemas import RawArticle

MAX_ITEMS = 1000


def parse_body(body: bytes) -> tuple[list[RawArticle], list[str]]:
    """The envelopes of a request body, or the reasons it cannot be taken."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return [], [f"invalid JSON: {exc}"]
    items = data if isinstance(data, list) else [data]
    if not items:
        return [], ["empty array"]
    if len(items) > MAX_ITEMS:
        return [], [f"at most {MAX_ITEMS} items per request, got {len(items)}"]
    envelopes, errors = [], []
    for n, item in enumerate(items):
        try:
            envelopes.append(RawArticle.model_validate(item))
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or '<item>'}: {e['msg']}" for e in exc.errors())
            errors.append(f"item {n}: {detail}")
    return (envelopes, []) if not errors else ([], errors)

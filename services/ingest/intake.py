"""What ingest takes in (core): the limits and checks on a feed item, and bodies posted over HTTP.

A feed item that parses but is not article text is refused with a reason code
(``Rejected``) instead of being cleaned into nothing: an empty text, a binary
blob, an HTML document, a runaway item of more lines than any newspaper page.
The same checks run on Kafka, over HTTP and in the CLI.

HTTP bodies are all or nothing: a body with any bad item is refused whole, with a
reason per item, so a feed never has to guess which of its items went in.
"""

from __future__ import annotations

import re

import orjson
from pydantic import ValidationError

from services.common.codec import Rejected
from services.common.schemas import RawArticle

MAX_ITEMS = 1000
MAX_ITEM_BYTES = 10 * 1024 * 1024  # one encoded feed item; a whole newspaper page is well under 1 MB
MAX_LINES = 20_000  # a dense newspaper page has a few hundred
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]")
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
_DOCUMENT = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def screen(raw: RawArticle) -> RawArticle:
    """The item itself if it can be article text; otherwise ``Rejected`` with why."""
    text = raw.text
    binary = len(_BINARY.findall(text))
    if binary > 0.05 * len(text):
        raise Rejected("binary", f"{binary} of {len(text)} characters are control, private-use or "
                                 "replacement characters: binary data, not text")
    if not _VISIBLE.search(text):
        raise Rejected("empty_text", "the item has no visible text")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise Rejected("too_many_lines", f"{lines} lines; at most {MAX_LINES} per item")
    tags = _TAG.findall(text)
    if _DOCUMENT.match(text) or (len(tags) >= 10 and sum(map(len, tags)) > 0.2 * len(text)):
        raise Rejected("markup", f"an HTML document ({len(tags)} tags), not article text: send the text")
    return raw


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
            envelopes.append(screen(RawArticle.model_validate(item)))
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or '<item>'}: {e['msg']}" for e in exc.errors())
            errors.append(f"item {n}: {detail}")
        except Rejected as exc:
            errors.append(f"item {n}: {exc.reason}: {exc.error}")
    return (envelopes, []) if not errors else ([], errors)

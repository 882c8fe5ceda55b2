"""Which URLs from data may become links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers drop ASCII tabs and newlines inside a URL, so "java\tscript:" is "javascript:".
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is http(s), mailto or relative: the only links data may make."""
    if url.startswith(("https://", "http://")):  # most links; whatever follows, the scheme is set
        return True
    cleaned = _IGNORED_BY_BROWSERS.sub("", url)
    if not cleaned or cleaned.startswith("\\"):
        return False
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES or (not scheme and ":" not in cleaned.split("/", 1)[0])

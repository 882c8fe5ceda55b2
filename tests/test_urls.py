"""The one rule for URLs from data: http, https, mailto and relative links only."""

from __future__ import annotations

import pytest

from sphinx_profile.data.urls import is_safe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=javascript:c",
        "http://example.org",
        "mailto:ada@example.org",
        "papers/a.pdf",
        "/assets/pdf/a.pdf",
        "#section",
        "HTTPS://EXAMPLE.ORG",
    ],
)
def test_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "\x00javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "\\\\host\\share",
        "",
        "ftp://example.org",
    ],
)
def test_unsafe(url: str) -> None:
    assert not is_safe_url(url)

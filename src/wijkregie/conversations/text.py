"""Minutes are written in Markdown and shown as HTML: raw HTML in the source is not rendered
(markdown-it with html off) and the result passes an allow-list sanitiser (nh3), so a
``<script>`` or an ``onclick`` in minutes is inert text."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")

TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h1", "h2", "h3", "h4", "blockquote",
    "code", "pre", "a", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}}


def render_markdown(text: str) -> SafeString:
    html = _parser.render(text or "")
    clean = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"https", "http", "mailto"}
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 on the line above

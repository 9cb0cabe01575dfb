"""Realisation of decisions and sanitising of minutes: the pure rules."""

import datetime as dt
import re

from wijkregie.conversations.realisation import (
    NOT_REALISED,
    PARTLY,
    REALISED,
    UNKNOWN,
    Part,
    realisation,
)
from wijkregie.conversations.text import render_markdown

TODAY = dt.date(2026, 11, 23)
PAST, FUTURE = dt.date(2026, 1, 1), dt.date(2027, 1, 1)


def test_realisation_follows_from_the_agreements():
    assert realisation([], TODAY) == UNKNOWN
    assert realisation([Part("done", PAST), Part("done", FUTURE)], TODAY) == REALISED
    assert realisation([Part("done", PAST), Part("open", FUTURE)], TODAY) == PARTLY
    assert realisation([Part("done", PAST), Part("dropped", PAST)], TODAY) == PARTLY
    assert realisation([Part("dropped", PAST)], TODAY) == NOT_REALISED
    assert realisation([Part("open", PAST), Part("dropped", PAST)], TODAY) == NOT_REALISED
    assert realisation([Part("in_progress", PAST)], TODAY) == NOT_REALISED
    assert realisation([Part("open", FUTURE), Part("dropped", PAST)], TODAY) == UNKNOWN
    assert realisation([Part("in_progress", TODAY)], TODAY) == UNKNOWN


def test_a_script_in_minutes_is_inert():
    html = str(
        render_markdown(
            "**Besluit**\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[klik](javascript:alert(1)) [site](https://www.zaanstad.nl) "
            '<a href="https://evil.example" onclick="steal()">a</a>'
        )
    )
    assert "<strong>Besluit</strong>" in html
    assert "<script" not in html and "<img" not in html
    assert not re.search(r"<[^>]*\bon\w+=", html)  # no tag carries an event handler
    assert 'href="javascript' not in html
    assert 'href="https://www.zaanstad.nl"' in html
    assert "&lt;script&gt;" in html  # shown as text, not run

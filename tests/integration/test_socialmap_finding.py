"""Done when: a DOCK professional finds the contact for mantelzorg in Poelenburg and the
partners active there in at most two clicks from the start page (following real links)."""

from __future__ import annotations

import re

from wijkregie.socialmap.models import Service


def _link(html: str, text: str) -> str:
    """The href of the link whose text contains ``text``."""
    for href, label in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S):
        if text in re.sub(r"<[^>]+>", "", label):
            return href
    raise AssertionError(f"no link with {text!r}")


def test_two_clicks_from_the_start_page(login_as):
    client = login_as("dock-professional")
    start = client.get("/").content.decode()
    socialmap = client.get(_link(start, "Sociale kaart")).content.decode()  # click 1
    wijk = client.get(_link(socialmap, "Poelenburg")).content.decode()  # click 2
    assert "Aanspreekpunt mantelzorg, wijkteam Poelenburg" in wijk
    assert "Marieke Dekker" in wijk
    assert "Zaankanters voor Elkaar" in wijk


def test_the_start_page_tells_the_owner_what_needs_checking(login_as):
    client = login_as("dock-manager")
    page = client.get("/").content.decode()
    assert 'data-task="socialmap_vacant"' in page
    assert "Sociale kaart: vacante aanspreekpunten" in page
    assert Service.objects.exists()

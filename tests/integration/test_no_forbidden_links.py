"""No link to a page the user may not open: per demo role, follow the links of the pages that
role reaches from its start page (breadth first, a bounded number of pages) and expect none of
them to answer 403 (a requirement shown to a provider, a request shown to team staff...)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from conftest import login

ROLES = (
    "contractmanager",
    "ketenregisseur",
    "beleidsadviseur",
    "dock-manager",
    "dock-professional",
    "aanbieder",
    "raadslid",
    "beheerder",
)
#: Pages per role: enough to reach every list and its first details.
LIMIT = 250
SKIP = re.compile(
    r"^/(admin|api|static|media|account/logout|i18n|hsds|openbaar)/|\.(pdf|xlsx|docx|csv|json|zip)$"
)
HREF = re.compile(r'<a\s[^>]*href="([^"#][^"]*)"')


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path):
            continue
        found.append(parts.path)  # query variants of one page answer alike
    return found


@pytest.mark.parametrize("username", ROLES)
def test_no_page_links_to_a_page_the_role_may_not_open(client, demo, username):
    login(client, username)
    seen = {"/"}
    queue = deque([("/", "")])
    forbidden = []
    visited = 0
    while queue and visited < LIMIT:
        path, source = queue.popleft()
        response = client.get(path)
        visited += 1
        if response.status_code == 403:
            forbidden.append(f"{path} (linked from {source})")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append((link, path))
    assert visited > 20, f"{username}: only {visited} pages reached"
    assert not forbidden, f"{username} is shown links it may not open:\n" + "\n".join(forbidden)

"""The demo's outbox: e-mail kept in the app, each user reading only their own."""

from __future__ import annotations

from conftest import login
from django.core import mail

from wijkregie.accounts.models import User
from wijkregie.system.models import OutboxMessage

OUTBOX = "wijkregie.system.outbox.OutboxBackend"


def test_mail_is_kept_and_each_user_reads_their_own(client, demo, settings):
    settings.EMAIL_BACKEND = OUTBOX
    manager = User.objects.get(username="dock-manager")
    mail.send_mail("Voor DOCK", "Uw levering staat klaar.", None, [manager.email])
    mail.send_mail("Voor SMD", "Niet voor DOCK.", None, ["s" + manager.email])
    assert OutboxMessage.objects.count() == 2
    login(client, "dock-manager")
    page = client.get("/postvak/").content.decode()
    assert "Voor DOCK" in page and "Uw levering staat klaar." in page
    assert "Voor SMD" not in page  # an address that merely contains the user's is not theirs
    assert 'href="/postvak/"' in page  # the header links to it


def test_without_the_outbox_the_page_does_not_exist(client, demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    login(client, "dock-manager")
    response = client.get("/postvak/")
    assert response.status_code == 404
    assert 'href="/postvak/"' not in response.content.decode()

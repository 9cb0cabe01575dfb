"""``EMAIL_URL=outbox:``: mail is kept in the database and shown in the app instead of sent.

The demo uses it, so a first start does not print every notification e-mail to the terminal and
each demo user reads their own mail on ``/postvak/``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

BACKEND = "wijkregie.system.outbox.OutboxBackend"


def enabled() -> bool:
    return settings.EMAIL_BACKEND == BACKEND


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from wijkregie.system.models import OutboxMessage

        rows = [
            OutboxMessage(
                sender=message.from_email or settings.DEFAULT_FROM_EMAIL,
                recipients="\n".join(message.recipients()),
                subject=str(message.subject),
                body=str(message.body),
            )
            for message in email_messages
            if message.recipients()
        ]
        OutboxMessage.objects.bulk_create(rows)
        return len(rows)


def messages_for(user) -> list:
    """The outbox mail addressed to ``user``'s e-mail address, newest first."""
    from wijkregie.system.models import OutboxMessage

    if not user.email:
        return []
    address = user.email.casefold()
    # Whole lines only: a substring match would let "a@x.nl" read mail to "ba@x.nl".
    return [
        message
        for message in OutboxMessage.objects.filter(recipients__icontains=user.email)
        if address in (line.casefold() for line in message.recipient_list)
    ]


def count() -> int:
    from wijkregie.system.models import OutboxMessage

    return OutboxMessage.objects.count()

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail kept in Wijkregie instead of sent (``EMAIL_URL=outbox:``, the demo's default):
    each user reads the mail addressed to them on the outbox page."""

    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    sender = models.CharField(_("from"), max_length=254)
    recipients = models.TextField(_("to"), help_text="One address per line.")
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("e-mail in the outbox")
        verbose_name_plural = _("e-mails in the outbox")

    def __str__(self) -> str:
        return self.subject

    @property
    def recipient_list(self) -> list[str]:
        return self.recipients.splitlines()

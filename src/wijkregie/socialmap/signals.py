"""When an account is deactivated, the contact roles its person held fall vacant at once: the
owners' editors are told (after the commit), and the roles show as vacant with a task. When a
theme is added or renamed in the register, its taxonomy term follows."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from wijkregie.organisations.models import Theme
from wijkregie.socialmap import services


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_active(sender, instance, **kwargs):
    if instance.pk:
        instance._was_active = (
            sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _deactivated(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_was_active", False) and not instance.is_active:
        services.roles_fall_vacant(user=instance)


@receiver(post_save, sender=Theme)
def _theme_saved(sender, instance, raw=False, **kwargs):
    """Every theme of the commission is a term of the map's themes taxonomy."""
    if not raw:
        services.theme_term_sync(theme=instance)

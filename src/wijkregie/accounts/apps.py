from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkregie.accounts"
    label = "accounts"
    verbose_name = _("Accounts and authorisation")

    def ready(self) -> None:
        from wijkregie.accounts import permissions, signals  # noqa: F401 - registers rules/receivers

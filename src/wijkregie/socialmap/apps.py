from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    name = "wijkregie.socialmap"
    label = "socialmap"
    verbose_name = _("Social map")

    def ready(self) -> None:
        from wijkregie.socialmap import signals  # noqa: F401  (connects the receivers)

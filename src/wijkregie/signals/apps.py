from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "wijkregie.signals"
    label = "signals"
    verbose_name = _("Signals from practice")

    def ready(self) -> None:
        from wijkregie.deidentification.services import SharedField, register
        from wijkregie.signals.models import Signal

        # Readers outside the writer's organisation see only the de-identified versions.
        register(
            Signal,
            SharedField("description", "shared_description"),
            SharedField("example", "shared_example"),
        )

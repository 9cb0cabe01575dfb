from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "wijkregie.pilots"
    label = "pilots"
    verbose_name = _("Pilots and theories of change")

    def ready(self) -> None:
        from wijkregie.insights.selectors import provide_blind_spots
        from wijkregie.pilots.selectors import blind_spots

        provide_blind_spots(blind_spots)

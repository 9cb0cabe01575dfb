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

        from django.db.models.signals import post_delete, post_save

        from wijkregie.pilots.models import Goal, GoalIndicator, Pilot
        from wijkregie.reporting.services import generation_bump

        # The blind spots sit in the dashboard's cached figures: a pilot's change makes them
        # stale like new facts do.
        for signal in (post_save, post_delete):
            for model in (Pilot, Goal, GoalIndicator):
                signal.connect(
                    generation_bump,
                    sender=model,
                    dispatch_uid=f"generation-{model.__name__}-{signal}",
                )

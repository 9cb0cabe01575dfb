from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "wijkregie.reporting"
    label = "reporting"
    verbose_name = _("Half-year deliveries")

    def ready(self) -> None:
        from django.db.models import Q

        from wijkregie.indicators.services import provide_facts
        from wijkregie.reporting import measurability

        provide_facts(measurability)

        from wijkregie.deidentification.services import SharedField, register
        from wijkregie.reporting.models import CaseStory, Narrative, Value

        register(Narrative, SharedField("text", "shared_text"))
        register(
            CaseStory, SharedField("title", "shared_title"), SharedField("text", "shared_text")
        )
        register(
            Value,
            SharedField(
                Value.note_of,
                "shared_note",
                has_text=~Q(reason="") | ~Q(explanation=""),
            ),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "wijkregie.reporting"
    label = "reporting"
    verbose_name = _("Half-year deliveries")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started
        from django.db.models import Q
        from django.db.models.signals import post_delete, post_save

        from wijkregie.indicators.models import Indicator, Target
        from wijkregie.indicators.services import provide_facts
        from wijkregie.organisations.models import Area, Organisation, Theme
        from wijkregie.reporting import measurability, rollups, selectors
        from wijkregie.reporting.models import CaseStory, Delivery, Narrative

        provide_facts(measurability)
        request_started.connect(selectors.request_memo_start, dispatch_uid="reporting-memo-start")
        request_finished.connect(selectors.request_memo_end, dispatch_uid="reporting-memo-end")
        request_started.connect(rollups.generation_memo_start, dispatch_uid="generation-start")
        request_finished.connect(rollups.generation_memo_end, dispatch_uid="generation-end")
        for signal in (post_save, post_delete):
            signal.connect(
                selectors.request_memo_forget, sender=Delivery, dispatch_uid=f"memo-{signal}"
            )
            # What the cached figures are read with besides the rollups (which bump it
            # themselves): names and definitions, wijken, and the deliveries' states behind the
            # provisional marks, targets, and the stories beside the figures.
            models = (Indicator, Target, Area, Organisation, Theme, Delivery, Narrative, CaseStory)
            for model in models:
                signal.connect(
                    rollups.generation_bump,
                    sender=model,
                    dispatch_uid=f"generation-{model.__name__}-{signal}",
                )

        from wijkregie.deidentification.services import (
            SharedField,
            register,
            shared_versions_written,
        )
        from wijkregie.reporting.models import Value

        for model in (Narrative, CaseStory, Value):  # the stories and notes beside the figures
            shared_versions_written.connect(
                rollups.generation_bump, sender=model, dispatch_uid=f"generation-shared-{model}"
            )

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

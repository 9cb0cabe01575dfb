from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "wijkregie.surveys"
    label = "surveys"
    verbose_name = _("Collaboration survey")

    def ready(self) -> None:
        from django.db.models import Q

        from wijkregie.deidentification.services import SharedField, register
        from wijkregie.surveys.models import Coding

        # A coded open answer is shared only as its de-identified quote.
        register(Coding, SharedField(Coding.answer_text, "quote", has_text=Q()))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeidentificationConfig(AppConfig):
    name = "wijkregie.deidentification"
    label = "deidentification"
    verbose_name = _("De-identification")

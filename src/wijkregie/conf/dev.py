"""Development and demo: SQLite in the data directory, generated secrets, console mail."""

import os

from wijkregie.conf import env
from wijkregie.conf.base import *  # noqa: F403

WIJKREGIE_ENVIRONMENT = "dev"
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the embedded SQLite lives here
DEBUG = env.get("DEBUG") if "DEBUG" in os.environ else True
# A data directory without generated secrets (e.g. a fresh checkout running `wijkregie check`)
# still gets working, clearly non-production values.
SECRET_KEY = SECRET_KEY or "django-insecure-wijkregie-development-only"  # noqa: F405
WIJKREGIE_PSEUDONYM_KEY = WIJKREGIE_PSEUDONYM_KEY or "development-only-pseudonym-key-000000"  # noqa: F405
if "EMAIL_URL" not in os.environ:  # the demo's mail goes to the outbox page, not the terminal
    EMAIL_BACKEND = "wijkregie.system.outbox.OutboxBackend"
WIJKREGIE_DEMO_PASSWORD = "wijkregie-demo"  # noqa: S105 - documented demo password
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

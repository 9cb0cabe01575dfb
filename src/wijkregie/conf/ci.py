"""Tests: like development, with fast password hashing and mail kept in memory."""

import os

from wijkregie.conf.dev import *  # noqa: F403

WIJKREGIE_ENVIRONMENT = "ci"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    # Tests never touch a demo database: pytest-django creates its own (in memory for SQLite).
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
LOGGING["loggers"]["wijkregie"]["level"] = "WARNING"  # noqa: F405
# Tests run background tasks at once, in the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

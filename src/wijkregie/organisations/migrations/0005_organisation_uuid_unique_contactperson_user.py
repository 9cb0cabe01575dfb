import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The unique constraint in a migration of its own: on PostgreSQL a table cannot be altered
    in the transaction that updated its rows (0004)."""

    dependencies = [
        ("organisations", "0004_organisation_uuid"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="contactperson",
            name="user",
            field=models.ForeignKey(
                blank=True,
                help_text="When this account is deactivated, the person's contact roles fall vacant.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contact_persons",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Wijkregie account",
            ),
        ),
    ]

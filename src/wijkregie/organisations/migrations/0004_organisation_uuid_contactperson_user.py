import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.uuid = uuid.uuid4()
        organisation.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_theme_registration_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
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

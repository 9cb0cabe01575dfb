import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.uuid = uuid.uuid4()
        organisation.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_theme_registration_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
    ]

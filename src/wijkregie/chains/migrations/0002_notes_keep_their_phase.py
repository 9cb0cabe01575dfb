"""History notes of a notice (a party added, a response, a reminder) are rows without a change
of phase: their ``from_state`` was empty, which read as a new notice. It becomes the phase."""

from django.db import migrations
from django.db.models import Min


def notes_keep_their_phase(apps, schema_editor):
    NoticeEvent = apps.get_model("chains", "NoticeEvent")
    firsts = NoticeEvent.objects.values("notice").annotate(first=Min("id")).values("first")
    for event in NoticeEvent.objects.filter(from_state="").exclude(id__in=firsts):
        event.from_state = event.to_state
        event.save(update_fields=["from_state"])


class Migration(migrations.Migration):
    dependencies = [("chains", "0001_initial")]

    operations = [migrations.RunPython(notes_keep_their_phase, migrations.RunPython.noop)]

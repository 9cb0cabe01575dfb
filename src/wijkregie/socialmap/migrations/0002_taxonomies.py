from django.db import migrations


def create_taxonomies(apps, schema_editor):
    """The two taxonomies the map serves, with a term for every theme that exists already
    (new themes get theirs from socialmap.signals)."""
    Taxonomy = apps.get_model("socialmap", "Taxonomy")
    TaxonomyTerm = apps.get_model("socialmap", "TaxonomyTerm")
    Theme = apps.get_model("organisations", "Theme")
    themes, _ = Taxonomy.objects.get_or_create(
        code="themas",
        defaults={
            "name": "Thema's van de opdracht Sociale Wijkteams",
            "description": "De thema's van de opdracht van de gemeente aan de Sociale Wijkteams.",
        },
    )
    Taxonomy.objects.get_or_create(
        code="doelgroepen",
        defaults={
            "name": "Doelgroepen",
            "description": "Voor wie een dienst of activiteit bedoeld is.",
        },
    )
    for theme in Theme.objects.all():
        TaxonomyTerm.objects.get_or_create(
            taxonomy=themes,
            code=theme.code,
            defaults={
                "name": theme.name,
                "description": theme.description,
                "theme": theme,
                "order": theme.order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0001_initial")]

    operations = [migrations.RunPython(create_taxonomies, migrations.RunPython.noop)]

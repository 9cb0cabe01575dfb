from django import template

register = template.Library()


@register.simple_tag
def cell(row, group: str, wave: str):
    """The cell of ``row`` for one group and wave (None when that group has no answers)."""
    return row.cells.get((wave, group))


@register.filter
def get(mapping: dict, key):
    return mapping.get(key)


@register.filter
def label_for(question, group: str) -> str:
    """The question's wording for a respondent group."""
    return question.label_for(group)

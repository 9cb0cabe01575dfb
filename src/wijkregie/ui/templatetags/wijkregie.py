from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wijkregie.common.formatting import euro, figure, number, percent

register = template.Library()


for _filter in (euro, number, figure, percent):
    register.filter(_filter.__name__, _filter)


@register.filter
def figure_cell(f) -> str:
    """The content of a dashboard table cell for a figure (``insights.selectors.Figure``):
    no data, a suppressed mask such as "<10", "not measurable", or the number. One filter
    instead of template branches per cell keeps large tables fast to render."""
    if f is None:
        return format_html(
            '<span class="wr-muted" title="{0}">–<span class="visually-hidden">{0}</span></span>',
            _("no data"),
        )
    if f.suppressed:
        shown = format_html('<span class="wr-suppressed">{}</span>', f.display)
    elif f.value is None:
        if f.not_measurable:
            return format_html('<span class="wr-muted">{}</span>', _("not measurable"))
        return "–"
    elif f.provisional or f.missing_organisations:
        # Drawn distinctly: italic and underlined dashes (see theme.css), never colour alone.
        shown = format_html('<span class="wr-provisional">{}</span>', figure(f.value))
    else:
        return figure(f.value)
    if f.missing_organisations:
        return format_html(
            '{} <span class="wr-caveat">{}</span>',
            shown,
            _("incomplete: %(names)s missing") % {"names": ", ".join(f.missing_organisations)},
        )
    return shown


@register.filter
def period_heading(period: str) -> str:
    """A half-year as a column heading, marked when its figures are provisional."""
    from django.utils import timezone

    from wijkregie.reporting.selectors import provisional_periods

    if str(period) in provisional_periods([str(period)], timezone.localdate()):
        return format_html('{} <span class="wr-caveat">({})</span>', period, _("provisional"))
    return str(period)


@register.filter
def budget_in(assignment, year):
    """The budget of an additional assignment in a year (None when it has none)."""
    amount = assignment.budget_for(int(year))
    return amount or None


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None

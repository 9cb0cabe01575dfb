from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value, decimals: int = 0) -> str:
    """€ 1.234.567 in Dutch, € 1,234,567 in English; an empty value shows as a dash."""
    if value in (None, ""):
        return "—"
    return "€ " + number_format(Decimal(value), decimal_pos=decimals, force_grouping=True)


@register.filter
def number(value, decimals: int = 0) -> str:
    if value in (None, ""):
        return "—"
    return number_format(Decimal(value), decimal_pos=decimals, force_grouping=True)


@register.filter
def figure(value) -> str:
    """A figure in Dutch: whole numbers without decimals, others with one."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    decimals = 0 if value == value.to_integral() else 1
    return number_format(value, decimal_pos=decimals, force_grouping=True)


@register.filter
def percent(fraction) -> str:
    """A change as a fraction (−0.06) shown as a percentage with one decimal: −6,0%."""
    if fraction in (None, ""):
        return "—"
    return number_format(Decimal(str(round(float(fraction) * 100, 1))), decimal_pos=1) + "%"


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

"""Numbers as Dutch readers expect them (and as the English pages show them): used by templates
(through the ``wijkregie`` template filters), exports, charts and generated texts alike."""

from decimal import Decimal

from django.utils.formats import number_format


def euro(value, decimals: int = 0) -> str:
    """€ 1.234.567 in Dutch, € 1,234,567 in English; an empty value shows as a dash."""
    if value in (None, ""):
        return "—"
    return "€ " + number_format(Decimal(value), decimal_pos=decimals, force_grouping=True)


def number(value, decimals: int = 0) -> str:
    if value in (None, ""):
        return "—"
    return number_format(Decimal(value), decimal_pos=decimals, force_grouping=True)


def figure(value) -> str:
    """A figure in Dutch: whole numbers without decimals, others with one."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    decimals = 0 if value == value.to_integral() else 1
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def percent(fraction) -> str:
    """A change as a fraction (−0.06) shown as a percentage with one decimal: −6,0%."""
    if fraction in (None, ""):
        return "—"
    return number_format(Decimal(str(round(float(fraction) * 100, 1))), decimal_pos=1) + "%"

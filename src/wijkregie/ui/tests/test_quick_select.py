"""QuickSelect renders the same HTML as Django's Select template renders, only faster."""

from django import forms
from django.test.html import parse_html

from wijkregie.common.forms import QuickSelect


def test_quick_select_renders_the_same_html_as_django():
    choices = [
        ("", "—"),
        ("1", 'Poelenburg & "Peldersveld"'),
        ("2", "<script>alert(1)</script>"),
        ("Groep", [("3", "Krommenie"), ("4", "Wormerveer")]),
    ]
    attrs = {"class": "utrecht-select", "aria-describedby": "help", "required": True}
    for value in ("", "2", "4", None):
        expected = forms.Select(attrs=attrs, choices=choices).render("area", value)
        actual = QuickSelect(attrs=attrs, choices=choices).render("area", value)
        # The same elements, attributes and text (whitespace and attribute order aside).
        assert parse_html(actual) == parse_html(expected)
    assert "&lt;script&gt;" in actual

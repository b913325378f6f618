"""Every form field is drawn by Django's field-group rendering through one project template:
the label says when a field is optional, and the help text and errors the widget names in
aria-describedby are on the page, each id once."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import Client


class TwoRules(forms.Form):
    code = forms.CharField(label="Code", help_text="Six digits.")
    note = forms.CharField(label="Note", required=False)

    def clean_code(self) -> str:
        raise forms.ValidationError(["Too short.", "Not a number."])


def test_a_field_group_has_its_label_help_and_every_error_under_one_described_id() -> None:
    html = str(TwoRules(data={"code": "x"})["code"].as_field_group())
    assert '<label for="id_code">Code</label>' in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<p class="help" id="id_code_helptext">Six digits.</p>' in html
    assert html.count('id="id_code_error"') == 1
    assert "Too short.<br>Not a number." in html


def test_an_optional_field_says_so_in_its_label() -> None:
    html = str(TwoRules()["note"].as_field_group())
    assert '<label for="id_note">Note <span class="optional">(optional)</span></label>' in html


@pytest.mark.django_db
def test_every_id_the_sign_up_form_points_to_is_on_the_page_once() -> None:
    page = Client().post("/accounts/signup/", {"email": "not an address"}).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert any("_error" in ids for ids in described)  # the errors are named by the fields
    for ids in described:
        for id_ in ids.split():
            assert page.count(f'id="{id_}"') == 1, id_

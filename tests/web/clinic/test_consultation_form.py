"""The consultation form: nothing clinical pre-selected, every skip an error, the screening items
as paraphrases with their reference, the history taken before threads, and a report that
withholds threads from a patient or area that is not suitable and prints the rules' notes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from academy.accounts.models import User
from tests.web.builders import SUITABLE
from tests.web.conftest import client_for
from threadlift.knowledge import load_knowledge

KB = load_knowledge()
URL = "/toolkit/consultation/"
# Everything the suitable patient answers except the optional screening items.
REQUIRED = [k for k in SUITABLE if not k.startswith(("bddq_", "dcq_"))]


def post(client: Client, **changes: Any) -> Any:
    data = {**SUITABLE, **changes}
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def html_of(response: Any) -> str:
    return " ".join(response.content.decode().split())


def test_the_empty_form_pre_selects_nothing_clinical(lena: User) -> None:
    html = client_for(lena).get(URL).content.decode()
    selected = re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', html)
    assert set(selected) <= {""}, selected
    assert not re.search(r"\bchecked\b", html)
    assert "Skin thickness" in html


@pytest.mark.parametrize("field", REQUIRED)
def test_a_skipped_answer_is_an_error_on_its_field_not_a_silent_no(lena: User, field: str) -> None:
    response = post(client_for(lena), **{field: None})
    assert response.status_code == 200
    errors = response.context["form"].errors
    expected = {"no_conditions": "conditions", "concern_jowl": "concern_jowl"}.get(field, field)
    assert expected in errors, (field, errors)
    assert "Thread options" not in html_of(response)


def test_pregnancy_is_refused_for_a_male_patient(lena: User) -> None:
    response = post(client_for(lena), sex="male", conditions=["pregnancy"], no_conditions=None)
    errors = response.context["form"].errors
    assert "male" in " ".join(errors["conditions"])
    female = post(client_for(lena), conditions=["pregnancy"], no_conditions=None)
    assert 'data-verdict="not_suitable"' in html_of(female)


def test_conditions_and_none_of_these_cannot_both_be_ticked(lena: User) -> None:
    response = post(client_for(lena), conditions=["keloid_tendency"])
    assert "None of these" in " ".join(response.context["form"].errors["conditions"])


def test_a_none_of_these_box_sent_as_false_is_not_an_answer(lena: User) -> None:
    response = post(client_for(lena), no_conditions="false")
    assert "None of these" in " ".join(response.context["form"].errors["conditions"])


def test_the_screening_items_show_paraphrases_and_the_reference(lena: User) -> None:
    html = " ".join(client_for(lena).get(URL).content.decode().split())
    assert "our paraphrases" in html
    assert "[R46]" in html
    for instrument in ("bddq_as", "dcq"):
        for item in KB.instrument(instrument).items:
            assert item.text
            assert item.text.replace('"', "&quot;").replace("'", "&#x27;") in html
    assert "3 - much more than most people" in html


def test_threads_still_present_are_a_caution_citing_the_material(lena: User) -> None:
    history = {
        "had_treatment": "yes",
        "history_area": "jowl",
        "history_treatment": "threads",
        "history_months_ago": "3",
        "history_material": "pdo",
    }
    html = html_of(post(client_for(lena), **history))
    assert 'data-verdict="caution"' in html
    assert "earlier threads of Polydioxanone (PDO)" in html
    assert "[R21]" in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"had_treatment": "no", "history_area": "jowl"}, "history_area"),
        (
            {
                "had_treatment": "yes",
                "history_area": "jowl",
                "history_treatment": "threads",
                "history_months_ago": "3",
            },
            "history_material",
        ),
        ({"allergy_other_any": "yes"}, "allergy_other_details"),
        ({"expected_months": "-4"}, "expected_months"),
        ({"concern_midface": "sagging"}, "laxity_midface"),
        ({"laxity_midface": "2"}, "concern_midface"),
    ],
)
def test_contradictory_or_half_answers_name_the_field(
    lena: User, changes: dict[str, Any], field: str
) -> None:
    response = post(client_for(lena), **changes)
    assert field in response.context["form"].errors


def test_a_polymer_allergy_is_not_suitable_and_withholds_every_thread_option(
    lena: User,
) -> None:
    html = html_of(post(client_for(lena), allergy_polymer="yes"))
    assert 'data-verdict="not_suitable"' in html
    assert "No thread options or counts: not suitable for threads now" in html
    assert "21G" not in html


def test_laxity_0_with_a_lifting_concern_withholds_that_area_only(lena: User) -> None:
    html = html_of(post(client_for(lena), laxity_neck="0", concern_neck="sagging"))
    assert "There is no laxity to lift" in html
    assert 'data-area="neck"' in html
    assert "No thread options or counts: not suitable for this area" in html
    assert "21G" in html  # the jowl still gets its options
    assert "Dermal fillers" in html


def test_three_relative_contraindications_escalate_with_the_reasons_listed(
    lena: User,
) -> None:
    conditions = ["keloid_tendency", "autoimmune_disease", "anticoagulant"]
    html = html_of(post(client_for(lena), conditions=conditions, no_conditions=None))
    assert 'data-verdict="not_suitable"' in html
    assert "3 relative contraindications or risk factors together" in html
    assert "Note: Never stop an anticoagulant" in html.replace("</strong>", "")


def test_expectations_unrealistic_after_discussion_are_not_suitable_as_our_policy(
    lena: User,
) -> None:
    html = html_of(post(client_for(lena), realistic="no"))
    assert 'data-verdict="not_suitable"' in html
    assert "Declining here is our policy" in html
    assert "judged <strong>unrealistic</strong>" in html


def test_expecting_longer_than_any_follow_up_gives_communication_advice(lena: User) -> None:
    html = html_of(post(client_for(lena), expected_months="60"))
    assert 'data-verdict="caution"' in html
    assert "Talk it through before consent" in html


def test_a_bddq_as_left_after_items_1_and_2_is_shown_as_incomplete_never_negative(
    lena: User,
) -> None:
    html = html_of(post(client_for(lena), bddq_q1="yes", bddq_q2="yes"))
    assert 'data-screen="incomplete"' in html
    assert "Screen incomplete" in html
    assert 'data-verdict="suitable"' not in html
    assert "The BDDQ-AS is not finished" in html


def test_surgery_in_the_area_two_months_ago_is_not_suitable_on_the_report(lena: User) -> None:
    answers = {
        "had_treatment": "yes",
        "history_area": "jowl",
        "history_treatment": "surgery",
        "history_months_ago": "2",
    }
    html = html_of(post(client_for(lena), **answers))
    assert 'data-verdict="not_suitable"' in html
    assert "the 6 months is our policy" in html


def test_an_energy_device_treatment_can_be_recorded_and_is_a_caution(lena: User) -> None:
    answers = {
        "had_treatment": "yes",
        "history_area": "jowl",
        "history_treatment": "energy_device",
        "history_months_ago": "1",
    }
    html = html_of(post(client_for(lena), **answers))
    assert 'data-verdict="caution"' in html
    assert "R58" in html


def test_malignancy_under_treatment_is_not_suitable_and_says_it_is_our_strict_policy(
    lena: User,
) -> None:
    html = html_of(
        post(client_for(lena), conditions=["malignancy_under_treatment"], no_conditions=None)
    )
    assert 'data-verdict="not_suitable"' in html
    assert "our strict policy" in html
    assert "unconfirmed" in html.lower()


def test_change_the_answers_brings_the_form_back_filled_in_without_assessing(lena: User) -> None:
    """The report is no-store, so Back cannot restore the form; its button posts the answers."""
    client = client_for(lena)
    report = client.post("/toolkit/consultation/", SUITABLE)
    assert b'name="change_answers"' in report.content
    again = client.post("/toolkit/consultation/", {**SUITABLE, "change_answers": "1"})
    page = again.content.decode()
    assert "Thread-lift assessment" not in page
    assert re.search(r'name="bmi"[^>]*value="{}"'.format(SUITABLE["bmi"]), page)
    assert "errorlist" not in page

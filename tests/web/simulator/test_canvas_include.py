"""The canvas include another page embeds (the logbook's case form): a form-mode root that keeps
the plan in a hidden `plan` input, with no live scoring and its face drawing behind a URL."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from academy.simulator import content
from academy.simulator.models import SimulatorSettings
from tests.web.catalog import factories
from tests.web.simulator.conftest import good_plan


def test_the_include_renders_a_mountable_form_mode_root() -> None:
    ex = content.exercise("jowl")
    assert ex is not None
    html = render_to_string(
        "simulator/_canvas.html",
        {
            "face_id": "male",
            "view": ex.view,
            "indication": ex.indication,
            "products": content.products_json(ex),
            "mode": "form",
            "initial_plan": good_plan("male"),
        },
    )
    assert 'data-mode="form"' in html
    assert 'data-face-url="/simulator/faces/lateral-left/male.svg?zones=1"' in html
    assert "data-score-url" not in html
    assert '<input type="hidden" name="plan"' in html
    assert 'src="/static/js/simulator/mount.js"' in html
    blocks = re.findall(r'<script type="application/json">(.*?)</script>', html, re.S)
    products, plan = (json.loads(b) for b in blocks)
    assert products[0]["value"]["design"] == "cog_bidirectional"
    assert len(plan["threads"]) == 3


@pytest.mark.django_db
def test_course_settings_refuse_an_unknown_exercise() -> None:
    settings = SimulatorSettings(course=factories.course(), exercises_required="jowl, nope")
    with pytest.raises(ValidationError, match="nope"):
        settings.full_clean()
    settings.exercises_required = "jowl, neck"
    settings.full_clean()

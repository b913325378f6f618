"""OB 3.0 baking: the credential comes back out of the PNG and SVG unchanged."""

from __future__ import annotations

import io

import png  # pypng, installed with openbadgeslib

from threadlift.credentials import baking

from .sample import Academy


def tiny_png() -> bytes:
    out = io.BytesIO()
    png.Writer(2, 2, greyscale=True).write(out, [[0, 255], [255, 0]])
    return out.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10"/></svg>'
)


def test_a_credential_baked_into_a_png_comes_back_out() -> None:
    credential = Academy().issue(name="Zoë Ångström-Núñez ✓")
    baked = baking.bake_into_png(tiny_png(), credential)
    assert b"openbadgecredential" in baked
    assert baking.credential_from_png(baked) == credential


def test_a_credential_baked_into_an_svg_comes_back_out() -> None:
    credential = Academy().issue(name="Zoë Ångström-Núñez ✓")
    baked = baking.bake_into_svg(SVG, credential)
    assert b"openbadges:credential" in baked
    assert baking.credential_from_svg(baked) == credential

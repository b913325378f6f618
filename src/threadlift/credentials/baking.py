"""OB 3.0 baking: the signed credential JSON inside a badge image.

PNG: an iTXt chunk with keyword `openbadgecredential`; SVG: an `<openbadges:credential>` element
(namespace https://purl.imsglobal.org/ob/v3p0) whose text is the credential (Data Integrity form).
"""

from __future__ import annotations

import json
from typing import Any

from openbadgeslib.baking import (
    ITXT_KEYWORD_OB3,
    SVG_ELEMENT_OB3,
    SVG_NS_OB3,
    bake_png,
    bake_svg,
    extract_png,
    extract_svg,
)


def _text(credential: dict[str, Any]) -> str:
    return json.dumps(credential, ensure_ascii=False, separators=(",", ":"))


def bake_into_png(image: bytes, credential: dict[str, Any]) -> bytes:
    return bake_png(image, _text(credential), keyword=ITXT_KEYWORD_OB3)


def bake_into_svg(image: bytes, credential: dict[str, Any]) -> bytes:
    return bake_svg(
        image, _text(credential), element=SVG_ELEMENT_OB3, namespace=SVG_NS_OB3, as_text=True
    )


class NotBakedError(ValueError):
    """The image carries no OB 3.0 credential."""


def _parse(text: str | None) -> dict[str, Any]:
    if not text:
        raise NotBakedError("The image carries no Open Badges 3.0 credential.")
    return dict(json.loads(text))


def credential_from_png(image: bytes) -> dict[str, Any]:
    return _parse(extract_png(image, keyword=ITXT_KEYWORD_OB3))


def credential_from_svg(image: bytes) -> dict[str, Any]:
    return _parse(extract_svg(image, element=SVG_ELEMENT_OB3, text_fallback=True))

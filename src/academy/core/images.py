"""Uploaded photos (logbook case photos, follow-up photos, verification evidence): checked (type
by content, size, pixels) and re-encoded with Pillow from the bare pixels, so no metadata block
survives: EXIF (GPS included), XMP, ICC and the JPEG comment, which Pillow would otherwise copy
from the upload's `info` (issue 25). Each caller stores them in its private storage, served only
by an access-checked view. Platform code: every app that takes a photo imports it."""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED = {"JPEG", "PNG", "WEBP"}


class PhotoProblem(ValueError):
    pass


def clean_photo(upload: UploadedFile) -> tuple[ContentFile[bytes], int, int]:
    """A re-encoded JPEG without metadata, and its width and height."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise PhotoProblem("The photo is larger than 10 MB.")
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED:
                raise PhotoProblem("Send a JPEG, PNG or WebP photo.")
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoProblem("The photo has too many pixels (at most 40 megapixels).")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            upright = ImageOps.exif_transpose(image)  # keep it upright before EXIF goes
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise PhotoProblem("This file is not a photo we can read.") from None
    bare = pixels_only(rgb)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=88, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg"), bare.width, bare.height


def pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding the pixels and nothing else: an empty `info`, so saving it writes no
    comment, XMP, EXIF or colour profile taken from the file it was read from."""
    return Image.frombytes(image.mode, image.size, image.tobytes())

"""Packages for other systems: a module as a SCORM 1.2 package, question items as QTI 3.0.

    from threadlift.interop import scorm_package, qti_package
    data = scorm_package(module, lessons, questions, kb, pass_mark=0.7)   # zip bytes
    data = qti_package(questions, kb, title="...")                         # zip bytes

Both are self-contained zips (no external URL is loaded; CSS, JS and images are inside) built
from the curriculum's own objects, rendered as the platform renders them: citations, evidence
grades and marks included. The rules of the formats are data (`data/formats.yaml`, cited).
Pure core: no Django.
"""

from threadlift.interop.qti import qti_package
from threadlift.interop.scorm import scorm_package

__all__ = ["qti_package", "scorm_package"]

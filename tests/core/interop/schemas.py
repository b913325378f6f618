"""The published QTI 3.0 XSDs (in ./xsd, see its README), loaded offline with lxml.

Imports that name a web address are answered from the local copies; any other address fails
(nothing is fetched). Loading the ASI schema takes several seconds: tests keep one per session.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "xsd"
ASI = XSD / "qtiv3p0" / "imsqti_asiv3p0_sbacv1p0_v1p0.xsd"
MANIFEST = XSD / "qtiv3p0" / "imsqtiv3p0_imscpv1p2_v1p0.xsd"
LOCAL = {
    "https://purl.imsglobal.org/spec/w3/1999/schema/xsd/xlink.xsd": XSD / "w3" / "xlink.xsd",
    "http://www.w3.org/2001/xml.xsd": XSD / "w3" / "xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd": XSD / "w3" / "xml.xsd",
}


class _Offline(etree.Resolver):  # type: ignore[misc]
    def resolve(self, url, public_id, context):  # type: ignore[no-untyped-def]
        if url in LOCAL:
            return self.resolve_filename(str(LOCAL[url]), context)
        if url.startswith(("http:", "https:")):
            raise OSError(f"the schemas may not fetch {url}")
        return None


@functools.cache
def schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(path), parser))


def problems(xml: bytes, path: Path) -> list[str]:
    """The schema's complaints about one document (empty: valid)."""
    checker = schema(path)
    if checker.validate(etree.fromstring(xml)):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]

"""RDFC-1.0 canonical N-Quads of our credentials, without generic JSON-LD processing.

eddsa-rdfc-2022 (vc-di-eddsa) signs SHA-256 of the RDFC-1.0 canonical N-Quads of the document and
of the proof options. pyld gets those by expanding the JSON as generic JSON-LD, which costs tens of
milliseconds. Our documents use a small part of JSON-LD: bundled context URLs at the top level, the
terms those contexts define (type- and property-scoped ones included), node objects, strings,
numbers and booleans. `canonical_nquads` converts exactly that part and raises `Unsupported` for
anything else (an unknown key, a keyword, a nested @context, an IRI value it cannot vouch for, a
list container, two blank nodes it cannot tell apart…): the caller then takes the reference path
(openbadgeslib + pyld). Nothing is guessed.

- Contexts are processed by pyld itself (the same definitions, protection and scoping), once per
  context reached, and kept (`_Context`), as are the derived type- and property-scoped ones.
- The conversion follows pyld 3.3's expansion for these features (which context is active where:
  type-scoped contexts do not propagate, property-scoped ones do), then JSON-LD's RDF conversion
  (native numbers and booleans as pyld writes them, duplicate statements merged).
- Blank nodes are labelled by their first-degree hashes (RDFC-1.0 §4.4 steps 1–5, 7–8); when two
  hashes collide the n-degree step would be needed, and the path declines.

`shape` (when asked for) is a copy of the document in which every literal string is blanked and
every IRI value replaced by a placeholder (equal IRIs by equal placeholders): what the JSON-LD form
check of the verifier depends on, so its verdict can be kept per shape (see `proof`).
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from dataclasses import dataclass
from typing import Any

from openbadgeslib.ob3.contexts import bundled_contexts, document_loader
from pyld import jsonld
from pyld.context_resolver import ContextResolver


class Unsupported(Exception):  # a signal to take the reference path, not a failure
    """The document uses JSON-LD this path does not convert: take the reference path."""


VC_V2 = "https://www.w3.org/ns/credentials/v2"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"

# An IRI pyld's RDF conversion keeps and writes as is: its own absolute-IRI test, narrowed (no
# blank-node label, no comma in the scheme, nothing N-Quads would escape, no trailing newline).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20\x7f]*")
# pyld escapes \t, \n, \r, " and \\ in literals and writes other control characters raw, where
# other RDFC-1.0 implementations escape them: such text is left to the reference path.
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
_SPECIAL = re.compile(r'[\x00-\x1f\x7f"\\]')
_PLACEHOLDER = "urn:threadlift-shape:"

# Far below the limits of openbadgeslib's structure screen (ob3/_structure_screen.py: 36 levels,
# 8 distinct types a node, 1,600 typed nodes, 2,000 type entries, 8,000 nodes), so that whatever
# this path accepts, the screen accepts too.
MAX_DEPTH = 12  # nesting of node objects (at most two containers each); ours reach 5
MAX_VALUES = 1_000  # node objects and values in all; the demo credential has about 250
MAX_TYPES = 8
MAX_CONTEXTS = 256  # processed contexts kept (top-level lists and scoped ones)
MAX_CONTEXT_ENTRIES = 4  # URLs in a top-level @context

_LOCK = threading.RLock()
_PROCESSOR = jsonld.JsonLdProcessor()
_LOADER = document_loader()
_OPTIONS: dict[str, Any] = {
    "documentLoader": _LOADER,
    "contextResolver": ContextResolver({}, _LOADER),
    "base": "",
    "processingMode": "json-ld-1.1",
}


@dataclass(frozen=True, slots=True)
class _Term:
    iri: str  # the predicate IRI, or "@id" / "@type" for the aliases
    coerce: str | None  # None, "@id", "@vocab" or a datatype IRI
    scoped: Any  # the property-scoped context, or None
    predicate: str  # the IRI as N-Quads writes it


class _Context:
    """A pyld active context, with its terms read once and its derived contexts kept."""

    __slots__ = (
        "_children", "_derived", "_terms", "_typed", "aliases", "mappings", "previous", "raw",
    )  # fmt: skip
    count = 0

    def __init__(self, raw: dict[str, Any]) -> None:
        if raw.get("@language") is not None or raw.get("@direction") is not None:
            raise Unsupported("a default language or direction")
        if any(m and m.get("_prefix") for m in raw["mappings"].values()):
            raise Unsupported("a prefix term (compact IRIs)")  # none in the bundled contexts
        self.raw = raw
        self.mappings: dict[str, Any] = raw["mappings"]
        previous = raw.get("previousContext")
        self.previous = _Context(previous) if previous is not None else None
        self._terms: dict[str, _Term] = {}
        self._derived: dict[tuple[int, bool, bool], _Context] = {}
        self._children: dict[str, tuple[_Term, _Context, _Term, _Context]] = {}
        self._typed: dict[tuple[str, ...], tuple[_Context, tuple[str, ...]]] = {}
        # the keys spelling @id and @type here (the aliases `id` and `type`)
        self.aliases: dict[str, str] = {
            key: m["@id"]
            for key, m in self.mappings.items()
            if m and m.get("@id") in ("@id", "@type")
        }

    def term(self, key: str) -> _Term:
        found = self._terms.get(key)
        if found is None:
            found = self._terms[key] = _read_term(self.mappings.get(key), key)
        return found

    def is_alias(self, key: str, keyword: str) -> bool:
        return self.aliases.get(key) == keyword

    def child(self, key: str) -> tuple[_Term, _Context, _Term, _Context]:
        """For the property `key` of a node in this context: its term, the context its values are
        expanded in (its property-scoped context applied), the term there (what scalars follow),
        and the context a node object under it starts from (pyld reverts this node's type-scoped
        contexts, then applies the property-scoped one)."""
        found = self._children.get(key)
        if found is None:
            term = self.term(key)
            term_ctx = (
                self.derive(term.scoped, propagate=True, override=True)
                if term.scoped is not None
                else self
            )
            inner = term_ctx.term(key)
            start = term_ctx.previous or term_ctx
            if inner.scoped is not None:
                start = start.derive(inner.scoped, propagate=True, override=True)
            found = self._children[key] = (term, term_ctx, inner, start)
        return found

    def typed(self, types: tuple[str, ...]) -> tuple[_Context, tuple[str, ...]]:
        """This context with the type-scoped contexts of `types` applied (sorted, as pyld does),
        and the types' IRIs (read in this context, before those apply)."""
        found = self._typed.get(types)
        if found is None:
            ctx = self
            for name in sorted(types):
                mapping = self.mappings.get(name)
                local = mapping.get("@context") if mapping else None
                if local is not None and local is not False:
                    ctx = ctx.derive(local, propagate=False, override=False)
            iris = tuple(f"<{self.type_iri(name)}>" for name in types)
            if len(self._typed) < MAX_CONTEXTS:
                self._typed[types] = (ctx, iris)
            found = (ctx, iris)
        return found

    def type_iri(self, name: Any) -> str:
        """A `type` value: a term of this context (vocabulary-relative, as pyld expands it)."""
        mapping = self.mappings.get(name) if isinstance(name, str) else None
        iri = mapping.get("@id") if mapping else None
        if ":" in name or not isinstance(iri, str) or not _IRI.fullmatch(iri):
            raise Unsupported("a type that is no term")
        return iri

    def derive(self, local: Any, *, propagate: bool, override: bool) -> _Context:
        key = (id(local), propagate, override)  # `local` lives in self.raw, so its id is stable
        found = self._derived.get(key)
        if found is None:
            with _LOCK:
                found = self._derived.get(key)
                if found is None:
                    if _Context.count >= MAX_CONTEXTS:
                        raise Unsupported("too many scoped contexts")
                    raw = _PROCESSOR._process_context(
                        self.raw, local, _OPTIONS, override_protected=override, propagate=propagate
                    )
                    found = self._derived[key] = _Context(raw)
                    _Context.count += 1
        return found


def _read_term(mapping: Any, key: str) -> _Term:
    if not mapping or not isinstance(mapping.get("@id"), str):
        raise Unsupported(f"{key!r} is no term here")
    if mapping.get("reverse") or any(c != "@set" for c in mapping.get("@container", [])):
        raise Unsupported(f"{key!r}: a reverse, list, graph, index or language term")
    if any(k in mapping for k in ("@language", "@direction", "@index", "@nest")):
        raise Unsupported(f"{key!r}: a language, direction, index or nest term")
    iri = mapping["@id"]
    if iri not in ("@id", "@type") and (iri.startswith("_:") or not _IRI.fullmatch(iri)):
        raise Unsupported(f"{key!r}: not an IRI the RDF conversion keeps")
    coerce = mapping.get("@type")
    if (
        coerce is not None
        and coerce not in ("@id", "@vocab")
        and (coerce == XSD_DOUBLE or coerce.startswith("@") or not _IRI.fullmatch(coerce))
    ):
        raise Unsupported(f"{key!r}: a JSON, double or unknown coercion")
    return _Term(iri, coerce, mapping.get("@context"), f"<{iri}>")


_TOP: dict[tuple[str, ...], _Context] = {}


def _top_context(context: Any) -> _Context:
    """The active context of a top-level @context: a short list of bundled URLs, VC 2.0 first."""
    entries = (context,) if isinstance(context, str) else context
    if not isinstance(entries, list | tuple):
        raise Unsupported("an @context that is not a list of URLs")
    key = tuple(entries)
    found = _TOP.get(key)
    if found is not None:
        return found
    known = bundled_contexts()
    if (
        not key
        or len(key) > MAX_CONTEXT_ENTRIES
        or key[0] != VC_V2
        or len(set(key)) != len(key)
        or not all(isinstance(url, str) and url in known for url in key)
    ):
        raise Unsupported("an @context other than bundled URLs after VC 2.0")
    with _LOCK:
        found = _TOP.get(key)
        if found is None:
            initial = _PROCESSOR._get_initial_context(_OPTIONS)
            found = _Context(_PROCESSOR._process_context(initial, list(key), _OPTIONS))
            if found.mappings.get("urn") is not None:
                raise Unsupported("the shape placeholders would be compact IRIs")
            _TOP[key] = found
    return found


def _escape(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    if _CONTROL.search(text):
        raise Unsupported("a control character in text")
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace('"', '\\"')


def _literal(text: str, datatype: str | None) -> str:
    if datatype is None or datatype == XSD_STRING:
        return f'"{_escape(text)}"'
    return f'"{_escape(text)}"^^<{datatype}>'


def _double(value: float) -> str:
    """The canonical lexical form of an xsd:double (JSON-LD 1.1 RDF conversion)."""
    mantissa, exponent = f"{value:.15E}".split("E")
    mantissa = mantissa.rstrip("0")
    if mantissa.endswith("."):
        mantissa += "0"
    return f"{mantissa}E{int(exponent)}"


def _native(value: bool | int | float, datatype: str | None) -> str:
    if isinstance(value, bool):
        return _literal("true" if value else "false", datatype or XSD_BOOLEAN)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unsupported("a number JSON cannot carry")
        if not value.is_integer() or abs(value) >= 1e21:
            return _literal(_double(value), datatype or XSD_DOUBLE)
        return _literal(str(int(value)), datatype or XSD_INTEGER)
    if abs(value) >= 1e21:
        return _literal(_double(float(value)), datatype or XSD_DOUBLE)
    return _literal(str(value), datatype or XSD_INTEGER)


class _Converter:
    def __init__(self, *, shape: bool) -> None:
        self.quads: set[tuple[str, str, str]] = set()
        self.blank = 0
        self.described: set[str] = set()
        self.placeholders: dict[str, str] | None = {} if shape else None
        self.budget = MAX_VALUES

    def iri(self, ctx: _Context, value: Any) -> tuple[str, Any]:
        """A node id or @id-coerced value: an absolute IRI pyld returns unchanged."""
        if not isinstance(value, str) or not _IRI.fullmatch(value):
            raise Unsupported("an IRI value pyld would resolve, relabel or drop")
        prefix, _, suffix = value.partition(":")
        if not suffix.startswith("//") and self.is_term(ctx, prefix):
            raise Unsupported("an IRI value that reads as a compact IRI")
        if value.startswith(_PLACEHOLDER) or value.startswith("http://example.org/base/"):
            raise Unsupported("an IRI value under pyld's placeholder base")
        shape: Any = None
        if self.placeholders is not None:
            shape = self.placeholders.setdefault(value, f"{_PLACEHOLDER}{len(self.placeholders)}")
        return f"<{value}>", shape

    @staticmethod
    def is_term(ctx: _Context, name: str) -> bool:
        return ctx.mappings.get(name) is not None or name in ctx.mappings

    def scalar(self, ctx: _Context, term: _Term, value: Any) -> tuple[str, Any]:
        coerce = term.coerce
        if isinstance(value, str):
            if coerce == "@id":
                return self.iri(ctx, value)
            if coerce == "@vocab":
                if ":" in value:
                    raise Unsupported("a vocabulary value that is no term")
                return f"<{ctx.type_iri(value)}>", value
            return _literal(value, coerce), ""
        if isinstance(value, bool | int | float) and coerce not in ("@id", "@vocab"):
            return _native(value, coerce), value
        raise Unsupported("a null, or a number where an IRI belongs")

    def values(self, ctx: _Context, key: str, value: Any, depth: int) -> tuple[list[str], Any]:
        """The objects of `key`'s statements (and the value's shape)."""
        term, term_ctx, inner, start = ctx.child(key)
        many = type(value) is list
        items = value if many else (value,)
        if not items:
            raise Unsupported("an empty array")
        self.budget -= len(items)
        if self.budget < 0:
            raise Unsupported("more values than the structure screen's bounds")
        objects: list[str] = []
        shapes: list[Any] = []
        plain = inner.coerce is None
        for item in items:
            kind = type(item)
            if kind is str and plain:  # most values: text under an untyped term
                objects.append(f'"{_escape(item)}"')
                shapes.append("")
                continue
            if kind is dict:
                if term.coerce not in (None, "@id"):
                    raise Unsupported("an object under a typed term")
                obj, shape = self.node(term_ctx, start, item, depth + 1)
            elif kind is list:
                raise Unsupported("an array in an array")
            else:
                obj, shape = self.scalar(term_ctx, inner, item)
            objects.append(obj)
            shapes.append(shape)
        return objects, (shapes if many else shapes[0])

    def node(
        self, active: _Context | None, ctx: _Context, element: dict[str, Any], depth: int
    ) -> tuple[str, Any]:
        """A node object: its label, after its statements. `active`: the context of the property
        holding it (None at the top); `ctx`: the one its keys start from (`_Context.child`)."""
        if depth > MAX_DEPTH:
            raise Unsupported("nodes nested too deeply")
        if not element:
            raise Unsupported("an empty object")
        for k in element:
            if type(k) is not str or k[:1] == "@" or ":" in k:
                raise Unsupported("a keyword, an IRI or a compact IRI as a key")
        if active is not None and len(element) == 1:
            ((only, value),) = element.items()
            if active.aliases.get(only) == "@id":  # a node reference: no statements of its own
                label, id_shape = self.iri(active, value)
                return label, {only: id_shape} if id_shape is not None else None
        # pyld: revert a type-scoped context, then apply the property-scoped one (`ctx`), then the
        # type-scoped contexts of this node's types (sorted), which its children do not see.
        type_key: str | None = None
        for k in element:
            if ctx.aliases.get(k) == "@type":
                if type_key is not None:
                    raise Unsupported("two type keys")
                type_key = k
        type_iris: tuple[str, ...] = ()
        if type_key is not None:
            raw_types = element[type_key]
            types = tuple(raw_types) if type(raw_types) is list else (raw_types,)
            if (
                not types
                or len(types) > MAX_TYPES
                or not all(type(t) is str for t in types)
                or len(set(types)) != len(types)
            ):
                raise Unsupported("no, too many or repeated types, or a type that is no string")
            ctx, type_iris = ctx.typed(types)
        shape: dict[str, Any] | None = {} if self.placeholders is not None else None
        subject: str | None = None
        statements: list[tuple[str, list[str]]] = []
        aliases = ctx.aliases
        for k, value in element.items():
            if k == type_key:
                if shape is not None:
                    shape[k] = value
                continue
            alias = aliases.get(k)
            if alias is None:
                objects, value_shape = self.values(ctx, k, value, depth)
                statements.append((ctx.child(k)[0].predicate, objects))
            elif alias == "@id" and subject is None:
                subject, value_shape = self.iri(ctx, value)
            else:
                raise Unsupported("a second id or type key")
            if shape is not None:
                shape[k] = value_shape
        if subject is None:
            subject = f"_:b{self.blank}"
            self.blank += 1
        elif subject in self.described:
            raise Unsupported("a node described twice")  # RDF would merge what JSON keeps apart
        self.described.add(subject)
        add = self.quads.add
        for iri in type_iris:
            add((subject, RDF_TYPE, iri))
        for predicate, objects in statements:
            for obj in objects:
                add((subject, predicate, obj))
        return subject, shape


def _canonicalize(quads: set[tuple[str, str, str]]) -> str:
    """RDFC-1.0 when every blank node has its own first-degree hash; else Unsupported.
    (Terms are kept as N-Quads text: an IRI starts with "<", a literal with '"', a blank node
    with "_".)"""
    mentions: dict[str, list[tuple[str, str, str]]] = {}
    for quad in quads:
        if quad[0][0] == "_":
            mentions.setdefault(quad[0], []).append(quad)
        if quad[2][0] == "_":  # a quad naming the node twice counts twice, as in pyld
            mentions.setdefault(quad[2], []).append(quad)
    if not mentions:
        return "".join(sorted([f"{s} {p} {o} .\n" for s, p, o in quads]))
    by_hash: dict[str, str] = {}
    for node, its_quads in mentions.items():
        lines = []
        for s, p, o in its_quads:
            if s[0] == "_":
                s = "_:a" if s == node else "_:z"
            if o[0] == "_":
                o = "_:a" if o == node else "_:z"
            lines.append(f"{s} {p} {o} .\n")
        lines.sort()
        digest = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()
        if digest in by_hash:
            raise Unsupported("blank nodes the first-degree hash cannot tell apart")
        by_hash[digest] = node
    label = {node: f"_:c14n{i}" for i, (_, node) in enumerate(sorted(by_hash.items()))}
    get = label.get
    return "".join(sorted([f"{get(s, s)} {p} {get(o, o)} .\n" for s, p, o in quads]))


def canonical_bytes(document: dict[str, Any], *, shape: bool = False) -> tuple[bytes, Any]:
    """RDFC-1.0 canonical N-Quads of `document` in UTF-8 (and its shape, when asked), or
    Unsupported."""
    if type(document) is not dict or "@context" not in document:
        raise Unsupported("not a JSON-LD object with an @context")
    ctx = _top_context(document["@context"])
    body = {k: v for k, v in document.items() if k != "@context"}
    if len(body) < 2:
        raise Unsupported("a top-level node pyld would drop")
    converter = _Converter(shape=shape)
    _, body_shape = converter.node(None, ctx, body, 0)
    try:
        nquads = _canonicalize(converter.quads).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Unsupported("text that is not Unicode scalar values") from exc
    if not shape:
        return nquads, None
    return nquads, {"@context": document["@context"], **body_shape}


def canonical_nquads(document: dict[str, Any], *, shape: bool = False) -> tuple[str, Any]:
    """`canonical_bytes` as text."""
    nquads, document_shape = canonical_bytes(document, shape=shape)
    return nquads.decode("utf-8"), document_shape

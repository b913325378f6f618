"""A knowledge base (or any object) as a cache key, by identity: it need not be hashable."""

from __future__ import annotations

from typing import Any


class ByIdentity:
    """Holds `obj`; equal to another holder of the very same object, hashed by its id."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByIdentity) and other.obj is self.obj

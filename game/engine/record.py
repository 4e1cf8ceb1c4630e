"""Records: dataclasses whose methods are written once, here, rather than for each class.

``@dataclass`` writes the source of a class's ``__init__``, ``__repr__``,
``__eq__`` (and, frozen, ``__setattr__``, ``__delattr__``, ``__hash__``) and
compiles it when the class is made: about 3.5 million machine instructions a
frozen, slotted class, paid at every start by every command that imports it
(``validate`` imported sixteen). A record is declared
``@dataclass(init=False, repr=False, eq=False, slots=True)`` over ``Record`` or
``Frozen``, with its fields in the order of its own ``__init__``'s parameters
(about 0.7 million instructions): it is still a dataclass (``dataclasses.replace``,
``fields``, ``asdict``), and the methods below compare, hash, show and copy it
by its fields, in order, as the generated ones do.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

set_field = object.__setattr__  # how a frozen record's __init__ sets its fields


class Record:
    """Equal to a record of the same class with equal fields; shown as ``Name(field=value, ...)``.

    Mutable and unhashable (``__eq__`` without ``__hash__``), as a dataclass with ``eq=True``
    (the default) is.
    """

    __slots__: tuple[str, ...] = ()

    def field_values(self) -> tuple[Any, ...]:
        """The values of the fields, in order."""
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self.field_values() == other.field_values()
        return NotImplemented

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({values})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled field by field, as a slotted dataclass is (``__init__`` is not run)."""
        return _blank, (type(self),), self.field_values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            set_field(self, name, value)


def _blank(cls: type[Record]) -> Record:
    """A record of a class with no field set yet (``__setstate__`` sets them)."""
    return cls.__new__(cls)


class Frozen(Record):
    """A record whose fields cannot change after ``__init__`` (which sets them with ``set_field``);
    hashed by its fields, as a frozen dataclass is."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self.field_values())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

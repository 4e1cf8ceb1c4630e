"""Condition models: structured YAML trees, or a string in the expression language."""


from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from game.content import noplugins

noplugins.install()  # before the first model is built

STRICT = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, strict=True, defer_build=True)

Number = int | float
NumberOrTolerance = Annotated[
    int | float | str,
    Field(description="A number, or the id of a difficulty tolerance."),
]



def new_list() -> list[Any]:
    """A new empty list: the models' default factory for lists. Pydantic inspects every factory's
    signature when it builds a model; ``list``'s own is parsed from text, about a million machine
    instructions a field where a Python function's costs a tenth of that."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict: the models' default factory for mappings (see ``new_list``)."""
    return {}


COMPARISONS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "eq": "==", "ne": "!="}


class _Comparison(BaseModel):
    model_config = STRICT

    lt: NumberOrTolerance | None = Field(None, description="True when the value is below this.")
    lte: NumberOrTolerance | None = Field(None, description="True when the value is at most this.")
    gt: NumberOrTolerance | None = Field(None, description="True when the value is above this.")
    gte: NumberOrTolerance | None = Field(None, description="True when the value is at least this.")
    eq: NumberOrTolerance | None = Field(None, description="True when the value equals this.")
    ne: NumberOrTolerance | None = Field(None, description="True when the value differs from this.")

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if not any(getattr(self, k) is not None for k in COMPARISONS):
            raise ValueError("give at least one of lt, lte, gt, gte, eq, ne")
        return self

    def bounds(self) -> list[tuple[str, Any]]:
        """The (operator, operand) pairs that were given."""
        return [(op, getattr(self, k)) for k, op in COMPARISONS.items() if getattr(self, k) is not None]


class MeterCondition(_Comparison):
    """Compare a meter with numbers: `{meter: ceasefire, gte: 40}`."""

    meter: str = Field(description="Id of the meter to compare.")


class RelationCondition(_Comparison):
    """Compare the relation with an actor: `{relation: turkey, lt: -20}`."""

    relation: str = Field(description="Id of the actor whose relation is compared.")


class FlagCondition(BaseModel):
    """True while a flag is set: `{flag: afrin_operation}`."""

    model_config = STRICT
    flag: str = Field(description="Id of a declared flag.")


class FiredCondition(BaseModel):
    """True once an event has been played: `{fired: sochi_congress}`."""

    model_config = STRICT
    fired: str = Field(description="Id of an event.")


class Window(BaseModel):
    """An inclusive window; either end may be left open."""

    model_config = STRICT
    min: int | str | None = Field(None, description="First turn (or month, YYYY-MM) included.")
    max: int | str | None = Field(None, description="Last turn (or month, YYYY-MM) included.")


class TurnCondition(BaseModel):
    """True during a window of turns: `{turn: {min: 3, max: 12}}`."""

    model_config = STRICT
    turn: Window = Field(description="The turns, counted from 1, in which this holds.")


class DateCondition(BaseModel):
    """True during a window of months: `{date: {min: '2018-02', max: '2018-12'}}`."""

    model_config = STRICT
    date: Window = Field(description="The months, as quoted 'YYYY-MM' text, in which this holds.")


class PolicyCondition(BaseModel):
    """Compare a standing policy's level: `{policy: posture, at_least: drawdown}`."""

    model_config = STRICT
    policy: str = Field(description="Id of the standing policy.")
    is_: str | None = Field(None, alias="is", description="True when the policy is at this level.")
    at_least: str | None = Field(None, description="True at this level or a later one.")
    at_most: str | None = Field(None, description="True at this level or an earlier one.")

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        if (self.is_, self.at_least, self.at_most) == (None, None, None):
            raise ValueError("give one of is, at_least, at_most")
        return self


class AllCondition(BaseModel):
    """True when every listed condition holds."""

    model_config = STRICT
    all: list["Condition"] = Field(min_length=1, description="Conditions that must all hold.")


class AnyCondition(BaseModel):
    """True when at least one listed condition holds."""

    model_config = STRICT
    any: list["Condition"] = Field(min_length=1, description="Conditions of which one must hold.")


class NotCondition(BaseModel):
    """True when the inner condition does not hold."""

    model_config = STRICT
    not_: "Condition" = Field(alias="not", description="The condition to negate.")


_KEYS = ("all", "any", "not", "meter", "relation", "flag", "fired", "turn", "date", "policy")


def _tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "expr"
    if isinstance(value, dict):
        return next((k for k in _KEYS if k in value), None)
    for key, cls in _MODELS.items():
        if isinstance(value, cls):
            return key
    return None


Condition = Annotated[
    Annotated[str, Tag("expr")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")]
    | Annotated[MeterCondition, Tag("meter")]
    | Annotated[RelationCondition, Tag("relation")]
    | Annotated[FlagCondition, Tag("flag")]
    | Annotated[FiredCondition, Tag("fired")]
    | Annotated[TurnCondition, Tag("turn")]
    | Annotated[DateCondition, Tag("date")]
    | Annotated[PolicyCondition, Tag("policy")],
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message=(
            "a condition is an expression string or a mapping with one of: " + ", ".join(_KEYS)
        ),
    ),
]

_MODELS: dict[str, type[BaseModel]] = {
    "all": AllCondition, "any": AnyCondition, "not": NotCondition,
    "meter": MeterCondition, "relation": RelationCondition, "flag": FlagCondition,
    "fired": FiredCondition, "turn": TurnCondition, "date": DateCondition,
    "policy": PolicyCondition,
}

# Built now, once: every section model that nests a condition reuses these validators
# (the section models themselves are built on first use; see STRICT's defer_build).
for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()

"""Effect models: the typed list of consequences a choice, policy or ending applies."""


from typing import Annotated, Any, Self

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from game.content.conditions import STRICT, Condition, new_list


class ChangeEffect(BaseModel):
    """Move meters or relations: `{change: {ceasefire: -5, turkey: 10}}`."""

    model_config = STRICT
    change: dict[str, int] = Field(
        min_length=1,
        description="Meter or actor ids with the amount to add (negative to subtract).",
    )


class SetFlagEffect(BaseModel):
    """Set a flag: `{set_flag: afrin_operation}`."""

    model_config = STRICT
    set_flag: str = Field(description="Id of the flag to set.")


class ClearFlagEffect(BaseModel):
    """Clear a flag: `{clear_flag: afrin_operation}`."""

    model_config = STRICT
    clear_flag: str = Field(description="Id of the flag to clear.")


class SetPolicyEffect(BaseModel):
    """Force a standing policy to a level: `{set_policy: {posture: engaged}}`."""

    model_config = STRICT
    set_policy: dict[str, str] = Field(
        min_length=1, description="Policy ids with the level each is forced to."
    )


class Schedule(BaseModel):
    """A delayed consequence: an event to play, or effects to apply, N months later."""

    model_config = STRICT
    after: int = Field(ge=1, le=60, description="Months from now (1 = next month).")
    event: str | None = Field(None, description="Id of the event to put on next month's desk.")
    effects: "list[Effect] | None" = Field(None, description="Effects applied when the time comes.")
    note: str | None = Field(
        None, description="What this consequence is, shown in the situation report and 'why'."
    )

    @model_validator(mode="after")
    def _event_or_effects(self) -> Self:
        if (self.event is None) == (self.effects is None):
            raise ValueError("a schedule needs exactly one of 'event' or 'effects'")
        if self.effects is not None and not self.note:
            raise ValueError("scheduled effects need a 'note' saying what they are")
        return self


class ScheduleEffect(BaseModel):
    """Schedule an event or effects: `{schedule: {after: 2, event: kurdish_outreach}}`."""

    model_config = STRICT
    schedule: Schedule = Field(description="What happens, and how many months later.")


class Outcome(BaseModel):
    """One weighted branch of a random effect."""

    model_config = STRICT
    weight: int = Field(ge=1, description="Relative chance of this branch.")
    note: str = Field(description="What happened, shown in the report when this branch is drawn.")
    effects: list["Effect"] = Field(default_factory=new_list, description="Effects of this branch.")


class RandomEffect(BaseModel):
    """Pick one branch by weight with the campaign's seeded generator."""

    model_config = STRICT
    random: list[Outcome] = Field(min_length=2, description="The weighted branches.")


class IfEffect(BaseModel):
    """Apply effects only if a condition holds (or others if it does not)."""

    model_config = STRICT
    if_: Condition = Field(alias="if", description="The condition, checked when applied.")
    then: list["Effect"] = Field(description="Effects applied when the condition holds.")
    else_: list["Effect"] = Field(
        default_factory=new_list, alias="else", description="Effects applied otherwise."
    )


_KEYS = ("change", "set_flag", "clear_flag", "set_policy", "schedule", "random", "if")
_MODELS: dict[str, type[BaseModel]] = {
    "change": ChangeEffect, "set_flag": SetFlagEffect, "clear_flag": ClearFlagEffect,
    "set_policy": SetPolicyEffect, "schedule": ScheduleEffect, "random": RandomEffect,
    "if": IfEffect,
}


def _tag(value: Any) -> str | None:
    """The effect's kind: the first of _KEYS among a mapping's keys (its one key, most often)."""
    if isinstance(value, dict):
        if len(value) == 1:
            key = next(iter(value))
            return key if key in _MODELS else None
        return next((k for k in _KEYS if k in value), None)
    for key, cls in _MODELS.items():
        if isinstance(value, cls):
            return key
    return None


Effect = Annotated[
    Annotated[ChangeEffect, Tag("change")]
    | Annotated[SetFlagEffect, Tag("set_flag")]
    | Annotated[ClearFlagEffect, Tag("clear_flag")]
    | Annotated[SetPolicyEffect, Tag("set_policy")]
    | Annotated[ScheduleEffect, Tag("schedule")]
    | Annotated[RandomEffect, Tag("random")]
    | Annotated[IfEffect, Tag("if")],
    Discriminator(
        _tag,
        custom_error_type="effect",
        custom_error_message="an effect is a mapping with one of: " + ", ".join(_KEYS),
    ),
]

# Built now, once, the one-field effects first: every model that nests effects reuses these
# schemas and validators (a model not built yet is generated again inside each model that nests it).
for _model in (ChangeEffect, SetFlagEffect, ClearFlagEffect, SetPolicyEffect,
               Schedule, ScheduleEffect, Outcome, RandomEffect, IfEffect):
    _model.model_rebuild()

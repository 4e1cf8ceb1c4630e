"""The content pack as typed data: pydantic models for every section of a pack."""


import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, Field, field_validator, model_validator

from game.content.conditions import STRICT, Condition, new_dict, new_list
from game.content.effects import Effect

FORMAT_VERSION = 1

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="A snake_case id.")]
ParagraphId = Annotated[str, Field(pattern=r"^[a-z]+\.[0-9]+$", description="A brief paragraph id.")]
Month = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description="A month, 'YYYY-MM'.")]
Text = Annotated[str, Field(min_length=1, description="Plain text (never markup).")]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("text must not hold control characters")
    return value


class Paragraph(BaseModel):
    """A paragraph of the source brief, summarised in our own words."""

    model_config = STRICT
    summary: Text = Field(description="One line, in our own words, of what the paragraph argues.")
    section: str | None = Field(None, description="The brief's section title.")


class Source(BaseModel):
    """The brief the pack is drawn from."""

    model_config = STRICT
    citation: Text = Field(description="The brief's bibliographic entry.")
    paragraphs: dict[ParagraphId, Paragraph] = Field(
        min_length=1, description="Every paragraph id of the brief, with its summary."
    )


class CardsPerTurn(BaseModel):
    """How many event cards a month brings."""

    model_config = STRICT
    min: int = Field(1, ge=0, le=4, description="Fewest cards in a month (if any are eligible).")
    max: int = Field(3, ge=1, le=4, description="Most cards in a month.")


class Rules(BaseModel):
    """Pack-wide rules of play."""

    model_config = STRICT
    cards_per_turn: CardsPerTurn = Field(default_factory=CardsPerTurn, description="Cards a month.")


def known_format(value: int) -> int:
    """A pack's or mod's format_version, refused unless this game reads it."""
    if value != FORMAT_VERSION:
        raise ValueError(f"this game reads format_version {FORMAT_VERSION}, not {value}")
    return value


FormatVersion = Annotated[int, AfterValidator(known_format)]


class Manifest(BaseModel):
    """`pack.yaml`: what the pack is and where its content comes from."""

    model_config = STRICT
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", description="The pack id.")]
    title: Text = Field(description="The pack's title.")
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$", description="Semver version.")]
    format_version: FormatVersion = Field(description="The content format version this pack is written in.")
    description: str = Field("", description="What the pack is about.")
    source: Source = Field(description="The brief and its paragraphs.")
    rules: Rules = Field(default_factory=Rules, description="Pack-wide rules of play.")


class Threshold(BaseModel):
    """A value of a meter that matters, shown on the dashboard."""

    model_config = STRICT
    value: int | Id = Field(
        description="The value, or a tolerance's id: the tolerance's number at the campaign's difficulty.")
    label: Text = Field(description="What happens around this value.")


class Meter(BaseModel):
    """A strategic quantity of the state."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="What the meter measures, for the help screen.")
    min: int = Field(0, description="Lowest value.")
    max: int = Field(100, description="Highest value.")
    initial: int = Field(50, description="Starting value unless a scenario sets another.")
    hidden: bool = Field(False, description="Hidden from the dashboard until the debrief.")
    good: Literal["high", "low", "neutral"] = Field("high", description="Which way is better.")
    thresholds: list[Threshold] = Field(default_factory=new_list, description="Values that matter.")


class Actor(BaseModel):
    """A partner Moscow deals with, or a force on the ground."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="Who they are and what they want.")
    kind: Literal["partner", "force"] = Field(description="A diplomatic partner or a force.")
    tier: int | None = Field(
        None, ge=1, le=3, description="The brief's tier (1-3); none for partners outside the tiers."
    )
    relation: bool = Field(True, description="Whether Moscow's relation with them is tracked.")

    @field_validator("tier", mode="before")
    @classmethod
    def _no_tier(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() == "none" else value
    initial: int = Field(0, ge=-100, le=100, description="Starting relation, from -100 to 100.")
    cites: list[ParagraphId] = Field(default_factory=new_list, description="Paragraphs naming them.")

    @model_validator(mode="after")
    def _partner_tier(self) -> Self:
        if self.kind == "partner" and not self.relation:
            raise ValueError("a partner always has a tracked relation")
        return self


class PolicyLevel(BaseModel):
    """One level of a standing policy and what holding it costs each month."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="What holding this level means.")
    monthly: list[Effect] = Field(default_factory=new_list, description="Effects every month held.")
    when: Condition | None = Field(None, description="When this level may be chosen.")
    unavailable: str | None = Field(None, description="Why it cannot be chosen, when it cannot.")


class Policy(BaseModel):
    """A standing policy, set each month and costed every month it holds."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="What the policy controls.")
    levels: list[PolicyLevel] = Field(min_length=2, description="Levels, in order.")
    max_step: int | None = Field(None, ge=1, description="Most levels it may move in one month.")


class Advisor(BaseModel):
    """One of Moscow's policy circles, with its own line."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    line: Text = Field(description="The advisor's general position.")


class Flag(BaseModel):
    """A named fact that effects set and conditions test."""

    model_config = STRICT
    id: Id
    description: Text = Field(description="What it means when set.")


class Advice(BaseModel):
    """An advisor's position on a card."""

    model_config = STRICT
    says: Text = Field(description="The advisor's comment.")
    favors: Id | None = Field(None, description="Id of the choice the advisor favours.")


class Discussion(BaseModel):
    """A discussion question for educators."""

    model_config = STRICT
    question: Text = Field(description="The question.")
    cites: list[ParagraphId] = Field(min_length=1, description="Paragraphs it points to.")


class Choice(BaseModel):
    """One answer to an event card."""

    model_config = STRICT
    id: Id
    label: Text = Field(description="The choice, short, as shown on the card.")
    outcome: Text = Field(description="A short text of what follows, shown after choosing.")
    effects: list[Effect] = Field(default_factory=new_list, description="What the choice does.")
    when: Condition | None = Field(None, description="When the choice is available.")
    unavailable: str | None = Field(None, description="Why it is greyed out when unavailable.")
    cites: list[ParagraphId] = Field(default_factory=new_list, description="Paragraphs behind it.")
    historical: bool = Field(
        False, description="This choice is the course Moscow actually took (shown after the month)."
    )


class History(BaseModel):
    """How a card stands to history: what it is based on and, later, what actually happened."""

    model_config = STRICT
    basis: Literal["historical", "plausible"] = Field(
        description="historical: the card stages a real event; plausible: a development the memo's "
        "analysis makes likely, which may or may not have happened."
    )
    happened: Text | None = Field(
        None, description="A short, dated note of what actually happened, shown once the month is decided."
    )
    sources: Text | None = Field(None, description="The sources of that note, named in our own words.")

    @field_validator("happened", "sources")
    @classmethod
    def _plain_text(cls, value: str | None) -> str | None:
        return None if value is None else _plain(value)


class Event(BaseModel):
    """An event card."""

    model_config = STRICT
    id: Id
    title: Text = Field(description="Card title.")
    kind: Literal["historical", "conditional", "followup"] = Field(
        description="historical: on its date; conditional: drawn by weight; followup: only scheduled."
    )
    date: Month | None = Field(None, description="For historical events: the month it happens.")
    when: Condition | None = Field(None, description="It can only happen while this holds.")
    weight: int = Field(10, ge=1, description="Relative chance of being drawn.")
    once: bool = Field(True, description="Plays at most once a campaign.")
    cooldown: int = Field(0, ge=0, description="Months before a repeatable event may return.")
    cites: list[ParagraphId] = Field(min_length=1, description="Paragraphs the card draws on.")
    text: Text = Field(description="The card's text.")
    advice: dict[Id, Advice | Text] = Field(default_factory=new_dict, description="Advisor positions.")
    choices: list[Choice] = Field(min_length=2, max_length=4, description="Two to four choices.")
    discussion: list[Discussion] = Field(default_factory=new_list, description="Questions for class.")
    history: History | None = Field(
        None, description="Whether the card is historical or plausible, and what actually happened."
    )
    variants: list[Text] = Field(
        default_factory=new_list,
        description="Other texts for a repeatable card: its second showing in a campaign reads the "
        "first variant, and so on, cycling back to the main text.",
    )

    @model_validator(mode="after")
    def _date_for_history(self) -> Self:
        if self.kind == "historical" and self.date is None:
            raise ValueError("a historical event needs a date ('YYYY-MM')")
        if self.kind != "historical" and self.date is not None:
            raise ValueError("only historical events have a date; use 'when' with a date window")
        return self

    @field_validator("text", "title")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        return _plain(value)


class ScoreDimension(BaseModel):
    """A dimension of the final score, computed from the final state."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="What it rewards.")
    formula: str = Field(description="Arithmetic over meters and relations, e.g. 'un_track + dialogue / 2'.")


class Ending(BaseModel):
    """A way the campaign ends."""

    model_config = STRICT
    id: Id
    title: Text = Field(description="Title.")
    priority: int = Field(description="Endings are checked in ascending priority.")
    when: Condition | None = Field(None, description="The ending is reached when this holds.")
    at_end: bool = Field(False, description="Only checked when the scenario's clock runs out.")
    fallback: bool = Field(False, description="Reached when the clock runs out and nothing else holds.")
    outcome: Literal["success", "fallback", "failure"] | None = Field(
        None, description="How the source judges this ending (its preferred exit, a fallback, a failure): "
        "Goals shows it beside the ending.")
    summary: Text = Field(description="One line for lists and reports.")
    epilogue: Text = Field(description="The epilogue.")
    cites: list[ParagraphId] = Field(min_length=1, description="Paragraphs it plays out.")
    scores: dict[Id, int] = Field(default_factory=new_dict, description="Adjustments per score dimension.")
    discussion: list[Discussion] = Field(default_factory=new_list, description="Questions for class.")

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if self.when is None and not self.fallback:
            raise ValueError("an ending needs 'when' unless it is the fallback")
        return self


class Tolerance(BaseModel):
    """A number that difficulty sets, used in conditions by its id."""

    model_config = STRICT
    id: Id
    description: Text = Field(description="What the tolerance governs.")


class Difficulty(BaseModel):
    """A difficulty level: tolerances, never rules."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="What changes.")
    tolerances: dict[Id, int] = Field(default_factory=new_dict, description="Value of every tolerance.")
    preview: Literal["magnitude", "direction"] = Field(
        "magnitude", description="Whether choice previews show amounts or only directions."
    )


class Initial(BaseModel):
    """Starting values of a scenario."""

    model_config = STRICT
    values: dict[Id, int] = Field(default_factory=new_dict, description="Meters and relations.")
    flags: list[Id] = Field(default_factory=new_list, description="Flags set at the start.")
    policies: dict[Id, Id] = Field(default_factory=new_dict, description="Policy levels at the start.")
    fired: list[Id] = Field(default_factory=new_list, description="Events counted as already played.")


class Scenario(BaseModel):
    """A campaign to play: a start, a length and starting values."""

    model_config = STRICT
    id: Id
    title: Text = Field(description="Title.")
    description: Text = Field(description="What the scenario is about.")
    start: Month = Field(description="The first month.")
    turns: int = Field(ge=1, le=120, description="Length in monthly turns.")
    initial: Initial = Field(default_factory=Initial, description="Starting values.")
    default_difficulty: Id | None = Field(None, description="Difficulty used when none is given.")
    tolerances: dict[Id, int] = Field(
        default_factory=new_dict,
        description="Added to the difficulty's tolerances in this scenario (a short scenario may ask "
        "less of a settlement); the goals show the resulting numbers.",
    )


class StrategyStep(BaseModel):
    """From a turn on, hold a policy at a level."""

    model_config = STRICT
    from_turn: int | None = Field(None, ge=1, description="First turn this applies (one scenario's length).")
    from_share: float | None = Field(
        None, ge=0, lt=1,
        description="Share of the scenario's length after which it applies (0: from the start), so a "
        "plan suits every scenario; give this or from_turn.",
    )
    level: Id = Field(description="The level to move toward.")

    @model_validator(mode="after")
    def _one_start(self) -> Self:
        if (self.from_turn is None) == (self.from_share is None):
            raise ValueError("a plan step needs exactly one of from_turn and from_share")
        return self

    def first_turn(self, turns: int) -> int:
        """The first turn the step applies in a scenario of ``turns`` months."""
        if self.from_turn is not None:
            return self.from_turn
        return 1 + int((self.from_share or 0) * turns)


class Strategy(BaseModel):
    """A bot line for automated playthroughs."""

    model_config = STRICT
    id: Id
    name: Text = Field(description="Display name.")
    description: Text = Field(description="The line the bot holds.")
    weights: dict[Id, float] = Field(default_factory=new_dict,
                                     description="How much it values each quantity.")
    flags: dict[Id, float] = Field(default_factory=new_dict, description="How much it values setting flags.")
    policies: dict[Id, list[StrategyStep]] = Field(default_factory=new_dict, description="Policy plan.")
    noise: float = Field(0.1, ge=0, le=1, description="Chance of an off-line choice.")


SECTIONS: dict[str, type[BaseModel]] = {
    "meters": Meter, "actors": Actor, "policies": Policy, "advisors": Advisor,
    "flags": Flag, "events": Event, "endings": Ending, "scenarios": Scenario,
    "difficulties": Difficulty, "tolerances": Tolerance, "score_dimensions": ScoreDimension,
    "strategies": Strategy,
}

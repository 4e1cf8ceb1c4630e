"""A mod's manifest: the pack it extends (with a version range), the mods it loads after, its sources."""

from typing import Annotated

from pydantic import BaseModel, Field

from game.content.conditions import STRICT, new_dict, new_list
from game.content.schema import FormatVersion, Paragraph, ParagraphId, Text


class Extends(BaseModel):
    """The pack a mod builds on, with the versions it works with."""

    model_config = STRICT
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", description="The id of the pack it extends.")]
    version: str = Field("*", description="Versions it works with, e.g. '>=1.0,<2' ('*': any).")


class ModSource(BaseModel):
    """Sources a mod adds to the base pack's (it does not restate the base pack's paragraphs)."""

    model_config = STRICT
    citation: Text | None = Field(None, description="The added source's bibliographic entry.")
    paragraphs: dict[ParagraphId, Paragraph] = Field(
        default_factory=new_dict, description="New paragraph ids the mod's content cites, with summaries."
    )


class ModManifest(BaseModel):
    """A mod's `pack.yaml`: what it is, which pack it extends, which mods it loads after."""

    model_config = STRICT
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", description="The mod id.")]
    title: Text = Field(description="The mod's title.")
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$", description="Semver version.")]
    format_version: FormatVersion = Field(description="The content format version this mod is written in.")
    description: str = Field("", description="What the mod changes.")
    extends: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")] | Extends = Field(
        description="The id of the pack it extends, or {id, version} with a version range."
    )
    load_after: list[str] = Field(default_factory=new_list,
                                  description="Mods that must load before this one.")
    source: ModSource = Field(default_factory=ModSource, description="Sources the mod adds.")

    @property
    def base(self) -> Extends:
        """The extended pack as {id, version}."""
        return self.extends if isinstance(self.extends, Extends) else Extends(id=self.extends)

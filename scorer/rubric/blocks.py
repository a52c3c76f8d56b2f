"""The two building blocks every rule kind shares: a strict model and a list of phrases."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Patterns(Strict):
    """Phrases to look for. `any` are literal phrases, `regex` regular expressions.

    Literal phrases are written in simplified Chinese; reports are normalised to
    simplified Chinese before matching, so traditional-character text matches too.
    With `whole_words`, a literal phrase counts only where it stands as a whole word
    (checked with jieba on the sentence around the hit), so that 应诉 does not fire
    inside 回应诉求.
    """

    any: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    whole_words: bool = False

    def is_empty(self) -> bool:
        return not self.any and not self.regex

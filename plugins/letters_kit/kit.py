"""The letters kit's source: content/letters.yaml, in Russian.

A letter to a Russian prison must be in Russian, so the kit's source language is Russian: the
phrasebook's sentences are what a reader copies into a letter, and the rules and the electronic
services' steps are written in Russian too. Each other language's words are the translation of
these texts in translations/letters/<lang>.po (catalog.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

SOURCE_LANG = "ru"
# The phrasebook's sections, in the order the kit and the letter sheet show them; each has a
# heading in the UI catalogue (theme/templates/letters.html).
SECTIONS = ("greetings", "about-me", "wishes", "solidarity", "questions", "closing")
Section = Literal[SECTIONS]  # type: ignore[valid-type]
Sentence = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Strict):
    """A public page a rule comes from: `publication` is a proper name written in English
    (shown through content/names.yaml), `url` its own address."""

    publication: str
    url: HttpUrl


class Rule(Strict):
    key: Annotated[str, Field(pattern=r"^[a-z][a-z-]*$")]
    text: Sentence
    sources: Annotated[list[Link], Field(min_length=1)]


class Service(Strict):
    """An electronic letter service: the prison prints the letter and hands it over after the
    censor has read it."""

    channel: Literal["fsin-pismo", "zonatelecom"]  # as in the registry's letters.channels
    name: Sentence
    url: HttpUrl
    steps: Annotated[list[Sentence], Field(min_length=1)]
    sources: list[Link] = []


class Kit(Strict):
    phrasebook: dict[Section, Annotated[list[Sentence], Field(min_length=1)]]
    rules: Annotated[list[Rule], Field(min_length=1)]
    services: list[Service] = []

    @model_validator(mode="after")
    def _each_text_once(self) -> Kit:
        # One catalogue entry per (msgctxt, msgid): a repeated text would share one translation.
        seen: set[tuple[str, str]] = set()
        for key in self.messages():
            if key in seen:
                raise ValueError(f"'{key[1]}' appears twice in {key[0]}; keep one")
            seen.add(key)
        rules = [r.key for r in self.rules]
        if len(set(rules)) != len(rules):
            raise ValueError("two rules have the same key; give each its own")
        return self

    def sections(self) -> list[tuple[str, list[str]]]:
        """(section, sentences) in SECTIONS order, whatever order the file gives."""
        return [(s, self.phrasebook[s]) for s in SECTIONS if s in self.phrasebook]

    def starters(self) -> list[tuple[str, str]]:
        """(section, its first sentence) per section: the short letter of a letter sheet."""
        return [(section, sentences[0]) for section, sentences in self.sections()]

    def messages(self) -> Iterator[tuple[str, str]]:
        """(msgctxt, msgid) of every text translators translate, in the order shown."""
        for section, sentences in self.sections():
            for sentence in sentences:
                yield f"phrasebook.{section}", sentence
        for rule in self.rules:
            yield f"rules.{rule.key}", rule.text
        for service in self.services:
            yield f"services.{service.channel}.name", service.name
            for step in service.steps:
                yield f"services.{service.channel}.steps", step

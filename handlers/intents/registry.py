"""The intent record and the registry of records: what the router, the quick menu and the
WeChat menu read instead of tables of their own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.text import spelling
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog

Handle = Callable[[Context, str, tuple[str, ...]], Awaitable[Reply]]
MenuAction = Callable[[Context], Awaitable[Reply]]
FaqDialogs = Callable[[Any], tuple[Dialog, ...]]


@dataclass(frozen=True)
class MenuButton:
    """A button of the official account's menu and what pressing it does."""

    key: str                        # what a click sends; typed out, it acts the same
    label: str
    run: MenuAction
    under: str | None = None        # the top-level button it sits under; None: it is one
    order: int = 0                  # place among the buttons under the same top-level one
    type: str = "click"             # WeChat's button type (location_select: a place picker)


@dataclass(frozen=True)
class QuickChoice:
    """An intent's line in the low-confidence quick menu, numbered by `position`."""

    label: str
    aliases: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class Intent:
    """One intent: its labels, the ticket it opens, handler, dialogs, buttons and FAQ hooks."""

    label: str                      # the classifier's label (handlers.core.labels)
    name: str                       # zh-CN, as residents and officers read it
    handle: Handle | None           # None: never dispatched by label (the emergency gate)
    kind: str | None = None         # the ticket kind it opens (storage KINDS), if any
    priority: str | None = None     # that kind's default priority (§5)
    dialogs: tuple[Dialog, ...] = ()
    menu: tuple[MenuButton, ...] = ()
    quick: QuickChoice | None = None
    faq_dialogs: FaqDialogs | None = None   # dialogs built from the knowledge base
    answers_faq: bool = False       # takes a confident knowledge-base match


class Registry:
    """The intents in declaration order, with the lookups their readers need."""

    def __init__(self, intents: Iterable[Intent] = (), fallback: str = "other") -> None:
        self._intents: dict[str, Intent] = {}
        self._menu: dict[str, MenuButton] = {}
        self._fallback = fallback
        for intent in intents:
            self.add(intent)

    def add(self, intent: Intent) -> Intent:
        """Register `intent`; one that clashes with a registered one is refused (ValueError)."""
        if intent.label in self._intents:
            raise ValueError(f"intent {intent.label!r} is registered already")
        if (intent.kind is None) != (intent.priority is None):
            raise ValueError(f"intent {intent.label!r}: a ticket kind needs its priority")
        taken_kinds = {i.kind for i in self if i.kind}
        if intent.kind in taken_kinds:
            raise ValueError(f"intent {intent.label!r}: kind {intent.kind!r} is taken")
        keys = [button.key for button in intent.menu]
        if len(set(keys)) != len(keys) or set(keys) & set(self._menu):
            raise ValueError(f"intent {intent.label!r}: menu key taken ({keys})")
        names = {dialog.name for i in self for dialog in i.dialogs}
        if any(dialog.name in names for dialog in intent.dialogs):
            raise ValueError(f"intent {intent.label!r}: dialog name taken")
        if intent.quick and intent.quick.position in {c.position for _, c in self.quick()}:
            raise ValueError(f"intent {intent.label!r}: quick-menu place taken")
        self._intents[intent.label] = intent
        self._menu.update((button.key, button) for button in intent.menu)
        return intent

    def remove(self, label: str) -> Intent:
        """Unregister the intent `label` (tests that add one)."""
        intent = self._intents.pop(label)
        for button in intent.menu:
            del self._menu[button.key]
        return intent

    def __iter__(self) -> Iterator[Intent]:
        return iter(tuple(self._intents.values()))

    def __contains__(self, label: object) -> bool:
        return label in self._intents

    def get(self, label: str) -> Intent | None:
        """The intent `label`, if registered."""
        return self._intents.get(label)

    def labels(self) -> tuple[str, ...]:
        """Every intent's label, in declaration order."""
        return tuple(self._intents)

    async def handle(self, ctx: Context, label: str, text: str,
                     reasons: tuple[str, ...]) -> Reply:
        """Run the handler of `label`; one without a handler gets the fallback's."""
        intent = self._intents.get(label)
        if intent is None or intent.handle is None:
            intent = self._intents.get(self._fallback)
        if intent is None or intent.handle is None:
            return Reply(texts.text("help"))
        return noted(text, await intent.handle(ctx, text, reasons))

    def kinds(self) -> dict[str, Intent]:
        """Ticket kind -> the intent that opens it."""
        return {intent.kind: intent for intent in self if intent.kind}

    def button(self, key: str) -> MenuButton | None:
        """The intents' menu button with click key `key`, if any."""
        return self._menu.get(key)

    def menu_buttons(self) -> tuple[MenuButton, ...]:
        """Every intent's menu buttons."""
        return tuple(self._menu.values())

    def quick(self) -> list[tuple[str, QuickChoice]]:
        """(label, choice) of the quick menu, in its order."""
        return sorted(((i.label, i.quick) for i in self if i.quick),
                      key=lambda pair: pair[1].position)

    def dialogs(self, faq: Any) -> tuple[Dialog, ...]:
        """Every intent's dialogs, those built from the knowledge base `faq` included."""
        found: list[Dialog] = []
        for intent in self:
            found += intent.dialogs
            if intent.faq_dialogs is not None:
                found += intent.faq_dialogs(faq)
        return tuple(found)

    def faq_answerer(self) -> str:
        """The label of the intent that takes a confident knowledge-base match."""
        return next((i.label for i in self if i.answers_faq), self._fallback)


def noted(text: str, reply: Reply) -> Reply:
    """`reply` to `text`: acted on in Chinese, a resident writing English is told so in their
    language, and ours."""
    if reply.text and spelling.writes_english(text):
        return Reply(texts.english_noted(reply.text))
    return reply

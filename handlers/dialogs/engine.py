"""The engine that moves residents through dialogs (`steps`): start, answer, 取消/返回/重新开始.

A dialog's state lives in the database (storage.intake.dialogs), so a resident can resume
after a restart; it expires after `timeout` of silence. Every step's prompt names what it asks.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers import texts
from handlers.core import checkpoints
from handlers.core.context import Context
from handlers.core.text import spelling
from handlers.core.types import Reply
from handlers.dialogs import answers, corrections
from handlers.dialogs.steps import (
    ENGLISH,
    RETIRED,
    AskAgain,
    Dialog,
    Invalid,
    NotAnAnswer,
    join,
    prompt,
)
from storage.intake import dialogs as store
from storage.intake.dialogs import Saved


@dataclass
class Dialogs:
    """The registry of dialogs and the engine that moves residents through them.

    With `cached` (a single instance owns the database, as with SQLite) open dialogs are
    also kept in memory, written through on every change, so most messages need no read;
    once `seed` has named every resident with a stored dialog, a resident outside that set
    needs none at all.
    """

    registry: dict[str, Dialog] = field(default_factory=dict)
    cached: bool = False
    cache_size: int = 20_000
    _cache: OrderedDict[str, tuple[Saved | None, datetime | None]] = field(
        default_factory=OrderedDict)
    # A superset of the residents with a stored dialog (None: not known, always read).
    _stored: set[str] | None = None

    def seed(self, openids: set[str]) -> None:
        """Start from the database's residents with a stored dialog (cached mode only)."""
        if self.cached:
            self._stored = set(openids)

    def add(self, dialog: Dialog) -> Dialog:
        """Register `dialog` under its name."""
        self.registry[dialog.name] = dialog
        return dialog

    async def current(self, ctx: Context) -> Saved | None:
        """The resident's open dialog, if it has not expired."""
        openid = ctx.message.openid
        if self.cached and openid in self._cache:
            saved, expires_at = self._cache[openid]
            self._cache.move_to_end(openid)
            if saved is None:
                return None
            if expires_at is not None and expires_at > ctx.now:
                return _copied(saved)
        elif self._stored is not None and openid not in self._stored:
            return None
        saved, expires_at = await store.load(ctx.session, openid, ctx.now)
        for key in RETIRED if saved is not None else ():
            saved.data.pop(key, None)
        self._remember(openid, saved, expires_at)
        return saved

    def forget(self, openid: str) -> None:
        """Drop what is cached for `openid` (its transaction did not commit)."""
        self._cache.pop(openid, None)
        if self._stored is not None:  # a rolled-back clear leaves the row: read it next time
            self._stored.add(openid)

    def _remember(self, openid: str, saved: Saved | None, expires_at: datetime | None) -> None:
        if not self.cached:
            return
        if self._stored is not None:
            if saved is None:
                self._stored.discard(openid)
            else:
                self._stored.add(openid)
        self._cache[openid] = (_copied(saved), expires_at)
        self._cache.move_to_end(openid)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def _save(self, ctx: Context, saved: Saved, expires_at: datetime) -> None:
        await store.save(ctx.session, ctx.message.openid, saved, expires_at)
        self._remember(ctx.message.openid, saved, expires_at)
        await checkpoints.reached("dialog_saved", saved.dialog)

    async def end(self, ctx: Context) -> None:
        """End the resident's dialog without finishing it (what it asked is moot)."""
        await self._clear(ctx)

    async def _clear(self, ctx: Context) -> None:
        await store.clear(ctx.session, ctx.message.openid)
        self._remember(ctx.message.openid, None, None)

    async def start(self, ctx: Context, name: str, data: dict[str, Any] | None = None,
                    intro: str = "") -> Reply:
        """Open dialog `name` (replacing any other) and ask its first open question."""
        dialog = self.registry[name]
        saved = Saved(name, 0, dict(data or {}))
        return await self._ask_from(ctx, dialog, saved, intro)

    async def control(self, ctx: Context, saved: Saved | None, command: str) -> Reply:
        """取消 / 返回 / 重新开始 at any step."""
        if saved is None:
            return Reply(texts.text("no_dialog_to_control"))
        dialog = self.registry.get(saved.dialog)
        if dialog is None or command == "cancel":
            await self._clear(ctx)
            if dialog is not None and dialog.on_cancel is not None:
                return await dialog.on_cancel(ctx, saved.data)
            return Reply(texts.text(dialog.cancelled if dialog else "dialog_cancelled"))
        if command == "restart":
            # Back to how the dialog opened: what the first message named stays known.
            kept = {k: v for k, v in saved.data.items() if k.startswith("_")
                    or saved.data.get(f"_preset_{k}")}
            return await self._ask_from(ctx, dialog, Saved(dialog.name, 0, kept))
        previous = self._previous_step(dialog, saved)
        if previous is None:
            return await self._ask_from(ctx, dialog, saved, texts.text("dialog_at_first_step"))
        saved.data.pop(dialog.steps[previous].name, None)
        saved.step = previous
        return await self._ask_from(ctx, dialog, saved)

    async def answer(self, ctx: Context, saved: Saved, text: str) -> Reply:
        """Take the resident's answer to the current step; re-ask with the error if invalid."""
        dialog = self.registry.get(saved.dialog)
        if dialog is None or saved.step >= len(dialog.steps):
            await self._clear(ctx)
            return Reply(texts.text("dialog_cancelled"))
        step = dialog.steps[saved.step]
        try:
            value = answers.parse(step, text)
            if step.check is not None and value:
                value = step.check(ctx, value, saved.data)
        except Invalid as invalid:
            # A number the list does not have still answers the list (§4: a bare digit
            # answers the newest numbered prompt); words it does not take leave it.
            if step.lenient and invalid.key != "choice_out_of_range":
                await self._clear(ctx)
                raise NotAnAnswer from invalid
            refused = f"_refused_{step.name}"
            if step.refused is None or not saved.data.get(refused):
                if step.refused is not None:      # asked once more, at most; the words kept
                    saved.data[refused] = text
                kept = await answers.kept_ahead(ctx, dialog, saved, text) or \
                    await corrections.amend(ctx, dialog, saved, text, answers.reader(ctx, saved))
                return await self._ask_from(ctx, dialog, saved, kept or texts.text(
                    invalid.key, **invalid.values))
            value = step.refused(text)
        saved.data[step.name] = value
        if dialog.on_answer is not None:
            await dialog.on_answer(ctx, step.name, value, saved.data)
        saved.step += 1
        return await self._ask_from(ctx, dialog, saved)

    async def loaded(self, saved: Saved | None) -> None:
        """Load, off the event loop, what the open step checks its answer with and is not
        loaded yet (Step.loaded). In the loop, its ~0.3 s would hold up every resident (issue
        16). (What reading a message needs outside its dialog is conversation.warmup's; a
        booking's first message loads the time parser in intents.appointment.)"""
        dialog = self.registry.get(saved.dialog) if saved is not None else None
        if dialog is not None and saved.step < len(dialog.steps):
            step = dialog.steps[saved.step]
            if step.loaded is not None:
                await step.loaded()

    def takes(self, ctx: Context, saved: Saved, text: str) -> bool:
        """Whether the open step would accept `text` as its answer."""
        dialog = self.registry.get(saved.dialog)
        if dialog is None or saved.step >= len(dialog.steps):
            return False
        step = dialog.steps[saved.step]
        try:
            value = answers.parse(step, text)
            if step.check is not None and value:
                # On a copy: a check may note what it asked (the place step's second try).
                step.check(ctx, value, _json_copy(saved.data))
        except AskAgain:
            return True
        except Invalid:
            return False
        return True

    async def reask(self, ctx: Context, saved: Saved, intro: str) -> Reply:
        """Say `intro` (an answer to the resident's aside) and ask the open step again."""
        dialog = self.registry.get(saved.dialog)
        if dialog is None:
            return Reply(intro)
        return await self._ask_from(ctx, dialog, saved, intro)

    def _previous_step(self, dialog: Dialog, saved: Saved) -> int | None:
        for index in range(saved.step - 1, -1, -1):
            step = dialog.steps[index]
            if not step.asked(saved.data):
                continue
            if not (step.skip_when_known and saved.data.get(f"_preset_{step.name}")):
                return index
        return None

    async def _ask_from(self, ctx: Context, dialog: Dialog, saved: Saved,
                        intro: str = "") -> Reply:
        if ctx.english or spelling.writes_english(ctx.message.content or ""):
            saved.data[ENGLISH] = True    # every later question said in English too
        while saved.step < len(dialog.steps):
            step = dialog.steps[saved.step]
            if not step.asked(saved.data):
                saved.step += 1
                continue
            if step.skip_when_known and saved.data.get(step.name):
                saved.data[f"_preset_{step.name}"] = True
                saved.step += 1
                continue
            await self._save(ctx, saved, ctx.now + dialog.timeout)
            return Reply(join(intro, prompt(step, saved.data)))
        await self._clear(ctx)
        # What the finish starts (the quick menu's choice, a booking) is asked in English
        # too when this dialog was, though the answer that ended it was "2".
        ctx.english = ctx.english or bool(saved.data.get(ENGLISH))
        reply = await dialog.finish(ctx, saved.data)
        return Reply(join(intro, reply.text)) if intro and reply.text else reply


def _copied(saved: Saved | None) -> Saved | None:
    """A copy of `saved` that shares nothing mutable with it (what copy.deepcopy gave, at a
    fraction of its cost on every message: the data is JSON-shaped, it is stored as JSON)."""
    return None if saved is None else Saved(saved.dialog, saved.step, _json_copy(saved.data))


def _json_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_json_copy(item) for item in value)
    return value        # str, numbers, booleans, None: immutable


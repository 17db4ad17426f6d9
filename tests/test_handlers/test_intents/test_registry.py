"""The intent registry: every reader agrees with the records, the vocabularies below the intent
modules agree with them, and an intent added through the registry alone is reachable."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from bot.assembly import build_services
from handlers import texts
from handlers.classifier.rules import MENU_INTENTS
from handlers.conversation import menu, quickmenu
from handlers.core.context import Context
from handlers.core.labels import INTENT_LABELS
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Step
from handlers.intents.catalogue import REGISTRY
from handlers.intents.registry import Intent, MenuButton, QuickChoice, Registry
from handlers.tickets.sla import KIND_PRIORITY
from storage.tickets.models import KINDS
from tests.conversations import unconfident

# --- the records and the vocabularies that cannot import them ------------------------------

def test_the_classifier_labels_are_the_registered_intents():
    assert REGISTRY.labels() == INTENT_LABELS


def test_the_classifier_imports_no_intent_or_conversation_module():
    import handlers.classifier

    for path in Path(handlers.classifier.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [f"{node.module}.{alias.name}" for alias in node.names]
                     if isinstance(node, ast.ImportFrom) else [])
            for name in names:   # functions' imports too
                assert not name.startswith(("handlers.intents", "handlers.conversation")), \
                    f"{path.name} imports {name}"


def test_every_ticket_kind_is_opened_by_one_intent_and_known_to_the_database():
    assert sorted(REGISTRY.kinds()) == sorted(KINDS)


def test_the_ticket_layer_reads_what_the_records_declare():
    # Tickets from the hotline, officers and the console need kinds' labels and priorities
    # without the intent modules (which build on the ticket layer): they keep tables that
    # must say what the records say.
    for kind, intent in REGISTRY.kinds().items():
        assert KIND_PRIORITY[kind] == intent.priority, kind
        assert texts.KIND_LABELS[kind] == intent.name, kind
    assert set(KIND_PRIORITY) == set(texts.KIND_LABELS) == set(REGISTRY.kinds())


def test_menu_keys_the_classifier_knows_name_the_intent_whose_button_it_is():
    owner = {button.key: intent.label for intent in REGISTRY for button in intent.menu}
    assert {key: owner[key] for key in MENU_INTENTS} == MENU_INTENTS


def test_every_button_has_a_place_in_the_wechat_menu():
    placed = set()
    for item in menu.layout().values():
        placed |= {item} if isinstance(item, str) else set(item.values())
    assert placed == menu.menu_keys()


def test_the_quick_menu_offers_the_registered_choices_in_order():
    assert [option.value for option in quickmenu.choices()] == [
        "complaint", "appointment", "consult", "feedback", "status"]
    assert [option.label for option in quickmenu.choices()] == [
        "投诉举报", "预约办理", "咨询", "意见建议", "查询进度"]


async def test_a_label_without_a_handler_gets_the_help_text():
    # The router's emergency gate runs the emergency handler, never its label alone.
    for label in ("emergency", "other", "no_such_intent"):
        reply = await REGISTRY.handle(None, label, "嗯", ())
        assert reply.text == texts.text("help"), label
    assert REGISTRY.faq_answerer() == "consult"


@pytest.mark.parametrize("clash", [
    {"label": "complaint"},
    {"menu": (MenuButton("COMPLAINT", "又一个", lambda ctx: None),)},
    {"quick": QuickChoice("又一个", (), position=1)},
    {"kind": "consult", "priority": "P4"},
    {"kind": "consult"},
])
def test_a_record_that_clashes_is_refused_and_changes_nothing(clash):
    registry = Registry(REGISTRY)
    before = (registry.labels(), registry.menu_buttons(), registry.quick())
    fields: dict[str, Any] = {"label": "another", "name": "又一个", "handle": None, **clash}
    with pytest.raises(ValueError):
        registry.add(Intent(**fields))
    assert (registry.labels(), registry.menu_buttons(), registry.quick()) == before


# --- 失物招领, added through the registry alone ---------------------------------------------

async def _found_registered(ctx: Context, data: dict[str, Any]) -> Reply:
    return Reply(f"已登记您在{data['where']}遗失的物品，有人交来会通知您。")


FOUND_DIALOG = Dialog(name="lost_and_found", steps=(Step("where", "ask_where"),),
                      finish=_found_registered)


async def _found(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    return await ctx.services.dialogs.start(ctx, FOUND_DIALOG.name)


async def _found_menu(ctx: Context) -> Reply:
    return await _found(ctx, "", ("menu:LOST_FOUND",))


LOST_AND_FOUND = Intent(
    label="lost_found", name="失物招领", handle=_found, dialogs=(FOUND_DIALOG,),
    menu=(MenuButton("LOST_FOUND", "失物招领", _found_menu, under="我要反映", order=50),),
    quick=QuickChoice("失物招领", ("失物", "丢了"), position=6))


@pytest.fixture
def lost_and_found():
    """失物招领 registered for one test, then removed."""
    REGISTRY.add(LOST_AND_FOUND)
    yield LOST_AND_FOUND
    REGISTRY.remove(LOST_AND_FOUND.label)


@pytest.fixture
async def services(lost_and_found, config, sessions):
    """The app's services, built once 失物招领 is registered (as an intent module would be)."""
    return await build_services(config, sessions)


def test_a_registered_intent_joins_the_labels_and_both_menus(lost_and_found):
    assert REGISTRY.labels() == (*INTENT_LABELS, "lost_found")
    assert {"type": "click", "name": "失物招领", "key": "LOST_FOUND"} in \
        wechat_sub_buttons("我要反映")
    assert quickmenu.choices()[-1].label == "失物招领"


def wechat_sub_buttons(top: str) -> list[dict[str, str]]:
    return next(b["sub_button"] for b in menu.wechat_menu()["button"] if b["name"] == top)


async def test_its_menu_key_reaches_its_handler(chat, db):
    reply = await chat.click("o-1", "LOST_FOUND")
    assert reply.startswith(texts.text("ask_where"))
    reply = await chat.say("o-1", "3路公交车上")
    assert reply.startswith("已登记您在3路公交车上遗失的物品")
    assert await chat.say("o-2", "LOST_FOUND") == await chat.click("o-3", "LOST_FOUND")
    assert await db.tickets() == []


async def test_the_quick_menu_offers_it_and_the_choice_is_kept(chat, services, db):
    vague = unconfident(services, "关于那个事情", "我有个事", "嗯，那个")
    reply = await chat.say("o-1", vague)
    assert "5. 查询进度\n6. 失物招领" in reply
    reply = await chat.say("o-1", "6")
    assert reply.startswith(texts.text("ask_where"))
    assert [c.chosen for c in await db.candidates()] == ["lost_found"]
    assert (await chat.say("o-1", "东昌湖边")).startswith("已登记您在东昌湖边")


def test_it_is_gone_once_removed():
    assert "lost_found" not in REGISTRY
    assert "LOST_FOUND" not in menu.menu_keys()

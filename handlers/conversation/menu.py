"""The official account's custom menu (CONTRACT §4): the intents' buttons (their records'
`menu`) under the top-level buttons laid out here, plus the conversation's own."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents.catalogue import REGISTRY
from handlers.intents.registry import MenuAction, MenuButton

# The top-level buttons, in order. WeChat allows 3 (≤ 16 bytes each) and 5 sub-buttons under
# each (≤ 60 bytes each); keys ≤ 128 bytes. A button with `under=None` is a top-level one.
BAR = ("我要反映", "预约办事", "我的工单")


async def _send_location_howto(ctx: Context) -> Reply:
    # 发送位置 is a location picker (its event carries the place); typed or clicked as a key
    # it can only say how to send one.
    return Reply(texts.text("send_location_howto"))


# Buttons of no intent: 发送位置 opens WeChat's location picker, whose event
# (location_select) carries the place the resident chose.
OWN = (MenuButton("SEND_LOCATION", "发送位置", _send_location_howto, under="我要反映",
                  order=40, type="location_select"),)
_OWN_KEYS = {button.key: button for button in OWN}


def buttons() -> tuple[MenuButton, ...]:
    """Every button: the registered intents' and the conversation's own."""
    return (*REGISTRY.menu_buttons(), *OWN)


def action(key: str) -> MenuAction | None:
    """What clicking `key` (or typing it out) does, if it is a menu key."""
    button = REGISTRY.button(key) or _OWN_KEYS.get(key)
    return button.run if button is not None else None


def layout() -> dict[str, str | dict[str, str]]:
    """Top-level label -> either one click key or {sub-label: click key}, in BAR's order."""
    placed: dict[str, str | dict[str, str]] = {}
    every = buttons()
    for top in BAR:
        alone = [b for b in every if b.under is None and b.label == top]
        under = sorted((b for b in every if b.under == top), key=lambda b: b.order)
        if alone:
            placed[top] = alone[0].key
        elif under:
            placed[top] = {b.label: b.key for b in under}
    return placed


def _click(name: str, key: str) -> dict[str, str]:
    kind = next((b.type for b in buttons() if b.key == key), "click")
    return {"type": kind, "name": name, "key": key}


def wechat_menu() -> dict[str, Any]:
    """The JSON body of WeChat's menu/create for the layout."""
    out: list[dict[str, Any]] = []
    for name, item in layout().items():
        if isinstance(item, str):
            out.append(_click(name, item))
        else:
            out.append({"name": name,
                        "sub_button": [_click(sub, key) for sub, key in item.items()]})
    return {"button": out}


def menu_keys() -> frozenset[str]:
    """Every click key the menu can send."""
    return frozenset(button.key for button in buttons())

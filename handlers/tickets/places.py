"""Where a ticket happens, as officers see it: WeChat's label or the coordinates, the map link,
the nearest station, the `location` of §5 and the 位置 line of alerts."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import rjieba

from handlers import texts
from handlers.core.settings import Unit
from handlers.tickets.routing import haversine_km, nearest_unit
from storage.tickets.models import Ticket

PLACE_MAX = 200
# What may follow an area in an address: named parts (小区, 街道, 路...) and numbered ones
# (8号楼, 3单元, 502室). A named part's own name is short and lazy so that "柳园小区楼下
# 有人吵" stops at 小区.
_NUMBER = r"[0-9０-９一二三四五六七八九十百零〇]+"
# The kinds of named place, in an address and in a place named in a report (below).
_ADDRESS_KINDS = ("小区", "社区", "街道", "花园", "家园", "新村", "村", "大道", "路", "街", "巷",
                  "胡同", "广场", "市场", "商场", "公园", "小学", "中学", "学校", "医院", "大厦",
                  "公寓", "苑", "院")
_PART = (rf"(?:{_NUMBER}(?:号楼|号院|号|栋|幢|单元|层|楼|室|排|组)"
         rf"|[\u4e00-\u9fff]{{0,6}}?(?:{'|'.join(_ADDRESS_KINDS)}))")
_TAIL = re.compile(rf"(?:{_PART})*")
# A named place that is not a configured area ("东昌湖边", "实验小学门口", "光岳路路口"): a word
# naming a kind of place, its name (in that word, or the one word before it, a noun or a
# place's name by the segmenter's tags), and where at it. The kinds are an address's (less
# 村, 苑, 院, which end too many other words to stand alone) and those residents name.
_KINDS = (*(kind for kind in _ADDRESS_KINDS if kind not in ("村", "苑", "院")), "超市", "幼儿园",
          "大学", "校区", "车站", "湖边", "河边", "湖", "河")
_NAME_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "vn", "j", "s"})
_AT = frozenset({"边", "旁边", "门口", "东门", "南门", "西门", "北门", "附近", "路口", "对面"})


_NAMES_PLACE = re.compile("|".join((_NUMBER, *_ADDRESS_KINDS, *_KINDS, *_AT, "楼", "门", "店")))


def names_place(text: str) -> bool:
    """Whether the words name a kind of place, a spot at one or a number in an address."""
    return _NAMES_PLACE.search(text) is not None


def map_url(template: str, lat: float, lng: float) -> str | None:
    """The `[map] url_template` link for a point, or None when none is configured."""
    return template.format(lat=f"{lat:.6f}", lng=f"{lng:.6f}") if template else None


def place(lat: float, lng: float, label: str | None) -> str:
    """How a place reads: WeChat's label, else its coordinates."""
    return label or texts.text("location_coordinates", lat=lat, lng=lng)


def phrase(text: str, area: str) -> str | None:
    """The resident's words for the place around a matched `area`: "柳园小区8号楼" from
    "柳园小区8号楼楼上天天蹦迪"; None when the area is not in the text."""
    start = text.find(area)
    if start < 0:
        return None
    end = start + len(area)
    tail = _TAIL.match(text, end)
    return text[start:tail.end() if tail else end][:PLACE_MAX]


def said(text: str) -> str | None:
    """A place the resident named in words no area matches, if exactly one ("东昌湖边"); named
    parts told one after another are one place ("东关街道阳光花园", "东昌路实验小学门口")."""
    if not any(kind in text for kind in _KINDS):      # most messages: no segmenting
        return None
    words = rjieba.tag(text)
    spans: list[tuple[int, int, str]] = []           # (first word, last word, words)
    for i, (word, _) in enumerate(words):
        if not word.endswith(_KINDS):
            continue
        first, name = i, word
        if word in _KINDS:          # a bare 小学, 医院: named by the word before, if any
            if i == 0 or words[i - 1][1] not in _NAME_TAGS or len(words[i - 1][0]) < 2:
                continue
            first, name = i - 1, words[i - 1][0] + word
        last = i
        if i + 1 < len(words) and words[i + 1][0] in _AT:
            last, name = i + 1, name + words[i + 1][0]
        if spans and spans[-1][1] + 1 == first:      # the next part of the same address
            spans[-1] = (spans[-1][0], last, spans[-1][2] + name)
        else:
            spans.append((first, last, name))
    names = {name for _, _, name in spans}
    return names.pop()[:PLACE_MAX] if len(names) == 1 else None


# What happened online or over the phone (刷单, 网购, 电话里冒充客服) has no scene: the
# resident's home decides which station takes it.
_ONLINE = re.compile(r"网上|网络|网购|网店|网贷|刷单|线上|微信上|微信里|QQ|qq|抖音|快手|直播|"
                     r"淘宝|拼多多|闲鱼|游戏|APP|app|软件|链接|电话里|打电话|来电|短信")


def online(text: str) -> bool:
    """Whether `text` tells of something that happened online or on the phone."""
    return _ONLINE.search(text) is not None


# Words that give an address or a place: a named kind of place, or a building's number.
_TOLD_PLACE = re.compile(rf"{_NUMBER}(?:号楼|号院|栋|幢|单元|层|室)|"
                         rf"(?:{'|'.join(_ADDRESS_KINDS)}|门口|楼下|路口|交叉口|附近|旁边)")


# "我在…", "我家住在…": the place is what follows.
_WHERE_I_AM = re.compile(r"^(?:我|我们|我家|人|他|她)?(?:现在|就)?(?:住)?(?:在|位于)")


def spoken(text: str) -> str:
    """A place as told, without its "我在…" ("我在幸福里小区2号楼" → "幸福里小区2号楼")."""
    return (_WHERE_I_AM.sub("", text) or text)[:PLACE_MAX]


def told_place(text: str) -> bool:
    """Whether `text` tells where something is ("我在幸福里小区2号楼", "人民医院门口")."""
    return _TOLD_PLACE.search(text) is not None or said(text) is not None


_ADMINISTRATIVE = re.compile(r"街道|[镇乡](?!上|里|政府)|办事处")


def administrative(name: str) -> bool:
    """Whether a place names the 街道 or 镇 it is in ("东关街道阳光花园"), not a landmark alone."""
    return _ADMINISTRATIVE.search(name) is not None


def shown(ticket: Ticket) -> str | None:
    """地点 as officers read it: the resident's words, else (older tickets) the area."""
    return ticket.place or ticket.area


def view(ticket: Ticket, template: str) -> dict[str, Any] | None:
    """The ticket's `location` of §5, or None."""
    if ticket.latitude is None or ticket.longitude is None:
        return None
    return {"latitude": ticket.latitude, "longitude": ticket.longitude,
            "label": ticket.location_label or "",
            "map_url": map_url(template, ticket.latitude, ticket.longitude)}


def for_alert(ticket: Ticket, template: str) -> str:
    """The 位置 line of an alert: the shared place and its map link, else the place the
    resident named in words, or "unknown, asked"."""
    if ticket.latitude is None or ticket.longitude is None:
        # "已请群众发送位置" only where it was asked (WeChat; not a call or a group line).
        asked = texts.text("alert_place_asked") if ticket.location_asked_at else ""
        return texts.text("alert_place_said", place=ticket.place, asked=asked) \
            if ticket.place else texts.text("alert_place_unknown", asked=asked)
    where = place(ticket.latitude, ticket.longitude, ticket.location_label)
    link = map_url(template, ticket.latitude, ticket.longitude)
    return texts.text("alert_place_map", place=where, map_url=link) if link else where


def nearest(units: Sequence[Unit], lat: float, lng: float) -> tuple[str, float] | None:
    """The located unit closest to the point and its distance in km, however far."""
    unit = nearest_unit(units, lat, lng, max_km=math.inf)
    if unit is None or unit.lat is None or unit.lng is None:
        return None
    return unit.name, haversine_km(lat, lng, unit.lat, unit.lng)

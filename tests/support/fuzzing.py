"""Hypothesis strategies for what the doors receive: WeChat and WeCom XML (well-formed,
mangled or hostile, before and after encryption) and the call centre's JSON."""

from __future__ import annotations

import json
import os
import time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded and repeatable in `make test`; `make fuzz` raises the bound (JINGMIN_FUZZ_EXAMPLES)
# and explores new inputs each run (JINGMIN_FUZZ_EXPLORE=1; a failure prints the blob that
# reproduces it).
EXAMPLES = int(os.environ.get("JINGMIN_FUZZ_EXAMPLES", "200"))
EXPLORE = os.environ.get("JINGMIN_FUZZ_EXPLORE") == "1"
FUZZ = settings(max_examples=EXAMPLES, derandomize=not EXPLORE, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                print_blob=True)

# Text as residents and attackers write it: any code point (lone surrogates included,
# which no UTF-8 body can carry), markup, CDATA terminators, controls.
_HOSTILE = st.sampled_from(["]]>", "<", ">", "&", "&amp;", "&#xD800;", "&#0;", "\x00", "\x1d",
                            "<![CDATA[", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "\ufeff",
                            "13900001111", "救命", "\r\n"])
TEXT = st.one_of(st.text(max_size=60),
                 st.lists(st.one_of(_HOSTILE, st.text(max_size=8)), max_size=8).map("".join))
_TYPES = ["text", "image", "voice", "video", "shortvideo", "location", "link", "event",
          "file", "miniprogrampage", ""]
_EVENTS = ["subscribe", "unsubscribe", "CLICK", "VIEW", "LOCATION", "location_select",
           "scancode_push", "enter_agent", "change_external_chat", "msgaudit_notify", ""]
_FIELDS = ["ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId",
           "Event", "EventKey", "MediaId", "Format", "Recognition", "Location_X",
           "Location_Y", "Scale", "Label", "PicUrl", "AgentID", "Encrypt", "SendLocationInfo"]


@st.composite
def _value(draw, name: str) -> str:
    if name == "MsgType":
        return draw(st.one_of(st.sampled_from(_TYPES), TEXT))
    if name == "Event":
        return draw(st.one_of(st.sampled_from(_EVENTS), TEXT))
    if name in ("CreateTime", "MsgId", "Location_X", "Location_Y", "Scale", "AgentID"):
        return draw(st.one_of(st.integers(-2**70, 2**70).map(str), st.just(str(int(time.time()))),
                              st.floats(allow_nan=True).map(str), TEXT))
    return draw(TEXT)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _element(draw, name: str, depth: int = 0) -> str:
    value = draw(_value(name))
    shape = draw(st.sampled_from(["cdata", "escaped", "raw", "nested", "empty", "attribute"]))
    if shape == "cdata":
        inner = f"<![CDATA[{value}]]>"
    elif shape == "escaped":
        inner = _escape(value)
    elif shape == "raw":
        inner = value
    elif shape == "nested" and depth < 3:
        inner = draw(_element(draw(st.sampled_from(_FIELDS)), depth + 1)) * draw(
            st.integers(1, 3))
    else:
        inner = ""
    if shape == "attribute":
        return f'<{name} a="{_escape(value)}"/>'
    return f"<{name}>{inner}</{name}>"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@st.composite
def _plausible(draw) -> str:
    """A push of a known shape whose values are fuzzed: what gets past the parser."""
    msg_type = draw(st.sampled_from(_TYPES))
    fields = {"ToUserName": "gh_test", "FromUserName": draw(st.sampled_from(
                  ["o-fuzz-1", "o-fuzz-2", "wangjg"]) | TEXT),
              "CreateTime": str(int(time.time()) + draw(st.integers(-10**6, 10**6))),
              "MsgType": msg_type}
    if msg_type == "event":
        fields["Event"] = draw(st.sampled_from(_EVENTS))
        fields["EventKey"] = draw(st.sampled_from(["COMPLAINT", "MY_TICKETS", ""]) | TEXT)
    else:
        fields["MsgId"] = str(draw(st.integers(1, 2**63)))
        fields["Content"] = draw(TEXT)
    if msg_type == "location":
        fields.update(Location_X=draw(_value("Location_X")), Location_Y=draw(
            _value("Location_Y")), Label=draw(TEXT))
    if msg_type in ("image", "voice", "video"):
        fields.update(MediaId=draw(TEXT), Format="amr", Recognition=draw(TEXT))
    extra = draw(st.dictionaries(st.sampled_from(_FIELDS), TEXT, max_size=2))
    fields.update({k: v for k, v in extra.items() if k not in ("FromUserName", "MsgType")})
    return "<xml>" + "".join(f"<{k}>{_cdata(v)}</{k}>" for k, v in fields.items()) + "</xml>"


@st.composite
def _mangled(draw) -> str:
    """Fields in any order, repeated, missing or nested, with any markup around them."""
    names = draw(st.lists(st.sampled_from(_FIELDS), max_size=10))
    if draw(st.booleans()):
        names = ["ToUserName", "FromUserName", "CreateTime", "MsgType", *names]
    body = "".join(draw(_element(name)) for name in names)
    root = draw(st.sampled_from(["xml", "xml", "xml", "XML", "root"]))
    prolog = draw(st.sampled_from(["", '<?xml version="1.0" encoding="utf-8"?>',
                                   "<!DOCTYPE xml [<!ENTITY e 'x'>]>", "\ufeff"]))
    return f"{prolog}<{root}>{body}</{root}>"


@st.composite
def message_xml(draw) -> bytes:
    """A push as WeChat or WeCom might send it, or nearly: mostly of a known shape with any
    values, else mangled; sometimes cut short or followed by bytes that are not UTF-8."""
    text = draw(st.one_of(_plausible(), _plausible(), _mangled()))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 5)) == 0:
        data = data[:draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=8))
    return data


def _json_value() -> st.SearchStrategy:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**80, 2**80),
                        st.floats(allow_nan=True, allow_infinity=True), TEXT)
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
        max_leaves=8)


@st.composite
def call_body(draw) -> bytes:
    """A call centre report: mostly the contract's fields with one or two fuzzed, else any
    JSON, or not JSON at all."""
    fields: dict = {"call_id": f"CC-fuzz-{draw(st.integers(0, 10**12))}",
                    "caller": draw(st.sampled_from(["", "13812345678", "+86 139-0000-1111",
                                                    "0635-8888110"])),
                    "started_at": draw(st.sampled_from([
                        int(time.time()), "2026-11-25T09:55:00", "2026-11-25T09:55:00+08:00"])),
                    "transcript": draw(TEXT.filter(str.strip) | st.just("我家楼下很吵")),
                    "operator": draw(TEXT),
                    "category": draw(st.sampled_from(["complaint", "consult", "emergency",
                                                      "status", "other"]))}
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=2)):
        if draw(st.booleans()):
            fields.pop(name, None)
        else:
            fields[name] = draw(_json_value())
    fields.update(draw(st.dictionaries(st.text(max_size=6), _json_value(), max_size=2)))
    shape = draw(st.sampled_from(["object"] * 6 + ["list", "scalar", "bytes"]))
    if shape == "bytes":
        return draw(st.binary(max_size=200))
    value = fields if shape == "object" else list(fields.values()) if shape == "list" \
        else draw(_json_value())
    # ASCII: lone surrogates travel as the "\ud800" escapes JSON allows; else as raw
    # UTF-8-encoded surrogates, which are not UTF-8 at all.
    return json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")

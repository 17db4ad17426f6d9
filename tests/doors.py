"""The hotline and WeCom doors for tests: signed calls, WeCom pushes built with wechatpy's
enterprise crypto, and a fake SMS gateway on loopback that checks our signatures."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

import xmltodict
from aiohttp import web
from wechatpy.enterprise.crypto import PrpCrypto, WeChatCrypto
from wechatpy.utils import to_text

from bot.config import Config
from tests.pushes import fresh_nonce

HOTLINE_SECRET = "hotline-test-secret"
SMS_SECRET = "sms-test-secret"
WECOM_TOKEN = "wecom-test-token"
WECOM_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj"
CORP_ID = "wwjingmintest01"
CALLER = "13812345678"
_msg_ids = itertools.count(int(time.time() * 1000))
_calls = itertools.count(1)


def with_doors(config: Config, *, sms_url: str = "", hotline_secret: str = HOTLINE_SECRET
               ) -> Config:
    """`config` with the hotline secret, the WeCom app's callback keys and the SMS gateway."""
    return dataclasses.replace(
        config,
        hotline=dataclasses.replace(config.hotline, secret=hotline_secret),
        wecom=dataclasses.replace(config.wecom, token=WECOM_TOKEN, encoding_aes_key=WECOM_KEY,
                                  corp_id=CORP_ID),
        sms=dataclasses.replace(config.sms, url=sms_url, secret=SMS_SECRET if sms_url else ""),
    )


def call_id() -> str:
    """A fresh call id."""
    return f"CC-{int(time.time())}-{next(_calls)}"


def call(transcript: str = "我家楼下每天晚上烧烤噪音很大，古楼街道", **fields: Any) -> dict:
    """A call centre's report."""
    body = {"call_id": call_id(), "caller": CALLER, "started_at": "2026-11-25T09:55:00+08:00",
            "transcript": transcript, "operator": "话务员07"}
    body.update(fields)
    return body


def signed(body: dict | bytes, *, secret: str = HOTLINE_SECRET,
           timestamp: int | None = None) -> tuple[dict[str, str], bytes]:
    """Headers and body of a signed call report."""
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    ts = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), ts.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return {"X-Jingmin-Timestamp": ts, "X-Jingmin-Signature": f"sha256={mac}",
            "Content-Type": "application/json"}, raw


# --- WeCom --------------------------------------------------------------------------------

def wecom_text(userid: str, content: str, msg_id: int | None = None,
               create_time: int | None = None) -> str:
    """A text message from an officer, as WeCom sends it (decrypted)."""
    msg_id = next(_msg_ids) if msg_id is None else msg_id
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<FromUserName><![CDATA[{userid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId><AgentID>1000002</AgentID></xml>")


def wecom_event(userid: str, event: str, create_time: int | None = None) -> str:
    """An event (no MsgId)."""
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<FromUserName><![CDATA[{userid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>"
            f"<AgentID>1000002</AgentID></xml>")


def wecom_push(xml: str, *, timestamp: int | None = None, nonce: str | None = None,
               corp_id: str = CORP_ID, token: str = WECOM_TOKEN) -> tuple[dict[str, str], str]:
    """Query parameters and body of an encrypted WeCom push."""
    ts = str(timestamp or int(time.time()))
    nonce = fresh_nonce() if nonce is None else nonce
    envelope = WeChatCrypto(token, WECOM_KEY, corp_id).encrypt_message(xml, nonce, ts)
    fields = xmltodict.parse(envelope)["xml"]
    body = (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<Encrypt><![CDATA[{fields['Encrypt']}]]></Encrypt>"
            f"<AgentID><![CDATA[1000002]]></AgentID></xml>")
    return {"msg_signature": fields["MsgSignature"], "timestamp": ts, "nonce": nonce}, body


def wecom_echo(echo: str = "echo-1234567890", *, timestamp: int | None = None,
               nonce: str = "n1") -> dict[str, str]:
    """Query parameters of the URL check."""
    ts = str(timestamp or int(time.time()))
    key = base64.b64decode(WECOM_KEY + "=")
    echostr = to_text(PrpCrypto(key).encrypt(echo, CORP_ID))
    sig = hashlib.sha1("".join(sorted([WECOM_TOKEN, ts, nonce, echostr])).encode()).hexdigest()
    return {"msg_signature": sig, "timestamp": ts, "nonce": nonce, "echostr": echostr}


def open_wecom_reply(body: str) -> dict[str, str]:
    """Decrypt a passive reply with wechatpy (checking its signature); its XML fields."""
    fields = xmltodict.parse(body)["xml"]
    plain = WeChatCrypto(WECOM_TOKEN, WECOM_KEY, CORP_ID).decrypt_message(
        body, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"])
    return xmltodict.parse(plain)["xml"]


# --- SMS ----------------------------------------------------------------------------------

@dataclass
class FakeSmsGateway:
    """`async with FakeSmsGateway() as gw:` accepts signed SMS on gw.url; gw.sent holds the
    bodies whose signature was right, gw.refused counts the others."""

    secret: str = SMS_SECRET
    status: int = 200
    sent: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    url: str = ""

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        mac = hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest()
        given = request.headers.get("X-Jingmin-Signature", "")
        if not hmac.compare_digest(given, f"sha256={mac}") or \
                not request.headers.get("X-Jingmin-Timestamp", "").isdigit():
            self.refused += 1
            return web.json_response({"error": "bad signature"}, status=401)
        if self.status != 200:
            return web.json_response({"error": "busy"}, status=self.status)
        self.sent.append(json.loads(raw))
        return web.json_response({"ok": True})

    async def __aenter__(self) -> FakeSmsGateway:
        app = web.Application()
        app.router.add_post("/sms", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/sms"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._runner.cleanup()

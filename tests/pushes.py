"""Builds WeChat pushes with wechatpy's own crypto, independent of our codec."""

from __future__ import annotations

import hashlib
import itertools
import time

from wechatpy.crypto import WeChatCrypto

from bot.config import DEV_AES_KEY, DEV_TOKEN

_msg_ids = itertools.count(int(time.time() * 1000))
# Each push signs with its own nonce, as WeChat's do: a timestamp and nonce used for one
# message are refused for another (CONTRACT §3).
_nonces = itertools.count(int(time.time() * 1000) % 10**9)


def fresh_nonce() -> str:
    """A nonce no other push of this test run used."""
    return str(next(_nonces))


def text_xml(openid: str, content: str, msg_id: int | None = None,
             create_time: int | None = None) -> str:
    """A text message as WeChat sends it."""
    msg_id = next(_msg_ids) if msg_id is None else msg_id
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>")


def event_xml(openid: str, event: str, key: str = "", create_time: int | None = None) -> str:
    """An event push (no MsgId, as WeChat sends them)."""
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>"
            f"<EventKey><![CDATA[{key}]]></EventKey></xml>")


def plain_params(token: str = DEV_TOKEN, timestamp: int | None = None,
                 nonce: str | None = None) -> dict[str, str]:
    """URL parameters of a plaintext-mode push (accepted with an AES key configured only
    when `require_safe_mode` is off)."""
    ts = str(timestamp or int(time.time()))
    nonce = fresh_nonce() if nonce is None else nonce
    sig = hashlib.sha1("".join(sorted([token, ts, nonce])).encode()).hexdigest()
    return {"signature": sig, "timestamp": ts, "nonce": nonce}


def safe_push(xml: str, app_id: str, *, token: str = DEV_TOKEN, key: str = DEV_AES_KEY,
              timestamp: int | None = None, nonce: str | None = None,
              compatible: bool = False) -> tuple[dict[str, str], str]:
    """URL parameters and body of a safe-mode (or compatible-mode) push."""
    ts = str(timestamp or int(time.time()))
    nonce = fresh_nonce() if nonce is None else nonce
    crypto = WeChatCrypto(token, key, app_id)
    envelope = crypto.encrypt_message(xml, nonce, ts)
    encrypt = envelope.split("<Encrypt><![CDATA[")[1].split("]]>")[0]
    msg_signature = envelope.split("<MsgSignature><![CDATA[")[1].split("]]>")[0]
    params = plain_params(token, int(ts), nonce)
    params.update(encrypt_type="aes", msg_signature=msg_signature)
    if compatible:
        body = xml.replace("</xml>", f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
    else:
        body = (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
                f"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
    return params, body


def open_reply(body: str, app_id: str, params: dict[str, str], *, token: str = DEV_TOKEN,
               key: str = DEV_AES_KEY) -> str:
    """Decrypt a safe-mode reply with wechatpy, checking its signature."""
    import xmltodict

    fields = xmltodict.parse(body)["xml"]
    crypto = WeChatCrypto(token, key, app_id)
    return crypto.decrypt_message(body, fields["MsgSignature"], fields["TimeStamp"],
                                  fields["Nonce"])

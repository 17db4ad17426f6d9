"""Pre-generated safe-mode text pushes, encrypted with wechatpy as WeChat would send them."""

from __future__ import annotations

import base64
import hashlib
import time
from pathlib import Path
from urllib.parse import urlencode

from wechatpy.crypto import PrpCrypto

APP_ID = "wxjingminbench001"
ACCOUNT = "gh_jingmin_bench"
# A realistic resident question; the number keeps every body distinct.
CONTENT = "您好，我想咨询一下户口迁移需要准备哪些材料，谢谢 #{n}"


def _sha1(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def write_pushes(path: Path, *, count: int, openids: int, token: str, aes_key: str,
                 tag: str) -> int:
    """Write `count` distinct pushes to `path`, one `nonce<TAB>target<TAB>body` a line.

    Each push has its own MsgId and nonce (the reply echoes the nonce, which is how the wrk
    script pairs replies with requests); messages of one openid are spread over the run so
    that a resident's messages rarely wait on each other's lock. The timestamp is taken now:
    the server refuses pushes outside max_clock_skew_s.
    """
    crypto = PrpCrypto(base64.b64decode(aes_key + "="))
    timestamp = str(int(time.time()))
    first_msg_id = time.time_ns() // 1000
    lines = []
    for n in range(count):
        openid = f"o{tag}{n % openids:06d}"
        nonce = f"{tag}{n:08d}"
        xml = text_message(openid, CONTENT.format(n=n), first_msg_id + n, timestamp)
        target, body = sealed(crypto, token, timestamp, nonce, openid, xml)
        lines.append(f"{nonce}\t{target}\t{body}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return count


def text_message(openid: str, content: str, msg_id: int, timestamp: str) -> str:
    """A text message's XML as WeChat writes it."""
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>")


def sealed(crypto: PrpCrypto, token: str, timestamp: str, nonce: str, openid: str,
           xml: str) -> tuple[str, str]:
    """The safe-mode request of a message: its /wechat?... target and its encrypted body."""
    encrypted = crypto.encrypt(xml, APP_ID).decode()
    query = urlencode({
        "signature": _sha1(token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": openid,
        "encrypt_type": "aes",
        "msg_signature": _sha1(token, timestamp, nonce, encrypted),
    })
    body = (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>")
    return f"/wechat?{query}", body

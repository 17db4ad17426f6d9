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
    key = base64.b64decode(aes_key + "=")
    crypto = PrpCrypto(key)
    timestamp = str(int(time.time()))
    first_msg_id = time.time_ns() // 1000
    lines = []
    for n in range(count):
        openid = f"o{tag}{n % openids:06d}"
        nonce = f"{tag}{n:08d}"
        xml = (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
               f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
               f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
               f"<Content><![CDATA[{CONTENT.format(n=n)}]]></Content>"
               f"<MsgId>{first_msg_id + n}</MsgId></xml>")
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
        lines.append(f"{nonce}\t/wechat?{query}\t{body}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return count

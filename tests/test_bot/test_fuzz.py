"""Hypothesis fuzzers at the doors, over real HTTP against the live app and the real intent
router: whatever WeChat, WeCom or the call centre send, the answer is never a 5xx."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from wechatpy.crypto import WeChatCrypto
from wechatpy.enterprise.crypto import WeChatCrypto as WecomCrypto

from bot.config import DEV_AES_KEY, DEV_TOKEN
from tests.doors import CORP_ID, HOTLINE_SECRET, WECOM_KEY, WECOM_TOKEN
from tests.pushes import plain_params
from tests.support.fuzzing import FUZZ, call_body, message_xml
from tests.support.live import APP_ID, serving

WECHAT_ANSWERS = {200, 400, 403, 413}
HOTLINE_ANSWERS = {200, 201, 400, 413}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("fuzz"), real_router=True) as server:
        yield server


@pytest.fixture(scope="module")
def http():
    with requests.Session() as session:
        yield session


def _sealed(crypto, xml: bytes, nonce: str) -> tuple[dict[str, str], str]:
    """The encrypted envelope and its signed URL parameters (our own bytes, not re-encoded:
    wechatpy takes bytes as they are)."""
    ts = str(int(time.time()))
    envelope = crypto.encrypt_message(xml, nonce, ts)
    encrypt = envelope.split("<Encrypt><![CDATA[")[1].split("]]>")[0]
    signature = envelope.split("<MsgSignature><![CDATA[")[1].split("]]>")[0]
    return ({"msg_signature": signature, "timestamp": ts, "nonce": nonce},
            f"<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[{encrypt}]]>"
            f"</Encrypt></xml>")


@FUZZ
@given(xml=message_xml(), mode=st.sampled_from(["plain", "safe", "compatible"]))
def test_wechat_never_answers_5xx(live, http, xml, mode):
    if mode == "plain":
        params, body = plain_params(), xml
    else:
        params, body = _sealed(WeChatCrypto(DEV_TOKEN, DEV_AES_KEY, APP_ID), xml, "fz123")
        params.update(plain_params(timestamp=int(params["timestamp"]), nonce="fz123"),
                      encrypt_type="aes")
        if mode == "compatible":
            body = body.replace("</xml>", "<MsgType>text</MsgType></xml>")
    response = http.post(f"{live.url}/wechat", params=params, data=body, timeout=30)
    assert response.status_code in WECHAT_ANSWERS, response.text[:200]


@FUZZ
@given(xml=message_xml(), raw=st.booleans())
def test_wecom_never_answers_5xx(live, http, xml, raw):
    if raw:            # the envelope itself is what was fuzzed
        params = {"msg_signature": "0" * 40, "timestamp": str(int(time.time())), "nonce": "n"}
        body = xml
    else:
        params, body = _sealed(WecomCrypto(WECOM_TOKEN, WECOM_KEY, CORP_ID), xml, "fz456")
    response = http.post(f"{live.url}/wecom", params=params, data=body, timeout=30)
    assert response.status_code in WECHAT_ANSWERS, response.text[:200]


@FUZZ
@given(body=call_body())
def test_the_hotline_never_answers_5xx_and_names_what_it_refuses(live, http, body):
    ts = str(int(time.time()))
    mac = hmac.new(HOTLINE_SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256)
    response = http.post(f"{live.url}/hotline/calls", data=body, timeout=30, headers={
        "X-Jingmin-Timestamp": ts, "X-Jingmin-Signature": f"sha256={mac.hexdigest()}",
        "Content-Type": "application/json"})
    assert response.status_code in HOTLINE_ANSWERS, response.text[:200]
    if response.status_code == 400:
        assert set(response.json()) == {"error", "field", "message"}

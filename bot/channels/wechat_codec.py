"""WeChat push protocol: signatures, safe-mode crypto, decoding and reply rendering."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import re
import secrets
import struct
import time
from datetime import UTC, datetime
from xml.etree import ElementTree

from wechatpy.crypto import PrpCrypto
from wechatpy.events import EVENT_TYPES
from wechatpy.exceptions import InvalidAppIdException
from wechatpy.messages import MESSAGE_TYPES
from wechatpy.utils import random_string

from handlers.core.types import KNOWN_TYPES, Inbound, Location

# XML 1.0 forbids these; WeChat users still manage to send some (e.g. \x1d from a keyboard).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# ASCII digits only: int() also takes "1_000", " 12 " and other scripts' digits, and a
# 400-digit number overflows float arithmetic.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_CREATE_TIME = re.compile(r"[0-9]{1,11}")
# Widths of the inbound_messages columns; PostgreSQL refuses longer values.
DEDUPE_KEY_MAX = 160
# WeChat's documents are two levels deep (events' ScanCodeInfo, SendPicsInfo a few more).
MAX_XML_DEPTH = 16
LABEL_MAX = 256


class Refused(Exception):
    """A push we will not take; `status` is the HTTP answer, `reason` a metrics label."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


def signature(*parts: str) -> str:
    """WeChat's signature: SHA-1 of the sorted parts joined together."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signature_ok(expected: str, given: str | None) -> bool:
    """Compare signatures in constant time (wechatpy uses `!=`)."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def check_timestamp(timestamp: str | None, max_skew_s: int, now: float | None = None) -> None:
    """Refuse a push whose timestamp is missing or further than `max_skew_s` from now."""
    if timestamp is None or not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(403, "bad_timestamp", "timestamp missing or not a number")
    value = int(timestamp)
    now = time.time() if now is None else now
    if max_skew_s and abs(int(now) - value) > max_skew_s:
        raise Refused(403, "stale_timestamp", "timestamp outside the allowed clock skew")


def strip_control(text: str) -> str:
    """Remove characters XML cannot carry."""
    return _CONTROL.sub("", text)


def parse_xml(text: str) -> dict:
    """Parse a WeChat XML document into its <xml> dict, refusing DOCTYPE and entities."""
    if _DOCTYPE.search(text):
        raise Refused(400, "doctype", "DOCTYPE and entities are not accepted")
    try:
        # ElementTree's C parser: xmltodict's pure-Python callbacks cost several times more,
        # and every push is parsed twice (envelope, then the decrypted message).
        document = ElementTree.fromstring(text)
    except (ElementTree.ParseError, ValueError) as exc:
        raise Refused(400, "malformed_xml", "body is not well-formed XML") from exc
    root = _fields(document, 0) if document.tag == "xml" else None
    if not isinstance(root, dict):
        raise Refused(400, "malformed_xml", "body has no <xml> root with fields")
    return root


def _fields(element: ElementTree.Element, depth: int) -> dict | str | None:
    """An element as xmltodict shapes it: stripped text (None when empty) for a leaf;
    otherwise a dict of children (a list for a repeated tag), "@attributes" and "#text"."""
    if depth > MAX_XML_DEPTH:
        raise Refused(400, "malformed_xml", "XML nested too deeply")
    if len(element) == 0:
        text = (element.text or "").strip()
        if not element.attrib:
            return text or None
    else:
        text = _own_text(element).strip()
    shaped: dict = {f"@{name}": value for name, value in element.attrib.items()}
    for child in element:
        value = _fields(child, depth + 1)
        if child.tag not in shaped:
            shaped[child.tag] = value
        elif isinstance(shaped[child.tag], list):
            shaped[child.tag].append(value)
        else:
            shaped[child.tag] = [shaped[child.tag], value]
    if text:
        shaped["#text"] = text
    return shaped


def _own_text(element: ElementTree.Element) -> str:
    return (element.text or "") + "".join(child.tail or "" for child in element)


class _PrpCrypto(PrpCrypto):
    """wechatpy's safe-mode crypto, the 16 random characters each message starts with drawn
    by `secrets`: wechatpy's random.sample cost 4.5 us a reply (and is no CSPRNG)."""

    def get_random_string(self) -> str:
        return secrets.token_hex(8)


class Cipher:
    """Safe-mode AES for one account: decrypts pushes, encrypts replies."""

    def __init__(self, token: str, encoding_aes_key: str, app_id: str) -> None:
        self._token = token
        self._key = base64.b64decode(encoding_aes_key + "=")
        self._app_id = app_id
        self._prp = _PrpCrypto(self._key)  # keeps no state between messages: built once

    def decrypt(self, encrypted: str, msg_signature: str | None, timestamp: str,
                nonce: str) -> str:
        """Check `msg_signature` over the ciphertext, then decrypt it."""
        if not signature_ok(signature(self._token, timestamp, nonce, encrypted), msg_signature):
            raise Refused(403, "bad_signature", "msg_signature does not match")
        try:
            return self._prp.decrypt(encrypted, self._app_id)
        except InvalidAppIdException:
            raise Refused(400, "wrong_appid", "message is for another AppID") from None
        except (ValueError, TypeError, IndexError, struct.error, binascii.Error,
                UnicodeDecodeError) as exc:
            raise Refused(400, "bad_ciphertext", "ciphertext cannot be decrypted") from exc

    def encrypt(self, xml: str, timestamp: str | None = None, nonce: str | None = None) -> str:
        """Wrap a reply the way WeChat expects in safe mode."""
        timestamp = timestamp or str(int(time.time()))
        nonce = nonce or random_string(10)
        encrypted = self._prp.encrypt(xml, self._app_id).decode()
        sig = signature(self._token, timestamp, nonce, encrypted)
        return (f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt>"
                f"<MsgSignature><![CDATA[{sig}]]></MsgSignature>"
                f"<TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>")


def decode(xml_text: str, channel: str = "wechat") -> Inbound:
    """Turn a plaintext push into an Inbound, or refuse it as malformed."""
    xml_text = strip_control(xml_text)
    fields = parse_xml(xml_text)
    for required in ("FromUserName", "MsgType"):
        if not isinstance(fields.get(required), str) or not fields[required].strip():
            raise Refused(400, "missing_field", f"<{required}> is missing")
    msg_type = fields["MsgType"].strip().lower()
    if msg_type == "event" and not (isinstance(fields.get("Event"), str)
                                    and fields["Event"].strip()):
        raise Refused(400, "missing_field", "<Event> is missing")
    for name in ("Content", "EventKey", "MsgId", "CreateTime", "MediaId", "Recognition"):
        if isinstance(fields.get(name), (dict, list)):
            raise Refused(400, "malformed_xml", f"<{name}> has the wrong shape")
    event = str(fields.get("Event") or "").strip().lower()
    event_key = str(fields.get("EventKey") or "")
    openid = fields["FromUserName"].strip()
    create_time = str(fields.get("CreateTime") or "")
    msg_id = str(fields.get("MsgId") or fields.get("MsgID") or "").strip()
    if msg_id:
        dedupe_key = _dedupe_key("msg", msg_id)
    elif msg_type == "event":
        dedupe_key = _dedupe_key("evt", openid, create_time, event, event_key)
    else:
        digest = hashlib.sha1(xml_text.encode()).hexdigest()[:20]
        dedupe_key = _dedupe_key("raw", openid, create_time, digest)
    location = None
    # A location message, or the menu's location picker (its event carries the place).
    where = fields if msg_type == "location" else fields.get("SendLocationInfo") \
        if event == "location_select" else None
    if isinstance(where, dict):
        location = Location(_float(where.get("Location_X")), _float(where.get("Location_Y")),
                            str(where.get("Label") or "")[:LABEL_MAX])
    sent_at = None
    if _CREATE_TIME.fullmatch(create_time):
        sent_at = datetime.fromtimestamp(int(create_time), UTC)
    return Inbound(
        channel=channel,
        dedupe_key=dedupe_key,
        openid=openid[:64],
        msg_type=msg_type[:32],
        sent_at=sent_at,
        content=str(fields.get("Content") or ""),
        event=event[:32] if msg_type == "event" else "",
        event_key=event_key[:128],
        media_id=str(fields.get("MediaId") or "")[:128],
        media_format=str(fields.get("Format") or "")[:16],
        recognition=str(fields.get("Recognition") or ""),
        location=location,
        raw=xml_text,
        known_type=_known(msg_type, event),
        account=str(fields.get("ToUserName") or "")[:64],
    )


def _dedupe_key(kind: str, *parts: str) -> str:
    """`kind:part:...`, hashed when too long for the column (truncating could merge two)."""
    key = ":".join((kind, *parts))
    if len(key) <= DEDUPE_KEY_MAX:
        return key
    return f"{kind}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def _known(msg_type: str, event: str) -> bool:
    """A type we answer: in our list and one wechatpy knows (parsed once, by us, above)."""
    if msg_type not in KNOWN_TYPES:
        return False
    return event in EVENT_TYPES if msg_type == "event" else msg_type in MESSAGE_TYPES


def _float(value: object) -> float:
    try:
        number = float(str(value))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise Refused(400, "missing_field", "location coordinates are not numbers")
    return number


def render_text_reply(to_user: str, from_user: str, text: str) -> str:
    """A passive text reply; user text cannot close the CDATA section and inject elements."""
    # wechatpy's TextReply renders this very document (same elements, order and line
    # breaks) through descriptors and str.format: five times the cost on every push.
    return ("<xml>\n<MsgType><![CDATA[text]]></MsgType>\n"
            f"<Content><![CDATA[{cdata_safe(text)}]]></Content>\n"
            f"<FromUserName><![CDATA[{cdata_safe(from_user)}]]></FromUserName>\n"
            f"<ToUserName><![CDATA[{cdata_safe(to_user)}]]></ToUserName>\n"
            f"<CreateTime>{int(time.time())}</CreateTime>\n</xml>")


def cdata_safe(text: str) -> str:
    """Text that stays inside one CDATA section: "]]>" is split across two."""
    return strip_control(text).replace("]]>", "]]]]><![CDATA[>")

"""`jingmin chat`: a resident's phone in the terminal, speaking WeChat's push protocol."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import hashlib
import os
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from bot.channels.wechat_codec import Cipher, Refused, cdata_safe, parse_xml, signature
from bot.cli import deliveries
from bot.config import Config
from bot.delivery.waits import woken
from handlers import texts


class _Late:
    """Late replies owed by the server (answered `success`) and printed since."""

    def __init__(self) -> None:
        self.expected = 0
        self.printed = 0
        self.arrived = asyncio.Event()

class _Seen:
    """The last local-mode delivery this resident's chat printed, kept in `data_dir` so the
    next start prints only what came while no chat was open."""

    def __init__(self, config: Config, base: str, openid: str) -> None:
        key = hashlib.sha256(f"{base} {openid}".encode()).hexdigest()[:24]
        self.path = Path(config.server.data_dir) / "chat" / f"seen-{key}"

    def load(self) -> int | None:
        """The saved cursor, or None when this resident never chatted here."""
        try:
            return int(self.path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return None

    def save(self, cursor: int) -> None:
        """Remember `cursor` (best effort: a read-only folder only costs a repeat)."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".part")
            partial.write_text(str(cursor), encoding="ascii")
            os.replace(partial, self.path)


ACCOUNT = "gh_jingmin_chat"


class Phone:
    """Builds, signs and (in safe mode) encrypts pushes exactly as WeChat's servers do."""

    def __init__(self, config: Config, url: str, openid: str) -> None:
        self.url = url
        self.openid = openid
        self._token = config.wechat.token
        self._cipher = (Cipher(config.wechat.token, config.wechat.encoding_aes_key,
                               config.wechat.app_id) if config.wechat.encoding_aes_key else None)

    def text(self, content: str) -> str:
        """A text message push."""
        return self._xml("text", f"<Content><![CDATA[{cdata_safe(content)}]]></Content>",
                         msg_id=True)

    def event(self, event: str, key: str = "") -> str:
        """An event push (subscribe, CLICK, ...)."""
        return self._xml("event", f"<Event><![CDATA[{event}]]></Event>"
                                  f"<EventKey><![CDATA[{cdata_safe(key)}]]></EventKey>")

    def location(self, lat: float, lng: float) -> str:
        """A location message push."""
        return self._xml("location", f"<Location_X>{lat}</Location_X><Location_Y>{lng}"
                                     f"</Location_Y><Scale>15</Scale><Label><![CDATA[]]></Label>",
                         msg_id=True)

    def _xml(self, msg_type: str, fields: str, msg_id: bool = False) -> str:
        msg = f"<MsgId>{secrets.randbits(62)}</MsgId>" if msg_id else ""
        return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
                f"<FromUserName><![CDATA[{cdata_safe(self.openid)}]]></FromUserName>"
                f"<CreateTime>{int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[{msg_type}]]></MsgType>{fields}{msg}</xml>")

    def sign(self, xml: str) -> tuple[dict[str, str], str]:
        """Query parameters and body for one push."""
        timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**9))
        params = {"timestamp": timestamp, "nonce": nonce, "openid": self.openid,
                  "signature": signature(self._token, timestamp, nonce)}
        if self._cipher is None:
            return params, xml
        envelope = self._cipher.encrypt(xml, timestamp, nonce)
        fields = parse_xml(envelope)
        body = (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
                f"<Encrypt><![CDATA[{fields['Encrypt']}]]></Encrypt></xml>")
        params.update(encrypt_type="aes", msg_signature=fields["MsgSignature"])
        return params, body

    def read_reply(self, body: str) -> str:
        """The text of a passive reply ("" for success or an empty answer)."""
        if not body.strip() or body.strip() == "success":
            return ""
        fields = parse_xml(body)
        if "Encrypt" in fields and self._cipher is not None:
            fields = parse_xml(self._cipher.decrypt(
                fields["Encrypt"], fields.get("MsgSignature"), str(fields.get("TimeStamp")),
                str(fields.get("Nonce"))))
        return str(fields.get("Content") or "")


def _push_for(phone: Phone, line: str) -> str | None:
    words = line.split()
    if words[0] == "/subscribe":
        return phone.event("subscribe")
    if words[0] == "/menu" and len(words) == 2:
        return phone.event("CLICK", words[1])
    if words[0] == "/location" and len(words) == 3:
        try:
            return phone.location(float(words[1]), float(words[2]))
        except ValueError:
            return None
    if words[0].startswith("/") and words[0] not in ("/quit",):
        return None
    return phone.text(line)


async def run_chat(config: Config, url: str | None, openid: str, wait: float | None) -> int:
    """Read lines from stdin, push each, print replies and later messages; exit code."""
    url = url or f"http://{config.server.host}:{config.server.port}/wechat"
    openid = openid or f"ochat-{getpass.getuser()}"
    phone = Phone(config, url, openid)
    late = _Late()
    interactive = sys.stdin.isatty()
    base = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    # --wait given: stay that long for anything the server sends later (e.g. "officers were
    # alerted" after an emergency); else only for the replies that missed the budget.
    linger = wait is not None
    if wait is None:
        wait = config.wechat.reply_budget_s + 4 if config.wechat.local else 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        watcher = None
        if config.wechat.local:
            seen = _Seen(config, base, openid)
            cursor = await _unseen(http, base, openid, seen, late, interactive)
            watcher = asyncio.create_task(
                _watch_deliveries(http, base, openid, cursor, late, seen))
        if interactive:
            print(texts.text("chat_connected", openid=openid, url=url,
                             help=texts.text("chat_help")))
        failed = False
        while True:
            line = await asyncio.to_thread(_read_line, interactive)
            if line is None or line.strip() == "/quit":
                break
            if not line.strip():
                continue
            push = _push_for(phone, line.strip())
            if push is None:
                print(texts.text("chat_help"))
                continue
            params, body = phone.sign(push)
            try:
                async with http.post(url, params=params, data=body.encode()) as response:
                    answer = await response.text()
                    if response.status != 200:
                        print(texts.text("chat_refused", status=response.status,
                                         answer=answer.strip()))
                        failed = True
                        continue
                text = phone.read_reply(answer)
            except (aiohttp.ClientError, TimeoutError, Refused) as exc:
                print(texts.text("chat_unreachable", url=url, error=exc), file=sys.stderr)
                return 1
            print(texts.text("chat_reply", text=text) if text
                  else texts.text("chat_reply_later"), flush=True)
            if not text:
                late.expected += 1
        if watcher is not None:
            # Wait for the late replies still owed, at most `wait` seconds.
            deadline = time.monotonic() + wait
            while (linger or late.expected > late.printed) and time.monotonic() < deadline:
                late.arrived.clear()
                # Not asyncio.wait_for: on 3.11 it can swallow a cancel (gh-86296).
                await woken(late.arrived, deadline - time.monotonic())
            watcher.cancel()
    return 1 if failed else 0


def _read_line(interactive: bool) -> str | None:
    try:
        return input(texts.text("chat_prompt") if interactive else "")
    except EOFError:
        return None


async def _unseen(http: aiohttp.ClientSession, base: str, openid: str, seen: _Seen,
                  late: _Late, interactive: bool) -> int | None:
    """At start, print what the server sent this resident while no chat was open (all of
    it the first time); returns the cursor to watch from."""
    newest = await _poll(http, base, openid, None, late)
    saved = seen.load()
    if newest is None:
        return None
    if saved is None or saved > newest:        # first chat here, or a fresh database
        saved = 0
    if saved < newest:
        if interactive:
            print(texts.text("chat_while_away"))
        saved = await _poll(http, base, openid, saved, late, seen, until=newest)
    late.printed = 0         # these were not replies this session is waiting for
    seen.save(newest)
    return newest


async def _poll(http: aiohttp.ClientSession, base: str, openid: str,
                after: int | None, late: _Late, seen: _Seen | None = None, *,
                until: int | None = None) -> int | None:
    """Print what was recorded for `openid` after `after` (up to `until`, page by page);
    remembers and returns the new cursor."""
    while True:
        cursor = await _poll_once(http, base, openid, after, late, seen)
        if until is None or cursor is None or cursor == after or cursor >= until:
            return cursor
        after = cursor


async def _poll_once(http: aiohttp.ClientSession, base: str, openid: str,
                     after: int | None, late: _Late, seen: _Seen | None) -> int | None:
    page = await deliveries.fetch(http, base, openid, after)
    if page is None:
        return after
    for item in page.items:
        print(texts.text("chat_late_reply", text=item["text"]), flush=True)
        late.printed += 1
        late.arrived.set()
    if seen is not None and page.items and isinstance(page.last, int):
        seen.save(page.last)
    return page.last


async def _watch_deliveries(http: aiohttp.ClientSession, base: str, openid: str,
                            cursor: int | None, late: _Late, seen: _Seen) -> None:
    """In local mode, print what the server later sends to this resident."""
    while True:
        await asyncio.sleep(0.5)
        cursor = await _poll(http, base, openid, cursor, late, seen)

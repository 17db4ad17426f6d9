"""The bench's baseline: a bare aiohttp + wechatpy safe-mode echo, with no database.

It does what any safe-mode endpoint must (check the timestamp and msg_signature, decrypt,
parse with wechatpy, encrypt a text reply) and nothing else, so Jingmin's msg/s divided by
its msg/s is the share of the protocol's floor that Jingmin keeps. It runs on the event loop
`jingmin serve` runs on (uvloop when installed, see bot.server), or the ratio would compare
Jingmin on uvloop with an echo on asyncio's slower loop and flatter Jingmin.

    python -m bench.echo_server --port 8081 --token T --aes-key K --app-id A
"""

from __future__ import annotations

import argparse
import time

from aiohttp import web
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException

from bench.loops import loop_factory

_CRYPTO = web.AppKey("crypto", WeChatCrypto)
MAX_SKEW_S = 300


async def wechat(request: web.Request) -> web.Response:
    """Verify, decrypt and parse a push, then answer its text with an encrypted echo."""
    query = request.query
    timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_SKEW_S:
        return web.Response(status=403, text="stale timestamp")
    crypto = request.app[_CRYPTO]
    body = await request.text()
    try:
        xml = crypto.decrypt_message(body, query.get("msg_signature", ""), timestamp, nonce)
    except (InvalidSignatureException, InvalidAppIdException):
        return web.Response(status=403, text="bad signature")
    message = parse_message(xml)
    reply = create_reply(getattr(message, "content", ""), message)
    return web.Response(text=crypto.encrypt_message(reply.render(), nonce),
                        content_type="application/xml")


async def healthz(_request: web.Request) -> web.Response:
    """Ready to take pushes."""
    return web.json_response({"status": "ok"})


def create_app(token: str, aes_key: str, app_id: str) -> web.Application:
    """The echo app: POST /wechat and GET /healthz."""
    app = web.Application()
    app[_CRYPTO] = WeChatCrypto(token, aes_key, app_id)
    app.router.add_post("/wechat", wechat)
    app.router.add_get("/healthz", healthz)
    return app


def main() -> None:
    """Serve until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--aes-key", required=True)
    parser.add_argument("--app-id", required=True)
    args = parser.parse_args()
    factory = loop_factory()
    loop = factory() if factory is not None else None   # None: aiohttp makes asyncio's
    web.run_app(create_app(args.token, args.aes_key, args.app_id), host=args.host,
                port=args.port, access_log=None, print=None, loop=loop)


if __name__ == "__main__":
    main()

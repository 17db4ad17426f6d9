"""The app factory: the one place that wires configuration, storage, handlers and routes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot import keys
from bot.admin import mount_on_public
from bot.assembly import DOORS, build_services
from bot.bodies import ClientGone, TooSlow, gone_answer, slow_answer
from bot.channels.answering import CLOCKS, REAL_CLOCKS, Clocks
from bot.config import Config
from bot.delivery.local import deliveries
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import ROBOT_LEASE, build_senders
from bot.headers import hide_server_version
from bot.metrics import Metrics
from bot.scheduler import export_loop
from bot.tasks import TaskTracker, cancel_all
from bot.workers import backlog_loop, calendar_loop, lease_loop, minute_loop, purge_loop
from handlers.channels.intake import Dispatch, Intake
from handlers.conversation import held
from handlers.conversation.router import Router
from handlers.tickets import escalation
from storage.base import utcnow
from storage.db import create_engine, ping, session_factory
from storage.delivery.outbox import release_claims
from storage.delivery.tokens import TokenStore
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def create_app(config: Config, *, run_workers: bool = True,
               dispatch: Dispatch | None = None, clocks: Clocks = REAL_CLOCKS) -> web.Application:
    """The public app (/wechat, /healthz, /metrics, and /api/v1 when admin_port is 0); its
    cleanup context owns every resource.
    `dispatch` decides replies: the intent router unless a test passes its own; `clocks`
    time the doors' reply budget (the real ones unless a test stops them)."""
    metrics = Metrics()
    app = web.Application(middlewares=[_guard])
    hide_server_version(app)
    app[keys.CONFIG] = config
    app[keys.METRICS] = metrics
    app[keys.TASKS] = TaskTracker()
    app[keys.RUN_WORKERS] = run_workers
    app[CLOCKS] = clocks
    app.cleanup_ctx.append(lambda a: _lifecycle(a, run_workers, dispatch))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    for door in DOORS:   # each builds its endpoint once _lifecycle has opened the services
        door.mount(app)
    if config.wechat.local:
        app.router.add_get("/local/deliveries", deliveries)
    mount_on_public(config, app)
    return app


async def _lifecycle(app: web.Application, run_workers: bool,
                     dispatch: Dispatch) -> AsyncIterator[None]:
    config = app[keys.CONFIG]
    database = config.database
    engine = create_engine(database.url, pool_size=database.pool_size,
                           max_overflow=database.max_overflow,
                           pool_timeout_s=database.pool_timeout_s)
    sessions = session_factory(engine)
    store = InboundStore(sessions)
    services = await build_services(config, sessions, DOORS)
    app[keys.SERVICES] = services
    startup = app.get(keys.STARTUP)
    if startup is not None:
        startup.mark("services")
    fallback = None
    if dispatch is None:
        router = Router(sessions, services)
        dispatch, fallback = router.dispatch, router.fallback
    locks = ResidentLocks(engine)
    app[keys.INBOUND], app[keys.LOCKS] = store, locks
    intake = Intake(sessions, store, locks, dispatch,
                    rate_limit=config.intake.rate_limit_per_minute, fallback=fallback)
    app[keys.ENGINE] = engine
    app[keys.SESSIONS] = sessions
    app[keys.INTAKE] = intake
    http = aiohttp.ClientSession()
    # The outbox's jobs carry the same boot id as the intake's messages: one instance.
    worker = OutboxWorker(sessions, build_senders(config, http, sessions), app[keys.METRICS],
                          name=intake.boot_id, batch=database.outbox_sends,
                          aftermath=_aftermath(sessions, services))
    app[keys.OUTBOX] = worker
    intake.outbox_wakeup = worker.wakeup    # late replies leave at once
    # Messages in hand keep their leases, or another instance would take them over.
    leases = asyncio.create_task(lease_loop(intake, worker), name="leases")
    workers: list[asyncio.Task[None]] = []
    if run_workers:
        if store.single_instance:
            # One instance owns SQLite: jobs "sending" and the robot's sender lease were
            # left by a process that died; emergencies' alerts must not wait them out.
            async with sessions() as session, session.begin():
                await release_claims(session)
            await TokenStore(sessions).drop(ROBOT_LEASE)
        workers.append(asyncio.create_task(worker.run(), name="outbox"))
        await intake.load_backlog()
        if startup is not None:
            startup.mark("recovery")
        workers.append(asyncio.create_task(
            backlog_loop(intake, config.intake.rate_limit_per_minute), name="backlog"))
        workers.append(asyncio.create_task(
            purge_loop(sessions, config.intake.raw_retention_days,
                       nonce_window_s=max(door.signature_window_s(config) for door in DOORS)),
            name="purge"))
        workers.append(asyncio.create_task(
            calendar_loop(sessions, services, worker), name="calendar"))
        workers.append(asyncio.create_task(
            minute_loop(sessions, services, worker), name="minute-sweep"))
        workers.append(asyncio.create_task(
            export_loop(config, sessions, worker.wakeup, first_after_s=60.0),
            name="weekly-export"))
    yield
    await stop_in_order(workers, app[keys.TASKS].drain, leases)
    await store.close()
    await http.close()
    await engine.dispose()


async def stop_in_order(workers: list[asyncio.Task[None]],
                        drain: Callable[[], Awaitable[None]],
                        leases: asyncio.Task[None]) -> None:
    """Stop the workers, let the handling in flight finish, and only then the leases'
    heartbeat: the outbox's sends finishing in their grace and the handling drained keep
    their leases renewed, so no other instance takes them over and sends them twice."""
    await cancel_all(workers)
    await drain()
    await cancel_all([leases])


def _aftermath(sessions, services):
    """What follows an outbox job's outcome, in the handlers' terms: an alert delivered
    (the resident is told) or given up on (escalation), a reply WeChat would not take."""
    async def follow_up(state: str, job, error: str) -> None:
        alert = bool(job.payload.get("alert"))
        if state == "sent" and not alert:
            return      # most jobs: nothing follows, and no transaction is spent on them
        async with sessions() as session, session.begin():
            if state == "sent":
                await escalation.delivered(session, services, job.kind, job.payload, utcnow())
                return
            if alert:   # to officers: a failure escalates, it is no resident's lost reply
                if state == "dead":
                    await escalation.failed(session, services, job.kind, job.payload, error,
                                            utcnow())
                return
            await held.after_delivery(session, services.held, state, job.id, job.kind,
                                      job.recipient, job.payload, error, utcnow())
    return follow_up


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers, 503 when it does not."""
    try:
        await asyncio.wait_for(ping(request.app[keys.ENGINE]), 2.0)
    except (SQLAlchemyError, OSError, TimeoutError):
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def metrics_view(request: web.Request) -> web.Response:
    """Prometheus text exposition."""
    metrics = request.app[keys.METRICS]
    await metrics.business.refresh(request.app[keys.SESSIONS])
    return web.Response(body=metrics.render(), headers={"Content-Type": metrics.content_type})


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count every request by route and status; a fault of ours is a 503 (retry later),
    logged, never a 500 to the client. One middleware: each layer costs every push."""
    status = 500
    request.app[keys.METRICS].request_started()
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    except TooSlow:
        status = 408
        return await slow_answer(request)
    except ClientGone:
        log.info("the client left %s before its body arrived", request.path)
        status = 400
        return gone_answer()
    except (SQLAlchemyError, OSError) as exc:
        log.error("database or I/O failure on %s: %s", request.path, type(exc).__name__)
        status = 503
        return web.json_response({"error": "temporarily unavailable"}, status=503)
    except Exception:
        log.exception("unexpected failure on %s", request.path)
        status = 503
        return web.json_response({"error": "temporarily unavailable"}, status=503)
    finally:
        route = request.match_info.route.resource
        name = route.canonical if route is not None else "unmatched"
        request.app[keys.METRICS].request_done(name, status)

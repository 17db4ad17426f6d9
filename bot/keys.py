"""Typed keys for what the aiohttp app carries."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Config
from bot.delivery.outbox import OutboxWorker
from bot.metrics import Metrics
from bot.startup import StartupClock
from bot.tasks import TaskTracker
from handlers.channels.intake import Intake
from handlers.intents.services import Services
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks

CONFIG = web.AppKey("config", Config)
ENGINE = web.AppKey("engine", AsyncEngine)
SESSIONS = web.AppKey("sessions", async_sessionmaker[AsyncSession])
METRICS = web.AppKey("metrics", Metrics)
TASKS = web.AppKey("tasks", TaskTracker)
INTAKE = web.AppKey("intake", Intake)
OUTBOX = web.AppKey("outbox", OutboxWorker)
SERVICES = web.AppKey("services", Services)
# The admin listener's apps (API, console) read engine, sessions and services from the
# public app, whose cleanup context owns them, whether they are mounted on it or served apart.
PUBLIC_APP = web.AppKey("public_app", web.Application)
# The one group-committing inbound store and per-resident locks every door records through.
INBOUND = web.AppKey("inbound_store", InboundStore)
LOCKS = web.AppKey("resident_locks", ResidentLocks)
# False in tests that drive the workers by hand: doors that start their own loops look here.
RUN_WORKERS = web.AppKey("run_workers", bool)
# Set by `serve` only: the app's start-up marks its phases on it (services, recovery).
STARTUP = web.AppKey("startup", StartupClock)

"""The console's 12345 panel names officers as people know them (签收 by 王警官, 回访民警
李警官), and the 差评 follow-up's reminders are on the ticket's timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import keys
from handlers.officers import followup_reminders
from tests.conversations import Clock, make_chat
from tests.helpers import running
from tests.officer_clients import C, signed_in
from tests.workbench import NOW, UNIT_A, add_officer, ticket

THU_1001 = datetime(2026, 11, 26, 2, 1, tzinfo=UTC)   # past the call back's deadline


async def test_the_panel_names_officers_and_shows_the_reminders(config, sessions):
    wang = await add_officer(sessions, "wang", UNIT_A, name="王警官")
    await add_officer(sessions, "li", UNIT_A, name="李警官", wecom_user="wx-li")
    await add_officer(sessions, "zhao", UNIT_A, "supervisor", name="赵督导",
                      wecom_user="wx-zhao")
    t = await ticket(sessions, config, unit=UNIT_A, openid="o-named")
    async with running(config, dispatch=None) as web:
        app = web.server.app
        services, app_sessions = app[keys.SERVICES], app[keys.SESSIONS]
        async with app_sessions() as session, session.begin():
            await services.workflow(lambda: NOW).perform(session, wang, t.number, "sign", {})
        async with app_sessions() as session, session.begin():
            await services.workflow(lambda: NOW).perform(session, wang, t.number, "status",
                                                         {"status": "resolved", "note": "已调解"})
        chat = make_chat(app_sessions, services, Clock(NOW))
        await chat.say("o-named", "1")
        await chat.say("o-named", "2")
        async with app_sessions() as session, session.begin():
            assert await followup_reminders.sweep(session, services, THU_1001) == 2
        await signed_in(web, "zhao")
        page = await (await web.get(f"{C}/tickets/{t.number}")).text()
    assert "已签收</span> 王警官" in page
    assert "回访民警 李警官" in page and "回访：李警官" in page
    assert "回访时限（11-26 10:00）已过，已通知负责民警李警官、督导员" in page

"""合并: duplicates suggested (same resident, or same place and kind within 72 hours); a
supervisor merges; the merged ticket is cancelled and its resident answered with the other."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from handlers.core.errors import Conflict, Forbidden, Invalid
from handlers.core.settings import TicketSettings
from handlers.officers import merging
from handlers.officers.workflow import Workflow
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket
from tests.workbench import NOW, reload, staff, ticket


@pytest.fixture
async def people(sessions):
    return await staff(sessions)


async def _do(sessions, config, actor, number, action, **fields):
    wf = Workflow(TicketSettings.from_config(config), clock=lambda: NOW)
    async with sessions() as session, session.begin():
        return await wf.perform(session, actor, number, action, fields)


async def test_duplicates_are_suggested(sessions, config):
    first = await ticket(sessions, config, openid="o-1", text="柳园小区3号楼楼下烧烤油烟扰民")
    same_resident = await ticket(sessions, config, openid="o-1", text="还有人在楼道堆放杂物",
                                 now=NOW + timedelta(hours=5))
    same_place = await ticket(sessions, config, openid="o-2", text="柳园小区3号楼烧烤扰民",
                              now=NOW + timedelta(hours=30))
    later = await ticket(sessions, config, openid="o-1", text="柳园小区又有人烧烤",
                         now=NOW + timedelta(days=4))
    other = await ticket(sessions, config, openid="o-3", text="身份证怎么补办",
                         kind="consult")
    async with sessions() as session, session.begin():   # the place routing matched
        await session.execute(update(Ticket).where(Ticket.number.in_(
            [first.number, same_place.number, later.number])).values(area="柳园"))
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, first.number)
        found = {t.number for t in await merging.suggestions(session, row)}
    assert same_resident.number in found and same_place.number in found
    assert later.number not in found and other.number not in found


async def test_a_supervisor_merges_and_the_residents_are_answered_together(sessions, config,
                                                                           people, db):
    keep = await ticket(sessions, config, openid="o-1")
    dup = await ticket(sessions, config, openid="o-2")
    with pytest.raises(Forbidden):
        await _do(sessions, config, people["a1"], dup.number, "merge", into=keep.number)
    with pytest.raises(Invalid):
        await _do(sessions, config, people["sup"], dup.number, "merge", into="x")
    with pytest.raises(Conflict):
        await _do(sessions, config, people["sup"], dup.number, "merge", into=dup.number)
    with pytest.raises(Conflict):
        await _do(sessions, config, people["sup"], dup.number, "merge",
                  into="DCF20200101-0001")
    await _do(sessions, config, people["sup"], dup.number, "merge", into=keep.number)
    merged = await reload(sessions, dup.number)
    assert (merged.status, merged.merged_into) == ("cancelled", keep.number)
    for number, key in ((dup.number, "into"), (keep.number, "from")):
        [event] = [e for e in await db.events(await reload(sessions, number))
                   if e.type == "merged"]
        assert json.loads(event.data)[key] in (keep.number, dup.number)
    told = [j for j in await db.outbox("wechat_text") if j.recipient == "o-2"]
    assert len(told) == 1 and keep.number in told[0].payload
    await _do(sessions, config, people["a1"], keep.number, "reply", text="民警今晚到场处理")
    answered = {j.recipient for j in await db.outbox("wechat_text")
                if "今晚到场" in j.payload}
    assert answered == {"o-1", "o-2"}
    with pytest.raises(Conflict):          # cancelled now: nothing more to merge
        await _do(sessions, config, people["sup"], dup.number, "merge", into=keep.number)

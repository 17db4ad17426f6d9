"""The console's 12345 controls: unsigned tickets highlighted in lists and on the page, 签收
and 退单 from the ticket page, with the workflow's refusals shown."""

from __future__ import annotations

from datetime import timedelta

from storage.tickets.models import RatingFollowup
from tests.officer_clients import C, post, signed_in
from tests.workbench import NOW, UNIT_A, add_officer, reload, ticket


async def test_sign_and_return_from_the_ticket_page(web, people, sessions, config):
    t = await ticket(sessions, config, unit=UNIT_A)
    csrf = await signed_in(web, "a1")
    listing = await (await web.get(f"{C}/queue/unit")).text()
    assert t.number in listing and "tag unsigned" in listing
    page = await (await web.get(f"{C}/tickets/{t.number}")).text()
    # Opened days ago (the workbench's clock): past its 2 working hours.
    assert "签收超时" in page and f"/tickets/{t.number}/sign" in page
    response = await post(web, f"/tickets/{t.number}/sign", csrf)
    text = await response.text()
    assert "已签收" in text and f"/tickets/{t.number}/sign\"" not in text
    assert (await reload(sessions, t.number)).signed_by == "a1"
    response = await post(web, f"/tickets/{t.number}/return", csrf, reason="")
    assert response.status == 422
    response = await post(web, f"/tickets/{t.number}/return", csrf, reason="属新区辖区")
    assert "已退回待分派" in await response.text()
    stored = await reload(sessions, t.number)
    assert (stored.status, stored.flagged_unassigned, stored.returns) == ("new", True, 1)
    assert "tag unsigned" not in await (await web.get(f"{C}/queue/unit")).text()


async def test_a_supervisor_of_another_unit_gets_no_sign_control(web, people, sessions,
                                                                  config):
    t = await ticket(sessions, config, unit=UNIT_A)
    csrf = await signed_in(web, "sup")
    page = await (await web.get(f"{C}/tickets/{t.number}")).text()
    assert "签收超时" in page and f"/tickets/{t.number}/sign\"" not in page
    response = await post(web, f"/tickets/{t.number}/sign", csrf)
    assert response.status == 403 and UNIT_A in await response.text()


async def test_a_supervisor_supervises_from_the_ticket_page(web, people, sessions, config):
    t = await ticket(sessions, config, unit=UNIT_A)
    officer = await signed_in(web, "a1")
    assert f"/tickets/{t.number}/supervise" not in await (
        await web.get(f"{C}/tickets/{t.number}")).text()
    assert (await post(web, f"/tickets/{t.number}/supervise", officer, note="x")).status == 403
    await web.post(f"{C}/logout", data={"csrf": officer})
    csrf = await signed_in(web, "sup")
    response = await post(web, f"/tickets/{t.number}/supervise", csrf, note="请今天办结",
                          due="2099-01-01T17:00")
    text = await response.text()
    assert "已督办" in text and "tag supervised" in text
    assert "tag supervised" in await (await web.get(f"{C}/queue/all")).text()


async def test_a_bad_ratings_followup_and_dispute_from_the_ticket_page(web, people, sessions,
                                                                       config):
    t = await ticket(sessions, config, unit=UNIT_A)
    await bad_rating_followup(sessions, t, satisfaction=2)
    csrf = await signed_in(web, "a1")          # the rated officer: no control
    page = await (await web.get(f"{C}/tickets/{t.number}")).text()
    assert "满意度2" in page and f"/tickets/{t.number}/followup" not in page
    await web.post(f"{C}/logout", data={"csrf": csrf})
    csrf = await signed_in(web, "a2")
    response = await post(web, f"/tickets/{t.number}/followup", csrf, step="called",
                          note="已回访")
    assert "已记录差评回访" in await response.text()
    await web.post(f"{C}/logout", data={"csrf": csrf})
    csrf = await signed_in(web, "adm")
    response = await post(web, f"/tickets/{t.number}/dispute", csrf, reason="非警务事项")
    text = await response.text()
    assert "已标记申诉" in text and "已申诉" in text


async def test_a_supervisor_hands_the_followup_over_from_the_ticket_page(web, people,
                                                                       sessions, config):
    await add_officer(sessions, "a3", UNIT_A, name="王五")
    t = await ticket(sessions, config, unit=UNIT_A)
    await bad_rating_followup(sessions, t, satisfaction=1)
    csrf = await signed_in(web, "a2")          # the follow-up officer: no such control
    assert f"/tickets/{t.number}/followup_officer" not in await (
        await web.get(f"{C}/tickets/{t.number}")).text()
    response = await post(web, f"/tickets/{t.number}/followup_officer", csrf, officer="a3")
    assert response.status == 403
    await web.post(f"{C}/logout", data={"csrf": csrf})
    csrf = await signed_in(web, "sup")
    page = await (await web.get(f"{C}/tickets/{t.number}")).text()
    assert f"/tickets/{t.number}/followup_officer" in page and "王五（a3）" in page
    response = await post(web, f"/tickets/{t.number}/followup_officer", csrf, officer="a1")
    assert response.status == 409               # the rated officer
    response = await post(web, f"/tickets/{t.number}/followup_officer", csrf, officer="a3")
    text = await response.text()
    assert "已改派差评回访民警" in text and "回访民警 王五" in text


async def test_a_supervisor_merges_a_suggested_duplicate(web, people, sessions, config):
    keep = await ticket(sessions, config, unit=UNIT_A, openid="o-dup")
    dup = await ticket(sessions, config, unit=UNIT_A, openid="o-dup")
    csrf = await signed_in(web, "sup")
    page = await (await web.get(f"{C}/tickets/{dup.number}")).text()
    assert "可能重复的工单" in page and keep.number in page
    response = await post(web, f"/tickets/{dup.number}/merge", csrf, into=keep.number)
    assert "已合并" in await response.text()
    stored = await reload(sessions, dup.number)
    assert (stored.status, stored.merged_into) == ("cancelled", keep.number)


async def bad_rating_followup(sessions, t, *, satisfaction: int) -> None:
    """A 差评 follow-up on `t`: rated officer a1, follow-up officer a2."""
    async with sessions() as session, session.begin():
        session.add(RatingFollowup(ticket_id=t.id, satisfaction=satisfaction,
                                   rated_officer="a1", officer="a2", opened_at=NOW,
                                   callback_due=NOW + timedelta(days=1),
                                   fix_due=NOW + timedelta(days=7)))

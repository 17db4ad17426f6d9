"""What a resident writing in English asks for in so many words (issue 14, CONTRACT §4): the
English beside `requests.explicit`'s 我要预约/我要投诉/我想表扬/提个建议/查询进度.

A request decides when it is said as a wish or a polite question (I want to…, can I…, could
an officer…, please…) and names what it is about: a booking names a service of the branch (a
residence permit, an ID card, a slot, the community officer's visit), a report or complaint
names no report card. A question how, whether or where (do I need to book…, how do I
report…) asks for information. A request whose object is someone else's business (a table,
a flight, the dentist) decides nothing: the model reads it. Non-native writers' slips are
read as meant ("can i booking", "apointmant", "residense").
"""

from __future__ import annotations

import re

# A request said as a wish or a polite question, not as something done (booked, reported).
_WISH = (r"(?:\b(?:i|we|i'd|we'd|i'm|we're|im)\b[^.!?;,]{0,12}?\b(?:want|wanna|wants|would like"
         r"|like|need|wish|hope|would love|going|trying|plan|planning)\b(?: to)?"
         r"|\b(?:can|could|may|shall|would|will) (?:i|we|you|someone|somebody|one|an?|the"
         r"|your)\b"
         r"|\bis it possible\b|\bplease\b|\bpls\b|\bplz\b|\bhelp me\b|\blet me\b"
         r"|^(?:want|wanna|need|book|reserve|schedule|make))")
_WISH_RE = re.compile(_WISH)

# Booking words, with the slips of non-native writers (booking, apointmant, shedule).
_BOOK = re.compile(r"\b(?:book(?:ing)?|reserv(?:e|ation|ing)|res[ae]rve|sc?hed(?:ule|ual|ul)"
                   r"|(?:make|get|have|take) an? (?:ap+[oi]{1,2}n?t?m[ae]nt?|reservation|slot"
                   r"|time)|ap+[oi]{1,2}n?t?m[ae]nt?|set up an? (?:meeting|time|visit)"
                   r"|sign (?:me |us )?up)\b")
_BOOKED = re.compile(r"\b(?:booked|reserved|scheduled|signed up)\b")
# What the branch books (CONTRACT §4): documents, registration, a time at the window, the
# community officer, a talk or a meeting with the police.
_SERVICE = re.compile(
    r"resid[ae]n[cs]e|resident|permit|\bid\b|identity|passport|hukou|household|regist"
    r"|certificat|licen[cs]e|visa|officer|police|policem[ae]n|station|window|counter"
    r"|\bslot\b|\btime\b|\bvisit\b|talk|lecture|meeting|seminar|fingerprint|photo"
    r"|身份证|户口|居住证|护照|民警|派出所")
# Another trade's booking (a table, a flight, the dentist): the model's to read.
_ELSEWHERE = re.compile(
    r"\b(?:table|restaurant|flight|train|plane|hotel|room|dentist|doctor|clinic|hospital"
    r"|haircut|hair|massage|movie|cinema|concert|taxi|ride|boss|class|course|gym|pool|court"
    r"|dinner|lunch|trip|tour|holiday|vacation|interview|call|exam|seat|pizza|food|game|joke)s?\b")
# Someone asked to come to the resident's home: the community officer's visit.
_VISIT = re.compile(
    r"\b(?:officer|officers|police|policeman|policewoman|cop|someone|somebody|anyone"
    r"|community officer)\b[^.!?;]{0,20}\b(?:come|visit|drop by|stop by|come over|come round)"
    r"\b[^.!?;]{0,12}\b(?:my|our) (?:home|house|flat|apartment|place|building|door|compound)")
# A report or complaint the resident wants made.
_REPORT = re.compile(
    r"\s*(?:(?:report|complain)\b(?! card| cards| to (?:my|his|her|their|the) (?:boss|manager"
    r"|teacher|office))|(?:lodge|file|make|submit|raise|put in) (?:an? |my )?(?:formal |official )?"
    r"(?:complaint|report)\b)")
_REPORT_OPENING = re.compile(r"^(?:complaint|complain|report)\s*[:：]")
_PRAISE = re.compile(r"\s*(?:praise|commend|compliment|thank)\b")
_SUGGEST = re.compile(r"\b(?:i have an? (?:suggestion|idea|proposal)|my suggestion|just a"
                      r" suggestion|i (?:would )?suggest|i'd suggest|suggestion for (?:you|your"
                      r"|the (?:police|station|service)))\b")
# A change to the service proposed, however it is put (why not let foreigners book online?,
# you should add English signs, it would be nice if…): a suggestion, though it asks why.
_PROPOSE = re.compile(
    r"^(?:why not|why don'?t (?:you|the police|the station))\b|\b(?:you|the station|the police"
    r"|they) (?:should|could|ought to) (?:add|open|offer|provide|put|allow|let|consider|extend"
    r"|install|hire|translate|make)\b|\bit would be (?:nice|great|better|good|helpful) (?:if|to)\b")
# The progress of the resident's own ticket, report, case or booking.
_STATUS = re.compile(
    r"\b(?:status|progress|update|updates|news)\b[^.!?;]{0,8}\b(?:of|on|for|about|with)"
    r" (?:my|our|the) (?:ticket|case|report|complaint|application|booking|appointment|request)")
# A question how, whether, where or what a request needs: information, not the request.
_HOW = re.compile(
    r"^(?:do|does|should|must|how|what|where|when|which|who|why|is there|is it necessary"
    r"|are there)\b|\b(?:do|does|should|must) (?:i|we|one|you) (?:need|have)\b|\bhow (?:do|can"
    r"|should|to|much|long)\b|\bwhere (?:can|do|should|to)\b|\b(?:necessary|required|needed"
    r"|need to book) (?:to|for|before|\?)")

# Asked to be told something (please tell me…, I'd like to know…): information, unless it is
# about the resident's own ticket or booking.
_TELL = re.compile(r"\b(?:tell me|let me know|i (?:want|wanna|would like|'d like|need) to"
                   r" (?:know|ask)|i'd like to (?:know|ask)|may i ask|i have a question)\b"
                   r"(?= (?:how|what|where|when|which|whether|if|who|why|the|your|about)\b)")
_OWN = re.compile(r"\b(?:my|our) (?:ticket|case|report|complaint|application|booking"
                  r"|appointment|request)\b|\b(?:ready|progress|update|news)\b")

# Whether or when a place of the branch is open (does the station work on weekends?): asked
# for information, in whatever words the question opens with.
_OPEN = re.compile(r"\b(?:station|office|window|counter|hall|branch)\b[^.!?;]{0,30}\b(?:open"
                   r"|opens|work|works|working|close|closes|closed|weekends?|saturdays?|sundays?"
                   r"|holidays?|hours)\b")
_QUESTION = re.compile(r"[?]\s*$|^(?:do|does|is|are|will|can|when|what time)\b")


def asked(norm: str) -> tuple[str, str] | None:
    """(intent, the words that say it) for an English request, when it is explicit."""
    if (found := _STATUS.search(norm)) is not None:
        return "status", found.group(0)
    if (found := _PROPOSE.search(norm)) is not None and not _ELSEWHERE.search(norm):
        return "feedback", found.group(0)
    if _QUESTION.search(norm) and (found := _OPEN.search(norm)) is not None:
        return "consult", found.group(0)
    if _HOW.search(norm):
        # "Do I need to book an appointment to register?" asks how the procedure goes.
        found = _BOOK.search(norm)
        return None if found is None else ("consult", found.group(0))
    wish = _WISH_RE.search(norm)
    if wish is not None and not _BOOKED.search(norm) and not _ELSEWHERE.search(norm):
        if (found := _VISIT.search(norm)) is not None:
            return "appointment", found.group(0)
        if (found := _BOOK.search(norm, wish.start())) is not None and _SERVICE.search(norm):
            return "appointment", found.group(0)
    if (found := _REPORT_OPENING.match(norm)) is not None:
        return "complaint", found.group(0)
    if wish is not None and (found := _REPORT.match(norm, wish.end())) is not None:
        return "complaint", found.group(0).strip()
    if wish is not None and (found := _PRAISE.match(norm, wish.end())) is not None:
        return "feedback", found.group(0)
    if ((found := _TELL.search(norm)) is not None and not _OWN.search(norm)
            and not _ELSEWHERE.search(norm)):
        return "consult", found.group(0)
    if (found := _SUGGEST.search(norm)) is not None and not _ELSEWHERE.search(norm):
        return "feedback", found.group(0)
    return None

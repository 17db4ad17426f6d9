"""English chatter that uses the words of a request for someone else's business (issue 14,
CONTRACT §4 `other`): a table or a flight booked, a report card, a report due to the boss,
complaining to a wife about the soup, a suggestion for dinner, thanks to mum for a gift.

The model reads "book", "report", "complain", "suggest" and "thanks" as the requests they
usually are (their glosses 预约, 投诉, 建议, 感谢); here each is tied to something that is not
the police's: another trade's booking, school or work or the news, the family. A message that
names anything of the police's (an officer, the station, a document the branch issues) or any
offence, loss or danger is never decided here.
"""

from __future__ import annotations

import re

# Anything of the police's, or a matter for them: the message is not chatter then.
_OURS = re.compile(
    r"\b(?:police|officers?|cops?|station|110|permit|passport|id|identity|hukou|household|visa"
    r"|certificates?|licen[cs]e|fingerprints?|regist\w*|residence|resident|foreigners?"
    r"|crime|criminal|steal\w*|stole|stolen|thie[fv]\w*|rob\w*|scam\w*|fraud\w*|cheat\w*"
    r"|fight\w*|fought|beat\w*|hit|attack\w*|threat\w*|harass\w*|fire|smoke|burn\w*|gas"
    r"|help|hurt|injur\w*|blood|bleed\w*|accident|crash\w*|missing|lost|gone|knife|gun"
    r"|weapons?|kill\w*|die|dying|dead|suicide|drown\w*|unconscious|danger\w*|emergency"
    r"|urgent|neighbou?rs?|noise|noisy|loud|landlord|deposit|rude|ignored|complaint"
    # The branch's own events (CONTRACT §4: a 警民恳谈会, a safety talk).
    r"|community|meetings?|talks?|lectures?|seminars?|safety)\b")
# Someone else's business a booking is for.
_TRADE = (r"(?:table|restaurant|flight|train|plane|hotel|room|dentist|doctor|clinic|haircut"
          r"|hair|nails?|massage|spa|movie|cinema|concert|show|gig|taxi|ride|class|course|gym"
          r"|pool|court|dinner|lunch|trip|tour|holiday|vacation|interview|call|exam|seat"
          r"|tickets? (?:for|to) (?:the|a) (?:concert|show|game|match|movie)|vet|salon"
          r"|barber|photographer|venue|wedding|party)s?")
_BOOKING = re.compile(
    rf"\b(?:book(?:ed|ing|s)?|reserv(?:e|ed|ing|ation)|(?:re)?schedul(?:e|ed|ing)"
    rf"|appointments?|slot)\b[^.!?;]{{0,30}}?\b{_TRADE}\b"
    rf"|\b{_TRADE}\b[^.!?;]{{0,12}}?\b(?:appointments?|booking|reservation)\b"
    rf"|\bbooked (?:tickets|seats)\b")
# A report that is school's, work's or the news's.
_REPORT = re.compile(
    r"\b(?:report cards?|(?:book|weather|news|school|homework|sales|annual|monthly|weekly"
    r"|lab|traffic|market|stock|research|quarterly) reports?|reporting live|live report\w*"
    r"|report (?:is |was )?(?:due|by (?:monday|tuesday|wednesday|thursday|friday|tomorrow"
    r"|tonight|noon))|report(?:ed|s|ing)? (?:back )?to (?:my|his|her|their|our|the)"
    r" (?:boss|manager|teacher|supervisor|team|editor|coach|office))\b")
_FAMILY = (r"(?:wife|husband|mum|mom|mother|dad|father|parents|son|daughter|kids?|boss|teacher"
           r"|friends?|roommate|girlfriend|boyfriend|brother|sister|grandma|grandpa|colleagues?)")
# Complaining, suggesting or thanking within the family, at work, about food or the weather.
_HOUSEHOLD = re.compile(
    rf"\b(?:complain(?:ed|s|ing)?|grumbl\w*|moan\w*) (?:to|at) (?:my|his|her|our|the)"
    rf" {_FAMILY}\b|\b(?:always|keeps?|kept) complain\w*|\bcomplain\w* about (?:the|my|his|her)"
    rf" (?:food|soup|coffee|weather|homework|job|work|traffic|exam|price)s?\b"
    rf"|\bsuggest(?:ed|s|ing)? (?:to (?:my|his|her|our) {_FAMILY}\b|(?:a|some) (?:good )?"
    rf"(?:movies?|films?|books?|restaurants?|songs?|places?|dish(?:es)?|recipes?|games?)\b)"
    rf"|\bsuggestions? (?:for|about) (?:dinner|lunch|breakfast|a gift|the weekend|a movie"
    rf"|the party)\b|\b(?:thanks?|thank you)\b[^.!?;]{{0,30}}?\b(?:mum|mom|dad|grandma|grandpa"
    rf"|honey|babe|bro|sis|buddy|mate|dear)\b")


def aside(norm: str) -> str | None:
    """The request words an English message uses for someone else's business, if that is all
    it does."""
    if _OURS.search(norm):
        return None
    for pattern in (_BOOKING, _REPORT, _HOUSEHOLD):
        if (found := pattern.search(norm)) is not None:
            return found.group(0)
    return None

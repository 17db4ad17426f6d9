"""The emergency gate: which emergency events a message reports, and whether they happen now.

Cues (`cues.harm`, `cues.crime`, `cues.foreign`) are found in the
normalised text (and in its pinyin, for messages written in pinyin); each one is framed by the
tense and modality of its own clause (`intents_frames`), moved by what the rest of the message
says (`cues.told`: an outcome, the event found done, a sighting); a cue of harm that befalls
an animal or a thing is none (`cues.patient`). A short message or a chat needs one
cue reported as real (now, or in plain present wording); a formal letter needs a cue whose own
clause says it is happening now (正在, 此刻, 刚才…), because letters recount, warn and request
at length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, repeat

from handlers.classifier.cues.aftermath import STILL, nuisance, over_after, sighting
from handlers.classifier.cues.crime import CRIME_CUES
from handlers.classifier.cues.findings import (
    EMERGENCY,
    MENTION,
    NOTHING,
    PAST_EVENT,
    Assessment,
    Finding,
)
from handlers.classifier.cues.foreign import (
    CANTONESE,
    ENGLISH,
    PINYIN,
    PINYIN_CUES,
    PINYIN_MODAL,
    PINYIN_PAST,
    homophone_counts,
    pinyin_over,
)
from handlers.classifier.cues.harm import HARM_CUES
from handlers.classifier.cues.kinds import KindWords
from handlers.classifier.cues.later import LATER_CUES
from handlers.classifier.cues.learned import KindModel, trained
from handlers.classifier.cues.settled import trace_after
from handlers.classifier.cues.situations import alight, errand, hazards, separated, unsaid
from handlers.classifier.cues.situations.animals import ANIMAL_CUES, GOING_ON_CUES
from handlers.classifier.cues.situations.at_risk import AT_RISK_CUES, still_at_risk
from handlers.classifier.cues.told import exclaimed_before, marker_going_on, told
from handlers.classifier.frames import (
    HABITUAL,
    MODAL,
    MOMENTS,
    NEUTRAL,
    NOW,
    PAST,
    UNTIL_NOW,
    Marker,
    MarkerScanner,
    strong_now,
    superseded,
    told_from,
)
from handlers.classifier.lexicon import EMERGENCY_KINDS, JOKE, KIND_HINTS, Cue
from handlers.classifier.prefilter import AnyOf, branches, required_chars
from handlers.classifier.reading import safe_now, told_apart
from handlers.classifier.text import Clause, clauses

# Cues that are threats: a condition or a worry around them does not make them hypothetical.
THREATS = frozenset({"suicide", "farewell", "farewell_signs", "means", "plan", "plan_pills",
                     "jump", "self_harm_act", "ledge", "threat", "arson", "en_self_harm",
                     "py_self_harm", "missing_signs", "sealed_room"})

_SELF_HARM = re.compile(KIND_HINTS["self_harm"])
# Someone else crying out where the writer hears it, told before a cue in its clause
# (楼梯间有个女的喊救命; not 群里有人喊救命 nor 有个同事喊救命, whose hyperbole it may be).
_CRIED_BY_ANOTHER = re.compile(r"(门外|门口|楼道|楼梯|隔壁|楼上|楼下|窗外|对面|外面|走廊|巷子|院子)"
                               r"[^,;:。!?\n]{0,3}(有人|有个[^,;:。!?\n]{0,4})[^,;:。!?\n]{0,4}"
                               r"(喊|叫|呼|哭)")
_JOKE = re.compile(JOKE)


class EmergencyGate:
    """Every cue table and marker table, compiled once."""

    def __init__(self, kind_model: KindModel | None = None) -> None:
        # The learned view of the kind, trained at start-up (once per process): never at the
        # first emergency, inside WeChat's 5 s.
        self._kind_model = kind_model or trained()
        self._cues = (*HARM_CUES, *CRIME_CUES, *hazards.HAZARD_CUES, *ANIMAL_CUES, *ENGLISH,
                      *separated.SEPARATED_CUES, *unsaid.UNSAID_CUES, *CANTONESE, *AT_RISK_CUES,
                      *errand.ERRAND_CUES, *alight.ALIGHT_CUES, *LATER_CUES)
        # One pattern per alternative of each cue, indexed by the characters it needs
        # (`intents_prefilter`): a message runs only the few whose characters it holds.
        self._branches: list[tuple[Cue, re.Pattern[str]]] = []
        self._by_char: dict[str, list[int]] = {}
        for cue in self._cues:
            for branch in branches(cue.pattern):
                for char in required_chars(branch) or ():
                    self._by_char.setdefault(char, []).append(len(self._branches))
                self._branches.append((cue, re.compile(branch)))
        # A cue's required words are looked for alternative by alternative, only those whose
        # characters the message holds (`AnyOf`); one list of words several cues require
        # (the vulnerable persons of the missing cues) is one object, read once a message.
        shared: dict[str, AnyOf] = {}
        self._needs = {cue.name: tuple(shared.setdefault(p, AnyOf(p)) for p in cue.needs)
                       for cue in (*self._cues, *PINYIN)}
        self._gated = frozenset(i for i, (cue, _) in enumerate(self._branches) if cue.needs)
        self._pinyin = PINYIN_CUES
        self._markers = MarkerScanner()
        self._hints = {kind: re.compile(pattern) for kind, pattern in KIND_HINTS.items()}
        self._kind_words = KindWords()
        self._extra = {cue.name: (_maybe(cue.veto), self._needs[cue.name],
                                  _maybe(cue.unless), _maybe(cue.hyperbole))
                       for cue in (*self._cues, *PINYIN)}

    def assess(self, norm: str, letter: bool, follow_up: bool = False) -> Assessment:
        """The gate's verdict on normalised text.

        `letter` asks for stronger evidence; `follow_up` (the message names an earlier ticket)
        reads danger words in plain wording as the matter already reported.
        """
        found = sorted({(m.start(), m.end(), cue.name): (cue, m.start(), m.end(), m.group(0))
                        for cue, pattern in self._worth(norm)
                        for m in pattern.finditer(norm)}.values(), key=lambda hit: hit[1])
        pinyin = self._pinyin_findings(norm)
        if not found and not pinyin:
            return Assessment(NOTHING)
        parts = clauses(norm)
        markers = safe_now.kept(norm, self._markers.find(norm))
        findings = list(pinyin)
        counted: list[Finding] = [f for f in pinyin if f.frame in (NOW, NEUTRAL) and not letter]
        vetoed = False
        seen = sighting(norm)
        first = 0 if counted else len(norm)         # where the first counted cue starts
        for cue, start, end, words in found:
            clause = _clause_at(parts, start)
            if not self._holds(cue, norm, clause, needs_read=True, at=start) or (
                    told_apart.befalls_no_one(cue.name, norm, clause.start, start, end)):
                vetoed = True
                continue
            frame, marker, sighted = told(
                norm, cue, (start, end), clause, parts, markers, follow_up=follow_up, seen=seen,
                threat=cue.kinds[0] if cue.name in THREATS else "")
            if told_apart.story_quote(norm, start) is not None:    # a line of a play or a game
                frame, marker, sighted = MODAL, Marker("hearsay", start, end, words), False
            vetoed = vetoed or sighted          # nor may the alarm raise a sighting
            finding = Finding(cue, words, frame, marker.words if marker else "",
                              marker.start if marker else -1,
                              going_on=marker_going_on(marker) or cue.name in GOING_ON_CUES)
            findings.append(finding)
            if ((frame == NOW and (not letter or strong_now(norm, end, marker, clause)))
                    or (frame == NEUTRAL and not letter)):
                counted.append(finding)
                first = min(first, start)
        if counted:
            return Assessment(EMERGENCY, self.told_kinds(counted, norm), tuple(counted),
                              told_from=max(told_from(norm, parts, markers, first),
                                            exclaimed_before(norm, parts, first)))
        past = [f for f in findings if f.frame in (PAST, HABITUAL)]
        if past and not letter:
            return Assessment(PAST_EVENT, (), tuple(past), norm=norm)
        return Assessment(MENTION, (), tuple(findings), vetoed)

    def told_kinds(self, findings: Sequence[Finding], norm: str) -> tuple[str, ...]:
        """The kinds an emergency of these findings is told (the gate's own, or a past event
        the alarm brings back): the cues' kinds through the kind words and the kind model."""
        kinds = _kinds(findings, norm, self._kind_words)
        return (self.hinted_kinds(norm) if kinds == ("other",)
                else self._kind_model.add(norm, self._kind_words.also(norm, kinds)))

    def hinted_kinds(self, norm: str) -> tuple[str, ...]:
        """The kinds a message's softer words point to and the kind model adds (§4 order)."""
        return self._kind_model.add(norm, self._kind_words.kinds(norm))

    def not_now(self, norm: str) -> Marker | None:
        """The first word that moves a message out of "now" (past, habit, modality), if any;
        a sighting, responders already handling it, a nuisance that harms nobody or a line
        quoted from a story count as hearsay (not the writer's emergency)."""
        for found in (sighting(norm), nuisance(norm), told_apart.quoted_story(norm)):
            if found is not None:
                return Marker("hearsay", found.start(), found.end(), found.group(0))
        markers = safe_now.kept(norm, self._markers.find(norm))
        over = over_after(norm, 0, markers, missing=bool(self._hints["missing"].search(norm)))
        if (over is not None and not _SELF_HARM.search(norm)
                and not still_at_risk(norm, over.end)):   # 拉回来了，他说别管他
            return Marker("past", over.start, over.end, over.words)
        parts = clauses(norm)
        for marker in markers:
            if marker.kind == "aftermath" and (STILL.search(norm, marker.end)
                                               or still_at_risk(norm, marker.end)):
                continue        # an outcome the danger outlasts (消防车到了，人还在里面)
            if marker.kind in UNTIL_NOW and superseded(norm, marker.start, parts) and not (
                    marker.kind == "past" and trace_after(norm, marker.end)):
                continue        # a habit or an "if" told before a moment now (…，现在他拿刀了),
                # not a past harm whose trace that moment tells (…，现在伤疤还在)
            if marker.kind not in MOMENTS:
                return marker if marker.kind != "aftermath" else Marker(
                    "past", marker.start, marker.end, marker.words)
        joined = told_apart.pinyin_run(norm)
        for kind, found in (("hypothetical", joined and joined.first(PINYIN_MODAL)),
                            ("past", joined and (joined.first(PINYIN_PAST)
                                                 or pinyin_over(joined)))):
            if found:
                return Marker(kind, 0, 0, found.group(0))
        return None

    def mentions(self, norm: str) -> bool:
        """True when `norm` holds an emergency cue at all, whatever its frame."""
        return any(pattern.search(norm) for _, pattern in self._worth(norm)) or bool(
            self._pinyin_findings(norm))

    def _worth(self, norm: str) -> list[tuple[Cue, re.Pattern[str]]]:
        """The cue alternatives whose characters and required words the message holds."""
        present = set(norm)
        candidates = set(chain.from_iterable(map(self._by_char.get, present, repeat(()))))
        if gated := candidates & self._gated:
            held: dict[str, bool] = {}
            read: dict[AnyOf, bool] = {}
            for i in gated:
                name = self._branches[i][0].name
                if name not in held:
                    held[name] = all(_read(need, norm, present, read)
                                     for need in self._needs[name])
                if not held[name]:
                    candidates.discard(i)
        branches_ = self._branches
        return [branches_[i] for i in sorted(candidates)]

    def _holds(self, cue: Cue, norm: str, clause: Clause, needs_read: bool = False,
               at: int = -1) -> bool:
        """The cue's context allows it here; `needs_read`: its required words were found
        in this message already (`_worth` runs no cue without them). A cry someone else
        gives where the writer hears it (门外有人喊救命) is no hyperbole of the writer's,
        whatever game the rest of the message tells (孩子在打游戏), unless it laughs."""
        veto, needs, unless, hyperbole = self._extra[cue.name]
        if veto is not None and veto.search(norm, clause.start, clause.end):
            return False
        if not needs_read and not all(need.search(norm, set(norm)) for need in needs):
            return False
        if at >= 0 and _CRIED_BY_ANOTHER.search(norm, clause.start, at) and not _JOKE.search(
                norm):
            hyperbole = None
        return not any(p is not None and p.search(norm) for p in (unless, hyperbole))

    def _pinyin_findings(self, norm: str) -> list[Finding]:
        """Cues in a message written in pinyin (jiu ming / jiuming), framed as a whole."""
        joined = told_apart.pinyin_run(norm)
        if not joined:
            return []
        findings = []
        matches = list(self._pinyin.finditer(joined))
        for match in matches:
            cue = PINYIN[int(match.lastgroup[1:])] if match.lastgroup else None
            if cue is None or not self._holds(cue, norm, Clause(0, len(norm), 0)):
                continue
            if not homophone_counts(joined, match, len(matches)):
                continue
            past = joined.first(PINYIN_PAST) or pinyin_over(joined)
            modal = joined.first(PINYIN_MODAL)
            frame = "modal" if modal else PAST if past else NEUTRAL
            marker = (modal or past).group(0) if (modal or past) else ""
            findings.append(Finding(cue, match.group(0), frame, marker))
        return findings


def _read(need: AnyOf, norm: str, present: set[str], read: dict[AnyOf, bool]) -> bool:
    """Whether `need` matches `norm`, asked once a message (`read` keeps the answers)."""
    if (found := read.get(need)) is None:
        found = read[need] = need.search(norm, present)
    return found


def _maybe(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


def _clause_at(parts: tuple[Clause, ...], position: int) -> Clause:
    for clause in parts:
        if clause.start <= position < clause.end:
            return clause
    return Clause(position, position + 1, parts[-1].sentence if parts else 0)


def _kinds(findings: Sequence[Finding], norm: str, words: KindWords) -> tuple[str, ...]:
    """Every kind the findings are evidence of, in §4 order; `other` only when alone (or when
    none is: a cue whose words belong to no kind's story)."""
    present = {kind for finding in findings
               for kind in words.of_cue(norm, finding.cue.name, finding.cue.kinds, finding.words)}
    if len(present) != 1:
        present.add("other")
    if len(present) > 1:
        present.discard("other")
    return tuple(kind for kind in EMERGENCY_KINDS if kind in present)


__all__ = ["EMERGENCY", "EMERGENCY_KINDS", "MENTION", "NOTHING", "PAST_EVENT", "Assessment",
           "EmergencyGate", "Finding", "Marker"]

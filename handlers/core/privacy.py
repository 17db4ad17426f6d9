"""Residents' phone and ID numbers and home doors: one detector for every way they are
written, and the masking built on it wherever text leaves the database (API, console, logs,
exports)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Full-width digits and punctuation of Chinese keyboards, and the dashes and spaces that word
# processors substitute, folded one character for one so a span found in the folded text is
# the same span of the original.
_FOLD = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    "＋": "+", "－": "-", "．": ".", "（": "(", "）": ")", "\u3000": " ", "\u00a0": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    # A number read aloud and typed as words (一三九零零零零一二三四, 幺 for 1 as on the phone).
    **{c: str(d) for d, c in enumerate("零一二三四五六七八九")}, "〇": "0", "幺": "1",
})
# Between two digits: up to three spaces, dashes or dots (139-0000-3333, 139 - 0000 - 3333).
_S = r"[ .\-]{0,3}"
_NUMBER = re.compile(
    # 18-digit resident ID (the last may be X), grouped or not.
    rf"(?P<id18>(?<!\d)\d(?:{_S}\d){{16}}{_S}[\dXx](?![\dXx]))"
    # Mainland mobile, with +86 / 0086 / 86 in front or not.
    rf"|(?P<mobile>(?:(?<![\d+])(?:\+|00)?86{_S}|(?<!\d))1{_S}[3-9](?:{_S}\d){{9}}(?!\d))"
    # 15-digit resident ID (issued before 1999, still seen).
    rf"|(?P<id15>(?<!\d)\d(?:{_S}\d){{14}}(?!\d))"
    # Landline with its area code: 0635-8888110, (0635) 888 8110.
    rf"|(?P<landline>(?<!\d)\(?0\d{{2,3}}\)?{_S}\d(?:{_S}\d){{6,7}}(?!\d))"
)
_MOBILE = re.compile(r"1[3-9]\d{9}")


@dataclass(frozen=True)
class Found:
    """A phone or ID number in a text: its span, kind and digits (a mobile's 11, an ID's
    with its final X upper-cased, a landline's area code and number)."""

    start: int
    end: int
    kind: str        # "mobile", "id", "landline"
    digits: str

    @property
    def masked(self) -> str:
        """138****0000, 371502********1234, 0635-****8110."""
        d = self.digits
        if self.kind == "mobile":
            return f"{d[:3]}****{d[-4:]}"
        if self.kind == "id":
            return f"{d[:6]}{'*' * (len(d) - 10)}{d[-4:]}"
        area = 3 if d[1] in "12" else 4     # 010 and 02X are the three-digit area codes
        return f"{d[:area]}-****{d[-4:]}"


def find_numbers(text: str) -> Iterator[Found]:
    """Every phone and ID number written in `text`, in order, however it is spelled."""
    folded = text.translate(_FOLD)
    for match in _NUMBER.finditer(folded):
        kind = match.lastgroup or ""
        digits = re.sub(r"[^\dXx]", "", match.group()).upper()
        if kind == "mobile":
            digits = digits[-11:]
        yield Found(match.start(), match.end(), "id" if kind.startswith("id") else kind,
                    digits)


def public_numbers(phones: Iterable[str]) -> frozenset[str]:
    """The digits of the branch's and units' public numbers, which are never masked."""
    return frozenset(found.digits for phone in phones if phone
                     for found in find_numbers(phone))


def mask_text(text: str, public: frozenset[str] = frozenset()) -> str:
    """`text` with every phone and ID number masked, except the `public` ones."""
    parts, last = [], 0
    for found in find_numbers(text):
        if found.digits in public:
            continue
        parts += [text[last:found.start], found.masked]
        last = found.end
    return "".join(parts) + text[last:] if parts else text


# A home down to its door: the numbers of a building, entrance, floor and flat (8号楼3单元502室,
# 5栋2单元301, 幸福路18号, 12-3-502), in digits or words. A street and an estate stay: they
# say where, not whose door. "3号" alone is left (a day of the month as often as a door).
_N = r"[0-9０-９零〇一二三四五六七八九十百两]+"
_DOOR = re.compile(
    rf"{_N}(?=号楼|号院|栋|幢|单元|室|户)"
    rf"|(?:(?<=[路街巷弄村])|(?<=大道)|(?<=胡同)){_N}(?=号)"
    rf"|(?:(?<=号楼)|(?<=单元)|(?<=[栋幢])){_N}"
    r"|(?<![\d\-.])\d{1,3}-\d{1,2}-\d{3,4}(?![\d\-.])"
)


def find_doors(text: str) -> Iterator[tuple[int, int]]:
    """The spans of door numbers of an address written in `text`."""
    for match in _DOOR.finditer(text):
        yield match.start(), match.end()


def mask_doors(text: str) -> str:
    """`text` with every door number of an address starred (8号楼3单元502室 -> *号楼*单元*室)."""
    return _DOOR.sub(lambda m: "*" if "-" not in m.group() else "*-*-*", text)


@dataclass(frozen=True)
class Masking:
    """How officers' tools show free text: masked except the public numbers; `off` only for
    a logged reveal (a swindler's number in a tip is evidence); `doors` for what travels
    beyond the console (files, logs), where the door of a home is starred too."""

    public: frozenset[str] = frozenset()
    off: bool = False
    doors: bool = False

    def __call__(self, text: str | None) -> str:
        """The text as shown."""
        if not text:
            return ""
        if self.off:
            return text
        text = mask_text(text, self.public)
        return mask_doors(text) if self.doors else text

    def revealed(self) -> Masking:
        """The same, unmasked."""
        return Masking(self.public, off=True)

    def beyond_console(self) -> Masking:
        """The same, doors starred too: for exports and log lines."""
        return Masking(self.public, off=self.off, doors=True)


# Every number masked: the default where no settings are at hand.
MASKED = Masking()


def mask_phone(phone: str) -> str:
    """A stored contact number masked: 138****0000; others keep their last four digits."""
    found = next(find_numbers(phone), None)
    if found is not None and found.kind == "mobile":
        return found.masked
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 4:
        return "****"
    return f"{'*' * (len(digits) - 4)}{digits[-4:]}"


def find_mobile(text: str) -> str | None:
    """The first mainland mobile number written in `text`, as its 11 digits."""
    return next((f.digits for f in find_numbers(text) if f.kind == "mobile"), None)


def valid_mobile(text: str) -> str | None:
    """`text` as an 11-digit mobile number if that is all it is, else None."""
    text = text.strip()
    found = next(find_numbers(text), None)
    if found is None or found.kind != "mobile" or (found.start, found.end) != (0, len(text)):
        return None
    return found.digits if _MOBILE.fullmatch(found.digits) else None


def normalize_phone(phone: str) -> str:
    """Digits only (a leading + kept for foreign numbers); a Chinese mobile, however written
    (+86 / 0086 / 86, separators), becomes its 11 digits, as residents type it in WeChat."""
    mobile = valid_mobile(phone)
    if mobile is not None:
        return mobile
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.startswith("+") else digits

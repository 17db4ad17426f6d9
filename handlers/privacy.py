"""Masking of residents' personal data wherever it leaves the database."""

from __future__ import annotations

import re

# Mainland mobile numbers, 18-character resident ID numbers, and landlines with area code.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")


def mask_phone(phone: str) -> str:
    """138****0000 for a mobile; other numbers keep only their last four digits."""
    digits = re.sub(r"\D", "", phone)
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "****"
    return f"{'*' * (len(digits) - 4)}{digits[-4:]}"


def mask_text(text: str) -> str:
    """Mask every phone and ID number inside free text."""
    text = _ID_NUMBER.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


_MOBILE_EXACT = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")


def find_mobile(text: str) -> str | None:
    """The first mainland mobile number written in `text`, digits only."""
    match = _MOBILE_EXACT.search(re.sub(r"(?<=\d)[\s-](?=\d)", "", text))
    return match.group(1) if match else None


def valid_mobile(text: str) -> str | None:
    """`text` as an 11-digit mobile number if that is all it is, else None."""
    digits = re.sub(r"[\s-]", "", text)
    return digits if re.fullmatch(r"1[3-9]\d{9}", digits) else None

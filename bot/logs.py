"""Logging set-up: one line per event, personal data masked as a last line of defence."""

from __future__ import annotations

import logging
import sys

from handlers.core.privacy import MASKED, Masking


class MaskingFilter(logging.Filter):
    """Masks phone and ID numbers and the doors of homes in every record, whatever a caller
    passed (the branch's public numbers stay)."""

    def __init__(self, mask: Masking = MASKED) -> None:
        super().__init__()
        self._mask = mask.beyond_console()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self._mask(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = self._mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup(level: int = logging.INFO, mask: Masking = MASKED) -> None:
    """Log to stderr with timestamps; quiet the chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter(mask))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)

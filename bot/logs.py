"""Logging set-up: one line per event, personal data masked as a last line of defence."""

from __future__ import annotations

import logging
import sys

from handlers.privacy import mask_text


class MaskingFilter(logging.Filter):
    """Masks phone and ID numbers in every record, whatever a caller passed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup(level: int = logging.INFO) -> None:
    """Log to stderr with timestamps; quiet the chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)

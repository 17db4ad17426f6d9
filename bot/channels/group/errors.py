"""What can go wrong reading the archive, with the vendor's return codes explained."""

from __future__ import annotations

# The archive library's return codes, as WeCom's SDK header and its FAQ ("SDK错误码说明",
# developer.work.weixin.qq.com/document/path/91552) explain them, in words an operator can act on.
SDK_CODES: dict[int, str] = {
    10000: "bad parameters (corp id or secret empty, or limit outside 1..1000)",
    10001: "network error (check the network and any proxy and its password)",
    10002: "could not parse the archive's answer (retry)",
    10003: "system call failed (retry)",
    10005: "wrong sdkfileid",
    10006: "decryption failed (the random key must be base64-decoded, then RSA-decrypted)",
    10007: "no private key for the message's key version",
    10008: "DecryptData failed (retry)",
    10009: "this server's IP is not among the archive's trusted IPs in WeCom's admin console",
    10010: "data expired: WeCom keeps the archive for five days",
    10011: "SSL certificate check failed",
}

# Worth trying again later as they are; the others need someone to change something.
RETRYABLE = frozenset({10001, 10002, 10003, 10008, -1})


class ArchiveError(Exception):
    """Reading the archive failed."""


class ArchiveSetupError(ArchiveError):
    """The library or the private keys cannot be used as configured."""


class ArchiveClosedError(ArchiveError):
    """The reader was closed."""


class ArchiveSdkError(ArchiveError):
    """The archive library returned a non-zero code, or its answer carried an errcode."""

    def __init__(self, call: str, code: int, detail: str = "") -> None:
        self.call = call
        self.code = code
        self.detail = detail or SDK_CODES.get(code, "")
        said = f": {self.detail}" if self.detail else ""
        super().__init__(f"{call} failed with code {code}{said}")

    @property
    def retryable(self) -> bool:
        """Whether the same call may succeed later unchanged (network, parsing, busy)."""
        return self.code in RETRYABLE

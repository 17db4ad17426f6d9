"""The stand-in archive library (finance_sdk.c): build it, write its records, read its counters."""

from __future__ import annotations

import base64
import ctypes
import itertools
import json
import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import padding, rsa

DATA_ENV = "JINGMIN_FINANCE_STUB_DATA"
SOURCE = Path(__file__).with_name("finance_sdk.c")
PREFIX = b"JMSTUB1:"
_MASK64 = (1 << 64) - 1


def c_compiler() -> str | None:
    """The system C compiler's path ($CC, else cc or gcc), or None."""
    return shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")


def build(out_dir: Path, *, slice_len: bool = True) -> Path:
    """Compiles the stand-in into out_dir; without slice_len it lacks GetSliceLen."""
    compiler = c_compiler()
    if compiler is None:
        raise RuntimeError("no C compiler (cc or gcc) to build the stand-in archive library")
    name = "libWeWorkFinanceSdk_C.so" if slice_len else "libWeWorkFinanceSdk_C-nolen.so"
    out = out_dir / name
    defines = [] if slice_len else ["-DJINGMIN_STUB_NO_SLICE_LEN"]
    command = [compiler, "-shared", "-fPIC", "-O1", "-Wall", "-Wextra", "-Werror", "-pthread",
               *defines, "-o", str(out), str(SOURCE)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"building the stand-in failed:\n{done.stderr}")
    return out


def _keystream(random_key: str, length: int) -> bytes:
    """The stand-in's record cipher keystream (see finance_sdk.c): FNV-1a 64 + xorshift64*."""
    state = 0xCBF29CE484222325
    for byte in random_key.encode():
        state = ((state ^ byte) * 0x100000001B3) & _MASK64
    state = state or 1
    out = bytearray()
    while len(out) < length:
        state ^= state >> 12
        state = (state ^ (state << 25)) & _MASK64
        state ^= state >> 27
        out += ((state * 0x2545F4914F6CDD1D) & _MASK64).to_bytes(8, "little")
    return bytes(out[:length])


def seal_message(random_key: str, plain: bytes) -> str:
    """`encrypt_chat_msg` as the stand-in's DecryptData opens it with `random_key`."""
    data = PREFIX + plain
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _keystream(random_key, len(data)),
                                                         strict=True))).decode()


def seal_random_key(public_key: rsa.RSAPublicKey, random_key: str) -> str:
    """`encrypt_random_key` as WeCom makes it: RSA PKCS#1 v1.5, then base64."""
    return base64.b64encode(public_key.encrypt(random_key.encode(), padding.PKCS1v15())).decode()


_msgtime = itertools.count(1_767_225_600_000, 61_000)  # 2026-01-01 onwards, a minute apart


def group_text(room_id: str, sender: str, text: str, **extra: Any) -> dict[str, Any]:
    """A group text message in the archive's JSON."""
    return {"action": "send", "from": sender, "tolist": ["officer.li"], "roomid": room_id,
            "msgtime": next(_msgtime), "msgtype": "text", "text": {"content": text}, **extra}


@dataclass
class StubArchive:
    """The canned archive a test writes: records sealed the real way, and failures to play."""

    path: Path
    public_keys: dict[int, rsa.RSAPublicKey]
    lines: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._write()

    def add(self, message: dict[str, Any] | bytes, *, seq: int | None = None, version: int = 1,
            public_key: rsa.RSAPublicKey | None = None, damage: bool = False,
            key_for_message: str | None = None) -> int:
        """Appends a record (next seq by default); returns its seq.

        `public_key` seals the random key under another key than `version`'s; `damage` spoils
        the sealed message; `key_for_message` seals the message under another random key.
        """
        seq = seq if seq is not None else len(self.records()) + 1
        msgid = f"{10_000 + seq}_1767225600000_external"
        random_key = secrets.token_hex(16)
        plain = message if isinstance(message, bytes) else json.dumps(
            {"msgid": msgid, **message}, ensure_ascii=False).encode()
        sealed_msg = seal_message(key_for_message or random_key, plain)
        if damage:
            sealed_msg = "!" + sealed_msg[1:]
        sealer = public_key or self.public_keys[version]
        fields = ["record", str(seq), msgid, str(version), seal_random_key(sealer, random_key),
                  sealed_msg]
        self.lines.append("\t".join(fields))
        self._write()
        return seq

    def records(self) -> list[str]:
        """The record lines written so far."""
        return [line for line in self.lines if line.startswith("record\t")]

    def fail_init(self, code: int) -> None:
        """Init returns `code` from now on."""
        self._fail("init_rc", str(code))

    def fail_fetch(self, code: int) -> None:
        """GetChatData returns `code` from now on."""
        self._fail("chat_rc", str(code))

    def answer_errcode(self, code: int, errmsg: str) -> None:
        """GetChatData succeeds but its JSON carries errcode `code`."""
        self._fail("errcode", f"{code}\t{errmsg}")

    def heal(self) -> None:
        """No more failures."""
        self.failures.clear()
        self._write()

    def _fail(self, directive: str, value: str) -> None:
        self.failures[directive] = value
        self._write()

    def _write(self) -> None:
        text = [f"{name}\t{value}" for name, value in self.failures.items()] + self.lines
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("\n".join(text) + "\n", encoding="utf-8")
        tmp.replace(self.path)  # the library never reads a half-written file


class StubControl:
    """The stand-in's test-only functions, on the same loaded library the adapter uses."""

    def __init__(self, library: Path) -> None:
        self._lib = ctypes.CDLL(str(library))
        for name in ("StubLiveSdks", "StubLiveSlices", "StubMaxConcurrent", "StubWaiting"):
            getattr(self._lib, name).restype = ctypes.c_int
        self._lib.StubHold.argtypes = [ctypes.c_int]

    def live_sdks(self) -> int:
        """SDK handles made and not destroyed."""
        return int(self._lib.StubLiveSdks())

    def live_slices(self) -> int:
        """Slices made and not freed."""
        return int(self._lib.StubLiveSlices())

    def max_concurrent(self) -> int:
        """The most library calls seen under way at once since reset()."""
        return int(self._lib.StubMaxConcurrent())

    def waiting(self) -> int:
        """GetChatData calls now blocked by hold()."""
        return int(self._lib.StubWaiting())

    def hold(self, on: bool) -> None:
        """Blocks GetChatData calls until hold(False) (at most 10 s)."""
        self._lib.StubHold(1 if on else 0)

    def reset(self) -> None:
        """Releases any hold and forgets the concurrency record."""
        self._lib.StubReset()

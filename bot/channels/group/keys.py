"""The branch's archive private keys, one per public-key version registered with WeCom."""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from bot.channels.group.errors import ArchiveSetupError

_VERSION_FILE = re.compile(r"^(\d{1,9})\.pem$")


class UnknownKeyVersion(LookupError):
    """No private key is installed for a record's public-key version."""


class BadRandomKey(ValueError):
    """A record's random key does not open with our private key."""


class KeyRing:
    """Private keys by version; opens each record's `encrypt_random_key`."""

    def __init__(self, keys: Mapping[int, rsa.RSAPrivateKey]) -> None:
        if not keys:
            raise ArchiveSetupError("no archive private key given")
        self._keys = dict(keys)

    @property
    def versions(self) -> tuple[int, ...]:
        """The public-key versions we can open, in order."""
        return tuple(sorted(self._keys))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> KeyRing:
        """Reads `N.pem` (the key of version N) or a folder of such files."""
        where = Path(path)
        if where.is_dir():
            files = sorted(where.iterdir())
        elif where.is_file():
            files = [where]
        else:
            raise ArchiveSetupError(f"{where}: no such key file or folder")
        versions = {f: _VERSION_FILE.match(f.name) for f in files}
        keys = {int(m.group(1)): _read_private_key(f) for f, m in versions.items() if m}
        if not keys:
            raise ArchiveSetupError(
                f"{where}: name each key file after its public-key version (e.g. 3.pem), "
                "alone or in a folder")
        return cls(keys)

    def open_random_key(self, version: int, encrypted: str) -> str:
        """The record's random key: base64, then RSA PKCS#1 v1.5 with that version's key."""
        key = self._keys.get(version)
        if key is None:
            raise UnknownKeyVersion(version)
        try:
            sealed = base64.b64decode(encrypted, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadRandomKey("not base64") from exc
        try:
            plain = key.decrypt(sealed, padding.PKCS1v15())
        except ValueError as exc:
            raise BadRandomKey("RSA decryption failed") from exc
        # OpenSSL's implicit rejection answers a wrong ciphertext with random bytes rather than
        # an error; WeCom's random keys are printable ASCII, so anything else was not ours.
        if not plain or not all(0x20 <= byte < 0x7F for byte in plain):
            raise BadRandomKey("RSA plaintext is not a key")
        return plain.decode("ascii")


def _read_private_key(file: Path) -> rsa.RSAPrivateKey:
    """One RSA private key from a PEM file (PKCS#1 or PKCS#8, without passphrase)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ArchiveSetupError(f"{file}: cannot read ({exc.strerror})") from exc
    try:
        key = load_pem_private_key(data, password=None)
    except TypeError as exc:
        raise ArchiveSetupError(f"{file}: keys with a passphrase are not supported") from exc
    except ValueError as exc:
        raise ArchiveSetupError(f"{file}: not a PEM private key") from exc
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ArchiveSetupError(f"{file}: not an RSA key (WeCom's archive uses RSA-2048)")
    return key

"""The `sdk` archive reader's tests: a group room, a resident in it, and private keys written
as PEM the way openssl writes them."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

ROOM = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"
RESIDENT = "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA"


def pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, *, fmt: str = "pkcs8",
        password: bytes | None = None) -> bytes:
    """`key` as a PEM file: PKCS#8 or PKCS#1 (`fmt="pkcs1"`), encrypted when `password`."""
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    form = (serialization.PrivateFormat.TraditionalOpenSSL if fmt == "pkcs1"
            else serialization.PrivateFormat.PKCS8)
    return key.private_bytes(serialization.Encoding.PEM, form, encryption)

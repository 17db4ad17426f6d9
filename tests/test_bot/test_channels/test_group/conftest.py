"""The `sdk` archive reader's tests: the stand-in library built from C, the branch's keys, the
canned archive it serves, its counters, and a reader over them."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.channels.group.sdk import SdkArchiveReader
from tests.stubs import finance_stub
from tests.stubs.finance_stub import StubArchive, StubControl
from tests.support.group_sdk import pem


@pytest.fixture(scope="session")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The stand-in built twice: as the SDK ships it, and an older build without GetSliceLen."""
    if finance_stub.c_compiler() is None:
        message = "no C compiler (cc or gcc): cannot build the stand-in archive library"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI=true")
        pytest.skip(message)
    out = tmp_path_factory.mktemp("finance_sdk")
    return {"sdk": finance_stub.build(out), "nolen": finance_stub.build(out, slice_len=False)}


@pytest.fixture(scope="session")
def key_pairs() -> dict[int, rsa.RSAPrivateKey]:
    """The branch's private keys for public-key versions 1 and 2 (RSA-2048, as WeCom wants)."""
    return {v: rsa.generate_private_key(public_exponent=65537, key_size=2048) for v in (1, 2)}


@pytest.fixture
def key_dir(tmp_path: Path, key_pairs: dict[int, rsa.RSAPrivateKey]) -> Path:
    """A folder of N.pem files, one PKCS#1 and one PKCS#8 (openssl writes either)."""
    folder = tmp_path / "archive-keys"
    folder.mkdir()
    (folder / "1.pem").write_bytes(pem(key_pairs[1], fmt="pkcs1"))
    (folder / "2.pem").write_bytes(pem(key_pairs[2]))
    (folder / "README.txt").write_text("public-key versions registered in WeCom\n")
    return folder


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            key_pairs: dict[int, rsa.RSAPrivateKey]) -> StubArchive:
    """The canned archive the stand-in serves to this test."""
    path = tmp_path / "archive.tsv"
    monkeypatch.setenv(finance_stub.DATA_ENV, str(path))
    return StubArchive(path, {v: k.public_key() for v, k in key_pairs.items()})


@pytest.fixture
def control(libraries: dict[str, Path]) -> Iterator[StubControl]:
    """The stand-in's counters; every slice the adapter made is freed when a test ends."""
    stub = StubControl(libraries["sdk"])
    stub.reset()
    yield stub
    stub.reset()
    assert stub.live_slices() == 0, "the adapter left slices unfreed"


@pytest.fixture
async def reader(libraries: dict[str, Path], key_dir: Path,
                 archive: StubArchive) -> AsyncIterator[SdkArchiveReader]:
    async with SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "archive-secret",
                                key_dir, timeout_s=5) as sdk_reader:
        yield sdk_reader

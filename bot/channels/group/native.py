"""WeCom's archive library (libWeWorkFinanceSdk_C.so) through ctypes; blocking, one caller."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager

from bot.channels.group.errors import ArchiveSdkError, ArchiveSetupError

_sdk_p = ctypes.c_void_p  # WeWorkFinanceSdk_t*, opaque
_slice_p = ctypes.c_void_p  # Slice_t* {char* buf; int len;}, read only through the library

# The vendor header's signatures (argument types, return type). Pointers are c_void_p so a
# 64-bit address is never cut to a C int, ctypes' default.
_SIGNATURES: dict[str, tuple[list[type], type | None]] = {
    "NewSdk": ([], _sdk_p),
    "Init": ([_sdk_p, ctypes.c_char_p, ctypes.c_char_p], ctypes.c_int),
    "GetChatData": (
        [_sdk_p, ctypes.c_ulonglong, ctypes.c_uint, ctypes.c_char_p, ctypes.c_char_p,
         ctypes.c_int, _slice_p],
        ctypes.c_int,
    ),
    "DecryptData": ([ctypes.c_char_p, ctypes.c_char_p, _slice_p], ctypes.c_int),
    "DestroySdk": ([_sdk_p], None),
    "NewSlice": ([], _slice_p),
    "FreeSlice": ([_slice_p], None),
    "GetContentFromSlice": ([_slice_p], ctypes.c_void_p),
}
# Some SDK builds lack it; then the content is read up to its NUL.
_OPTIONAL = {"GetSliceLen": ([_slice_p], ctypes.c_int)}


class FinanceLibrary:
    """The loaded library with typed functions; every method blocks and is not thread-safe."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        try:
            self._lib = ctypes.CDLL(os.fspath(path))
        except OSError as exc:
            raise ArchiveSetupError(f"cannot load the archive library {path}: {exc}") from exc
        missing = [name for name in _SIGNATURES if not hasattr(self._lib, name)]
        if missing:
            raise ArchiveSetupError(
                f"{path} is not WeCom's archive library: no {', '.join(missing)}")
        for name, (argtypes, restype) in {**_SIGNATURES, **_OPTIONAL}.items():
            if hasattr(self._lib, name):
                function = getattr(self._lib, name)
                function.argtypes, function.restype = argtypes, restype
        self._has_slice_len = hasattr(self._lib, "GetSliceLen")

    def new_sdk(self, corp_id: str, secret: str) -> int:
        """A fresh initialised SDK handle (destroyed again when Init fails)."""
        handle = self._lib.NewSdk()
        if not handle:
            raise ArchiveSdkError("NewSdk", 10003, "the library returned no handle")
        code = self._lib.Init(handle, corp_id.encode(), secret.encode())
        if code != 0:
            self._lib.DestroySdk(handle)
            raise ArchiveSdkError("Init", code)
        return int(handle)

    def destroy_sdk(self, handle: int) -> None:
        """Releases an SDK handle."""
        self._lib.DestroySdk(handle)

    def get_chat_data(self, handle: int, seq: int, limit: int, proxy: str, password: str,
                      timeout_s: int) -> bytes:
        """The raw JSON page of records after `seq`."""
        with self._slice() as out:
            code = self._lib.GetChatData(handle, seq, limit, proxy.encode(), password.encode(),
                                         timeout_s, out)
            if code != 0:
                raise ArchiveSdkError("GetChatData", code)
            return self._content(out)

    def decrypt_data(self, random_key: str, encrypted: str) -> bytes:
        """One record's message JSON, opened with its random key."""
        with self._slice() as out:
            code = self._lib.DecryptData(random_key.encode(), encrypted.encode(), out)
            if code != 0:
                raise ArchiveSdkError("DecryptData", code)
            return self._content(out)

    @contextmanager
    def _slice(self) -> Iterator[int]:
        """A library-owned buffer, freed however the call ends."""
        out = self._lib.NewSlice()
        if not out:
            raise ArchiveSdkError("NewSlice", 10003, "the library returned no slice")
        try:
            yield out
        finally:
            self._lib.FreeSlice(out)

    def _content(self, out: int) -> bytes:
        """A copy of the slice's bytes (the buffer dies with the slice)."""
        buf = self._lib.GetContentFromSlice(out)
        if not buf:
            return b""
        if self._has_slice_len:
            return ctypes.string_at(buf, max(self._lib.GetSliceLen(out), 0))
        return ctypes.string_at(buf)

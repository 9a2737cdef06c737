"""Results kept between runs, for work that depends only on its input text.

Each result is stored under a hash of its input and of everything else it depends on
(the `salt`: the versions of the code and libraries that compute it), so a stored result
is only ever reused for exactly the same input. The store is one JSON file in .cache/sitegen/
(not committed); deleting it only makes the next run slower. A store that cannot be read
or written is ignored: the results are computed again.

Every file in .cache/sitegen/ is signed with a random key kept in the user's own cache
folder, outside every project: a file that a pull request adds to the repository (which
could claim that a hard page reads easily) has no valid signature, and is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from sitegen.fileio import write_atomically

CACHE_DIR = Path(".cache") / "sitegen"
_KEY_BYTES = 32


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitegen" / "signing-key"


def signing_key() -> bytes | None:
    """This user's key, made on first use; None when it can be neither read nor made (then
    nothing stored is trusted, and every run does all its work)."""
    return _key_at(_key_file())


@functools.lru_cache(maxsize=4)
def _key_at(path: Path) -> bytes | None:
    try:
        key = path.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        # A new file is readable by its owner only; a damaged key is replaced.
        write_atomically(path, os.urandom(_KEY_BYTES))
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == _KEY_BYTES else None


def _signature(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).hexdigest().encode()


def read_signed(path: Path) -> str | None:
    """The text of a file that write_signed() wrote with this user's key, else None."""
    key = signing_key()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, _, text = data.partition(b"\n")
    if key is None or not hmac.compare_digest(signature, _signature(key, text)):
        return None
    return text.decode("utf-8", "replace")


def write_signed(path: Path, text: str) -> None:
    """Write `text` with its signature on the line before it (raises OSError)."""
    key = signing_key()
    if key is None:
        raise OSError("no key to sign with")
    data = text.encode("utf-8")
    write_atomically(path, _signature(key, data) + b"\n" + data)


class ResultCache:
    """Results by the hash of their input; saving keeps only the results used in this run."""

    def __init__(self, path: Path | None, salt: str) -> None:
        self.path = path
        self.salt = salt
        self.stored: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if path is not None:
            self.stored = self._read(path, salt)

    @staticmethod
    def _read(path: Path, salt: str) -> dict[str, Any]:
        text = read_signed(path)
        try:
            data = json.loads(text) if text is not None else None
        except ValueError:
            return {}
        if not isinstance(data, dict) or data.get("salt") != salt:
            return {}
        results = data.get("results")
        return results if isinstance(results, dict) else {}

    def key(self, *parts: str) -> str:
        """The key of the result for the input made of `parts`."""
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        value = self.stored.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write the results used in this run, if they differ from the stored ones."""
        if self.path is None or self.used == self.stored:
            return
        text = json.dumps({"salt": self.salt, "results": self.used}, sort_keys=True)
        try:
            write_signed(self.path, text)
        except OSError:
            return
        self.stored = dict(self.used)

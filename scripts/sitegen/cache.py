"""Results kept between runs, for work that depends only on its input text.

Each result is stored under a hash of its input and of everything else it depends on
(the `salt`: the versions of the code and libraries that compute it), so a stored result
is only ever reused for exactly the same input. The store is one signed JSON file in
.cache/sitegen/ (not committed; see signing.py); deleting it only makes the next run slower.
A store that cannot be read, is not signed by this user's key, or cannot be written is
ignored: the results are computed again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sitegen.signing import read_signed, write_signed

CACHE_DIR = Path(".cache") / "sitegen"


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

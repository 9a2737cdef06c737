"""The signature on everything the generator keeps in a project's .cache/sitegen/.

What is kept there decides what a run skips: stored readability scores, and the record of
the last run (see output/lastrun.py). A pull request could add such files to the
repository, claiming that a hard page reads easily or that the last run was fine. So each
file is signed with a random key that lives in the user's own cache folder
($XDG_CACHE_HOME/sitegen/, or ~/.cache/sitegen/), outside every project, readable by its
owner only, and made on first use; a file without a valid signature is ignored. Where no
such key can be kept (no home folder, a read-only one, or one inside the project), nothing
is trusted or kept, and every run does all its work.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import stat
import tempfile
from pathlib import Path

from sitegen.fileio import write_atomically

_KEY_BYTES = 32


def user_cache_folder() -> Path | None:
    """The generator's folder in the user's own cache folder ($XDG_CACHE_HOME/sitegen/, or
    ~/.cache/sitegen/), outside every project; None when there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative, which the XDG rules say to ignore
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "sitegen"


def _key_file() -> Path | None:
    folder = user_cache_folder()
    return folder / "signing-key" if folder is not None else None


@functools.lru_cache(maxsize=4)
def _key_at(path: Path) -> bytes | None:
    """The key in `path`, made there when there is none: created whole or not at all, so
    that of two runs starting at once, both use the one that was made first."""
    for _ in range(2):
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                return None
            if info.st_mode & 0o077:  # others could read or change it
                return None
            key = path.read_bytes()
            if len(key) == _KEY_BYTES:
                return key
            path.unlink()  # damaged: made again below
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".signing-key.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(_KEY_BYTES))
                os.link(temp, path)  # fails if another run made one meanwhile
            except FileExistsError:
                pass
            finally:
                os.unlink(temp)
        except OSError:
            return None
    return None


def signing_key(project_root: Path) -> bytes | None:
    """This user's key, or None when none can be kept outside `project_root`."""
    path = _key_file()
    if path is None:
        return None
    if path.resolve().is_relative_to(project_root.resolve()):
        return None  # a key in the project would come with it, as its pull requests do
    return _key_at(path)


def _signature(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).hexdigest().encode()


def _project_root(path: Path) -> Path:
    """The project of a file in its .cache/sitegen/."""
    return path.absolute().parent.parent.parent


def read_signed(path: Path) -> str | None:
    """The text of a file in a project's .cache/sitegen/ that write_signed() wrote with this
    user's key; None for any other file, or none."""
    key = signing_key(_project_root(path))
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, _, text = data.partition(b"\n")
    if key is None or not hmac.compare_digest(signature, _signature(key, text)):
        return None
    return text.decode("utf-8", "replace")


def write_signed(path: Path, text: str) -> None:
    """Write `text` to a file in a project's .cache/sitegen/, with its signature on the
    line before it (raises OSError, and writes nothing, when there is no key)."""
    key = signing_key(_project_root(path))
    if key is None:
        raise OSError("no key to sign with")
    data = text.encode("utf-8")
    write_atomically(path, _signature(key, data) + b"\n" + data)

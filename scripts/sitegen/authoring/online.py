"""Asking a catalogue (Crossref, PubMed) or a journal's site about a work, over HTTPS.

Every look-up goes through a Fetch: a function from an address to the bytes of the answer,
which raises FetchError when there is none. fetch_url() is the real one (urllib, with a
timeout and a size limit); tests pass one that answers from recorded responses, so no test
touches the network.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TypeAlias

from sitegen import __version__
from sitegen.authoring.draft import ScaffoldError

#: Seconds to wait for an answer before giving up.
TIMEOUT = 20
#: The largest answer read: a record is a few kilobytes, an article's page a few megabytes.
MAX_BYTES = 5_000_000
USER_AGENT = f"sitegen/{__version__} (drafts source records for a health guide)"


class FetchError(Exception):
    """No usable answer. `status` is the HTTP status when the server answered with an error
    (404: no such record); `reached` is False when no server answered at all (no network, a
    time-out)."""

    def __init__(self, reason: str, status: int | None = None, reached: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.reached = reached or status is not None


Fetch: TypeAlias = Callable[[str], bytes]


def fetch_url(url: str) -> bytes:
    """The body of the answer at `url` (http or https only)."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"not a web address: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code}", exc.code) from None
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise FetchError(str(getattr(exc, "reason", exc))) from None
    if len(body) > MAX_BYTES:
        raise FetchError(f"the answer is larger than {MAX_BYTES // 1_000_000} MB", reached=True)
    return body


#: What to do instead of a look-up, in every message about one that failed.
BY_HAND = "write the record by hand with sitegen new-source ID --title ..."


def ask(fetch: Fetch, url: str, service: str, what: str, instead: str = BY_HAND) -> bytes:
    """The answer at `url`, or a ScaffoldError that says in one line what went wrong and
    what to do instead."""
    try:
        return fetch(url)
    except FetchError as exc:
        if exc.status == 404:
            raise not_found(service, what, instead) from None
        if exc.reached and exc.status is None:
            raise unreadable(service, what, instead) from None
        if exc.status is not None:
            raise ScaffoldError(
                f"{service} answered with an error (HTTP {exc.status}): try again later, or"
                f" {instead}"
            ) from None
        raise ScaffoldError(f"could not reach {service} (no network?): {instead}") from None


def not_found(service: str, what: str, instead: str = BY_HAND) -> ScaffoldError:
    return ScaffoldError(f"{service} has no record of {what}: check it, or {instead}")


def unreadable(service: str, what: str, instead: str = BY_HAND) -> ScaffoldError:
    return ScaffoldError(
        f"{service}'s answer about {what} could not be read: try again later, or {instead}"
    )

"""How a credential is shown in any output: never in full."""

from __future__ import annotations

import re


def redact(value: str) -> str:
    """First 4 and last 4 characters: enough to recognise a key in the Binance UI, no more.

    PEM private keys are reduced to their header line, because their first and last
    characters are the same for every key of a kind and tell nothing.
    """
    if value.startswith("-----BEGIN"):
        header = value.split("-----")[1] if value.count("-----") >= 2 else "PRIVATE KEY"
        return f"-----{header}----- ...({len(value)} chars)"
    if len(value) <= 12:
        return "*" * len(value)
    return f"{value[:4]}...{value[-4:]}"


# A URL's credentials: the userinfo before its host (``https://user:TOKEN@host``, or a token
# alone as the user name, as GitHub and GitLab accept), and the values of its query
# (``?private_token=...``). Everything up to the last "@" before the path counts as
# userinfo: a password may hold an unescaped "@". URLs are found from each "://" (a scheme
# of at most 32 characters before it, not after a "/", the URL up to a space or quote after
# it), never by a regex that could go back over a long run: this runs on every string of
# every report.
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_MAX_SCHEME = 32
_URL_REST = re.compile(r"[^\s\"'<>`]*")
_QUERY_ITEM = re.compile(r"([?&])([^=&#]*=)?[^&#]*")
# Schemes whose user name is an account (``ssh://git@host``), never a token.
_ACCOUNT_SCHEMES = frozenset({"ssh", "git+ssh", "ssh+git"})
URL_MASK = "***"


def _split_url(scheme: str, rest: str) -> tuple[str, str, str]:
    """A URL's part after ``scheme://`` as (userinfo or "", host and port, the rest:
    path, query, fragment); the userinfo is blank when it is an ssh account name."""
    end = next((i for i, char in enumerate(rest) if char in "/?#"), len(rest))
    userinfo, at, host = rest[:end].rpartition("@")
    if scheme.lower() in _ACCOUNT_SCHEMES and ":" not in userinfo:
        return "", rest[:end], rest[end:]  # the account name is kept with the host
    return userinfo or at, host, rest[end:]


def _shown_url(scheme: str, rest: str) -> str:
    userinfo, host, tail = _split_url(scheme, rest)
    path, question, query = tail.partition("?")
    if question:
        query, hash_, fragment = query.partition("#")
        query = _QUERY_ITEM.sub(lambda m: m.group(1) + (m.group(2) or "") + URL_MASK, "?" + query)
        path += query + hash_ + fragment
    return f"{scheme}://{URL_MASK + '@' if userinfo else ''}{host}{path}"


def redact_url_credentials(text: str) -> str:
    """``text`` with the credentials of every URL in it masked (``https://***@host/repo``,
    ``?token=***``); an ssh URL's account name is kept. For anything shown or stored."""
    found = text.find("://")
    if found < 0:
        return text
    out: list[str] = []
    done = 0
    while found >= 0:
        start = found
        while start > max(done, found - _MAX_SCHEME) and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        if start > 0 and text[start - 1] == "/":  # a path's component (``/srv/a://b``)
            found = text.find("://", found + 3)
            continue
        rest = _URL_REST.match(text, found + 3)
        end = rest.end() if rest else found + 3
        out += [text[done:start], _shown_url(text[start:found], text[found + 3 : end])]
        done = end
        found = text.find("://", done)
    return "".join(out) + text[done:]


def url_without_credentials(url: str) -> str:
    """``url`` with no userinfo (an ssh account name kept) and no query or fragment: what a
    clone kept on disk may record as its remote (a credential helper answers for the rest).
    Anything without "://" (a path, ``user@host:path``) is returned as it is."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    _, host, tail = _split_url(scheme, rest)
    return f"{scheme}://{host}{tail.partition('?')[0].partition('#')[0]}"

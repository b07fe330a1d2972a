"""Where credentials to check come from: a scan/sweep report, the environment, a prompt.

Never from command-line arguments: those land in shell history and in ``ps``. Reports hold
no values, so a report's credentials are re-read from the recorded place (the file under the
report's root, or the git blob of the recorded commit) and matched by fingerprint only.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from typing import Any

from binance_secrets.plugins.detection.findings import API_KEY, Finding
from binance_secrets.plugins.livecheck.credential import (  # noqa: F401 - re-exported
    ENV_API_KEY,
    ENV_API_SECRET,
    ENV_PASSPHRASE,
    ENV_PRIVATE_KEY_FILE,
    Credential,
)


class CredentialError(ValueError):
    """Credentials cannot be loaded; the message says what was wrong and what to do."""


def _passphrase(environ: Mapping[str, str]) -> bytes | None:
    value = environ.get(ENV_PASSPHRASE)
    return value.encode("utf-8") if value else None


def _read_key_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CredentialError(
            f"cannot read private key file {path}: {getattr(error, 'strerror', None) or error}; "
            f"point {ENV_PRIVATE_KEY_FILE} at a readable PEM file"
        ) from error


def from_env(environ: Mapping[str, str] | None = None) -> list[Credential] | None:
    """BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE; None if unset."""
    environ = os.environ if environ is None else environ
    api_key = environ.get(ENV_API_KEY, "").strip()
    if not api_key:
        return None
    secret = environ.get(ENV_API_SECRET, "").strip() or None
    key_file = environ.get(ENV_PRIVATE_KEY_FILE, "").strip()
    if secret and key_file:
        raise CredentialError(
            f"both {ENV_API_SECRET} and {ENV_PRIVATE_KEY_FILE} are set; set only the one "
            "that belongs to this key"
        )
    if key_file:
        secret = _read_key_file(key_file)
    return [Credential.of(api_key, secret, _passphrase(environ))]


def from_prompt(prompt: Any, environ: Mapping[str, str] | None = None) -> list[Credential]:
    """Ask with hidden input: ``prompt(text) -> str`` (click.prompt with hide_input)."""
    environ = os.environ if environ is None else environ
    api_key = prompt("Binance API key").strip()
    if not api_key:
        raise CredentialError("no API key entered; enter the key to check")
    answer = prompt("Secret key, or path to the PEM private key file (empty: key only)").strip()
    secret: str | None = answer or None
    if answer and not answer.startswith("-----BEGIN") and os.path.isfile(answer):
        secret = _read_key_file(answer)
    return [Credential.of(api_key, secret, _passphrase(environ))]


# -- reports ----------------------------------------------------------------------------


def parse_report(text: str, source: str) -> dict[str, Any]:
    """The report's JSON object, validated enough to be used."""
    hint = "give the JSON report of `binance-secrets scan --format json` or `sweep`"
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CredentialError(f"{source} is not JSON; {hint}") from error
    if not isinstance(data, dict) or data.get("version") != 1:
        raise CredentialError(f"{source} is not a version 1 binance-secrets report; {hint}")
    if not isinstance(data.get("findings"), list) or not isinstance(data.get("root"), str):
        raise CredentialError(f"{source} has no root/findings; {hint}")
    for item in data["findings"]:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), t)
            for k, t in (("type", str), ("path", str), ("line", int), ("fingerprint", str))
        ):
            raise CredentialError(f"{source} has a malformed finding; {hint}")
    return data


def _git(repo: str, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", repo, *args], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


class _Rereader:
    """Re-scans each recorded place once and looks values up by fingerprint."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.root = data["root"]
        self.repository = data.get("repository") or self.root
        self._cache: dict[tuple[str | None, str], dict[str, Finding]] = {}

    def values(self, commit: str | None, path: str) -> dict[str, str]:
        """fingerprint -> value of everything found at that place now."""
        return {fp: f.value for fp, f in self.found(commit, path).items()}

    def found(self, commit: str | None, path: str) -> dict[str, Finding]:
        """fingerprint -> finding, for everything found at that place now."""
        place = (commit, path)
        if place not in self._cache:
            from binance_secrets.plugins.detection.engine import scan_text

            text = self._text(commit, path)
            found = scan_text(path, text) if text is not None else []
            self._cache[place] = {f.fingerprint: f for f in found}
        return self._cache[place]

    def candidates(self) -> tuple[list[Finding], dict[int, str]]:
        """Every finding at every place read so far, and each one's place for a report
        (``commit:path:line`` or ``path:line``): the candidate secrets of the report's keys."""
        everything: list[Finding] = []
        where: dict[int, str] = {}
        for (commit, _), found in self._cache.items():
            for finding in found.values():
                everything.append(finding)
                where[id(finding)] = _place(commit, finding.path, finding.line)
        return everything, where

    def _text(self, commit: str | None, path: str) -> str | None:
        if commit:
            return _git(self.repository, "show", f"{commit}:{path}")
        full = os.path.join(self.root, path)
        try:
            with open(full, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            return None

    def commit_date(self, commit: str | None) -> str | None:
        if not commit:
            return None
        out = _git(self.repository, "show", "-s", "--format=%cI", commit)
        if not out or not out.strip():
            return None
        from datetime import datetime, timezone

        try:
            when = datetime.fromisoformat(out.strip()).astimezone(timezone.utc)
        except ValueError:
            return None
        return when.isoformat().replace("+00:00", "Z")


def from_report(data: dict[str, Any]) -> list[Credential]:
    """Credentials for the report's API key findings (documentation examples skipped)."""
    reader = _Rereader(data)
    findings = [f for f in data["findings"] if not f.get("example")]
    credentials: list[Credential] = []
    for item in findings:
        if item["type"] != API_KEY:
            continue
        commit = item.get("commit") if isinstance(item.get("commit"), str) else None
        path, line = item["path"], item["line"]
        redacted = str(item.get("redacted", ""))
        values = reader.values(commit, path)
        where = _place(commit, path, line)
        gone = f"value no longer at {where}; re-run scan"
        api_key = values.get(item["fingerprint"])
        if api_key is None:
            credentials.append(Credential(item["fingerprint"], redacted, unavailable=gone))
            continue
        secret = None
        pair = item.get("pair")
        if isinstance(pair, str):
            secret = values.get(pair)
            if secret is None:
                partner = next((f for f in findings if f.get("fingerprint") == pair), None)
                if partner is not None:
                    ploc = f"{partner['path']}:{partner['line']}"
                    gone = f"value no longer at {ploc}; re-run scan"
                credentials.append(Credential(item["fingerprint"], redacted, unavailable=gone))
                continue
        credential = Credential.of(api_key, secret, _passphrase(os.environ))
        credential.since = reader.commit_date(commit)
        credential.found_at = [where]
        partner_found = reader.found(commit, path).get(pair) if isinstance(pair, str) else None
        if partner_found is not None:
            credential.secret_where = _place(commit, path, partner_found.line)
        credentials.append(credential)
    _attach_alternatives(credentials, reader)
    return _earliest_since(credentials)


def _place(commit: str | None, path: str, line: int) -> str:
    return f"{commit[:12]}:{path}:{line}" if commit else f"{path}:{line}"


def _attach_alternatives(credentials: list[Credential], reader: _Rereader) -> None:
    """Each key's other candidate secrets: the rest of its file, the other places the report
    names, and BINANCE_API_SECRET (tried only if Binance rejects the paired one)."""
    from binance_secrets.plugins.livecheck.candidates import alternative_secrets, env_secret

    everything, where = reader.candidates()
    extra = [option for option in (env_secret(os.environ),) if option is not None]
    alternatives = alternative_secrets(everything, lambda f: where[id(f)], extra)
    for credential in credentials:
        if credential.api_key is not None:
            credential.alternatives = alternatives.get(credential.fingerprint, [])


def _earliest_since(credentials: list[Credential]) -> list[Credential]:
    """Every sighting of a key gets the earliest commit date seen for it."""
    earliest: dict[str, str] = {}
    for credential in credentials:
        if credential.since:
            held = earliest.get(credential.fingerprint)
            if held is None or credential.since < held:
                earliest[credential.fingerprint] = credential.since
    for credential in credentials:
        credential.since = earliest.get(credential.fingerprint, credential.since)
    return credentials


# -- the index (a blocked commit) ---------------------------------------------------------


def from_staged(root: str) -> list[Credential]:
    """The API keys (with their paired secrets) in the staged content of ``root``'s repository.

    This is what a blocked commit points to: the value has not reached history, so each key
    is marked ``committed=False`` unless the same value is also in that file at HEAD (it
    was committed before the hook was installed), and the playbook leaves out rewriting
    history. The index keeps the value after the work tree was cleaned, until it is re-staged.
    """
    from binance_secrets.hooks.scanning.files import (
        DEFAULT_MAX_FILE_BYTES,
        SourceError,
        staged_sources,
    )
    from binance_secrets.hooks.scanning.scanner import scan_sources
    from binance_secrets.plugins.livecheck.check import credentials_from_findings

    try:
        sources, _skipped = staged_sources(root)
    except SourceError as error:
        raise CredentialError(
            f"{error}; run check --staged inside the repository whose commit was blocked"
        ) from error
    findings = scan_sources(sources, DEFAULT_MAX_FILE_BYTES).failing()
    if not any(f.type == API_KEY for f in findings):
        raise CredentialError(
            "no Binance API key is staged any more (after `git commit -a` or once re-staged, "
            "the index no longer holds it); type it at a hidden prompt: check --prompt "
            "--not-committed"
        )
    toplevel = _git(root, "rev-parse", "--show-toplevel")
    reader = _Rereader({"root": (toplevel or root).strip()})
    credentials = credentials_from_findings(findings)
    where = {f.fingerprint: f.path for f in findings}
    for credential in credentials:
        path = os.path.relpath(os.path.join(root, where[credential.fingerprint]), reader.root)
        credential.committed = credential.fingerprint in reader.values("HEAD", path)
        if credential.secret is not None:
            credential.passphrase = _passphrase(os.environ)
    return credentials

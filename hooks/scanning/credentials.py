"""Where credentials to check come from: a scan/sweep report, the environment, a prompt.

Never from command-line arguments: those land in shell history and in ``ps``. Reports hold
no values, so a report's credentials are re-read from the recorded place (the file under the
report's root, or the git blob of the recorded commit) and matched by fingerprint only.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Callable, Mapping
from typing import Any

from ...plugins.detection.environment import ENVIRONMENTS
from ...plugins.detection.findings import (
    API_KEY,
    SECRET_TYPES,
    Finding,
    path_fingerprint,
)
from ...plugins.detection.project_context import ProjectContext
from ...plugins.livecheck.credential import (  # noqa: F401 - re-exported
    ENV_API_KEY,
    ENV_API_SECRET,
    ENV_PASSPHRASE,
    ENV_PRIVATE_KEY_FILE,
    Credential,
)
from ..bounded import (
    NotOpened,
    ReadRefused,
    read_regular_file,
    read_stream,
    read_under,
)
from ..git.repo import Repository, is_object_id
from .report_fields import is_repository, repository_entry_problem


class CredentialError(ValueError):
    """Credentials cannot be loaded; the message says what was wrong and what to do."""


# How a place is shown: (path, line, commit or None) -> text. The command layer passes the
# sanitizer's (hooks.reports.sanitize.place: the path quoted as git quotes it); this layer
# may not import the reports, and a place is text a person reads.
Place = Callable[[str, int, "str | None"], str]

# The project a recorded place is re-read in (see _Rereader.found).
USES_BINANCE = ProjectContext.known(True)


def _passphrase(environ: Mapping[str, str]) -> bytes | None:
    value = environ.get(ENV_PASSPHRASE)
    return value.encode("utf-8") if value else None


# A PEM private key is a few KB (RSA 4096: 3.3 KB); anything much larger is not one.
MAX_KEY_FILE_BYTES = 64 * 1024


def _read_key_file(path: str, setting: str = ENV_PRIVATE_KEY_FILE) -> str:
    """The PEM text of a private key file; a file that is not one is refused rather than
    silently used as an HMAC secret."""
    from ...plugins.detection.patterns import PEM_BEGIN

    try:
        text = read_regular_file(path, MAX_KEY_FILE_BYTES).decode("utf-8")
    except (ReadRefused, UnicodeDecodeError) as error:
        reason = error if isinstance(error, ReadRefused) else "is not UTF-8 text"
        raise CredentialError(
            f"cannot read private key file {path}: it {reason}; point {setting} at the "
            "Ed25519 or RSA PEM file"
        ) from error
    if not PEM_BEGIN.search(text):
        raise CredentialError(
            f"private key file {path} is not a PEM private key (no -----BEGIN ... PRIVATE "
            f"KEY----- line); for an HMAC key set {ENV_API_SECRET} instead of {setting}"
        )
    return text


def _plain(name: str, value: str) -> str:
    """A key or secret as typed or set: Binance's are ASCII without spaces; anything else
    would fail deep in the HTTP client (headers are Latin-1) with no useful message."""
    if not (value.isascii() and value.isprintable() and " " not in value):
        raise CredentialError(
            f"{name} holds characters no Binance key or secret has (non-ASCII, spaces or "
            "control characters); set it to the value exactly as Binance showed it"
        )
    return value


def from_env(environ: Mapping[str, str] | None = None) -> list[Credential] | None:
    """BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE; None if unset."""
    environ = os.environ if environ is None else environ
    api_key = _plain(ENV_API_KEY, environ.get(ENV_API_KEY, "").strip())
    if not api_key:
        return None
    secret = _plain(ENV_API_SECRET, environ.get(ENV_API_SECRET, "").strip()) or None
    key_file = environ.get(ENV_PRIVATE_KEY_FILE, "").strip()
    if secret and key_file:
        raise CredentialError(
            f"both {ENV_API_SECRET} and {ENV_PRIVATE_KEY_FILE} are set; set only the one "
            "that belongs to this key"
        )
    if key_file:
        secret = _read_key_file(key_file)
    credential = Credential.of(api_key, secret, _passphrase(environ))
    credential.found_at = [f"environment variable {ENV_API_KEY}"]
    secret_variable = ENV_PRIVATE_KEY_FILE if key_file else ENV_API_SECRET
    credential.secret_where = f"environment variable {secret_variable}"
    return [credential]


def from_prompt(prompt: Any, environ: Mapping[str, str] | None = None) -> list[Credential]:
    """Ask with hidden input: ``prompt(text) -> str`` (click.prompt with hide_input)."""
    environ = os.environ if environ is None else environ
    api_key = _plain("the API key", prompt("Binance API key").strip())
    if not api_key:
        raise CredentialError("no API key entered; enter the key to check")
    answer = prompt("Secret key, or path to the PEM private key file (empty: key only)").strip()
    secret: str | None = answer or None
    if answer and not answer.startswith("-----BEGIN") and os.path.isfile(answer):
        secret = _read_key_file(answer, "the path you entered")
    elif secret is not None:
        secret = _plain("the secret", secret)
    credential = Credential.of(api_key, secret, _passphrase(environ))
    credential.found_at = ["typed at the prompt"]
    credential.secret_where = "typed at the prompt"
    return [credential]


# -- reports ----------------------------------------------------------------------------


# What a report may be: generous for a sweep of a large history, small enough to refuse
# /dev/zero or a multi-gigabyte file long before memory runs out.
MAX_REPORT_BYTES = 64 * 1024 * 1024
MAX_FINDINGS = 100_000
MAX_PATH_CHARS = 4096
FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")
REPORT_HINT = "give the JSON report of `binance-secrets scan --format json` or `sweep`"


def load_report(report: str) -> dict[str, Any]:
    """Read (bounded) and validate the report at ``report`` ("-": standard input)."""
    import sys

    source = "standard input" if report == "-" else f"report {report}"
    try:
        if report == "-":
            raw = read_stream(sys.stdin.buffer, MAX_REPORT_BYTES)
        else:
            raw = read_regular_file(report, MAX_REPORT_BYTES)
        text = raw.decode("utf-8")
    except ReadRefused as error:
        raise CredentialError(f"cannot read {source}: it {error}; {REPORT_HINT}") from error
    except UnicodeDecodeError as error:
        raise CredentialError(f"{source} is not UTF-8 text; {REPORT_HINT}") from error
    return parse_report(text, source)


def load_check_report(report: str) -> dict[str, Any]:
    """Read (bounded) and validate a ``check --format json`` report: version 1, a list of
    keys, each an object whose fingerprint is a string (the write-up matches keys to a
    sweep's findings by it; every other field is only printed, made printable first)."""
    source = f"check report {report}"
    hint = "give the file `binance-secrets check --format json --output FILE` wrote"
    try:
        data = json.loads(read_regular_file(report, MAX_REPORT_BYTES).decode("utf-8"))
    except ReadRefused as error:
        raise CredentialError(f"cannot read {source}: it {error}; {hint}") from error
    except (ValueError, RecursionError) as error:
        raise CredentialError(f"{source} is not JSON; {hint}") from error
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(keys, list):
        raise CredentialError(f"{source} is not a version 1 check report; {hint}")
    if len(keys) > MAX_FINDINGS or not all(
        isinstance(k, dict) and isinstance(k.get("fingerprint"), str) for k in keys
    ):
        raise CredentialError(f"{source} refused: its keys are not check results; {hint}")
    return data


def _is_relative_path(value: object) -> bool:
    """A path the way reports write it: relative, ``/``-separated, no ``..``, no NUL."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_PATH_CHARS
        and "\0" not in value
        and not value.startswith("/")
        and ".." not in value.split("/")
    )


def _is_directory_path(value: object) -> bool:
    return (
        isinstance(value, str)
        and os.path.isabs(value)
        and len(value) <= MAX_PATH_CHARS
        and "\0" not in value
    )


def _is_int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high  # bool is not a line number


def _fingerprint_or_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and FINGERPRINT.fullmatch(value) is not None)


# The fields of a finding that decide what is read or sent later, in the order they are
# checked: (name, required, check of its value when present, what a refusal says). One
# table for `check --report` (finding_problem) and `merge` (which plans its checks once
# per shape of finding from it).
FINDING_FIELDS: tuple[tuple[str, bool, Callable[[object], bool], str], ...] = (
    ("type", True, lambda value: value in SECRET_TYPES, "a finding's type is not one of ours"),
    (
        "path",
        True,
        _is_relative_path,
        "a finding's path is not a relative path inside the root (absolute, `..` or NUL)",
    ),
    (
        "path_fingerprint",
        False,
        _fingerprint_or_none,
        "a finding's path_fingerprint is not sha256:<64 hex>",
    ),
    (
        "line",
        True,
        lambda value: _is_int(value, 1, 10**9),
        "a finding's line is not a positive integer",
    ),
    (
        "fingerprint",
        True,
        lambda value: isinstance(value, str) and FINGERPRINT.fullmatch(value) is not None,
        "a finding's fingerprint is not sha256:<64 hex>",
    ),
    ("pair", False, _fingerprint_or_none, "a finding's pair is not null or sha256:<64 hex>"),
    (
        "commit",
        False,
        lambda value: value is None or is_object_id(value),
        "a finding's commit is not a full hex object id",
    ),
    (
        "example",
        False,
        lambda value: isinstance(value, bool),
        "a finding's example is not true/false",
    ),
    (
        "in_message",
        False,
        lambda value: isinstance(value, bool),
        "a finding's in_message is not true/false",
    ),
    (
        "repository",
        False,
        is_repository,
        "a finding's repository is not an absolute path or a clone URL",
    ),
    (
        "redacted",
        False,
        lambda value: isinstance(value, str) and len(value) <= 200,
        "a finding's redacted form is not a short string",
    ),
)


def finding_problem(item: object) -> str | None:
    """What is wrong with one finding of a report, or None."""
    if not isinstance(item, dict):
        return "a finding is not an object"
    for name, required, valid, problem in FINDING_FIELDS:
        if name in item:
            if not valid(item[name]):
                return problem
        elif required:
            return problem
    return None


def parse_report(text: str, source: str) -> dict[str, Any]:
    """The report's JSON object, every field used later checked for type, shape and size.

    A report is untrusted input (it may come from a pull request or an attachment): its
    paths decide which files are read, its commits reach git. One bad field refuses the
    whole report before anything is read or sent.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise CredentialError(f"{source} is not JSON; {REPORT_HINT}") from error
    if not isinstance(data, dict) or type(data.get("version")) is not int or data["version"] != 1:
        raise CredentialError(f"{source} is not a version 1 binance-secrets report; {REPORT_HINT}")
    findings = data.get("findings")
    if findings is None and isinstance(data.get("keys"), list):
        raise CredentialError(
            f"{source} is a check report (check --format json), not a scan or sweep report; "
            f"{REPORT_HINT}"
        )
    if not isinstance(findings, list) or not isinstance(data.get("root"), str):
        raise CredentialError(f"{source} has no root/findings; {REPORT_HINT}")
    problem = None
    if not _is_directory_path(data["root"]):
        problem = "its root is not an absolute path"
    elif data.get("repository") is not None and not _is_directory_path(data["repository"]):
        problem = "its repository is not an absolute path"
    elif not _repository_of_root(data["root"], data.get("repository")):
        problem = (
            "its repository is not the repository of its root (a report names its root's "
            "own repository, or that repository's git dir)"
        )
    elif not isinstance(data.get("repositories", []), list):
        problem = "its repositories is not a list"
    elif any(map(repository_entry_problem, data.get("repositories", []))):
        problem = next(filter(None, map(repository_entry_problem, data["repositories"])))
    elif len(findings) > MAX_FINDINGS:
        problem = f"it has more than {MAX_FINDINGS} findings"
    else:
        problem = next(filter(None, map(finding_problem, findings)), None)
    if problem:
        raise CredentialError(f"{source} refused: {problem}; {REPORT_HINT}")
    return data


def _repository_of_root(root: str, repository: str | None) -> bool:
    """Whether a report's ``repository`` is its root's own repository: the root itself, or
    the git dir or work tree of the repository that holds the root. Never another
    repository found in the tree (a bare repository committed inside a checkout, whose
    config could name programs for git to run: docs/threat-model.md)."""
    if repository is None or _real(repository) == _real(root):
        return True
    opened = _opened(root)
    return opened is not None and _real(repository) in {
        _real(opened.git_dir),
        _real(opened.work_tree or opened.git_dir),
    }


def _real(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


_repositories: dict[str, Repository | None] = {}


def _opened(path: str) -> Repository | None:
    """The repository at ``path`` (its work tree or its own git dir, found as a sweep finds
    it, hardened); None if there is none. Opened once per path."""
    from ..git.repo import RepositoryError, open_repository

    # Keyed by the resolved directory: a report may spell one directory many ways.
    key = _real(path)
    if key not in _repositories:
        try:
            _repositories[key] = open_repository(path)
        except RepositoryError:
            _repositories[key] = None
    return _repositories[key]


def _git(repo: str, *args: str) -> str | None:
    out = _git_bytes(repo, list(args), limit=1 << 20)
    return None if out is None else out.decode("utf-8", errors="replace")


def _git_bytes(repo: str, args: list[str], limit: int) -> bytes | None:
    """git's stdout in the repository at ``repo``, at most ``limit`` bytes (None if there is
    no repository, or git fails or says more). Values that come from a report go after
    ``--end-of-options`` in ``args``; git missing from PATH raises FileNotFoundError for
    the top level to explain."""
    import subprocess

    from ..git.repo import git_environment

    opened = _opened(repo)
    if opened is None:
        return None
    try:
        process = subprocess.Popen(
            opened.command(*args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=git_environment(),
        )
    except FileNotFoundError:
        raise
    except OSError:
        return None
    assert process.stdout is not None
    try:
        out = process.stdout.read(limit + 1)
    finally:
        if process.poll() is None and len(out) > limit:
            process.kill()
        process.stdout.close()
        code = process.wait()
    return out if code == 0 and len(out) <= limit else None


# A file whose name holds a key-shaped value is recorded with that part redacted
# (``keys/abcd...wxyz.env``) and its exact path's fingerprint (``path_fingerprint``): the
# path is found again by hashing every path under the report's root (or in the recorded
# commit's tree) and comparing. The walk stops after this many entries.
MAX_LOCATE_ENTRIES = 500_000
# ls-tree -r -z --name-only of a commit: 20,000 files of ~60 characters are 1.2 MB.
MAX_TREE_LISTING_BYTES = 64 * 1024 * 1024


class _Directory:
    """What one directory yields, however a report spells it: a report of many repositories
    may name one directory ``/a``, ``/a/./.``, ``/a//``, ``/a/../a`` or through a symlink,
    and each name is a group of findings with its own :class:`_Rereader` (its hints name
    the repository as the report did). The readers of one directory share this, so the
    repository is asked and each place read and scanned once, whatever the spellings
    (docs/threat-model.md "Round 8"). Only what does not depend on the name is kept: the
    findings of places read without a problem, git's answers, the paths listed."""

    def __init__(self) -> None:
        # (commit, path, how it is read) -> fingerprint -> finding
        self.found: dict[tuple[str | None, str, str], dict[str, Finding]] = {}
        self.git: dict[tuple[str, ...], str | None] = {}
        self.paths: dict[str | None, dict[str, str]] = {}


class _Rereader:
    """Re-scans each recorded place once and looks values up by fingerprint.

    ``root`` and ``repository`` (the user's ``--root``/``--repository``) replace the
    report's own: a report written by CI under /builds/... is checked in a checkout
    elsewhere. Only the directory changes; every path is still read below it under the
    same rules. A sweep report's repository is its root's too, unless given apart.

    ``name``: the repository as a report of many names it; the hints for a value that
    cannot be read then give the option that reads that one repository elsewhere."""

    def __init__(
        self,
        data: dict[str, Any],
        root: str | None = None,
        repository: str | None = None,
        name: str | None = None,
        shared: _Directory | None = None,
    ) -> None:
        self.root = root or data["root"]
        self._shared = shared or _Directory()
        mapped = None if name is None else f"--repository {shlex.quote(name)}=DIR"
        self._root_option = mapped or "--root DIR"
        self._repository_option = mapped or "--repository DIR"
        recorded = data.get("repository")
        self.repository = repository or (root if root and recorded else recorded) or self.root
        self._cache: dict[tuple[str | None, str], dict[str, Finding]] = {}
        self.problems: dict[tuple[str | None, str], str] = {}
        # Why a place was not read, as (prefix, phrase) around its place: ("not read: ",
        # "is a symlink (not followed)") for a file refused on purpose, ("", "cannot be
        # opened below DIR: ...") for one that is not there to read.
        self.refused: dict[tuple[str | None, str], tuple[str, str]] = {}
        self._repository_state: str | None = None  # "" once it reads as a git repository
        self._commits: dict[str, str] = {}  # commit -> "" when present, else why not
        # Places whose commit git filter-repo rewrote (its commit-map names the old id): the
        # history was cleaned since the report, and the old commit pruned.
        self.rewritten: set[tuple[str | None, str]] = set()
        self._rewritten_commits: set[str] | None = None
        # commit (None: the root on disk) -> path fingerprint -> the path as read
        self._paths: dict[str | None, dict[str, str] | str] = {}
        # Commits (or annotated tags) whose message holds a finding (a sweep's
        # ``in_message``): their place ``(commit, MESSAGE_PATH or TAG_PATH)`` is read from
        # the message, not from a file of that name.
        self._messages = {
            item["commit"]
            for item in data.get("findings", [])
            if item.get("in_message") is True and isinstance(item.get("commit"), str)
        }
        # Blobs and trees a ref names directly (a sweep's ``tag`` without ``in_message``):
        # the object id stands in ``commit``, the path is ``REF`` or ``REF:PATH``.
        self._ref_objects = {
            item["commit"]
            for item in data.get("findings", [])
            if isinstance(item.get("tag"), str)
            and item.get("in_message") is not True
            and isinstance(item.get("commit"), str)
        }

    def path_of(self, item: dict[str, Any]) -> str:
        """The path to read for a finding: its ``path``, or for a name recorded redacted
        the path under the root (or in the commit) whose fingerprint is recorded. When
        none is, the recorded (redacted) path, with the reason in :attr:`problems`."""
        commit = _commit_of(item)
        wanted = item.get("path_fingerprint")
        if wanted is None:
            return item["path"]
        if commit not in self._paths:
            listing: dict[str, str] | str | None = self._shared.paths.get(commit)
            if listing is None:
                listing = self._list_paths(commit)
            if isinstance(listing, dict):
                self._shared.paths[commit] = listing  # a str (why there is none) is per name
            self._paths[commit] = listing
        listed = self._paths[commit]
        found = listed.get(wanted) if isinstance(listed, dict) else None
        if found is None:
            self.problems[(commit, item["path"])] = (
                listed
                if isinstance(listed, str)
                else "its file name holds a key-shaped value and no file "
                + ("in that commit" if commit else "under the report's root")
                + " has the name recorded (path_fingerprint) any more; re-run scan"
            )
            return item["path"]
        return found

    def _list_paths(self, commit: str | None) -> dict[str, str] | str:
        """path fingerprint -> path of every file in ``commit``'s tree (``ls-tree`` after
        ``--end-of-options``), or below the root on disk; a str says why there is none.

        The walk enters no symlinked directory and leaves out ``.git``; whatever it lists
        is then read by :func:`read_under`, which refuses symlinks, non-regular files and
        anything outside the root on its own. So a path found this way is confined exactly
        like a path written in the report."""
        if commit:
            out = _git_bytes(
                self.repository,
                ["ls-tree", "-r", "-z", "--name-only", "--full-tree", "--end-of-options", commit],
                limit=MAX_TREE_LISTING_BYTES,
            )
            if out is None:
                return f"the tree of commit {commit[:12]} cannot be listed"
            listed: dict[str, str] = {}
            for raw in out.split(b"\0"):
                # Fingerprinted as the sweep wrote the path (undecodable bytes replaced),
                # read back by its exact bytes.
                if raw:
                    shown = raw.decode("utf-8", "replace")
                    listed[path_fingerprint(shown)] = raw.decode("utf-8", "surrogateescape")
            return listed
        from .files import walk_tree

        top = os.path.join(self.root, "")
        listed = {}
        for count, found in enumerate(walk_tree(self.root), start=1):
            if count > MAX_LOCATE_ENTRIES:
                return (
                    f"its file name holds a key-shaped value and the root has more than "
                    f"{MAX_LOCATE_ENTRIES} files to look for it among"
                )
            relative = found[len(top) :]
            listed[path_fingerprint(relative)] = relative
        return listed

    def values(self, commit: str | None, path: str) -> dict[str, str]:
        """fingerprint -> value of everything found at that place now."""
        return {fp: f.value for fp, f in self.found(commit, path).items()}

    def found(self, commit: str | None, path: str) -> dict[str, Finding]:
        """fingerprint -> finding, for everything found at that place now.

        Read as in a project that uses Binance: the report's scan judged the place
        Binance's, often by its project alone (`API_KEY=` in a `.env` beside code importing
        a Binance SDK), and only the values whose fingerprints the report recorded are
        taken from it. Read without the project, such a value was "no longer" there."""
        place = (commit, path)
        if place not in self._cache:
            from ...plugins.detection import engine

            how = (
                ""
                if not commit
                else "message"
                if commit in self._messages
                else "ref"
                if commit in self._ref_objects
                else "blob"
            )
            key = (commit, path, how)
            if key in self._shared.found and place not in self.problems:
                self._cache[place] = self._shared.found[key]
                return self._cache[place]
            text = None if place in self.problems else self._text(commit, path)
            found = engine.scan_text(path, text, USES_BINANCE) if text is not None else []
            self._cache[place] = {f.fingerprint: f for f in found}
            if text is not None and place not in self.problems and place not in self.refused:
                self._shared.found[key] = self._cache[place]
        return self._cache[place]

    def _git(self, *args: str) -> str | None:
        """:func:`_git` in the repository, each question asked once per directory."""
        if args not in self._shared.git:
            self._shared.git[args] = _git(self.repository, *args)
        return self._shared.git[args]

    def candidates(self, place: Place) -> tuple[list[Finding], dict[int, str]]:
        """Every finding at every place read so far, and each one's place for a report
        (``commit:path:line`` or ``path:line``): the candidate secrets of the report's keys."""
        everything: list[Finding] = []
        where: dict[int, str] = {}
        for (commit, _), found in self._cache.items():
            for finding in found.values():
                everything.append(finding)
                where[id(finding)] = place(finding.path, finding.line, commit)
        return everything, where

    def _text(self, commit: str | None, path: str) -> str | None:
        """The text at the place, read within bounds: a blob of ``commit`` (``cat-file``
        after ``--end-of-options``), or a regular file under the root, no symlink followed."""
        from .files import STDIN_SHOWN
        from .limits import DEFAULT_MAX_FILE_BYTES

        if commit:
            why = self._commit_problem(commit)
            if why and commit in self._commit_map():
                self.rewritten.add((commit, path))
                return None
            if why:
                self.refused[(commit, path)] = ("", why)
                self.problems[(commit, path)] = why
                return None
        if commit and commit in self._messages:
            from .report_fields import MESSAGE_PATH, TAG_PATH

            if path in (MESSAGE_PATH, TAG_PATH):
                kind = "tag" if path == TAG_PATH else "commit"
                return self._message(kind, commit, DEFAULT_MAX_FILE_BYTES)
        if commit and commit in self._ref_objects:
            inside = path.partition(":")[2]  # a ref's name holds no colon
            spec = f"{commit}:{inside}" if inside else commit
            data = _git_bytes(
                self.repository,
                ["cat-file", "blob", "--end-of-options", spec],
                limit=DEFAULT_MAX_FILE_BYTES,
            )
            return None if data is None else _as_text(data)
        if commit:
            data = _git_bytes(
                self.repository,
                ["cat-file", "blob", "--end-of-options", f"{commit}:{path}"],
                limit=DEFAULT_MAX_FILE_BYTES,
            )
            if data is None and self._missing_object(commit, path):
                self.problems[(commit, path)] = (
                    f"not read: {commit[:12]}:{path} is missing from the repository (left out "
                    "by a partial clone, or pruned since the report); objects are never "
                    "fetched: fetch them yourself (git fetch) or re-run sweep"
                )
            return None if data is None else _as_text(data)
        if path == STDIN_SHOWN:
            self.problems[(commit, path)] = (
                "it was read from standard input and cannot be re-read; check it with "
                "`binance-secrets check --prompt` or from the environment"
            )
            return None
        try:
            data = read_under(self.root, path, DEFAULT_MAX_FILE_BYTES)
        except NotOpened as error:
            why = (
                f"cannot be opened below {self.root}: {error.why}; check the report in a "
                f"checkout of the scanned tree: check --report FILE {self._root_option}"
            )
            self.refused[(commit, path)] = ("", why)
            self.problems[(commit, path)] = why
            return None
        except ReadRefused as error:
            self.refused[(commit, path)] = ("not read: ", str(error))
            self.problems[(commit, path)] = str(error)
            return None
        return _as_text(data)

    def _commit_map(self) -> set[str]:
        """The old commit ids git filter-repo rewrote in this repository (the first column
        of its ``filter-repo/commit-map``, bounded), read once; empty without a rewrite."""
        if self._rewritten_commits is None:
            self._rewritten_commits = set()
            where = self._git("rev-parse", "--git-path", "filter-repo/commit-map")
            path = where.strip() if where else ""
            if path and not os.path.isabs(path):
                path = os.path.join(self.repository, path)
            try:
                data = read_regular_file(path, MAX_REPORT_BYTES) if path else b""
            except (ReadRefused, OSError):
                data = b""
            for line in data.decode("ascii", "replace").splitlines()[1:]:
                old = line.split(" ", 1)[0]
                if is_object_id(old):
                    self._rewritten_commits.add(old)
        return self._rewritten_commits

    def _missing_object(self, commit: str, path: str) -> bool:
        """Whether ``commit:path`` names an object the repository does not hold: the commit
        or a tree on the way is absent, or the tree names a blob that is. Asked after a
        read failed, with lazy fetching off (git.invocation), so it fetches nothing."""
        name = self._git("rev-parse", "--verify", "--quiet", f"{commit}:{path}")
        if name is None:
            return self._git("cat-file", "-e", "--end-of-options", commit) is None
        blob = name.strip()
        return is_object_id(blob) and self._git("cat-file", "-e", blob) is None

    def _commit_problem(self, commit: str) -> str:
        """Why nothing of ``commit`` can be read from the repository ("" when it can): the
        directory is missing or not a git repository (a sweep report checked on another
        machine), or the commit is not in it (a clone that never fetched it)."""
        if self._repository_state is None:
            where = f"cannot be read from repository {self.repository}"
            hint = (
                f"check the report in a clone of it: check --report FILE {self._repository_option}"
            )
            if not os.path.isdir(self.repository):
                self._repository_state = f"{where}: no such directory; {hint}"
            elif self._git("rev-parse", "--git-dir") is None:
                self._repository_state = f"{where}: not a git repository; {hint}"
            else:
                self._repository_state = ""
        if self._repository_state or commit in self._commits:
            return self._repository_state or self._commits[commit]
        present = self._git("cat-file", "-e", "--end-of-options", commit) is not None
        self._commits[commit] = (
            ""
            if present
            else f"cannot be read: commit {commit[:12]} is not in repository "
            f"{self.repository}; fetch it there, or give a clone that has it with "
            f"{self._repository_option}"
        )
        return self._commits[commit]

    def _message(self, kind: str, sha: str, limit: int) -> str | None:
        """A commit's or annotated tag's (``kind``) message as the sweep read it: the object
        after its headers, up to a NUL byte (where git ends a message it prints). The
        headers (a signature may be a few KB) get room beyond the message's own bound."""
        data = _git_bytes(
            self.repository, ["cat-file", kind, "--end-of-options", sha], limit=2 * limit
        )
        if data is None:
            return None
        message = data.partition(b"\n\n")[2].partition(b"\0")[0]
        return message.decode("utf-8", errors="replace")

    def commit_date(self, commit: str | None) -> str | None:
        """When the object a report names was made: a commit's committer date, or an
        annotated tag's tagger date (a value in a tag's message leaked when it was
        tagged); read from the object's own header, which both kinds have."""
        if not commit:
            return None
        out = self._git("cat-file", "-p", "--end-of-options", commit)
        if not out:
            return None
        from datetime import datetime, timezone

        for line in out.partition("\n\n")[0].splitlines():
            name, _, rest = line.partition(" ")
            if name in ("committer", "tagger"):
                stamp = rest.rsplit(" ", 2)[-2:]
                if len(stamp) == 2 and stamp[0].isdigit():
                    when = datetime.fromtimestamp(int(stamp[0]), timezone.utc)
                    return when.isoformat().replace("+00:00", "Z")
        return None


def _as_text(data: bytes) -> str:
    """A file's bytes as the scan decoded them (UTF-16 with a BOM too: files.decode)."""
    from .files import decode

    text, _ = decode(data)
    return data.decode("utf-8", errors="replace") if text is None else text


def _commit_of(item: dict[str, Any]) -> str | None:
    return item.get("commit") if isinstance(item.get("commit"), str) else None


def from_report(
    data: dict[str, Any],
    place: Place,
    root: str | None = None,
    repository: str | None = None,
    try_env_secret: bool = False,
    repositories: dict[str, str] | None = None,
) -> list[Credential]:
    """Credentials for the report's API key findings (documentation examples skipped);
    ``place(path, line, commit)`` shows where each was found. ``root``/``repository``
    replace the report's own directories (``check --root``/``--repository``). A key is
    signed only with secrets whose fingerprints the report recorded, and with
    BINANCE_API_SECRET only when ``try_env_secret`` (--try-env-secret): a hostile report
    must not get its key signed with a secret it never held.

    A report of many repositories (`sweep` of several, `merge`: its findings carry
    ``repository``) is read a repository at a time, each from its own directory, and each
    place is shown as ``repository:commit:path:line``. A repository named by URL is read
    from its kept clone (``repositories[].clone``); without one its keys cannot be
    re-read, and say so. ``repositories`` (``check --repository NAME=DIR``) reads the
    repository the report names NAME from DIR instead: the report checked on another
    machine, or a URL's repository from a clone made there."""
    groups = by_repository(data)
    if groups is None:
        return _from_one(data, place, root, repository, try_env_secret)
    if root is not None or repository is not None:
        raise CredentialError(
            "--root and a plain --repository DIR name one repository's directory; this "
            "report holds many: give --repository NAME=DIR for each repository that is "
            "elsewhere here (NAME as the report names it)"
        )
    moved = repositories or {}
    directories: dict[str, _Directory] = {}
    credentials: list[Credential] = []
    for named, (recorded, findings) in groups.items():
        local = moved.get(named, recorded)

        def where(path: str, line: int, commit: str | None, name: str = named) -> str:
            return f"{name}:{place(path, line, commit)}"

        if local is None:
            reason = (
                f"{named} was cloned from its URL and the clone was not kept: give a "
                f"clone of it, check --report FILE --repository {shlex.quote(named)}=DIR, "
                "or sweep it again with --keep-clones DIR and check that report"
            )
            credentials.extend(
                Credential(item["fingerprint"], str(item.get("redacted", "")), unavailable=reason)
                for item in findings
                if item["type"] == API_KEY and not item.get("example")
            )
            continue
        part = {"root": local, "repository": local, "findings": findings}
        shared = directories.setdefault(_real(local), _Directory())
        credentials.extend(
            _from_one(part, where, try_env_secret=try_env_secret, name=named, shared=shared)
        )
    return _earliest_since(credentials)


def by_repository(
    data: dict[str, Any],
) -> dict[str, tuple[str | None, list[dict[str, Any]]]] | None:
    """repository -> (the directory it is read from, or None; its findings), in report
    order; None for a report of one repository (no finding names its repository)."""
    findings = data["findings"]
    if not any("repository" in item for item in findings) and "repositories" not in data:
        return None
    clones = {
        entry["repository"]: entry["clone"]
        for entry in data.get("repositories") or []
        if isinstance(entry.get("clone"), str)
    }
    fallback = data.get("repository") or data["root"]
    groups: dict[str, tuple[str | None, list[dict[str, Any]]]] = {}
    for item in findings:
        name = item.get("repository") or fallback
        if name not in groups:
            local = clones.get(name) or (name if _is_directory_path(name) else None)
            groups[name] = (local, [])
        groups[name][1].append(item)
    return groups


def _from_one(
    data: dict[str, Any],
    place: Place,
    root: str | None = None,
    repository: str | None = None,
    try_env_secret: bool = False,
    name: str | None = None,
    shared: _Directory | None = None,
) -> list[Credential]:
    """:func:`from_report` for one repository's findings, read under its root (``name``:
    the repository as a report of many names it; ``shared``: what its directory yielded
    to the readers of its other names)."""
    reader = _Rereader(data, root, repository, name, shared)
    findings = [f for f in data["findings"] if not f.get("example")]
    credentials: list[Credential] = []
    for item in findings:
        if item["type"] != API_KEY or item.get("partial"):
            continue  # a partial value (a message quoting a key's start) cannot be asked
        commit = _commit_of(item)
        path, line = reader.path_of(item), item["line"]
        redacted = str(item.get("redacted", ""))
        values = reader.values(commit, path)
        where = place(path, line, commit)
        refused = reader.refused.get((commit, path))
        gone = (
            f"{refused[0]}{where} {refused[1]}"
            if refused
            else reader.problems.get((commit, path)) or f"value no longer at {where}; re-run scan"
        )
        api_key = values.get(item["fingerprint"])
        if api_key is None:
            # Not refused, just gone: the file was cleaned or the history rewritten.
            cleaned = not refused and (commit, path) not in reader.problems
            if (commit, path) in reader.rewritten:
                gone = (
                    f"cleaned from the work tree: {where} is no longer in the repository "
                    "(its history was rewritten since the report)"
                )
            elif cleaned:
                gone = f"cleaned from the work tree: the value is no longer at {where}"
            credentials.append(
                Credential(item["fingerprint"], redacted, unavailable=gone, cleaned=cleaned)
            )
            continue
        secret = None
        secret_at: tuple[str | None, str] = (commit, path)
        pair = item.get("pair")
        if isinstance(pair, str):
            secret = values.get(pair)
            partner = next((f for f in findings if f.get("fingerprint") == pair), None)
            if secret is None and partner is not None:
                # A sweep reports each value once, at its first place: a key whose first
                # copy sits in a README may be paired where key and secret sit together
                # (tiagosiebler/binance: the key in rest-private-rsa.md, its RSA key in
                # rest-private-rsa.ts). The secret is read at its own recorded place.
                secret_at = (_commit_of(partner), reader.path_of(partner))
                secret = reader.values(*secret_at).get(pair)
            if secret is None:
                if partner is not None:
                    ploc = place(secret_at[1], partner["line"], secret_at[0])
                    why = reader.refused.get(secret_at)
                    gone = (
                        f"{why[0]}{ploc} {why[1]}"
                        if why
                        else f"value no longer at {ploc}; re-run scan"
                    )
                credentials.append(Credential(item["fingerprint"], redacted, unavailable=gone))
                continue
        credential = Credential.of(api_key, secret, _passphrase(os.environ))
        if item.get("environment") in ENVIRONMENTS:
            credential.environment = item["environment"]
        credential.since = reader.commit_date(commit)
        credential.found_at = [where]
        partner_found = reader.found(*secret_at).get(pair) if isinstance(pair, str) else None
        if partner_found is not None:
            credential.secret_where = place(secret_at[1], partner_found.line, secret_at[0])
        credentials.append(credential)
    _attach_alternatives(credentials, reader, findings, place, try_env_secret)
    return _earliest_since(credentials)


def _attach_alternatives(
    credentials: list[Credential],
    reader: _Rereader,
    findings: list[dict[str, Any]],
    place: Place,
    try_env_secret: bool = False,
) -> None:
    """Each key's other candidate secrets (tried only if Binance rejects the paired one):
    the secrets the report recorded (by fingerprint) at the places it names, a secret
    reported without a key included, and BINANCE_API_SECRET with ``try_env_secret``. A
    value in those files that the report did not record is never tried."""
    from ...plugins.livecheck.candidates import alternative_secrets, env_secret

    if any(credential.secret is not None for credential in credentials):
        for item in findings:  # each place is read once, however many findings it holds
            if item["type"] != API_KEY:
                reader.found(_commit_of(item), reader.path_of(item))
    everything, where = reader.candidates(place)
    recorded = {item["fingerprint"] for item in findings}
    everything = [f for f in everything if f.type == API_KEY or f.fingerprint in recorded]
    extra = [o for o in (env_secret(os.environ) if try_env_secret else None,) if o is not None]
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


def committed_fingerprints(root: str, paths: list[str]) -> set[str]:
    """Fingerprints of the credentials in these files (relative to ``root``) at HEAD.

    A blocked commit's values are new unless they are here: then they reached history
    before (committed before a hook was installed, or with --no-verify)."""
    opened = _opened(root)
    if opened is None or opened.work_tree is None:
        return set()
    reader = _Rereader({"root": opened.work_tree})
    found: set[str] = set()
    for path in dict.fromkeys(paths):
        relative = os.path.relpath(os.path.join(root, path), reader.root).replace(os.sep, "/")
        found.update(reader.values("HEAD", relative))
    return found


def from_staged(root: str, place: Place) -> list[Credential]:
    """The API keys (with their paired secrets) in the staged content of ``root``'s repository.

    This is what a blocked commit points to: the value has not reached history, so each key
    is marked ``committed=False`` unless the same value is also in that file at HEAD (it
    was committed before the hook was installed), and the playbook leaves out rewriting
    history. The index keeps the value after the work tree was cleaned, until it is re-staged.
    """
    from ...plugins.livecheck.check import credentials_from_findings
    from .files import SourceError, staged_sources
    from .limits import DEFAULT_MAX_FILE_BYTES
    from .scanner import scan_sources

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
    committed = committed_fingerprints(root, [f.path for f in findings])
    credentials = credentials_from_findings(
        findings, where=lambda finding: place(finding.path, finding.line, None)
    )
    for credential in credentials:
        credential.committed = credential.fingerprint in committed
        if credential.secret is not None:
            credential.passphrase = _passphrase(os.environ)
    return credentials

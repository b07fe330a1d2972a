"""Does the project a file belongs to use Binance?

A `.env` with `API_KEY=` and `API_SECRET=` says nothing about Binance; the `bot.py` beside it
that imports `binance.client` does. What counts is a concrete sign of use, not any mention
of the word (a README listing twenty supported exchanges is not one): an SDK import or
dependency, a Binance API host, or a config that selects Binance as the exchange
(:data:`PROJECT_SIGNAL`); or, for a project that is itself a Binance client or bot, its own
name or README title in its root directory (:mod:`.project_identity`).

The question is asked lazily, at most once per scan (or sweep), and only when a named value
has no Binance context of its own: most scans never pay for it. Whoever knows the project
(``scan`` on disk or the index, ``sweep`` on a commit) supplies the probe; detection only
asks :meth:`ProjectContext.uses_binance`.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Callable

from .entity_columns import ProjectEntities
from .environment import BINANCE_US, PRODUCTION, SIGNALS
from .key_file_pointers import project_pointed_files
from .lazy_regex import LazyRegex
from .patterns import BINANCE_WORD
from .project_identity import identity_label, in_root, is_identity_file, needs_whole_file

_JS_PACKAGES = r"(?:binance|binance-api-node|node-binance-api|@binance/[\w-]+)"
# What pip takes for one separator in a distribution's name (PEP 503 normalisation).
_PIP = r"[-_.]+"


@dataclass(frozen=True)
class ProjectSignal:
    """One concrete sign that a project uses Binance: ``regex`` (case-insensitive,
    multi-line) finds it in a file's text, ``example`` is a line it finds (tested)."""

    label: str
    regex: str
    example: str


# Signs that a project uses Binance. Each row is one fact; the file it is found in is what a
# finding's ``binance_signal`` names (``project:requirements.txt``).
PROJECT_SIGNALS: tuple[ProjectSignal, ...] = (
    # Python SDKs: python-binance, binance-connector, binance-futures-connector, unicorn-binance
    ProjectSignal(
        "Python import",
        r"(?:from|import)[ \t]+(?:binance|unicorn_binance\w*)\b",
        "from binance.spot import Spot",
    ),
    # Spelled as pip reads them: runs of `-`, `_` and `.` are one separator (PEP 503), so
    # a requirements.txt's `python_binance==1.0.12` is python-binance.
    ProjectSignal(
        "Python dependency",
        rf"(?:python{_PIP}binance|binance{_PIP}connector|binance{_PIP}futures{_PIP}connector"
        rf"|binance{_PIP}sdk|unicorn{_PIP}binance{_PIP}[\w.-]+)",
        "python-binance==1.0.19",
    ),
    # Any other requirement named for Binance, pinned as a requirements file pins it (PyPI's
    # `binance`, "binance crypto exchange api client"; `binance-aiohttp`): the Python twin
    # of the Go row below. A version must follow: `binance == exchange` is code. The name's
    # parts are bounded: a long line of `binance_binance_...` is not tried at every split.
    ProjectSignal(
        "Python requirement named for Binance",
        r"^[ \t]*[\w.-]{0,60}binance[\w.-]{0,60}[ \t]*(?:\[[\w, .-]{0,80}\][ \t]*)?"
        r"(?:===?|~=|[<>!]=?)[ \t]*\d",
        "binance==0.3.152",
    ),
    # ccxt's Binance classes
    ProjectSignal(
        "ccxt",
        r"ccxt(?:\.pro|\.async_support)?\.binance(?:us|coinm|usdm)?\b",
        "ex = ccxt.binance({})",
    ),
    # JavaScript/TypeScript packages: binance, binance-api-node, node-binance-api, @binance/*
    ProjectSignal(
        "JS import",
        rf"""(?:require\(|from[ \t]+)["']{_JS_PACKAGES}["']""",
        'const { MainClient } = require("binance");',
    ),
    ProjectSignal(
        "package.json dependency",
        rf""""{_JS_PACKAGES}"[ \t]*:[ \t]*"[~^]?\d""",
        '"@binance/connector": "^3.4.0",',
    ),
    # Go: go-binance, binance-connector-go (go.mod and imports)
    ProjectSignal(
        "Go module",
        r"github\.com/(?:adshao/go-binance|binance/)",
        "require github.com/adshao/go-binance/v2 v2.4.5",
    ),
    # Go: any other module whose repository is named for Binance (go.mod `require`)
    ProjectSignal(
        "Go module named for Binance",
        r"github\.com/[\w.-]+/[\w.-]*binance[\w.-]*(?:/v\d+)?[ \t]+v\d",
        "require github.com/niklak/binance_connector v0.4.1",
    ),
    # Dart/Flutter (pubspec.yaml): binance_api_dart, binance_spot, babel_binance, ...
    ProjectSignal(
        "Dart package",
        r"^[ \t]+(?:\w+_)?binance(?:_\w+)?[ \t]*:",
        "  binance_api_dart: ^1.0.0",
    ),
    # Elixir (mix.exs): {:binance, ...}, {:binance_spot_rest, ...}, {:ex_binance, ...}
    ProjectSignal(
        "Elixir dependency",
        r"\{[ \t]*:(?:ex_)?binance\w*[ \t]*,",
        '{:binance_spot_rest, "~> 0.2"},',
    ),
    # Java/Kotlin: binance-connector-java's package and Maven/Gradle coordinates
    ProjectSignal(
        "Java package",
        r"\bcom\.binance\.(?:connector|api|client)",
        "import com.binance.connector.client.impl.SpotClientImpl;",
    ),
    ProjectSignal(
        "Maven/Gradle dependency",
        r"io\.github\.binance\b|<artifactId>binance-[\w-]+</artifactId>|binance-api-client",
        "implementation 'io.github.binance:binance-connector-java:3.2.0'",
    ),
    # C#: Binance.Net (csproj PackageReference, using)
    ProjectSignal(
        ".NET package",
        r"\b(?:using[ \t]+Binance\.Net|Binance\.Net\b)",
        '<PackageReference Include="Binance.Net" Version="10.0.0" />',
    ),
    # PHP (composer.json, use statements)
    ProjectSignal(
        "PHP package",
        r"(?:jaggedsoft/php-binance-api|binance/binance-connector-php"
        r"|Binance\\(?:API|Spot|Futures|Websocket)\b)",
        '"binance/binance-connector-php": "^1.5"',
    ),
    # Ruby (Gemfile)
    ProjectSignal("Ruby gem", r"""gem[ \t]+["']binance""", "gem 'binance-connector-ruby'"),
    # Ruby code: binance-connector-ruby's `require 'binance'` and its clients
    # (`Binance::Spot.new(key: ENV['BN_API_KEY'], ...)` in a Rails service)
    ProjectSignal(
        "Ruby require",
        r"""^[ \t]*require[ \t]+["']binance[\w/-]*["']|\bBinance::(?:Spot|Futures|Client)\b""",
        "require 'binance'",
    ),
    # Rust (Cargo.toml): binance-rs publishes the crate `binance`
    ProjectSignal(
        "Rust crate",
        r"""^binance(?:-rs[\w-]*|_sdk|-sdk)?[ \t]*=[ \t]*(?:["{]|\{)""",
        'binance = { git = "https://github.com/wisespace-io/binance-rs.git" }',
    ),
    # Rust code: `use binance::api::*;`, `use binance_spot_connector_rust::...`
    ProjectSignal("Rust use", r"""^[ \t]*use[ \t]+binance\w*::""", "use binance::api::*;"),
    # Dart/Flutter code: `import 'package:binance_spot/binance_spot.dart';`
    ProjectSignal(
        "Dart import",
        r"""\bimport[ \t]+["']package:\w*binance\w*/""",
        "import 'package:binance_spot/binance_spot.dart';",
    ),
    # Binance API hosts (production, testnet, demo)
    ProjectSignal(
        "Binance host",
        r"\b(?:[a-z-]+\.)?(?:binance\.(?:com|us|vision)|binancefuture\.com)\b",
        'const val BINANCE_BASE_URL = "https://api.binance.com"',
    ),
    # Binance's API-key header: a project that signs its own requests sends it
    ProjectSignal(
        "Binance API-key header",
        r"""\bX-MBX-APIKEY\b""",
        "add_headers = {'X-MBX-APIKEY': access_key}",
    ),
    # Configs that pick Binance as the exchange (freqtrade, hummingbot, jesse, generic)
    ProjectSignal(
        "exchange setting",
        r"""["']?(?:exchange(?:_id|_name)?|connector)["']?[ \t]*[:=][ \t]*["']?binance""",
        "exchange: binance_perpetual",
    ),
    ProjectSignal(
        "freqtrade config",
        r""""exchange"[ \t]*:[ \t]*\{[ \t\r\n]*"name"[ \t]*:[ \t]*"binance""",
        '"exchange": {\n    "name": "binance",',
    ),
)

PROJECT_SIGNAL = LazyRegex(
    "|".join(f"({signal.regex})" for signal in PROJECT_SIGNALS), re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True)
class Manifest:
    """A file that makes its directory a project root (``glob`` matches its file name)."""

    glob: str
    example: str


# The nearest directory holding one of these is a file's project; without one, the
# repository (or the directory a scan was given) is.
MANIFESTS: tuple[Manifest, ...] = (
    Manifest("requirements*.txt", "requirements-dev.txt"),
    Manifest("pyproject.toml", "pyproject.toml"),
    Manifest("setup.py", "setup.py"),
    Manifest("setup.cfg", "setup.cfg"),
    Manifest("Pipfile", "Pipfile"),
    Manifest("package.json", "package.json"),
    Manifest("go.mod", "go.mod"),
    Manifest("Cargo.toml", "Cargo.toml"),
    Manifest("pom.xml", "pom.xml"),
    Manifest("build.gradle", "build.gradle"),
    Manifest("build.gradle.kts", "build.gradle.kts"),
    Manifest("*.csproj", "Bot.csproj"),
    Manifest("composer.json", "composer.json"),
    Manifest("Gemfile", "Gemfile"),
    Manifest("pubspec.yaml", "pubspec.yaml"),
    Manifest("mix.exs", "mix.exs"),
)


@dataclass(frozen=True)
class VendoredTree:
    """A directory (``name``, one path segment, compared case-insensitively) holding someone
    else's code: dependencies, virtualenvs, build output, third-party test vectors."""

    name: str
    example: str


# Files below these get no project context and no private key by shape: the project's word
# on Binance says nothing about a dependency's test keys (PyCryptodome's test vectors in a
# committed `.venv` are RSA keys, not Binance's).
VENDORED_TREES: tuple[VendoredTree, ...] = (
    VendoredTree(".venv", ".venv/lib/python3.11/site-packages/six.py"),
    VendoredTree("venv", "venv/bin/activate"),
    VendoredTree("virtualenv", "virtualenv/lib/python3.9/os.py"),
    VendoredTree("site-packages", "env/lib/python3.8/site-packages/Crypto/__init__.py"),
    VendoredTree("dist-packages", "usr/lib/python3/dist-packages/rsa/key.py"),
    VendoredTree(".tox", ".tox/py39/lib/python3.9/site.py"),
    VendoredTree("__pypackages__", "__pypackages__/3.10/lib/requests/api.py"),
    VendoredTree("node_modules", "web/node_modules/jsrsasign/lib/jsrsasign.js"),
    VendoredTree("bower_components", "bower_components/forge/js/rsa.js"),
    VendoredTree("vendor", "vendor/github.com/golang-jwt/jwt/rsa_test.go"),
    VendoredTree("dist", "dist/bundle.js"),
    VendoredTree("third_party", "third_party/openssl/test/certs/server.key"),
    VendoredTree("third-party", "third-party/boringssl/keys.pem"),
    VendoredTree("Pods", "ios/Pods/OpenSSL/keys.pem"),
    # Third-party test vectors: PyCryptodome's self-tests, Wycheproof, NIST vectors
    VendoredTree("SelfTest", "Crypto/SelfTest/PublicKey/test_import_RSA.py"),
    VendoredTree("test_vectors", "Crypto/SelfTest/Signature/test_vectors/wycheproof/x.json"),
    VendoredTree("testvectors", "tests/testvectors/rsa_pss.json"),
    VendoredTree("wycheproof", "testdata/wycheproof/ed25519_test.json"),
)
_VENDORED_NAMES = frozenset(tree.name.lower() for tree in VENDORED_TREES)


@dataclass(frozen=True)
class DocsKeyFile:
    """A key file name Binance's own documentation gives (``name``, compared
    case-insensitively): a project holding a file of that name followed Binance's key setup,
    so it is a Binance project even when nothing else in it says so (a notebook whose
    ``api_key = '...'`` sits beside the ``test-prv-key.pem`` of Binance's openssl steps)."""

    name: str
    example: str


# Binance's API docs generate Ed25519 and RSA keys as ``openssl ... -out test-prv-key.pem``
# and ``openssl ... -pubout -out test-pub-key.pem``; public code copies the names only from
# there (every public use of the name beside code says Binance).
DOCS_KEY_FILES: tuple[DocsKeyFile, ...] = (
    DocsKeyFile("test-prv-key.pem", "keys/test-prv-key.pem"),
    DocsKeyFile("test-pub-key.pem", "test-pub-key.pem"),
)
_DOCS_KEY_NAMES = frozenset(row.name for row in DOCS_KEY_FILES)


def docs_key_file(paths: Iterable[str], root: str) -> str | None:
    """The first file at or below ``root`` (outside vendored trees) named as a
    :data:`DOCS_KEY_FILES` row, or None."""
    return docs_key_files(paths).get(root)


def docs_key_files(paths: Iterable[str]) -> dict[str, str]:
    """For each directory ("" the top), the first file at or below it (outside vendored
    trees) named as a :data:`DOCS_KEY_FILES` row. Built once per tree, linear in its
    paths' length: asked root by root, a scan of the listing per root made a tree of many
    projects quadratic."""
    found: dict[str, str] = {}
    for path in paths:
        if posixpath.basename(path).lower() in _DOCS_KEY_NAMES and vendored_tree(path) is None:
            found.setdefault("", path)
            for end, char in enumerate(path):
                if char == "/":
                    found.setdefault(path[:end], path)
    return found


def vendored_tree(path: str) -> str | None:
    """The vendored tree (its directory name) ``path`` lies in, or None: only directories
    count, the file name itself does not."""
    for segment in path.replace("\\", "/").split("/")[:-1]:
        if segment.lower() in _VENDORED_NAMES:
            return segment
    return None


# MANIFESTS' globs as one regex: asked of every path of a commit's tree, where one
# fnmatch per glob and path cost more than the detection itself.
_MANIFEST_NAME = re.compile("|".join(fnmatch.translate(m.glob) for m in MANIFESTS))


def is_manifest(name: str) -> bool:
    """Whether a file called ``name`` makes its directory a project root."""
    return _MANIFEST_NAME.match(name) is not None


def project_root(path: str, roots: Collection[str]) -> str:
    """The nearest of ``roots`` (directories relative to the top, "" for the top) above
    ``path`` (relative to the top, "/"-separated): "" when none is."""
    directory = posixpath.dirname(path)
    while directory:
        if directory in roots:
            return directory
        directory = posixpath.dirname(directory)
    return ""


def manifest_roots(paths: Iterable[str]) -> frozenset[str]:
    """The project roots among a tree's file paths: the directories of its manifests, except
    those inside vendored trees."""
    return frozenset(
        posixpath.dirname(path)
        for path in paths
        if is_manifest(posixpath.basename(path)) and vendored_tree(path) is None
    )


# The same as a POSIX extended regex for `git grep -E -i` (no lookarounds or \b there):
# the word is enough to pick the files worth reading with PROJECT_SIGNAL.
GIT_PROJECT_WORD = "binance"
# What a line must hold to be worth reading for a project signal: the word, or Binance's
# API-key header (a client that signs its own requests need not write the word there).
GIT_SIGNAL_WORDS = (GIT_PROJECT_WORD, "x-mbx-apikey")
_SIGNAL_WORD = re.compile("|".join(map(re.escape, GIT_SIGNAL_WORDS)), re.IGNORECASE)

# A probe answers whether a project uses Binance: the signal that says so
# (``project:requirements.txt``; True when it cannot say which file), or None/False.
Probe = Callable[[], "str | bool | None"]
# The project's own Binance platform, where it names one (:data:`PLATFORM_SIGNALS`), else None.
PlatformProbe = Callable[[], "str | None"]
# The signal of the project rooted at a directory ("" for the top), or None.
RootProbe = Callable[[str], "str | None"]

# A project that names Binance.US (the environment rules of :mod:`.environment`: its hosts,
# python-binance's ``tld="us"``, ccxt's ``binanceus``) and no binance.com host: its keys are
# Binance.US keys even in a file that says nothing (a bare ``.env`` beside ``client =
# Client(key, secret, tld="us")``). A project that names both (a multi-exchange bot) gives
# no platform: each file's own text decides, and the live check asks both hosts anyway.
US_SIGNALS = tuple(signal for signal in SIGNALS if signal.environment == BINANCE_US)
COM_HOST_SIGNALS = tuple(
    signal
    for signal in SIGNALS
    if signal.environment == PRODUCTION and signal.needle == ".binance.com"
)
# What ``git grep -E -i`` looks for to answer the same (no lookarounds there): candidate
# lines, confirmed with the rules above.
GIT_PLATFORM_WORDS = r"binance\.us|binanceus|tld|binance\.com"


def platform_of_texts(texts: Iterable[str]) -> str | None:
    """The platform a project's texts name (``binance-us``), or None."""
    us = False
    for text in texts:
        lowered = text.lower()
        if any(signal.search(text, lowered) for signal in COM_HOST_SIGNALS):
            return None
        us = us or any(signal.search(text, lowered) for signal in US_SIGNALS)
    return BINANCE_US if us else None


def signal_of_text(text: str) -> str | None:
    """The label of the first project signal in this one file's text, or None."""
    if BINANCE_WORD.search(text) is None and _SIGNAL_WORD.search(text) is None:
        return None
    match = PROJECT_SIGNAL.search(text)
    if match is None:
        return None
    # The row whose group matched: the joined regex is the rows' in order, one group each.
    return PROJECT_SIGNALS[match.lastindex - 1].label if match.lastindex else None


def signal_of_file(path: str, text: str, root: str, whole: bool = True) -> str | None:
    """The label of what shows the project rooted at ``root`` uses or is Binance in the file
    at ``path`` (both relative to the top): a project signal in ``text``, else, for a file
    directly in the root, its identity (:mod:`.project_identity`). ``whole`` says ``text``
    is the whole file (a README's title cannot be read from some of its lines)."""
    found = signal_of_text(text)
    if found is not None or not in_root(path, root):
        return found
    name = posixpath.basename(path)
    if not is_identity_file(name) or (needs_whole_file(name) and not whole):
        return None
    return identity_label(path, text)


def text_uses_binance(text: str) -> bool:
    """Whether this one file's text shows the project uses Binance."""
    return signal_of_text(text) is not None


def project_signal(path: str) -> str:
    """What a finding's ``binance_signal`` says when the project at ``path`` made it Binance."""
    return f"project:{path}" if path else "project"


# The text of a file of the tree (its path relative to the top), or None when there is none
# or it cannot be read: asked only for the rare file a rule needs beside a finding's own
# (an SSH key's ``.pub``, :mod:`.key_pairs`).
Reader = Callable[[str], "str | None"]

# The environment variables a project's code hands to a Binance client, with their types
# (:func:`env_reads.credential_env_names` over the project's files).
EnvProbe = Callable[[], "Mapping[str, str]"]
# The same for the project rooted at a directory ("" for the top).
RootEnvProbe = Callable[[str], "Mapping[str, str]"]


class ProjectContext:
    """Whether the project uses Binance, decided by ``probe`` the first time it is asked;
    which environment variables its code reads into a Binance client, by ``env`` (asked
    only for a value whose name says nothing, in a project that uses Binance); the text of
    another file of its tree, by ``read`` (none without one)."""

    def __init__(
        self,
        probe: Probe | None = None,
        platform: PlatformProbe | None = None,
        env: EnvProbe | None = None,
        read: Reader | None = None,
        paths: Callable[[], Sequence[str]] | None = None,
        entities: ProjectEntities | None = None,
        pointed: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        self._read = read
        if entities is None and paths is not None and read is not None:
            entities = ProjectEntities(paths, read)
        # Shared by the projects of one tree: they list and read the same files.
        self._entities = entities
        self._paths_of_tree = paths
        self._pointed: frozenset[str] | None = None
        # Where the pointers come from when the caller knows better (a sweep reads each
        # configuration blob once for all its commits; the projects of one tree share the
        # top's, the same files read once); else the tree's files.
        self._pointer_source = pointed
        self._env_probe = env
        self._env: Mapping[str, str] | None = None if env is not None else {}
        self._probe = probe
        self._answer: str | None = None
        self._asked = probe is None
        self._platform_probe = platform
        self._platform: str | None = None
        self._platform_known = platform is None

    @classmethod
    def known(
        cls,
        uses_binance: bool,
        platform: str | None = None,
        signal: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> ProjectContext:
        context = cls()
        context._answer = (signal or "project") if uses_binance else None
        context._platform = platform
        context._env = dict(env or {}) if uses_binance else {}
        return context

    def signal(self) -> str | None:
        """What shows the project uses Binance (``project:bot/requirements.txt``), or None
        when it does not."""
        if not self._asked:
            assert self._probe is not None
            self._asked = True
            try:
                answer = self._probe()
            except Exception:  # noqa: BLE001 - a failing probe means "no project context"
                answer = None
            self._answer = answer if isinstance(answer, str) else "project" if answer else None
        return self._answer

    def uses_binance(self) -> bool:
        return self.signal() is not None

    def env_credential(self, name: str) -> str | None:
        """The type the project's code gives the environment variable ``name`` where it
        hands it to a Binance client (`APIKEY: process.env.bkey`), or None."""
        return self.env_names().get(name)

    def env_names(self) -> Mapping[str, str]:
        """Every such variable with its type (computed once, only for a Binance project)."""
        if self._env is None:
            assert self._env_probe is not None
            self._env = {}
            if self.uses_binance():
                try:
                    self._env = dict(self._env_probe())
                except Exception:  # noqa: BLE001 - a failing probe means "no such names"
                    self._env = {}
        return self._env

    def file_text(self, path: str) -> str | None:
        """The text of the tree's file at ``path`` (relative to the top), or None: no such
        file, unreadable, or a context that cannot read its tree."""
        if self._read is None:
            return None
        try:
            return self._read(path)
        except Exception:  # noqa: BLE001 - an unreadable file is no file
            return None

    def entity_columns(self, table: str) -> tuple[str, ...] | None:
        """The columns of ``table`` as the project's entity named for it declares them
        (:mod:`.entity_columns`), or None: no such entity, or a context that cannot list
        and read its tree. Asked only for a SQL row of a table its file does not create."""
        return self._entities.columns(table) if self._entities is not None else None

    def points_at_key_file(self, path: str) -> bool:
        """Whether the tree's configuration points a Binance setting at a key file named
        as the one at ``path`` (:mod:`.key_file_pointers`; read once, only for a private
        key nothing else says is Binance's)."""
        return posixpath.basename(path.replace("\\", "/")).lower() in self._tree_pointed()

    def _tree_pointed(self) -> frozenset[str]:
        """The key files the tree's configuration points Binance settings at (read once)."""
        if self._pointed is None:
            self._pointed = frozenset()
            try:
                if self._pointer_source is not None:
                    self._pointed = self._pointer_source()
                elif self._paths_of_tree is not None and self._read is not None:
                    self._pointed = project_pointed_files(self._paths_of_tree(), self.file_text)
            except Exception:  # noqa: BLE001 - no listing: no pointer
                self._pointed = frozenset()
        return self._pointed

    def platform(self) -> str | None:
        """The Binance platform the project names for its keys (``binance-us``), or None:
        asked only for a value whose own file names no environment."""
        if not self._platform_known:
            assert self._platform_probe is not None
            self._platform_known = True
            try:
                self._platform = self._platform_probe()
            except Exception:  # noqa: BLE001 - a failing probe means "no platform"
                self._platform = None
        return self._platform

    def for_file(self, path: str) -> ProjectContext:
        """The context of the file at ``path`` (relative to the top): none inside a vendored
        tree (:data:`VENDORED_TREES`), else this one."""
        return NO_PROJECT if vendored_tree(path) is not None else self


class ProjectRoots(ProjectContext):
    """A tree of projects: each file's context is its nearest project root's
    (:data:`MANIFESTS`; the top when no directory above the file has one), probed lazily,
    once per root. ``paths()`` lists the tree's files (asked once, on first need);
    ``probe_root(root)`` gives the signal of the files at and below ``root``; ``read`` any
    file's text, whichever project it is in. Asked as a whole (no file), it is the top's
    context."""

    def __init__(
        self,
        paths: Callable[[], Iterable[str]],
        probe_root: RootProbe,
        platform: PlatformProbe | None = None,
        env_root: RootEnvProbe | None = None,
        read: Reader | None = None,
        pointed: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        super().__init__(
            lambda: self._root_probe(""),
            platform,
            None if env_root is None else lambda: env_root(""),
            read,
            self.listing,
            pointed=pointed,
        )
        self._paths = paths
        self._listing: list[str] | None = None
        self._probe_root = probe_root
        self._env_root = env_root
        self._roots: frozenset[str] | None = None
        self._by_root: dict[str, ProjectContext] = {"": self}
        self._docs_key_files: dict[str, str] | None = None

    def listing(self) -> list[str]:
        """The tree's files (listed once)."""
        if self._listing is None:
            self._listing = list(self._paths())
        return self._listing

    def roots(self) -> frozenset[str]:
        if self._roots is None:
            try:
                self._roots = manifest_roots(self.listing())
            except Exception:  # noqa: BLE001 - no listing: the top is the only project
                self._roots = frozenset()
        return self._roots

    def for_file(self, path: str) -> ProjectContext:
        if vendored_tree(path) is not None:
            return NO_PROJECT
        return self.of_root(project_root(path, self.roots()))

    def of_root(self, root: str) -> ProjectContext:
        """The context of the project rooted at ``root`` ("" for the top)."""
        context = self._by_root.get(root)
        if context is None:
            env_root = self._env_root
            context = ProjectContext(
                lambda: self._root_probe(root),
                self.platform,
                None if env_root is None else lambda: env_root(root),
                self._read,
                self.listing,
                self._entities,
                pointed=self._tree_pointed,
            )
            self._by_root[root] = context
        return context

    def _root_probe(self, root: str) -> str | bool | None:
        """What the files at and below ``root`` show, else a file there named as Binance's
        docs name a key file (:data:`DOCS_KEY_FILES`; the tree's listing, no reading)."""
        found = self._probe_root(root)
        if found:
            return found
        try:
            if self._docs_key_files is None:
                self._docs_key_files = docs_key_files(self.listing())
            named = self._docs_key_files.get(root)
        except Exception:  # noqa: BLE001 - no listing: no name to go by
            named = None
        return project_signal(named) if named is not None else found

    def root_signal(self, root: str) -> str | None:
        """What shows the files at and below ``root`` use Binance, or None."""
        return self.of_root(root).signal()

    def root_env(self, root: str) -> Mapping[str, str]:
        """The variables the code at and below ``root`` reads into a Binance client."""
        return self.of_root(root).env_names()


# A scan that knows nothing about the project (plain detect-secrets, one text in isolation).
NO_PROJECT = ProjectContext()

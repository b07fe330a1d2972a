"""How the sweep runs git: its command lines, its environment, the pipes it reads."""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Iterable
from typing import IO

# Options that make git's output independent of the user's configuration: no pager, no
# colour, no external diff or textconv drivers, paths unquoted where possible.
GIT_CONFIG_OVERRIDES = (
    "-c", "core.quotePath=false",
    "-c", "diff.noprefix=false",
    "-c", "diff.mnemonicPrefix=false",
    "-c", "log.showSignature=false",
    # A log limited to one path would follow its renames (a file moved with a key in it
    # would show no added line): the sweep's diffs never detect renames.
    "-c", "log.follow=false",
    "-c", "color.ui=false",
)  # fmt: skip

# Bounded memory whatever the history's size (git-config(1) core.packedGitLimit,
# core.packedGitWindowSize, core.deltaBaseCacheLimit): git maps pack files into memory in
# windows, and by default keeps up to 8 GiB of them mapped, which shows up as resident
# memory on a large repository. Small windows cost little time for a sequential read. The
# delta base cache is another matter: at 16m, a history whose multi-MB files change in
# hundreds of commits took git twice the CPU time of its default 96m (re-inflating delta
# bases); 32m costs about 30% of it and keeps each git process near 70 MB, so a sweep with
# a git process per core stays under 200 MB (tests/benchmarks/bench_floor.py, `client`).
GIT_MEMORY_LIMITS = (
    "-c", "core.packedGitLimit=48m",
    "-c", "core.packedGitWindowSize=4m",
    "-c", "core.deltaBaseCacheLimit=32m",
)  # fmt: skip


# No program a repository names may run (docs/threat-model.md): a repository is input, and
# its config (.git/config of a repository someone handed over, or of a bare repository that
# came inside a checkout) can name programs that git starts on its own:
# - protocol.allow=never: no transport at all, so no lazy fetch of a partial clone's missing
#   object (remote.<name>.uploadpack, core.sshCommand, ext::, credential.helper and
#   core.alternateRefsCommand all run only once a transport starts); git_environment()
#   says the same through GIT_ALLOW_PROTOCOL, which would otherwise override it;
# - core.fsmonitor=false: the index is read without asking a monitor program (ls-files,
#   diff --cached, grep --cached and check-ignore all ran it);
# - core.hooksPath=/dev/null: no hook (post-index-change, reference-transaction) can run;
# - safe.bareRepository=explicit: a bare repository is used only when named with --git-dir,
#   never found by discovery from a directory inside it (git 2.38 and later; older git
#   ignores the key);
# - --no-pager: output is never piped to core.pager or pager.<command>.
# Diffs add --no-ext-diff and --no-textconv (DIFF_OPTIONS, and scan --staged's raw diff),
# and no command the tool runs converts work-tree files through filter drivers (the work
# tree is read by Python, the index and history by cat-file and log).
HOOKS_OFF = ("-c", "core.hooksPath=/dev/null")
GIT_HARDENING = (
    "--no-pager",
    "-c", "protocol.allow=never",
    "-c", "core.fsmonitor=false",
    "-c", "safe.bareRepository=explicit",
    *HOOKS_OFF,  # last: see git_at
)  # fmt: skip


def git_at(directory: str, *args: str, own_hooks_path: bool = False) -> list[str]:
    """git run in ``directory`` (``git -C``: git's own discovery finds the repository at or
    above it, bare ones excepted), hardened. ``own_hooks_path`` keeps the repository's
    core.hooksPath, for a command that only asks where the hooks live (``rev-parse
    --git-path hooks``, which runs none)."""
    hardening = GIT_HARDENING[: -len(HOOKS_OFF)] if own_hooks_path else GIT_HARDENING
    return ["git", "-C", directory, *hardening, *args]


# No attribute may make a file binary to the sweep's diffs (docs/threat-model.md): git
# shows a file whose `diff` attribute is unset (`-diff`, `binary`) or names a driver with
# `binary = true` as "Binary files differ", with no line, so a `.gitattributes` saying
# `*.py -diff` hid every key in such files. git with --git-dir reads the work tree's
# attributes relative to its working directory (git_command starts it in the git dir,
# which holds none), a bare repository's from HEAD (newer git: attr.tree, here
# the empty tree; older git ignores the key), the user's from core.attributesFile, the
# system's unless GIT_ATTR_NOSYSTEM (git_environment). $GIT_DIR/info/attributes is read
# whatever the command line says: the sweep reads a file git still calls binary whole
# (sweep.run _read_whole).
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
NO_ATTRIBUTES = (
    "-c", "core.attributesFile=/dev/null",
    "-c", f"attr.tree={EMPTY_TREE}",
)  # fmt: skip


def git_command(git_dir: str, *args: str) -> list[str]:
    """git run on the repository at ``git_dir``, hardened, with the overrides and limits
    above; started in the git dir, so that no work tree's attributes apply."""
    git_dir = os.path.abspath(git_dir)
    return [
        "git", "-C", git_dir, "--git-dir", git_dir, *GIT_HARDENING, *GIT_CONFIG_OVERRIDES,
        *NO_ATTRIBUTES, *GIT_MEMORY_LIMITS, *args,
    ]  # fmt: skip


def discovery_command(path: str) -> list[str]:
    """The ``git rev-parse`` that finds the repository at or above ``path`` (git's own
    discovery rules) and says, a line each: whether it is bare, whether it is shallow, its
    git dir and, unless bare, its work tree (read by :func:`read_discovery`)."""
    return git_at(
        path, "rev-parse", "--is-bare-repository", "--is-shallow-repository",
        "--absolute-git-dir", "--show-toplevel",
    )  # fmt: skip


def explicit_discovery_command(git_dir: str) -> list[str]:
    """:func:`discovery_command` for a git dir named by the user (``--git-dir``: a bare
    repository, or a work tree's ``.git``): bare, shallow and the git dir, a line each."""
    return [
        "git", "--git-dir", git_dir, *GIT_HARDENING, "rev-parse", "--is-bare-repository",
        "--is-shallow-repository", "--absolute-git-dir",
    ]  # fmt: skip


def git_dir_command(path: str) -> list[str]:
    """The repository's git dir alone: all git prints is that path and a newline."""
    return git_at(path, "rev-parse", "--absolute-git-dir")


def read_discovery(out: bytes) -> tuple[bool, bool, list[str]] | None:
    """What :func:`discovery_command` said: (bare, shallow, the lines of the paths that
    follow), None if it did not say where a repository is. The two yes/no answers come
    first because a path may hold a newline: then the paths span more than two lines, and
    only :func:`git_dir_command` tells where the git dir ends (the caller asks it)."""
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    answers = ("true", "false")
    if len(lines) < 4 or lines[0] not in answers or lines[1] not in answers:
        return None
    return lines[0] == "true", lines[1] == "true", lines[2:-1]


# The environment's say over the hardening above: GIT_ALLOW_PROTOCOL, when set, replaces
# protocol.allow altogether, so it is set to a name no transport or remote helper can have
# (a scheme starts with a letter and holds no "_"); GIT_NO_LAZY_FETCH (git 2.44 and later)
# says once more that a missing object is never fetched; an external diff named in the
# environment is dropped.
GIT_HARDENED_ENVIRONMENT = {
    "GIT_ALLOW_PROTOCOL": "_",
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_NO_LAZY_FETCH": "1",
}
GIT_DROPPED_ENVIRONMENT = ("GIT_EXTERNAL_DIFF",)


def git_environment() -> dict[str, str]:
    """The environment for git: no prompts, no pager, English messages, no replace refs or
    grafts, no system attributes, and the hardening of GIT_HARDENED_ENVIRONMENT."""
    env = {name: value for name, value in os.environ.items() if name not in GIT_DROPPED_ENVIRONMENT}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        LC_ALL="C",
        GIT_NO_REPLACE_OBJECTS="1",
        # Nor the repository's grafts ($GIT_DIR/info/grafts, deprecated): like replace
        # refs they show a history no clone sees, and a grafts file giving one commit
        # 300,000 parents held the sweep for many minutes (docs/threat-model.md).
        GIT_GRAFT_FILE=os.devnull,
        GIT_ATTR_NOSYSTEM="1",
        **GIT_HARDENED_ENVIRONMENT,
    )
    return env


# The questions a sweep opens with (sweep.refs.select_commits), as git arguments.
HEAD_COMMIT = ("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
STASH_REF = "refs/stash"
STASH_ENTRIES = ("log", "-g", "--format=%H", STASH_REF, "--")
EVERY_REF = "--all"


def since_limit(since: str | None) -> list[str]:
    """git's option for ``--since``, if one was given."""
    return [f"--since={since}"] if since else []


# HEAD's whole tree, for the submodule note and the HEAD files that hold a value.
HEAD_LISTING = ("ls-tree", "-r", "-z", "--full-tree", "HEAD")
# Annotated tags (sweep.tags): "<id> <type> <ref>" a line; their messages are read from the
# tag objects, at most the byte limit of each (never printed whole by a format).
TAG_FORMAT = "%(objectname) %(objecttype) %(refname)"
TAG_LISTING = ("for-each-ref", f"--format={TAG_FORMAT}", "refs/tags/")


def reachable_walk(limit: list[str], starts: list[str]) -> list[str]:
    """The commits reachable from ``starts`` (refs, ``--all``, stash entries)."""
    return ["rev-list", *limit, *starts]


def reflog_only(limit: list[str], starts: list[str]) -> list[str]:
    """The commits only a reflog reaches: none of ``starts`` does."""
    return ["rev-list", *limit, "--reflog", "--not", *starts]


# A commit's header as git log prints it for the sweep (parsed by :mod:`sweep.log_stream`), three
# parts, each starting a line:
# - \x01, then the fields git writes itself, space-separated: sha, committer epoch, author
#   date, committer date, parents (last: a root commit has none);
# - the whole message (%B: subject and body), every line indented by one space (%w(0,1,1)),
#   so no message line can pass for a commit header or a ``diff --`` line, whatever it holds;
# - NUL, author, NUL, subject: the free text, after NULs, which no field can hold.
# The order is forced: at each %w, git re-wraps the text written since the last one as a C
# string (pretty.c rewrap_message_tail, utf8.c strbuf_add_indented_text), so a NUL written
# before the last %w would cut the header short; after %w(0,0,0) nothing is re-wrapped.
# git stops a message at a NUL byte (it is a C string there too): so does git show.
LOG_FORMAT = "%x01%H %ct %aI %cI %P%n%w(0,1,1)%B%n%w(0,0,0)%x00%an <%ae>%x00%s"

# How every diff the sweep reads is produced: plain, full blob ids, no user drivers.
DIFF_OPTIONS = (
    "--unified=3",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--full-index",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


def log_command(git_dir: str, max_file_bytes: int, limited: bool = False) -> list[str]:
    """``git log`` over the commits given on stdin, exactly those (``--no-walk``); blobs
    over ``max_file_bytes`` are binary to git, so never diffed. Merges show their header
    and message but no diff (git log's default): git's combined diff of a merge can take
    memory far beyond the file's size (a lock file that both sides rewrote), so the lines
    a merge added are read apart, from its diff against each parent (sweep.log_stream).

    ``limited``: stdin names paths too, after a ``--`` line (:func:`limited_log_feed`), and
    each commit's diff shows those paths only; every commit given is still shown, with its
    message, whether or not it changed one of them (``--full-history --sparse``). The paths
    are literal (``--literal-pathspecs``: no glob, no magic, whatever the names hold)."""
    limits = ("--full-history", "--sparse") if limited else ()
    return [
        *git_command(
            git_dir,
            *(("--literal-pathspecs",) if limited else ()),
            "-c",
            f"core.bigFileThreshold={max_file_bytes}",
        ),
        "log",
        "--no-walk=unsorted",
        "--stdin",
        *limits,
        "--patch",
        "--root",
        *DIFF_OPTIONS,
        "--encoding=UTF-8",
        f"--format={LOG_FORMAT}",
    ]


def limited_log_feed(commits: list[str], paths: Iterable[bytes]) -> bytes | None:
    """What a ``limited`` :func:`log_command` is fed: the commits, a ``--`` line, then the
    paths, one a line; None when a path cannot be written so (it holds a newline, or is
    empty): such a batch is read unlimited."""
    names = sorted(set(paths))
    if any(not name or b"\n" in name for name in names):
        return None
    return commit_lines(commits) + b"--\n" + b"".join(name + b"\n" for name in names)


# The tree-diff pass of the sweep (sweep.candidates): each commit's id and message (every
# line indented by one space, as in LOG_FORMAT, so no message line passes for a raw line or
# a commit line), then git's raw lines, one per file the commit changed (a merge: each file
# it changed against every parent, ``-c``), with the new blob's full id. No content is read.
RAW_LOG_FORMAT = "%x01%H%n%w(0,1,1)%B"


# For the git commands that read trees and commits only, no blob (the sweep's raw pass and
# its merges' tree diffs): smaller pack windows and delta cache than GIT_MEMORY_LIMITS cost
# them no time and keep them lighter beside the blob reader and the diff engine's git.
TREE_ONLY_MEMORY_LIMITS = (
    "-c", "core.packedGitLimit=16m",
    "-c", "core.packedGitWindowSize=1m",
    "-c", "core.deltaBaseCacheLimit=8m",
)  # fmt: skip


def raw_log_command(git_dir: str) -> list[str]:
    """``git log --raw`` over the commits given on stdin, exactly those (``--no-walk``):
    tree diffs only (root commits against the empty tree, merges combined), with
    TREE_ONLY_MEMORY_LIMITS."""
    return [
        *git_command(git_dir, *TREE_ONLY_MEMORY_LIMITS),
        "log",
        "--no-walk=unsorted",
        "--stdin",
        "--raw",
        "--root",
        "-c",
        "--no-renames",
        "--no-abbrev",
        "--no-color",
        "--encoding=UTF-8",
        f"--format={RAW_LOG_FORMAT}",
    ]


# The sweep's blob pre-filter reads blobs in the order the history names them, close to
# the pack's: smaller pack windows cost it no time (the delta cache is what it needs).
BLOB_PASS_MEMORY_LIMITS = (
    "-c", "core.packedGitLimit=16m",
    "-c", "core.packedGitWindowSize=1m",
)  # fmt: skip


def blob_sizes_command(git_dir: str) -> list[str]:
    """``git cat-file --batch-check`` answering ``<id> <type> <size>`` (or ``<id>
    missing``) for each id on stdin; never fetches (GIT_NO_LAZY_FETCH, git_environment)."""
    return [*git_command(git_dir, *BLOB_PASS_MEMORY_LIMITS), "cat-file", "--batch-check"]


def blob_contents_command(git_dir: str) -> list[str]:
    """``git cat-file --batch``: header and content of each id on stdin."""
    return [*git_command(git_dir, *BLOB_PASS_MEMORY_LIMITS), "cat-file", "--batch"]


def commit_lines(commits: list[str]) -> bytes:
    """What ``git log --stdin`` is fed: one commit a line."""
    return "".join(f"{sha}\n" for sha in commits).encode()


# git's output is read in pieces of READ_SIZE, through a pipe PIPE_SIZE deep: git writes
# ahead while a piece is searched, and the last piece (searched after git is done) is small.
READ_SIZE = 1 << 18
PIPE_SIZE = 1 << 20
# <linux/fcntl.h>: F_LINUX_SPECIFIC_BASE (1024) + 7.
LINUX_F_SETPIPE_SZ = 1031


def widen_pipe(pipe: IO[bytes], size: int = PIPE_SIZE) -> None:
    """Let git write up to ``size`` bytes ahead of the reader (Linux: F_SETPIPE_SZ).

    With the default 64 KiB pipe, git stalls while a block is being parsed, and the
    sweep's time becomes git's time plus Python's; with a pipe deeper than a read, the
    two overlap. Where the call is not available (or refused), the pipe stays as it is.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import fcntl

        # F_SETPIPE_SZ is in Python's fcntl from 3.10; on 3.9, Linux's own number.
        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", LINUX_F_SETPIPE_SZ), size)
    except (ImportError, OSError, ValueError):
        pass


# How long a reader that has caught up with git waits before reading again (seconds).
CATCH_UP_PAUSE = 0.002


class PatientPipe:
    """Reads git's output pipe in whole pieces, pausing briefly whenever it has caught up.

    A reader blocked on an empty pipe is woken by every write git makes (a few KB each),
    and each wake-up costs both sides a context switch. Pausing CATCH_UP_PAUSE after a short
    read lets git fill the pipe (PIPE_SIZE deep) meanwhile, which brings ``git log -p`` close
    to its speed into /dev/null (docs/performance.md). A read returns
    ``size`` bytes, or less only at the end, as a buffered read does: the searches that
    follow cost per piece as well as per byte.
    """

    def __init__(self, pipe: IO[bytes]) -> None:
        self._fd = pipe.fileno()
        self._poll = _readiness(self._fd)

    def read(self, size: int = READ_SIZE) -> bytes:
        pieces: list[bytes] = []
        held = 0
        while held < size:
            if pieces and not self._ready():
                time.sleep(CATCH_UP_PAUSE)  # caught up: let git write ahead
            data = os.read(self._fd, size - held)
            if not data:
                break
            pieces.append(data)
            held += len(data)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def _ready(self) -> bool:
        """Whether a read would not wait: git wrote more, or closed the pipe (its end is
        read at once: a short answer costs no pause). Unknown where pipes cannot be polled."""
        return self._poll is not None and bool(self._poll.poll(0))


def _readiness(fd: int) -> select.poll | None:
    try:
        poll = select.poll()
        poll.register(fd, select.POLLIN)
    except (AttributeError, OSError, ValueError):
        return None  # no poll() here (Windows pipes): every short read pauses
    return poll


def git_explicit(git_dir: str, *args: str, own_hooks_path: bool = False) -> list[str]:
    """git run on the repository at ``git_dir`` named explicitly (``--git-dir``: how git
    is told a bare repository is one, under safe.bareRepository=explicit), hardened as
    :func:`git_at` is."""
    hardening = GIT_HARDENING[: -len(HOOKS_OFF)] if own_hooks_path else GIT_HARDENING
    return ["git", "--git-dir", git_dir, *hardening, *args]


# The one git command that uses a transport: a multi-repository sweep's bare clone of a
# repository named by URL (hooks/git/clone.py checks the URL and its scheme first). It is
# allowed that scheme alone (protocol.allow=never, then protocol.<scheme>.allow=always),
# runs no hook and no fsmonitor, checks nothing out (--bare: no filter or attribute runs)
# and fetches no submodule. Its environment (clone.clone_environment) lifts
# GIT_ALLOW_PROTOCOL, which would otherwise override these settings.
def bare_clone_command(scheme: str, url: str, destination: str) -> list[str]:
    return [
        "git", "--no-pager",
        "-c", "protocol.allow=never",
        "-c", f"protocol.{scheme}.allow=always",
        "-c", "core.fsmonitor=false",
        "-c", "submodule.recurse=false",
        "-c", "credential.interactive=false",
        *HOOKS_OFF,
        "clone", "--bare", "--quiet", "--no-recurse-submodules",
        "--", url, destination,
    ]  # fmt: skip

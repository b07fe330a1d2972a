"""Run the Binance detection over a file's text and pair what it finds.

Why not detect-secrets' own ``scan_file``: it reads from disk (we also scan staged content
and git blobs), it applies detect-secrets' default filters, one of which
(``is_indirect_reference``) drops every value on ``client = Client("KEY", "SECRET")``, and it
runs every line through every filter. Here the line classification the plugin classes'
``find()`` uses (:func:`line_candidates`) and detect-secrets' own filter functions run, but
the filter set is chosen deliberately (:func:`_filters`), lines without a 64-character run
or a PEM header are never classified, and the result is paired.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from detect_secrets.util.code_snippet import CodeSnippet

from .bare_files import MAX_BARE_LINES, bare_values
from .classify import EXCHANGE_BELOW_LINES, Candidate, line_candidates
from .enclosing import enclosing_headers, has_sections
from .environment import DEMO, TESTNET, UNKNOWN, EnvironmentMap
from .examples import is_documentation_example
from .file_context import scanning
from .findings import PRIVATE_KEY, Finding
from .line_finds import finds_per_line, line_indices
from .name_rules import name_words
from .numbered import Numbered, NumberedLines, texts_of
from .other_services import denied_by, says_binance_beyond_lists
from .pairing import pair_findings
from .patterns import (
    ALNUM_MAP,
    BASE64_PADDING,
    BINANCE_WORD,
    CANDIDATE,
    KEY_RUN_MAPPED,
    PEM_MARK_BYTES,
    TOKEN,
)
from .pem import (
    FoundBlock,
    candidate_value,
    found_block,
    inside_block,
)
from .pragma import has_gitleaks_allow, is_line_allowlisted
from .project_context import NO_PROJECT, ProjectContext
from .reject import is_hex_digest, is_testnet_hex_key, rejection_reason
from .signals import FILE, LINE, NAME, binance_signal, enough_here, says_binance_near
from .split_literals import joined_values, may_hold_joined

# detect-secrets' own line window for a plugin's context.
CONTEXT_LINES = 5

# A file holding more credentials than this is a dump, not a config: the first ones prove
# the leak, while pairing, labelling and reporting tens of thousands cost more than the scan.
# The scan of a file stops there; ``on_limit`` hears where and how much was left.
MAX_FINDINGS_PER_FILE = 1000

# (line number where the scan stopped, later lines holding a key-shaped value)
LimitReached = Callable[[int, int], None]


ExtraLineFilter = Callable[[str, str], bool]


def might_contain_secret(text: str) -> bool:
    """Cheap pre-filter: False means the text certainly holds no Binance credential."""
    return CANDIDATE.search(text) is not None or may_hold_joined(text)


# detect-secrets' ``is_likely_id_string`` searches the whole line before a value for an
# ``_id`` name: on a line of thousands of values that is quadratic. Lines up to this long are
# given to it whole (the same answers as detect-secrets); on longer lines it sees this many
# characters before the value (detect-secrets uses the same 1000 for is_indirect_reference).
ID_WINDOW_CHARS = 1000


def _id_window(line: str, column: int, length: int) -> str:
    """The part of ``line`` detect-secrets' id heuristic is given for the value at
    ``column``: the whole line if it is short, else a bounded window ending at the value."""
    if len(line) <= ID_WINDOW_CHARS:
        return line
    start = max(0, column - ID_WINDOW_CHARS)
    window = line[start : column + length]
    # A blank in front keeps its `^id` from matching where the window cuts a word.
    return window if start == 0 else " " + window


@lru_cache(maxsize=1)
def _filters() -> tuple[Callable, Callable, Callable]:
    """The detect-secrets filters we honour, as (file, line, secret) predicates.

    Kept: the ``pragma: allowlist secret`` comment (checked by :mod:`.pragma`, a linear
    equivalent of detect-secrets' check) and gitleaks' ``gitleaks:allow``, lock files,
    swagger files, non-text extensions, and the heuristics that can only remove non-keys
    (sequential strings, UUIDs, ``*_id`` names, templates, ``$``-prefixed values,
    non-alphanumerics).
    Left out: ``is_indirect_reference`` (it drops ``Client("KEY", "SECRET")`` lines),
    ``is_invalid_file`` (staged content and git blobs are not files on disk).
    """
    from detect_secrets.filters import heuristic

    def skip_file(path: str) -> bool:
        return (
            heuristic.is_lock_file(path)
            or heuristic.is_swagger_file(path)
            or heuristic.is_non_text_file(path)
        )

    def skip_line(path: str, line: str, context: CodeSnippet) -> bool:
        # detect-secrets' own check is quadratic in runs of blanks; this one is linear.
        # gitleaks' mark counts too: a project moving from gitleaks keeps its marks.
        return has_gitleaks_allow(line) or is_line_allowlisted(path, line, context.previous_line)

    def skip_secret(secret: str, line: str, column: int, named: bool = False) -> bool:
        # A value a rule named as a credential (`api_key` in `INSERT INTO keys (user_id,
        # api_key) VALUES (1, 'K')`) is not an id because an id stands earlier on its line.
        return (
            heuristic.is_sequential_string(secret)
            or heuristic.is_potential_uuid(secret)
            or (
                not named
                and heuristic.is_likely_id_string(secret, _id_window(line, column, len(secret)))
            )
            or heuristic.is_templated_secret(secret)
            or heuristic.is_prefixed_with_dollar_sign(secret)
            or heuristic.is_not_alphanumeric_string(secret)
        )

    return skip_file, skip_line, skip_secret



def limit_reason(line: int, unexamined: int) -> str:
    """What a report says of a file whose scan stopped at MAX_FINDINGS_PER_FILE."""
    return (
        f"stopped after {MAX_FINDINGS_PER_FILE} findings, at line {line}: the rest of that line "
        f"and {unexamined} more line(s) with key-shaped values were not examined"
    )

def scan_text(
    path: str,
    text: str,
    project: ProjectContext = NO_PROJECT,
    context_path: str | None = None,
    on_limit: LimitReached | None = None,
    held: list[Finding] | None = None,
) -> list[Finding]:
    """Findings of one whole file's text, paired, in line order (``held``: see
    :func:`scan_numbered_lines`)."""
    if not might_contain_secret(text):
        return []
    return scan_numbered_lines(
        path,
        Numbered(text.splitlines()),
        file_text=text,
        project=project,
        context_path=context_path,
        on_limit=on_limit,
        held=held,
    )


def candidate_line_indices(texts: list[str]) -> list[int]:
    """The indices of the lines holding something key-shaped (CANDIDATE), in order.

    Searched in the UTF-8 bytes of the joined text with CANDIDATE's byte-level twins
    (``bytes.translate`` and ``find``: a history's docs dumps are megabytes of lines, and a
    regex scan for a 64-character run was much slower over them). A run of 64 letters and
    digits or a PEM mark is a candidate line as it is; a line with ``==`` (the end of a
    base64-encoded key, and of many comparisons) is asked of CANDIDATE itself. Each
    search resumes at the next line, so every line is looked at once.
    """
    data = "\n".join(texts).encode("utf-8", "surrogatepass")
    if texts and data.count(b"\n") != len(texts) - 1:
        # A line holds a newline itself (not from a splitter): ask line by line.
        return [index for index, text in enumerate(texts) if CANDIDATE.search(text)]
    mapped = data.translate(ALNUM_MAP)
    keyed = sorted(
        [*finds_per_line(data, KEY_RUN_MAPPED, mapped), *finds_per_line(data, PEM_MARK_BYTES)]
    )
    found = dict.fromkeys(line_indices(data, keyed), True)  # line -> known to be a candidate
    for line in line_indices(data, finds_per_line(data, BASE64_PADDING)):
        found.setdefault(line, False)
    return [line for line in sorted(found) if found[line] or CANDIDATE.search(texts[line])]


def scan_numbered_lines(
    path: str,
    lines: NumberedLines,
    file_text: str | None = None,
    extra_line_filter: ExtraLineFilter | None = None,
    project: ProjectContext = NO_PROJECT,
    context_path: str | None = None,
    on_limit: LimitReached | None = None,
    held: list[Finding] | None = None,
) -> list[Finding]:
    """Findings of some lines of one file (a whole file, or the lines a commit added).

    ``lines`` are (line number, text) in file order; a line's context is its neighbours in
    this sequence. ``file_text`` (defaults to the lines themselves) decides whether the file
    says "binance" anywhere. ``extra_line_filter(path, line)`` lets a caller drop lines
    (a baseline's exclude-lines regex). ``project`` says whether the file's project uses
    Binance (the file's own: its nearest project root's, none in a vendored tree, see
    :meth:`ProjectContext.for_file`); ``context_path`` (defaults to ``path``) is the file's
    path relative to the top, the only part of a path that may give context: the directory
    a scan started from must not change its findings. Each finding says what made it
    Binance's (:mod:`.signals`); where that is not enough for the place (a vendored tree,
    another exchange's folder, TLS files, an SSH key pair) it is dropped. At most
    MAX_FINDINGS_PER_FILE are found; then ``on_limit`` (if given) is told where the scan
    stopped. A named value nothing here says is Binance's is appended to ``held`` (if
    given), unpaired and without a signal: a caller that finds the same value Binance's in
    another file may report it (:func:`found_elsewhere`); at most MAX_FINDINGS_PER_FILE of
    them, as a scan holds them all until its last file.
    """
    from detect_secrets.util.code_snippet import get_code_snippet

    skip_file, skip_line, skip_secret = _filters()
    if skip_file(path):
        return []
    texts = texts_of(lines)
    context_text = file_text if file_text is not None else "\n".join(texts)
    findings: list[Finding] = []
    seen: set[tuple[int, str, str]] = set()
    where = path if context_path is None else context_path
    project = project.for_file(where)
    file_said = says_binance_beyond_lists(context_text)
    if not file_said and BINANCE_WORD.search(context_text) is not None:
        # The file names Binance only in lists of exchanges (a multi-exchange library's
        # README): it is about several exchanges, and the project's word does not make its
        # generic `key:` Binance's either.
        project = ProjectContext.known(False)
    stopped_at: int | None = None
    unexamined = 0
    last_block: FoundBlock | None = None
    sections: bool | None = None  # whether the file has TOML/INI section headers
    held_room = MAX_FINDINGS_PER_FILE  # how many more values this file may hold
    with scanning(where, context_text if file_said else "", project, whole=context_text):
        indices = candidate_line_indices(texts)
        for index in indices:
            number, raw = lines[index]
            if stopped_at is not None:
                unexamined += 1
                continue
            line = raw.rstrip()
            context = get_code_snippet(texts, index + 1, CONTEXT_LINES)
            if skip_line(path, line, context):
                continue
            if extra_line_filter is not None and extra_line_filter(path, line):
                continue
            before = context.lines[: context.target_index]
            if sections is None:
                sections = has_sections(texts)
            # The headers of the blocks around the line, above the window (a long
            # `okx:` block in a file that configures Binance too): nearest last.
            before = [*enclosing_headers(texts, index, len(before), sections), *before]
            after = context.lines[context.target_index + 1 :]
            near: bool | None = None  # whether this line or its neighbours say Binance
            room = MAX_FINDINGS_PER_FILE - len(findings)
            # Classify no more values than can still be findings; only when some of those
            # were filtered out is the rest of the line classified too.
            for limit in (room, None):
                unconfirmed: list[Candidate] | None = (
                    [] if held is not None and held_room > 0 else None
                )
                candidates = line_candidates(
                    where,
                    line,
                    before,
                    after,
                    limit=limit,
                    unconfirmed=unconfirmed,
                    below=texts[index + 1 : index + 1 + EXCHANGE_BELOW_LINES],
                    unconfirmed_room=held_room,
                )
                if held is not None and unconfirmed:
                    kept = _held(path, where, number, line, unconfirmed, project)[:held_room]
                    held += kept
                    held_room -= len(kept)
                for candidate in candidates:
                    if len(findings) >= MAX_FINDINGS_PER_FILE:
                        break
                    value = candidate_value(candidate.type, candidate.value, texts, index)
                    if value is None:
                        continue  # a PEM header without a key body: not a key
                    if candidate.type == PRIVATE_KEY:
                        last_block = found_block(index, value)
                    elif skip_secret(
                        value, line, candidate.column, candidate.name is not None
                    ) or inside_block(value, index, last_block):
                        continue
                    if (number, candidate.type, value) in seen:
                        continue
                    if near is None:
                        near = says_binance_near(line, (*before, *after))
                    signal = binance_signal(candidate.name, near, where, file_said, project)
                    if not enough_here(where, candidate.type, signal, project):
                        continue
                    seen.add((number, candidate.type, value))
                    findings.append(
                        Finding(
                            type=candidate.type,
                            path=path,
                            line=number,
                            value=value,
                            example=is_documentation_example(value),
                            name=candidate.name,
                            column=candidate.column,
                            binance_signal=signal,
                        )
                    )
                if len(findings) >= MAX_FINDINGS_PER_FILE or len(candidates) < room:
                    break
            if len(findings) >= MAX_FINDINGS_PER_FILE:
                stopped_at = number
        if stopped_at is None:
            findings += _joined_findings(path, where, lines, texts, file_said, project, seen)
            findings += _repeated_findings(path, lines, texts, indices, findings, seen)
    if stopped_at is not None and on_limit is not None:
        on_limit(stopped_at, unexamined)
    if not findings:
        findings = _bare_file_findings(path, where, lines, texts, file_said, project)
    findings = _with_environments(where, lines, findings, project)
    findings.sort(key=lambda f: (f.line, f.column, f.type))
    return pair_findings(findings, lines)


def _held(
    path: str,
    where: str,
    number: int,
    line: str,
    unconfirmed: list[Candidate],
    project: ProjectContext,
) -> list[Finding]:
    """The values of one line that only lacked a Binance word, as findings without a signal
    (the same filters as any value's; none in a place that needs more, such as a vendored
    tree)."""
    _, _, skip_secret = _filters()
    return [
        Finding(
            type=candidate.type,
            path=path,
            line=number,
            value=candidate.value,
            name=candidate.name,
            column=candidate.column,
        )
        for candidate in unconfirmed
        if not skip_secret(candidate.value, line, candidate.column, candidate.name is not None)
        and enough_here(where, candidate.type, FILE, project)
    ]


def found_elsewhere(
    held: list[Finding], found: list[Finding], place: Callable[[str], str] = str
) -> list[Finding]:
    """The ``held`` values (named, but nothing in their own file or project said Binance)
    that ``found`` holds as Binance's in another file of the same scan: the same key, one
    more place it leaked (a shell script a Dart app writes to sign with `openssl dgst -hmac
    "S"`, beside the code that names it). Each takes the type, environment and pair of the
    first finding of its value, and says where it was found: ``value:<path>`` (``place``
    turns a finding's path into the one to name: relative to the top). One per line and
    value."""
    first: dict[str, Finding] = {}
    for finding in found:
        first.setdefault(finding.value, finding)
    places = {(finding.path, finding.line, finding.value) for finding in found}
    confirmed = []
    for candidate in held:
        known = first.get(candidate.value)
        spot = (candidate.path, candidate.line, candidate.value)
        if known is None or known.path == candidate.path or spot in places:
            continue
        places.add(spot)
        confirmed.append(
            replace(
                candidate,
                type=known.type,
                environment=known.environment,
                pair=known.pair,
                example=known.example,
                binance_signal=f"value:{place(known.path)}",
            )
        )
    return confirmed


def _repeated_findings(
    path: str,
    lines: NumberedLines,
    texts: list[str],
    indices: list[int],
    findings: list[Finding],
    seen: set[tuple[int, str, str]],
) -> list[Finding]:
    """Each other line of the file that holds a value found on one of its lines: a test
    asserting the key it configured (`expect(result).toEqual('K')` below the mocked
    `SecretString` that named it), a script echoing it. Each line is one more place the
    value leaked, with the first finding's type and signal; a line a pragma allows is not.
    At most MAX_FINDINGS_PER_FILE in all."""
    found_values = {
        finding.value: finding for finding in findings if finding.type != PRIVATE_KEY
    }
    if not found_values:
        return []
    _, skip_line, _ = _filters()
    from detect_secrets.util.code_snippet import get_code_snippet

    repeated: list[Finding] = []
    for index in indices:
        number, raw = lines[index]
        for match in TOKEN.finditer(raw):
            first = found_values.get(match.group())
            if first is None or (number, first.type, first.value) in seen:
                continue
            if len(findings) + len(repeated) >= MAX_FINDINGS_PER_FILE:
                return repeated
            if skip_line(path, raw.rstrip(), get_code_snippet(texts, index + 1, CONTEXT_LINES)):
                break
            seen.add((number, first.type, first.value))
            repeated.append(
                replace(first, line=number, column=match.start(), name=None, pair=None)
            )
    return repeated


def _joined_findings(
    path: str,
    where: str,
    lines: NumberedLines,
    texts: list[str],
    file_said: bool,
    project: ProjectContext,
    seen: set[tuple[int, str, str]],
) -> list[Finding]:
    """The values written as joined string literals (:mod:`.split_literals`), each
    classified as the line it would be if written whole, at its first piece's line."""
    from detect_secrets.util.code_snippet import get_code_snippet

    _, skip_line, skip_secret = _filters()
    found = []
    for joined in joined_values("\n".join(texts)):
        if joined.last >= len(lines):
            continue  # a line held a newline itself: the indices are not the lines'
        number = lines[joined.first][0]
        context = get_code_snippet(texts, joined.first + 1, CONTEXT_LINES)
        if skip_line(path, joined.line, context):
            continue
        before = texts[max(0, joined.first - CONTEXT_LINES) : joined.first]
        after = texts[joined.last + 1 : joined.last + 1 + CONTEXT_LINES]
        for candidate in line_candidates(where, joined.line, before, after):
            if candidate.value != joined.value or (number, candidate.type, joined.value) in seen:
                continue
            if skip_secret(joined.value, joined.line, candidate.column, candidate.name is not None):
                continue
            near = says_binance_near(joined.line, (*before, *after))
            signal = binance_signal(candidate.name, near, where, file_said, project)
            if not enough_here(where, candidate.type, signal, project):
                continue
            seen.add((number, candidate.type, joined.value))
            found.append(
                Finding(
                    type=candidate.type,
                    path=path,
                    line=number,
                    value=joined.value,
                    example=is_documentation_example(joined.value),
                    name=candidate.name,
                    column=joined.column,
                    binance_signal=signal,
                )
            )
    return found


def _bare_file_findings(
    path: str,
    where: str,
    lines: NumberedLines,
    texts: list[str],
    file_said: bool,
    project: ProjectContext,
) -> list[Finding]:
    """The values of a file that holds nothing else (:mod:`.bare_files`), when its path
    (``binance.txt``), its text or its project says Binance and its name names no other
    service (``kraken.txt``)."""
    # Only a whole file can be bare: lines from its top, none left out (a sweep's hunk that
    # appends two values to a longer file is not).
    if not 0 < len(lines) <= MAX_BARE_LINES:
        return []
    if [number for number, _ in lines] != list(range(1, len(lines) + 1)):
        return []
    values = bare_values(texts, posixpath.basename(where))
    if not values:
        return []
    stem = posixpath.basename(where).partition(".")[0]
    said = file_said or BINANCE_WORD.search(where) is not None
    if denied_by(name_words(stem)) or not (said or project.uses_binance()):
        return []
    near = says_binance_near("", texts)
    found = []
    for value in values:
        signal = binance_signal(value.name, near, where, file_said, project)
        # A file labelled as the testnet's may hold its 64-hex keys.
        testnet_hex = value.environment == TESTNET and is_testnet_hex_key(value.value)
        if (rejection_reason(value.value) is not None and not testnet_hex) or not enough_here(
            where, value.type, signal, project
        ):
            continue
        found.append(
            Finding(
                type=value.type,
                path=path,
                line=lines[value.index][0],
                value=value.value,
                example=is_documentation_example(value.value),
                name=value.name,
                column=value.column,
                environment=value.environment or UNKNOWN,
                binance_signal=signal,
            )
        )
    return found


def _with_environments(
    path: str, lines: NumberedLines, findings: list[Finding], project: ProjectContext
) -> list[Finding]:
    """Each finding with the environment its context says (where the file says nothing, the
    platform its project names: Binance.US). A lowercase-hex value (the futures testnet's
    key shape, also a sha256 digest's) found by a testnet word alone is kept only when its
    own environment is testnet; one its name or line says is Binance's
    (:mod:`.hex_keys`) is kept and labelled testnet, the one place Binance issues that
    shape, unless its context says demo."""
    if not findings:
        return findings
    environments = EnvironmentMap(path, lines)
    labelled = []
    for finding in findings:
        # A bare key file's label line (`test`) may have said it already.
        environment = finding.environment
        if environment == UNKNOWN:
            environment = environments.at(finding.line)
        if environment == UNKNOWN:
            environment = project.platform() or UNKNOWN
        if is_hex_digest(finding.value) and environment not in (TESTNET, DEMO):
            if finding.binance_signal not in (NAME, LINE):
                continue
            environment = TESTNET
        labelled.append(replace(finding, environment=environment))
    return labelled

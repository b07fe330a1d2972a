"""The incident write-up (Markdown) from a sweep report and, optionally, a check report:
what leaked, where and since when, whether it is live and what it could do, and the steps
taken and still open, in the playbook's order (:mod:`plugins.livecheck.playbook`, the one
source of their text) followed by the sweep's clean-up sequence.

Both reports are input from a file: every string is made printable and escaped before it
reaches the Markdown, and neither report holds a value (only redacted forms and
fingerprints), so neither does the write-up.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from ...plugins.detection.findings import fails_run
from .sanitize import printable

# Statuses that say the key no longer works from here: what `check --deleted` expects.
GONE = ("revoked_or_ip_blocked", "invalid")
_SPECIAL = re.compile(r"([\\*_\[\]<>|~&])")
# GitHub Flavored Markdown's "Autolinks (extension)" (https://github.github.com/gfm/
# #autolinks-extension-) makes links of plain text: `www.` followed by a valid domain, the
# schemes `http://`, `https://` (cmark-gfm also `ftp://`, and `mailto:` and `xmpp:` before
# an address), and an e-mail address (local part, `@`, a domain with a period). github.com
# also applies them after parsing, to text whose escapes are gone, so a backslash does not
# stop them (an e-mail address's, in cmark-gfm too): a zero-width space inside each start
# does (written as the reference ``&#8203;``, visible in the Markdown), and reads the same.
# It also ends an `@mention`. Code spans never link.
_BREAK = "&#8203;"
_AUTOLINK_START = re.compile(r"(?i)(?<=www)(?=\.)|(?<=[a-z])(?=://)|(?<=@)(?=[a-z0-9])")
# A line's first character that would start a heading, a list item or a setext underline.
_LINE_START = re.compile(r"^([#+=-])")


def _inert(text: str) -> str:
    """Text outside code spans with its Markdown specials escaped and every autolink start
    broken: it renders as the same characters, never a link, emphasis, HTML or a cell."""
    return _AUTOLINK_START.sub(_BREAK, _SPECIAL.sub(r"\\\1", text))


def _text(value: object, cell: bool = False) -> str:
    """Hostile text as Markdown: printable, the specials that could make emphasis, links,
    HTML or table cells escaped, autolinks broken; `code spans` kept as they are (nothing
    renders in them). ``cell``: it stands in a table row (see :func:`_code`)."""
    parts = printable(str(value)).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span at all
        text = _inert("`".join(parts)).replace("`", "\\`")
    else:
        text = "`".join(
            _code_text(part, cell) if index % 2 else _inert(part)
            for index, part in enumerate(parts)
        )
    return _LINE_START.sub(r"\\\1", text)


def _code_text(text: str, cell: bool) -> str:
    # GFM splits a table row into cells before it reads code spans: a `|` inside one ends
    # the cell unless escaped, and the table then drops that backslash (GFM "Tables").
    return text.replace("|", "\\|") if cell else text


def _code(value: object, cell: bool = False) -> str:
    """Hostile text as a code span (backticks cannot close it early; ``cell``: one in a
    table row, whose pipes cannot end the cell)."""
    text = printable(str(value)).replace("`", "'")
    return f"`{_code_text(text, cell)}`"


def _mapping(value: object) -> dict[str, Any]:
    """A report's object field as an object: the fields the write-up reads inside a
    finding's ``timeline`` (or a key's ``permissions``) are copied by the report's
    validation as they are, so any one may be of another type."""
    return value if isinstance(value, dict) else {}


def _short(ref: str) -> str:
    for prefix in ("refs/heads/", "refs/tags/", "refs/remotes/"):
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return ref


def _when(stamp: Any) -> str:
    if not isinstance(stamp, dict):
        return "-"
    commit = str(stamp.get("commit") or "")[:12]
    return f"{_text(stamp.get('date') or '?')} ({_code(commit)})" if commit else "-"


def _type(finding: dict[str, Any], cell: bool = False) -> str:
    kind = _text(finding.get("type", "?"), cell)
    if finding.get("partial"):
        count = _text(finding.get("characters", "?"), cell)
        return f"{kind} (partial: its first {count} characters)"
    return kind


def _keys_by_fingerprint(check: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    keys = (check or {}).get("keys") or []
    return {k["fingerprint"]: k for k in keys if isinstance(k, dict) and "fingerprint" in k}


def _key_of(finding: dict[str, Any], keys: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The check result of a finding: its own (an API key), its pair's (a secret is
    checked through the API key it signs for), or its whole value's (a partial value)."""
    for field in ("fingerprint", "pair", "partial_of"):  # a partial: its whole value's
        found = keys.get(str(finding.get(field) or ""))
        if found is not None:
            return found
    return None


def _live_text(key: dict[str, Any] | None) -> str:
    if key is None:
        return "not checked"
    status = str(key.get("status", "?"))
    if status == "active":
        return f"live, risk {key.get('risk', '?')}"
    if status in GONE:
        return f"no longer works ({status})"
    return f"{status} (treat it as live)"


def _pushed_text(finding: dict[str, Any]) -> str:
    status = finding.get("pushed_status")
    pushed = _mapping(_mapping(finding.get("timeline")).get("pushed")).get("earliest")
    seen = ""
    if isinstance(pushed, dict) and pushed.get("date"):
        seen = f", first seen on {_short(str(pushed.get('ref', '')))} {pushed['date']}"
    if status == "cleaned_on_remote":
        return f"yes, then cleaned on the remote (this clone is stale{seen})"
    if status == "yes" or finding.get("pushed"):
        return f"yes{seen}"
    return "not that this clone knows"


def _finding_section(
    number: int, finding: dict[str, Any], key: dict[str, Any] | None, check_hint: str
) -> list[str]:
    timeline = _mapping(finding.get("timeline"))
    intro = _mapping(timeline.get("introduced"))
    title = f"{_type(finding)} {_code(finding.get('redacted', '?'))}"
    out = [f"### {number}. {title}", ""]
    out.append(f"- Fingerprint: {_code(finding.get('fingerprint', '?'))}")
    where = f"{_code(finding.get('path', '?'))} line {_text(finding.get('line', '?'))}"
    if finding.get("in_message"):
        where = "a commit message" if not finding.get("tag") else "an annotated tag's message"
    out.append(
        f"- Introduced: {_text(intro.get('date') or finding.get('date', '?'))} by "
        f"{_text(intro.get('author') or finding.get('author', '?'))} in commit "
        f"{_code(str(finding.get('commit', '?'))[:12])} ({where}), first seen on "
        f"{_code(_short(str(intro.get('ref') or '-')))}"
    )
    reached = _mapping(timeline.get("reached"))
    if reached:
        out.append("- Reached:")
        for ref, stamp in reached.items():
            tagged = " (tag made)" if isinstance(stamp, dict) and stamp.get("tag_date") else ""
            out.append(f"  - {_code(_short(ref))}: {_when(stamp)}{tagged}")
    removed = _mapping(timeline.get("removed"))
    if removed:
        out.append("- Left the tree:")
        for ref, stamp in removed.items():
            text = _when(stamp) if stamp else "still present at the branch's tip"
            out.append(f"  - {_code(_short(ref))}: {text}")
    out.append(f"- Pushed: {_text(_pushed_text(finding))}")
    places = [p.get("step", "") for p in finding.get("cleanup") or [] if isinstance(p, dict)]
    if places:
        out.append("- Still lives in:")
        out.extend(f"  - {_text(step)}" for step in places)
    if key is not None:
        out.append(f"- Live check: {_text(_live_text(key))}. {_text(key.get('risk_reason', ''))}")
        permissions = [name for name, on in _mapping(key.get("permissions")).items() if on is True]
        if permissions:
            out.append(f"- Permissions: {', '.join(_code(p) for p in permissions)}")
        if key.get("ip_restricted") is not None:
            out.append(f"- IP-restricted: {'yes' if key['ip_restricted'] else 'no'}")
    else:
        out.append(f"- Live check: not run ({check_hint})")
    out.append("")
    return out


def _check_hint(sweep_file: str | None) -> str:
    """The commands that run the live check this write-up has no results of."""
    if sweep_file is None:
        return _text(
            "`binance-secrets sweep --format json --output sweep.json`, then "
            "`binance-secrets check --report sweep.json`"
        )
    return _text(f"`binance-secrets check --report {shlex.quote(sweep_file)}`")


def _playbook(
    findings: list[dict[str, Any]], keys: dict[str, dict[str, Any]], since: str | None
) -> list[tuple[str, str]]:
    """(step id, text) in playbook order: each checked key's tailored steps, merged, or the
    whole playbook when nothing was checked."""
    from ...plugins.livecheck import playbook

    checked = [key for key in (_key_of(f, keys) for f in findings) if key is not None]
    if not checked:
        return playbook.all_step_texts(since)
    merged: dict[str, str] = {}
    for key in checked:
        permissions = {k: v for k, v in _mapping(key.get("permissions")).items() if v is True}
        for step, text in playbook.tailor_steps(str(key.get("status")), permissions, since):
            merged.setdefault(step, text)
    order = list(playbook.STEPS)
    return sorted(merged.items(), key=lambda item: order.index(item[0]))


def render_incident(
    sweep: dict[str, Any], check: dict[str, Any] | None = None, sweep_file: str | None = None
) -> str:
    """The write-up of the incident a sweep report (and a check report) describe.

    ``sweep_file``: the file the sweep report was read from (``respond --report``), named in
    the command that runs the live check; None when the sweep writes the Markdown itself,
    and there is no JSON report yet to check."""
    check_hint = _check_hint(sweep_file)
    findings = [f for f in sweep.get("findings") or [] if isinstance(f, dict)]
    # The sweep's own --ignore-testnet: its exit code did not count testnet keys, nor does
    # the write-up (only a JSON `true` turns it on: a report is hostile input).
    ignore_testnet = _mapping(sweep.get("scope")).get("ignore_testnet") is True
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    examples = sum(1 for f in findings if f.get("example"))
    testnet = len(findings) - len(failing) - examples  # not failing, not examples
    keys = _keys_by_fingerprint(check)
    dates = [
        str(_mapping(_mapping(f.get("timeline")).get("introduced")).get("date") or f.get("date"))
        for f in failing
    ]
    since = min((d for d in dates if d and d != "None"), default=None)
    repository = sweep.get("root", "?")
    out = [f"# Incident write-up: Binance credentials in {_code(repository)}", ""]
    made = f"Sweep report of {_text(sweep.get('generated_at', '?'))}"
    if check is not None:
        made += f", check report of {_text(check.get('generated_at', '?'))}"
    out.append(f"{made}; binance-secrets {_text(sweep.get('tool_version', '?'))}.")
    out.append("")
    out.append("## Summary")
    out.append("")
    if not failing:
        return "\n".join([*out, *_nothing_found(sweep, examples, testnet)])
    matched = {id(k): k for k in (_key_of(f, keys) for f in failing) if k is not None}
    statuses = [str(k.get("status")) for k in matched.values()]
    live = statuses.count("active")
    gone = sum(1 for status in statuses if status in GONE)
    partial = sum(1 for f in failing if f.get("partial"))
    whole = len(failing) - partial
    also = f", and {partial} partial value(s) quoted in commit messages" if partial else ""
    out.append(
        f"- {whole} value(s) found{also}, in {_text(sweep.get('commits_swept', '?'))} "
        f"commit(s) swept ({_scope(sweep)})."
    )
    if testnet:
        out.append(_testnet_line(testnet))
    if since:
        out.append(f"- Exposed since {_text(since)} (the earliest commit that added one).")
    if check is not None:
        out.append(
            f"- Live check: {len(matched)} API key(s) checked, {live} live, {gone} no longer "
            "work (deleted, or bound to other IP addresses)."
        )
    else:
        out.append("- Live check: not run.")
    out.append("")
    out.append("## What leaked")
    out.append("")
    out.append("| # | Type | Value | Introduced | Pushed | Live |")
    out.append("|---|------|-------|------------|--------|------|")
    for number, finding in enumerate(failing, start=1):
        key = _key_of(finding, keys)
        out.append(
            f"| {number} | {_type(finding, True)} | {_code(finding.get('redacted'), True)} "
            f"| {_text(finding.get('date', '?'), True)} | {_text(_pushed_text(finding), True)} "
            f"| {_text(_live_text(key), True)} |"
        )
    out.append("")
    out.append("## Where and since when")
    out.append("")
    for number, finding in enumerate(failing, start=1):
        out.extend(_finding_section(number, finding, _key_of(finding, keys), check_hint))
    out.extend(_steps(failing, keys, since, sweep, check))
    return "\n".join(out).rstrip("\n") + "\n"


def _scope(sweep: dict[str, Any]) -> str:
    """What the sweep read, from its report's ``scope``: a pull request's `--range` sweep
    did not read every branch, and the write-up must not say it did."""
    scope = _mapping(sweep.get("scope"))
    refs = scope.get("refs", "all")
    if scope.get("range"):
        where = f"the range {_code(scope['range'])}"
    elif isinstance(refs, list):
        where = "the commits reachable from " + ", ".join(_code(_short(str(r))) for r in refs)
    elif scope.get("reachable_only"):
        where = "every branch, tag and stash entry; not reflog-only or dangling commits"
    else:
        where = "every branch, tag, stash entry, the reflog and dangling commits"
    since = scope.get("since")
    return f"{where}; committed since {_text(since)}" if since else where


def _testnet_line(count: int) -> str:
    return (
        f"- {count} testnet or demo value(s) not counted: the sweep ran with "
        "`--ignore-testnet` (a testnet key in a public place is still a credential)."
    )


def _nothing_found(sweep: dict[str, Any], examples: int, testnet: int) -> list[str]:
    """The write-up of a sweep that found nothing to act on: it says so, and that the
    playbook does not apply, rather than listing steps that tell the user to delete a key.
    ``examples`` and ``testnet``: the values it found that fail no run."""
    accepted = len([i for i in sweep.get("ignored") or [] if isinstance(i, dict)])
    out = [
        f"- Nothing found: no Binance credential in the "
        f"{_text(sweep.get('commits_swept', '?'))} commit(s) swept ({_scope(sweep)})."
    ]
    if accepted:
        out.append(
            f"- {accepted} value(s) accepted by the project (.secrets.baseline or "
            "`binance-secrets ignore`) are not counted: `binance-secrets sweep -v` lists them."
        )
    if examples:
        out.append(f"- {examples} value(s) not failing the sweep (documentation examples).")
    if testnet:
        out.append(_testnet_line(testnet))
    out += [
        "",
        "## Steps",
        "",
        "None of the leak-response steps applies: there is no key to delete or to check, no "
        "account activity to review for it, no replacement key to make, and nothing to "
        "remove from git history or from copies. A key that leaked some other way (a "
        "chat, a ticket, a screenshot): `binance-secrets respond` prints the whole playbook.",
    ]
    return [*out, ""]


def _steps(
    failing: list[dict[str, Any]],
    keys: dict[str, dict[str, Any]],
    since: str | None,
    sweep: dict[str, Any],
    check: dict[str, Any] | None,
) -> list[str]:
    """The playbook, each step marked taken ([x]) when a report shows it done; the history
    step is the sweep's clean-up sequence."""
    checked = [key for key in (_key_of(f, keys) for f in failing) if key is not None]
    deleted = bool(checked) and len(checked) == len(failing)
    deleted = deleted and all(k.get("status") in GONE for k in checked)
    out = ["## Steps", "", "In the order Binance and the playbook recommend; [x]: taken.", ""]
    given = sweep.get("cleanup_sequence")
    sequence = [s for s in given if isinstance(s, str)] if isinstance(given, list) else []
    for step, text in _playbook(failing, keys, since):
        done = step in ("delete", "confirm_deleted") and deleted
        mark = "x" if done else " "
        if done:
            text += f" (check of {check.get('generated_at', '?') if check else '?'}: no key works)"
        if step == "history":
            if not failing:
                out.append(f"- [x] {_text(text)}")
                continue
            out.append(f"- [ ] {_text(text)} The sweep's clean-up sequence:")
            out.extend(f"  {n}. {_text(s)}" for n, s in enumerate(sequence, start=1))
            continue
        out.append(f"- [{mark}] {_text(text)}")
    out.append("")
    return out

"""What a git hook says when it blocks a commit: what happened, how to fix it, what else.

The reader is someone whose `git commit` just failed. They need, in this order: that nothing
reached history (so no history rewrite, no panic), the fix for the file they wrote (read the
value from the environment, one line in that file's language), how to mark a false
positive, how to commit anyway on purpose, and a live-check command that works where the
hook ran (pre-commit's environment does not put `binance-secrets` on PATH, so the command
names this interpreter) and still works after the value left the work tree.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...plugins.detection.findings import fails_run
from .sanitize import printable, quote_path, shell_operands
from .text import render_finding

HOOK_ID = "binance-secrets"  # the id in .pre-commit-hooks.yaml, for SKIP=
KINDS = ("pre-commit", "git")

# The variable to read each type from; BINANCE_API_KEY/SECRET are what `check` reads too.
ENV_NAMES = {
    "Binance API Key": "BINANCE_API_KEY",
    "Binance Secret Key": "BINANCE_API_SECRET",
    "Binance Private Key": "BINANCE_PRIVATE_KEY_FILE",
}


@dataclass(frozen=True)
class Style:
    """One kind of file: how its name looks, the fix in its own words, its comment marker.

    ``fix`` is one line; ``{var}`` is the environment variable, ``{path}`` and ``{name}``
    the file's path and base name. ``comment`` is None where the format has no comments
    (then a false positive goes in a baseline).
    """

    label: str
    suffixes: tuple[str, ...]
    fix: str
    comment: str | None = "#"
    names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    def matches(self, name: str) -> bool:
        return (
            name in self.names
            or name.endswith(self.suffixes)
            or any(name.startswith(p) for p in self.prefixes)
        )


# First match wins; the last entry matches everything.
STYLES: tuple[Style, ...] = (
    Style(
        ".env file",
        (".env",),
        "keep the file out of git: `git rm --cached {path} && echo {name} >> .gitignore`, "
        "and commit a .env.example with empty values instead",
        names=(".env",),
        prefixes=(".env.",),
    ),
    Style(
        "Postman collection",
        (".postman_collection.json", ".postman_environment.json"),
        "use a variable, {{{{{var}}}}}, whose value lives in a local Postman environment "
        "that is not exported to git",
        comment=None,
    ),
    Style("Python", (".py", ".pyw", ".ipynb"), 'read it from the environment: os.environ["{var}"]'),
    Style(
        "JavaScript/TypeScript",
        (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"),
        "read it from the environment: process.env.{var}",
        comment="//",
    ),
    Style(
        "YAML",
        (".yml", ".yaml"),
        "substitute it from the environment: `key: ${{{var}}}` (docker compose, envsubst); "
        "in Kubernetes use `valueFrom: secretKeyRef` with a Secret created outside git",
    ),
    Style(
        "JSON",
        (".json",),
        "JSON has no substitution: leave the value empty and set it from {var} in the code "
        "that loads the file, or keep the file out of git (.gitignore) and commit an example",
        comment=None,
    ),
    Style(
        "config file",
        (".toml", ".ini", ".cfg", ".conf", ".properties"),
        "leave the value out and read {var} in the code that loads the file, or keep the "
        "file out of git (.gitignore) and commit an example copy",
    ),
    Style(
        "shell script",
        (".sh", ".bash", ".zsh", ".bashrc", ".zshrc", ".profile"),
        'take it from the caller\'s environment: : "${{{var}:?set {var}}}"',
    ),
    Style(
        "Dockerfile",
        (".dockerfile",),
        "pass it when the container starts (`docker run -e {var}`), never in an ENV or ARG line",
        names=("dockerfile",),
    ),
    Style("Go", (".go",), 'read it from the environment: os.Getenv("{var}")', comment="//"),
    Style(
        "Java/Kotlin",
        (".java", ".kt", ".kts", ".scala"),
        'read it from the environment: System.getenv("{var}")',
        comment="//",
    ),
    Style(
        "C#",
        (".cs",),
        'read it from the environment: Environment.GetEnvironmentVariable("{var}")',
        comment="//",
    ),
    Style("Rust", (".rs",), 'read it from the environment: std::env::var("{var}")', comment="//"),
    Style("Ruby", (".rb",), 'read it from the environment: ENV.fetch("{var}")'),
    Style("PHP", (".php",), "read it from the environment: getenv('{var}')", comment="//"),
    Style(
        "PowerShell",
        (".ps1", ".psm1"),
        "read it from the environment: $env:{var}",
    ),
    Style(
        "batch file",
        (".bat", ".cmd"),
        "take it from the caller's environment: %{var}%",
        comment=None,
    ),
    Style("R", (".r",), 'read it from the environment: Sys.getenv("{var}")'),
    Style(
        "Terraform",
        (".tf", ".tfvars"),
        "declare a sensitive variable and set it outside git: TF_VAR_binance_api_key=... "
        "(never in a committed .tfvars)",
    ),
    Style(
        "systemd unit",
        (".service",),
        "load it from a file outside the repository: EnvironmentFile=/etc/<service>/binance.env",
    ),
    Style(
        "XML config",
        (".xml", ".config"),
        "leave the value out and read {var} where the file is loaded, or keep the file out "
        "of git (.gitignore) and commit an example",
        comment=None,
    ),
    Style(
        "data or log file",
        (".log", ".csv", ".tsv"),
        "keep it out of git: `git rm --cached {path}` and add it to .gitignore (and "
        "stop logging credentials)",
        comment=None,
    ),
    Style(
        "documentation",
        (".md", ".rst", ".txt", ".adoc"),
        "replace the value with a placeholder such as <your-api-key>",
        comment=None,
    ),
    Style("file", ("",), "read the value from the environment ({var}) instead of the file"),
)


def style_of(path: str) -> Style:
    name = os.path.basename(path).lower()
    return next(style for style in STYLES if style.matches(name))


def _fix_lines(findings: list[dict[str, Any]]) -> list[str]:
    """One line per file: its style's fix, with the variable(s) its findings belong in."""
    by_path: dict[str, list[str]] = {}
    for finding in findings:
        names = by_path.setdefault(finding["path"], [])
        var = ENV_NAMES.get(finding["type"], "BINANCE_API_KEY")
        if var not in names:
            names.append(var)
    lines = []
    for path, names in by_path.items():
        style = style_of(path)
        fix = printable(
            # Both the path and the name are quoted: `echo {name}` of a staged
            # `.env.$(cmd)` ran cmd when pasted (docs/threat-model.md, round 11).
            style.fix.format(
                var=names[0],
                path=shell_operands([path]),
                name=shlex.quote(os.path.basename(path)),
            )
        )
        also = ""
        if len(names) > 1 and "{var}" in style.fix:
            also = f" (likewise {', '.join(names[1:])})"
        lines.append(f"    {quote_path(path)} ({style.label}): {fix}{also}")
    return lines


def baseline_advice() -> str:
    """How to accept a false positive, as a command that runs where the hook ran (the
    hook's own console script: pre-commit's environment is not on PATH)."""
    return f"record it in a baseline (`{own_command('baseline')}`, then commit .secrets.baseline)"


# A server reads no .secrets.baseline (a bare repository has no work tree) but does read
# the default branch's .binance-secrets.toml as it was before the push: a push never brings
# the config that judges it (hooks/commands/pre_receive.py).
SERVER_IGNORE_ADVICE = (
    "accept it in the project's config: `binance-secrets ignore FINGERPRINT --reason TEXT` "
    "(each fingerprint above), commit .binance-secrets.toml to the default branch on its own "
    "and push that first (this server reads no .secrets.baseline, and judges a push by the "
    "config it already has), then push again"
)


def _rewrite_lines(
    first: dict[str, Any], failing: list[dict[str, Any]], baseline: str | None = None
) -> list[str]:
    """How to take the values out of commits not yet pushed (or pushed and refused): an
    interactive rebase from the first one, each file's fix, a message's reword, the
    false-positive mark."""
    out = [
        f"    git rebase -i {first['commit'][:12]}^   (--root if it is the first commit; "
        "mark it `edit`, fix, `git commit --amend`, `git rebase --continue`)"
    ]
    files = [finding for finding in failing if not finding.get("in_message")]
    out.extend(_fix_lines(files))
    if len(files) < len(failing):
        out.append(
            "    a commit message: mark that commit `reword` instead, and take the value out "
            "of its message"
        )
    out.append(_pragma_line(failing, baseline))
    return out


def _pragma_line(findings: list[dict[str, Any]], baseline: str | None = None) -> str:
    baseline = baseline or baseline_advice()
    comments = {style_of(f["path"]).comment for f in findings}
    markers = [f"`{c} pragma: allowlist secret`" for c in ("#", "//") if c in comments]
    if not markers:
        sentence = baseline[:1].upper() + baseline[1:]  # after the question, a sentence
        return f"Not a real key (a test fixture, a revoked sample)? {sentence}."
    return (
        "Not a real key (a test fixture, a revoked sample)? End its line with "
        f"{' or '.join(markers)}, or {baseline}."
    )


def own_command(*args: str) -> str:
    """The command that runs binance-secrets from this interpreter's own installation: the
    console script beside it (a pre-commit environment is not on PATH). Never
    ``python -m binance_secrets.hooks``: typed in a checkout that holds a ``binance_secrets/``
    folder, that imports the folder instead of the tool (hooks/commands/self_command.py)."""
    name = "binance-secrets.exe" if os.name == "nt" else "binance-secrets"
    script = Path(sys.executable).parent / name
    command = (str(script) if script.is_file() else "binance-secrets", *args)
    return " ".join(shlex.quote(part) for part in command)


def _history_lines(failing: list[dict[str, Any]], committed: set[str]) -> list[str]:
    """What reached history: nothing, or values an earlier commit already holds."""
    old = [f for f in failing if f["fingerprint"] in committed]
    if not old:
        return [
            "Nothing was committed: the values are not in git history, so there is no "
            "history to rewrite."
        ]
    return [
        f"This commit was stopped, but {len(old)} of them (marked below) were already in "
        "these files at HEAD: an earlier commit put them in git history. Treat those keys "
        f"as leaked: check them, and `{own_command('sweep')}` shows every commit and "
        "ref that holds them."
    ]


def render_blocked(
    findings: list[dict[str, Any]],
    kind: str,
    ignore_testnet: bool = False,
    committed: set[str] | None = None,
) -> str:
    """The whole message for a blocked commit (``kind``: pre-commit or git).

    ``committed``: fingerprints of values the same files already hold at HEAD."""
    committed = committed or set()
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    out = [
        f"binance-secrets blocked this commit: {len(failing)} Binance credential(s) in the "
        "staged files.",
        *_history_lines(failing, committed),
        "",
    ]
    for finding in findings:
        lines = render_finding(finding, ignore_testnet)
        if finding["fingerprint"] in committed:
            lines[0] += " (already in git history: committed before)"
        out.extend(lines)
        out.append("")
    out.append("Fix: keep the values out of the files git tracks, then `git add` and commit again.")
    out.extend(_fix_lines(failing))
    out.append(_pragma_line(failing))
    out.append("Commit anyway, on purpose:")
    if kind == "pre-commit":
        out.append(f"    SKIP={HOOK_ID} git commit ...   (skips only this hook)")
    out.append("    git commit --no-verify ...   (skips every hook)")
    out.append("Is the key live? Check it read-only (the secret signs locally, it is never sent):")
    out.append(f"    {own_command('check', '--staged')}")
    out.append("  once it is no longer staged, type it at a hidden prompt instead:")
    out.append(f"    {own_command('check', '--prompt', '--not-committed')}")
    return "\n".join(out) + "\n"


def _finding_blocks(findings: list[dict[str, Any]], ignore_testnet: bool) -> list[str]:
    """Each finding's lines, a blank line after each: the body every blocked message shares."""
    out: list[str] = []
    for finding in findings:
        out.extend(render_finding(finding, ignore_testnet))
        out.append("")
    return out


def render_blocked_push(
    findings: list[dict[str, Any]], remote: str, tips: list[str], ignore_testnet: bool = False
) -> str:
    """The message for a push stopped by the pre-push hook (sweep findings, with commits).

    Unlike a blocked commit, the values ARE in local history, so the fix is to rewrite the
    commits that have not been pushed yet; nothing reached ``remote``.
    """
    remote = printable(remote)
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    first = min((f for f in failing), key=lambda f: f.get("committer_date", ""))
    out = [
        f"binance-secrets stopped this push to {remote}: {len(failing)} Binance "
        "credential(s) in the commits it would send.",
        f"Nothing was pushed; the values are only in local commits not yet on {remote}.",
        "",
    ]
    out.extend(_finding_blocks(findings, ignore_testnet))
    out.append(
        "Fix: take the values out of those commits before pushing (they are not on the "
        "remote, so no force-push is needed):"
    )
    out.extend(_rewrite_lines(first, failing))
    out.append("Push anyway, on purpose: git push --no-verify ...")
    refs = [part for tip in tips for part in ("--ref", tip[:12])]
    out.append("Is the key live? Check it read-only (the secret signs locally, it is never sent):")
    out.append(
        f"    {own_command('sweep', *refs, '--quiet', '--format', 'json')}"
        f" | {own_command('check', '--report', '-')}"
    )
    return "\n".join(out) + "\n"


def render_stale_push(
    findings: list[dict[str, Any]], remote: str, ignore_testnet: bool = False
) -> str:
    """The message for a push from a clone behind a cleaned remote: the values are in the
    old history the remote was rewritten to drop, so no rebase and no force-push, ever;
    the clone resets to the cleaned history (the sweep's own sequence, one source)."""
    from . import cleanup_text as cleanup

    remote = printable(remote)
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    cleaned = sorted(
        {r for f in findings for r in (f.get("lives_in") or {}).get("stale_remotes", {})}
    )
    out = [
        f"binance-secrets stopped this push to {remote}: {', '.join(map(printable, cleaned))} "
        f"was cleaned of {len(failing)} Binance credential(s) that this clone's old history "
        "still holds.",
        "This push would put them back: do not push from this clone, and never force-push "
        "(nor push with --no-verify).",
        "",
    ]
    out.extend(_finding_blocks(findings, ignore_testnet))
    out.append("Do this instead, in order:")
    steps = cleanup.stale_sequence([f["lives_in"] for f in failing if f.get("lives_in")])
    out.extend(f"  {n}. {printable(step)}" for n, step in enumerate(steps, start=1))
    return "\n".join(out) + "\n"


def render_blocked_receive(
    findings: list[dict[str, Any]], refs: list[str], ignore_testnet: bool = False
) -> str:
    """The message for a push the server's pre-receive hook rejected (git shows it to the
    pusher, each line after ``remote:``): what, where, how to fix it, how to mark a false
    positive. Nothing reached the server's refs: the fix is the pre-push one, on the
    pusher's side."""
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    shown = ", ".join(printable(ref) for ref in refs[:5])
    more = f" and {len(refs) - 5} more" if len(refs) > 5 else ""
    out = [
        f"binance-secrets rejected this push: {len(failing)} Binance credential(s) in the "
        f"commits it brings ({shown}{more}).",
        "Nothing was changed on the server: no ref was updated and the pushed commits were "
        "discarded.",
        "",
    ]
    # Where the server's refs hold a value says nothing here: the pushed commits are in
    # quarantine, reachable from no ref yet ("in HEAD: no", "refs: -" would be wrong).
    server_state = ("in_head", "refs", "pushed", "pushed_status", "unreachable", "cleanup")
    shown_findings = [{k: v for k, v in f.items() if k not in server_state} for f in findings]
    out.extend(_finding_blocks(shown_findings, ignore_testnet))
    out.append("Fix, in your clone: take the values out of those commits, then push again:")
    # A pushed annotated tag's message holds its own values: the tag is made again. A ref
    # naming a file (a tag of a blob or tree) holds them in no commit: it is dropped.
    committed = [f for f in failing if not f.get("tag") and not f.get("ref")]
    if committed:
        first = min(committed, key=lambda f: f.get("committer_date", ""))
        out.extend(_rewrite_lines(first, committed, SERVER_IGNORE_ADVICE))
    for ref in dict.fromkeys(f["tag"] for f in failing if f.get("tag")):
        tag = ref.removeprefix("refs/tags/")
        name, operand = printable(shlex.quote(tag)), printable(shell_operands([tag]))
        out.append(
            f"    the annotated tag {name}: `git tag -d {operand}`, then tag again with a "
            f"message without the value (`git tag -a {operand} COMMIT`)"
        )
    for ref in dict.fromkeys(f["ref"] for f in failing if f.get("ref")):
        name, operand = printable(shlex.quote(ref)), printable(shell_operands([ref]))
        out.append(
            f"    {name} names a file, not a commit: delete that ref in your clone "
            f"(`git update-ref -d {operand}`) and push without it"
        )
    if not committed:
        out.append(_pragma_line(failing, SERVER_IGNORE_ADVICE))
    out.append(
        "Treat the key as leaked all the same: it left your machine. Check it read-only in "
        "your clone: binance-secrets sweep --format json | binance-secrets check --report -"
    )
    return "\n".join(out) + "\n"

"""What to do about each place a swept value lives, and the clean-up sequence that ends with
a sweep that finds nothing. Every clean-up text lives here, once.

The places come from the sweep (``lives_in`` in a sweep finding, see
:mod:`hooks.sweep.cleanup_plan`). The sequence follows git-filter-repo's own next steps for a
sensitive-data removal (force-push, other clones re-clone, ask the server's admins to
clean up; git-filter-repo(1), "Sensitive Data Removal") and GitHub's "Removing sensitive
data from a repository": old commits stay reachable "directly via their SHA-1 hashes in
cached views" and "through any pull requests that reference them" until support removes
them (docs.github.com/en/authentication/keeping-your-account-and-data-secure/
removing-sensitive-data-from-a-repository).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from typing import Any

from .sanitize import printable, quote_path, ref_glob
from .sanitize import shell_operands as operands

# place -> text. {label}: "branch" or "branches" etc.; {names}: the names, a few shown;
# {it}: "it" or "them"; {command}: the exact command for every name, quoted for a shell.
PLACES: dict[str, str] = {
    "head": (
        "in the files at HEAD ({names}): make the code read the value from the environment "
        "(a key file: keep it out of the repository); the history rewrite leaves the marker "
        "in its place"
    ),
    "checked_out": "branch {names} (checked out): rewrite history (see the clean-up sequence)",
    "branch": (
        "{label} {names}: delete {it} if you no longer need {it} (`{command}`), otherwise "
        "rewrite history"
    ),
    "branch_covered": "{label} {names}: covered by the history rewrite",
    "message": (
        "a commit message: the history rewrite replaces it there too (`--replace-message` "
        "reads the same replacements file for commit and tag messages)"
    ),
    "tag_message": (
        "an annotated tag's message: the history rewrite replaces it there too "
        "(`--replace-message`)"
    ),
    "tag": (
        "{label} {names}: delete {it} if no release needs {it} (`{command}`), otherwise the "
        "history rewrite moves {it} to the rewritten commits (new ids: tell whoever uses {it})"
    ),
    "tag_covered": (
        "{label} {names}: the history rewrite moves {it} to the rewritten commits (new ids: "
        "tell whoever uses {it})"
    ),
    "ref_object": (
        "{label} {names} (naming the file itself, not a commit): no history rewrite changes "
        "{it}; delete {it} (`{command}`), here and on every remote that has {it}"
    ),
    "stash_only": (
        "{label} {names}: drop {it}, highest index first, as dropping renumbers the entries "
        "above (`{command}`)"
    ),
    "stash": (
        "{label} {names} (made on history that has the value): the history rewrite rewrites "
        "{it} too"
    ),
    "remote": (
        "remote {remote} ({names}): the value left this machine; after the rewrite "
        "force-push every branch and tag there, and ask the hosting service to purge cached "
        "views and pull-request refs"
    ),
    "head_stale": (
        "in the files at HEAD ({names}): the reset to the cleaned history puts the marker "
        "in its place; make the code read the value from the environment"
    ),
    "stale": (
        "{label} {names}: cleaned on {remote} (rewritten there), while this clone still has "
        "the old history: do not push from this clone, never force-push; reset to the "
        "cleaned history (see the clean-up sequence)"
    ),
    "checked_out_stale": (
        "branch {names} (checked out): old history; reset it to the cleaned one "
        "(`{command}`, see the clean-up sequence)"
    ),
    "branch_stale": (
        "{label} {names}: old history; reset {it} to the cleaned one (`{command}`, see the "
        "clean-up sequence)"
    ),
    "branch_old": (
        "{label} {names}: made on the old history, not on {remote}: save {its} own commits "
        "as patches outside the repository, then delete {it} (`{command}`) and start {it} "
        "again from the cleaned history"
    ),
    "tag_stale": (
        "{label} {names}: `{command}` replaces {it} with {remote}'s cleaned {label}; a tag "
        "{remote} no longer has: delete it (`git tag -d NAME`)"
    ),
    "stash_stale": (
        "{label} {names} (made on the old history): save what you keep as a patch outside "
        "the repository (`git stash show -p 'stash@{{n}}' > ../stash-n.patch`); the reflog "
        "expiry drops {it}"
    ),
    "reflog_stale": "the reflog and old objects: the reflog expiry and prune remove them",
    "ref": "{label} {names}: covered by the history rewrite, or delete {it} (`{command}`)",
    "detached": (
        "the detached HEAD: switch to a branch first (`git switch BRANCH`), which leaves "
        "that commit to the reflog only"
    ),
    "reflog": (
        "the reflog only: `git reflog expire --expire=now --all && git gc --prune=now` "
        "(this also empties the stash list: apply or branch off the entries you keep first)"
    ),
    "dangling": "a dangling commit: `git gc --prune=now`",
    "reflog_covered": "the reflog: the history rewrite expires it (as `git reflog expire`)",
    "dangling_covered": "a dangling commit: the history rewrite prunes it (as `git gc`)",
}

LABELS = {
    "branch": ("branch", "branches"),
    "tag": ("tag", "tags"),
    "stash": ("stash entry", "stash entries"),
    "ref": ("ref", "refs"),
    "stale": ("remote-tracking branch", "remote-tracking branches"),
}
# Names shown in a step; the JSON's "names" has them all.
MAX_NAMES_SHOWN = 5

EXPIRE_AND_PRUNE = "git reflog expire --expire=now --all && git gc --prune=now"
PRUNE = "git gc --prune=now"
GITHUB_GUIDE = (
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/"
    "removing-sensitive-data-from-a-repository"
)


def _shown(names: list[str]) -> str:
    more = len(names) - MAX_NAMES_SHOWN
    shown = ", ".join(names[:MAX_NAMES_SHOWN])
    return f"{shown} and {more} more" if more > 0 else shown


def _stash_name(index: int) -> str:
    return f"stash@{{{index}}}"


def stash_drops(indexes: Iterable[int]) -> str:
    """`git stash drop` for each entry, highest index first so the others keep theirs."""
    return " && ".join(
        f"git stash drop {shlex.quote(_stash_name(i))}" for i in sorted(indexes, reverse=True)
    )


def _place(place: str, names: list[str], command: str = "", remote: str = "") -> dict[str, Any]:
    kind = place.split("_")[0]
    label = LABELS.get(kind, (kind, kind))[len(names) > 1]
    step = PLACES[place].format(
        label=label,
        names=_shown(names),
        it="them" if len(names) > 1 else "it",
        its="their" if len(names) > 1 else "its",
        command=command,
        remote=remote,
    )
    return {"place": place, "names": names, "step": step}


EVIDENCE = "../incident-evidence"
COMMIT_MAP = f'cp "$(git rev-parse --git-dir)/filter-repo/commit-map" {EVIDENCE}/'


def evidence_step(wheres: list[dict[str, Any]], bare: bool) -> str:
    """Keep what the rewrite destroys, outside the repository: the reports (they name the
    old commits) and the reflog of the refs that held a value (when each moved)."""
    refs = ["HEAD"] if not bare else []
    for where in wheres:
        refs += [f"refs/heads/{b}" for b in where["branches"]]
        refs += [
            f"refs/remotes/{r}/{b}" for r, bs in where["remotes"].items() for b in bs if b != "HEAD"
        ]
    names = " ".join(shlex.quote(ref) for ref in dict.fromkeys(refs) if ref_glob(ref) == ref)
    reflog = (
        f", `git log -g --date=iso-strict --format='%gD %H %gs' {names} -- > {EVIDENCE}/reflog.txt`"
        if names
        else ""
    )
    return (
        "Keep the evidence before the rewrite destroys it, outside the repository: "
        f"`mkdir -p {EVIDENCE}`, the sweep report (`binance-secrets sweep --format json "
        f"--output {EVIDENCE}/sweep.json`, which exits 1: values found), the live check "
        f"(`binance-secrets check --report {EVIDENCE}/sweep.json --format json --output "
        f"{EVIDENCE}/check.json`){reflog}."
    )


def reset_commands(remote: str, branches: list[str], current: str | None) -> str:
    """`git reset --hard REMOTE/BRANCH` for each branch, the checked-out one last (the
    others are switched to first; the last switch comes back to it)."""
    steps = []
    ordered = [b for b in branches if b != current] + [b for b in branches if b == current]
    for branch in ordered:
        # A remote named like an option is reached by the tracking ref's full name.
        tracking = f"{'refs/remotes/' if remote.startswith('-') else ''}{remote}/{branch}"
        if branch != current or len(ordered) > 1:
            steps.append(f"git switch {operands([branch])}")
        steps.append(f"git reset --hard {shlex.quote(tracking)}")
    return " && ".join(steps)


def is_stale(where: dict[str, Any]) -> bool:
    """Whether a remote was cleaned of the value while this clone still has the old
    history (``lives_in.stale_remotes``): this clone resets, it never pushes."""
    return bool(where.get("stale_remotes"))


def _stale_places(where: dict[str, Any]) -> list[dict[str, Any]]:
    """The places of a value in a clone behind a cleaned remote: every branch with a
    cleaned counterpart is reset to it, the rest is old history to save and delete."""
    found: list[dict[str, Any]] = []
    current = where["checked_out_branch"]
    reset: set[str] = set()
    for remote, branches in where["stale_remotes"].items():
        found.append(_place("stale", [f"{remote}/{b}" for b in branches], remote=remote))
        reset.update(branches)
        if current in branches:
            found.append(
                _place("checked_out_stale", [current], reset_commands(remote, [current], current))
            )
        others = [b for b in branches if b != current and b in where["branches"]]
        if others:
            found.append(_place("branch_stale", others, reset_commands(remote, others, None)))
    remote = next(iter(where["stale_remotes"]))
    old = [b for b in where["branches"] if b not in reset]
    if old:
        command = f"git branch -D {operands(old)}"
        found.append(_place("branch_old", old, command, remote=remote))
    if where["tags"]:
        command = f"git fetch --force --tags {operands([remote])}"
        found.append(_place("tag_stale", where["tags"], command, remote=remote))
    if where["stash"]:
        names = [_stash_name(i) for i in sorted(where["stash"], reverse=True)]
        found.append(_place("stash_stale", names))
    found.append(_place("reflog_stale", []))
    return found


def needs_rewrite(where: dict[str, Any]) -> bool:
    """Whether only a history rewrite (or deleting refs) removes the value: a branch, tag,
    remote-tracking ref or other ref holds it. Stash, reflog and dangling copies go without."""
    return bool(where["branches"] or where["tags"] or where["remotes"] or where["other_refs"])


def places(finding: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per kind of place holding the value, each with the exact clean-up for it.

    When the checked-out branch has the value, history is rewritten anyway, and the other
    branches, tags and stash entries that hold it are covered by that rewrite: no advice to
    delete a hundred release tags that merely contain an old commit."""
    where = finding.get("lives_in")
    if not where or finding.get("example"):
        return []
    if is_stale(where):
        head = [quote_path(path) for path in finding.get("head_paths") or []]
        return ([_place("head_stale", head)] if head else []) + _stale_places(where)
    found: list[dict[str, Any]] = []

    def delete(command: str, namespace: str, names: list[str]) -> str:
        """``command`` for the names a user can type; a ref whose name holds a key is
        printed redacted, so it is reached by a glob instead."""
        plain = [name for name in names if ref_glob(name) == name]
        steps = [f"{command} {operands(plain)}"] if plain else []
        steps.extend(
            "git for-each-ref --format='delete %(refname)' "
            f"{shlex.quote(namespace + ref_glob(name))} | git update-ref --stdin"
            for name in names
            if ref_glob(name) != name
        )
        return " && ".join(steps)

    if finding.get("head_paths"):
        found.append(_place("head", [quote_path(path) for path in finding["head_paths"]]))
    for kind, place in (("commit_message", "message"), ("tag_message", "tag_message")):
        if where.get(kind) and needs_rewrite(where):
            found.append(_place(place, []))
    if where.get("detached_head"):
        found.append(_place("detached", []))
    current = where["checked_out_branch"]
    if current:
        found.append(_place("checked_out", [current]))
    others = [branch for branch in where["branches"] if branch != current]
    if others and current:
        found.append(_place("branch_covered", others))
    elif others:
        found.append(_place("branch", others, delete("git branch -D", "refs/heads/", others)))
    tags = where["tags"]
    if tags and current:
        found.append(_place("tag_covered", tags))
    elif tags:
        found.append(_place("tag", tags, delete("git tag -d", "refs/tags/", tags)))
    objects = where.get("ref_objects") or []
    if objects:
        deletes = " && ".join(delete("git update-ref -d", "", [ref]) for ref in objects)
        found.append(_place("ref_object", objects, deletes))
    stash = [_stash_name(i) for i in sorted(where["stash"], reverse=True)]
    if stash and needs_rewrite(where):
        found.append(_place("stash", stash))
    elif stash:
        found.append(_place("stash_only", stash, stash_drops(where["stash"])))
    for remote, branches in where["remotes"].items():
        found.append(_place("remote", [b for b in branches if b != "HEAD"], remote=remote))
    refs = where["other_refs"]
    if refs:
        # update-ref -d takes one ref (a second name would be its expected old value).
        deletes = " && ".join(delete("git update-ref -d", "", [ref]) for ref in refs)
        found.append(_place("ref", refs, deletes))
    covered = "_covered" if needs_rewrite(where) else ""
    if where["reflog"] or where.get("detached_head"):
        found.append(_place("reflog" + covered, []))
    if where["dangling"]:
        found.append(_place("dangling" + covered, []))
    return found


# What the clone knows of a push (``pushed_status`` in a sweep finding).
PUSHED_TEXT = {
    "yes": "yes (a remote-tracking ref has it)",
    "cleaned_on_remote": "cleaned on {remotes}, this clone is stale ({names} rewritten there; "
    "do not push from this clone)",
    "not_known": "not that we know",
}


def pushed_status(finding: dict[str, Any]) -> str:
    """ "yes": a remote-tracking ref holds the value; "cleaned_on_remote": a remote-tracking
    ref was rewritten without it while this clone's branch still holds it; else
    "not_known" (no remote-tracking ref says; it may still have been pushed by URL)."""
    where = finding.get("lives_in") or {}
    if finding.get("pushed") or where.get("remotes"):
        return "yes"
    if where.get("stale_remotes"):
        return "cleaned_on_remote"
    return "not_known"


def pushed_text(finding: dict[str, Any]) -> str:
    status = finding.get("pushed_status") or ("yes" if finding.get("pushed") else "not_known")
    stale = (finding.get("lives_in") or {}).get("stale_remotes") or {}
    names = ", ".join(f"{r}/{b}" for r, branches in stale.items() for b in branches)
    return PUSHED_TEXT.get(status, PUSHED_TEXT["not_known"]).format(
        remotes=", ".join(stale), names=names
    )


def head_status(finding: dict[str, Any]) -> str:
    """The "in HEAD" answer: a removed value is "still in history" only if the checked-out
    branch still has it; a value that only ever lived elsewhere says where."""
    head = finding.get("head_paths") or []
    if head:
        return f"yes ({', '.join(map(quote_path, head))})"
    where = finding.get("lives_in")
    if where is None:
        return "no (removed, but still in history)"
    if where["checked_out_branch"]:
        how = "in a commit message" if finding.get("in_message") else "removed, but still"
        return f"no ({how} in the history of {where['checked_out_branch']})"
    return "no, nor in the checked-out branch's history (see clean-up)"


def sequence(
    findings: Iterable[dict[str, Any]],
    remotes: list[str],
    replacements: str | None,
    partial: bool = False,
    bare: bool = False,
) -> list[str]:
    """The clean-up steps, in order, for every failing finding at once: each step appears
    only when some finding needs it, and the last one leaves a sweep that finds nothing.

    ``partial``: the clone has promisor packs, whose objects git never prunes, so the old
    commits stay in it as dangling ones; the rewrite is verified on what refs reach, and
    the clean sweep is that of a fresh clone. ``bare``: there is no work tree to save, and
    no remote-tracking ref tells what was pushed (a bare or mirror clone's branches are
    its remote's; a server's are what others pushed)."""
    wheres = [f["lives_in"] for f in findings if f.get("lives_in") and not f.get("example")]
    if not wheres:
        return []
    if any(is_stale(where) for where in wheres):
        return stale_sequence(wheres)
    rewrite = any(needs_rewrite(where) for where in wheres)
    stash_only = sorted(
        {i for where in wheres if not needs_rewrite(where) for i in where["stash"]}, reverse=True
    )
    detached = any(where.get("detached_head") for where in wheres)
    reflog = detached or any(where["reflog"] for where in wheres)
    # The remotes a remote-tracking ref says have a value, in the order git lists remotes.
    holders = [name for name in remotes if any(name in where["remotes"] for where in wheres)]
    holders += sorted({name for where in wheres for name in where["remotes"]} - set(holders))
    file = shlex.quote(replacements) if replacements else "FILE"
    steps = [
        "Delete the key at Binance first: cleaning history does not make a leaked key safe "
        "(`binance-secrets respond`)."
    ]
    note_origin = (
        "note origin's URL (`git remote get-url origin`): filter-repo removes the `origin` remote"
    )
    if rewrite and not bare:
        origin = f", and {note_origin}" if "origin" in remotes else ""
        # Someone may have cleaned the remote since this clone last fetched: rewriting and
        # force-pushing here would then overwrite their clean-up (stale_sequence instead).
        fetch = (
            f" Fetch first (`git fetch {operands(holders)}`"
            if len(holders) == 1
            else " Fetch first (`git fetch --all`"
        )
        fetch += (
            ") and sweep again: if the remote was cleaned meanwhile, that sweep says this "
            "clone is stale, and its steps neither rewrite nor push."
        )
        steps.append(
            "Save your work: commit or copy uncommitted changes (git filter-repo ends with "
            f"`git reset --hard`){origin}.{fetch if holders else ''}"
        )
    elif rewrite and "origin" in remotes:
        steps.append(f"First {note_origin}.")
    if detached:
        steps.append(
            "Switch to a branch (`git switch BRANCH`): the detached HEAD holds a value, and "
            "what it leaves behind goes with the reflog."
        )
    if stash_only:
        steps.append(
            f"Drop the stash entries that hold a value, highest first: `{stash_drops(stash_only)}`."
        )
    if rewrite:
        steps.append(evidence_step(wheres, bare))
    if rewrite:
        source = (
            ""
            if replacements
            else " (FILE: written by `binance-secrets sweep --replacements FILE`, outside "
            "the repository)"
        )
        # --replace-message always: it also reaches a value a message names where the
        # detection would not call it a credential (prose), and tag messages, for the cost
        # of a string replace per commit.
        steps.append(
            f"Rewrite history: `git filter-repo --force --replace-text {file} "
            f"--replace-message {file}`{source}; install it with `pip install "
            "git-filter-repo`. It replaces each value by a marker naming its fingerprint in "
            "every commit of every branch, tag and stash entry, and in every commit and tag "
            "message, then expires every reflog and prunes the old objects, so reflog-only "
            f"and dangling copies go too{' (not from promisor packs)' if partial else ''}. "
            "--force: this is the clone you work in, not a fresh clone. It cannot be undone."
        )
        steps.append(
            f"Keep filter-repo's map of old to new commit ids with the evidence: `{COMMIT_MAP}`."
        )
    elif reflog:
        steps.append(
            f"Expire the reflog and prune: `{EXPIRE_AND_PRUNE}`; this also empties the stash "
            "list: first apply or branch off (`git stash branch NAME stash@{n}`) the entries "
            "you keep."
        )
    else:
        steps.append(f"Prune what nothing references any more: `{PRUNE}`.")
    if partial:
        steps.append(
            "Verify: `binance-secrets sweep --reachable-only` exits 0. This is a partial clone "
            "(promisor packs): git keeps every object of those packs, so the old commits stay "
            "here, dangling, until this clone is deleted (last step)."
        )
    else:
        steps.append("Verify: `binance-secrets sweep` exits 0 and reports nothing.")
    readd = "first `git remote add origin URL` again (the URL you noted), then "
    if rewrite and bare and not holders:
        # No remote-tracking refs: every configured remote may hold what the branches hold.
        holders = list(remotes)
    if rewrite and bare and not holders:
        steps.append(
            "This bare repository is one that others push to and clone from: have everyone "
            "re-clone (not `git pull`, which merges the old history back): collaborators, "
            "forks, mirrors, CI caches; ask the hosting service, if any, to purge cached "
            "views and pull-request refs."
        )
    elif rewrite and holders:
        pushes = " && ".join(
            f"git push --force --all {name} && git push --force --tags {name}"
            for name in (operands([holder]) for holder in holders)
        )
        steps.append(
            f"Force-push every branch and tag: {readd if 'origin' in holders else ''}"
            f"`{pushes}`; delete there the branches and tags you deleted here "
            "(`git push REMOTE --delete NAME`)."
        )
        steps.append(
            "A bare origin on disk (or a server you administer) keeps the old commits after "
            f"the force-push, as dangling objects: run there `{EXPIRE_AND_PRUNE}`; "
            "`binance-secrets sweep` of that repository then exits 0."
        )
        steps.append(
            "Everyone else re-clones (not `git pull`, which merges the old history back, "
            "and their next push would bring the value back): collaborators, forks, "
            "mirrors, CI caches."
        )
        steps.append(
            "Ask the hosting service to purge cached views and pull-request refs: old "
            "commits stay reachable by id there, and no push can change refs/pull/* "
            f"(GitHub: contact GitHub Support, {GITHUB_GUIDE})."
        )
    elif rewrite:
        put_back = "Put origin back (`git remote add origin URL`). " if "origin" in remotes else ""
        steps.append(
            f"{put_back}No remote-tracking ref has a value, so as far as this clone knows it "
            "was never pushed; if it was (by URL, from another clone), force-push every "
            "branch and tag there, have everyone re-clone, and ask the host to purge cached "
            "views and pull-request refs."
        )
    if partial:
        steps.append(
            "Once every branch and tag you keep is pushed and the stash applied, delete this "
            "clone and clone again (a partial clone keeps the old objects); "
            "`binance-secrets sweep` in the new clone exits 0."
        )
    if replacements:
        steps.append(
            f"Delete the replacements file when done: it holds the full values (`rm {file}`)."
        )
    return steps


def stale_sequence(wheres: list[dict[str, Any]]) -> list[str]:
    """The clean-up for a clone behind a cleaned remote: its branches still hold the old
    history, the remote's were rewritten. Rewriting here or pushing would put the values
    back on the clean remote, so this clone saves its own work, resets to the cleaned
    history, and drops the old one (or is replaced by a new clone)."""
    stale: dict[str, list[str]] = {}
    for where in wheres:
        for remote, branches in where.get("stale_remotes", {}).items():
            known = stale.setdefault(remote, [])
            known.extend(b for b in branches if b not in known)
    current = next((w["checked_out_branch"] for w in wheres if w["checked_out_branch"]), None)
    names = ", ".join(f"{r}/{b}" for r, branches in stale.items() for b in branches)
    remotes = ", ".join(stale)
    reset = {b for branches in stale.values() for b in branches}
    old = sorted({b for w in wheres for b in w["branches"] if b not in reset})
    tags = sorted({t for w in wheres for t in w["tags"]})
    stash = any(w["stash"] for w in wheres)
    steps = [
        "Delete the key at Binance first, if not done yet: cleaning history does not make a "
        "leaked key safe (`binance-secrets respond`).",
        f"Do not push from this clone, and never force-push: {remotes} was cleaned "
        f"({names} rewritten: the values are replaced by markers there, or the old commits "
        "are gone), while this clone still has the old history with the values. Any push "
        f"would bring them back to {remotes}; do not rewrite history here either.",
        "Save your local work outside the repository, and check it holds no key: "
        "uncommitted changes (`git diff HEAD > ../my-work.patch`)"
        + (", stash entries you keep (`git stash show -p 'stash@{n}' > ../stash-n.patch`)"
           if stash else "")
        + ", and commits of yours not pushed yet (`git format-patch -o ../my-commits "
        "FIRST^..BRANCH`); then scan what you saved: `binance-secrets scan ../my-work.patch` "
        "(with `../my-commits` when you made it).",
    ]  # fmt: skip
    fetches = " && ".join(
        f"git fetch --force --prune{' --tags' if tags else ''} {operands([r])}" for r in stale
    )
    resets = " && ".join(reset_commands(r, branches, current) for r, branches in stale.items())
    steps.append(
        f"Reset every branch to the cleaned history: `{fetches} && {resets}`"
        + (" (the fetch also replaces the tags with the cleaned ones)" if tags else "")
        + "."
    )
    if old or tags:
        parts = []
        if old:
            parts.append(
                f"branches made on the old history that {remotes} does not have "
                f"(`git branch -D {operands(old)}`; start them again from "
                "the cleaned history with your saved commits)"
            )
        if tags:
            parts.append(f"tags {remotes} no longer has (`git tag -d NAME`)")
        steps.append(f"Delete the refs that still hold the old history: {'; '.join(parts)}.")
    steps.append(
        f"Expire the reflog and prune the old objects: `{EXPIRE_AND_PRUNE}` (this also empties "
        "the stash list: save the entries you keep first, as above)."
    )
    steps.append("Verify: `binance-secrets sweep` exits 0 and reports nothing.")
    steps.append(
        "Re-apply your saved work on the cleaned history (`git apply ../my-work.patch` "
        "unless it is empty, `git am ../my-commits/*.patch`), then push as usual (no force)."
    )
    steps.append(
        "Simpler, instead of the reset, delete and prune steps: clone "
        f"{remotes} again (`git clone URL`), apply your saved work there, and delete this "
        "clone."
    )
    return steps


def render_sequence(steps: list[str]) -> str:
    if not steps:
        return ""
    lines = ["", "Clean-up, in this order:"]
    lines.extend(f"  {number}. {printable(step)}" for number, step in enumerate(steps, start=1))
    return "\n".join(lines) + "\n"

"""The report of many repositories (``sweep`` of several, ``merge``): JSON, text, SARIF.

The same schema as one repository's report (README "JSON report"), every finding with its
``repository``, plus ``repositories``: each repository swept or refused, and why. Written
piece by piece from a merged view (:class:`binance_secrets.hooks.scanning.merge.Merger`),
a repository at a time, so a report of a million findings never sits in memory whole.
"""

from __future__ import annotations

import io
import json
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .output import Writer
from .sanitize import printable, redact_strings

REPORT_VERSION = 1

ORG_CHECK_HINT = (
    "Which keys are live? `binance-secrets merge --format json -o merged.json REPORT...` "
    "(or sweep --format json -o merged.json) and then `binance-secrets check --report "
    "merged.json`: one read-only request per distinct key, every place listed."
)


@dataclass(frozen=True)
class Rendering:
    """A text or SARIF report's findings rendered where each report is read (by the
    merge's worker processes, several at once) rather than parsed back from their JSON
    lines and rendered one by one in the process that writes the report."""

    fmt: str
    ignore_testnet: bool = False
    verbose: bool = False  # text: full fingerprints, as one repository's -v shows them
    # Stands for a result's repository base id (REPO1...) until the report is written,
    # when the numbering is known: random, so no text of a report can hold it.
    base_id: str = field(default_factory=lambda: "REPO-" + secrets.token_hex(16))

    def __call__(self, finding: dict[str, Any]) -> str:
        """The finding as the report writes it, ending in a newline."""
        if self.fmt == "text":
            from .text import render_finding

            return "\n".join(render_finding(finding, self.ignore_testnet, self.verbose)) + "\n\n"
        from . import sarif

        result = sarif.result(finding, self.ignore_testnet)
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        location["uriBaseId"] = self.base_id
        result["properties"]["repository"] = finding["repository"]
        return json.dumps(result) + "\n"


def rendering(fmt: str, ignore_testnet: bool, verbose: bool = False) -> Rendering | None:
    """How a merged view should hold the findings of a report in ``fmt`` (None: as
    their compact JSON lines)."""
    return Rendering(fmt, ignore_testnet, verbose) if fmt in ("text", "sarif") else None


class MergedView(Protocol):
    skipped: list[dict[str, Any]]
    ignored: list[dict[str, Any]]
    render: Callable[[dict[str, Any]], str] | None

    def repositories(self) -> list[dict[str, Any]]: ...

    def findings(self, repository: str) -> Iterator[bytes]: ...

    def blocks(self, repository: str) -> Iterator[bytes]: ...

    def root(self) -> str: ...


def write_json(view: MergedView, handle: Writer, extra: dict[str, Any] | None = None) -> None:
    from .provenance import stamp

    # generated_at and tool_version, as every JSON report: the merged report is written by
    # this release (and merges again only with reports of it).
    header: dict[str, Any] = {"version": REPORT_VERSION, **stamp(), "root": view.root()}
    header.update(extra or {})
    header["repositories"] = view.repositories()
    handle.write("{\n")
    for key, value in redact_strings(header).items():
        handle.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    handle.write('  "findings": [')
    # The findings' lines are copied a block of lines at a time, each line made an item,
    # as bytes straight to the file's buffer when there is one (no decoding and encoding
    # again of what is ASCII already).
    raw = None
    if isinstance(handle, io.TextIOWrapper):
        handle.flush()
        raw = handle.buffer
    separator = b"\n    "
    for entry in header["repositories"]:
        for block in view.blocks(entry["repository"]):
            piece = separator + block[:-1].replace(b"\n", b",\n    ")
            if raw is not None:
                raw.write(piece)
            else:
                handle.write(piece.decode("utf-8"))
            separator = b",\n    "
    handle.write("\n  ],\n")
    if view.ignored:
        handle.write(f'  "ignored": {json.dumps(view.ignored)},\n')
    handle.write(f'  "skipped": {json.dumps(view.skipped)}\n}}\n')


def write_text(
    view: MergedView, handle: Writer, ignore_testnet: bool = False, verbose: bool = False
) -> None:
    """One section per repository (its findings as a single report shows them; with
    ``verbose``, its ignored values too, as one repository's -v lists them), then the
    repositories that could not be swept, then the totals."""
    from .text import ignored_by_source, ignored_sources, render_finding

    repositories = view.repositories()
    failing = 0
    unswept = [entry for entry in repositories if "error" in entry]
    rendering = _rendering(view, "text", ignore_testnet, verbose)
    ignored_in: dict[str, list[dict[str, Any]]] = {}
    for item in view.ignored if verbose else ():
        ignored_in.setdefault(item["repository"], []).append(item)
    for entry in repositories:
        ignored = ignored_in.get(entry["repository"], [])
        if "error" in entry or not (entry["findings"] or ignored):
            continue
        name = printable(entry["repository"])
        handle.write(f"== {name}: {entry['findings']} finding(s)\n\n")
        failing += entry["failing"]
        for block in _blocks(view, entry["repository"], rendering):
            handle.write(block.decode("utf-8"))
        for source, items in ignored_by_source(ignored).items():
            handle.write(f"Ignored by {printable(source)}:\n")
            for item in items:
                handle.write("\n".join(render_finding(item, ignore_testnet, True)) + "\n\n")
        steps = entry.get("cleanup_sequence") or []
        if steps:
            handle.write(f"Clean-up of {name}, in this order:\n")
            handle.write("\n".join(f"  {n}. {printable(s)}" for n, s in enumerate(steps, 1)))
            handle.write("\n\n")
    if view.skipped:
        handle.write(f"Skipped {len(view.skipped)} item(s):\n")
        for item in view.skipped:
            where = printable(item.get("repository", ""))
            handle.write(f"    {where}: {printable(item['path'])}: {printable(item['reason'])}\n")
        handle.write("\n")
    if view.ignored:
        where = "listed above" if verbose else "-v lists them"
        handle.write(
            f"{len(view.ignored)} value(s) ignored by the repositories' "
            f"{printable(', '.join(ignored_sources(view.ignored)))} ({where}, with the "
            "reasons).\n"
        )
    for entry in unswept:
        handle.write(f"Not swept: {printable(entry['repository'])}: {printable(entry['error'])}\n")
    handle.write(_verdict(repositories) + "\n")
    if failing:
        handle.write(ORG_CHECK_HINT + "\n")
    if unswept:
        handle.write(
            f"{len(unswept)} repositor{'y' if len(unswept) == 1 else 'ies'} could not be "
            "swept (above): fix the reason given and sweep them again.\n"
        )


def _verdict(repositories: list[dict[str, Any]]) -> str:
    """The totals' sentence: what was found in how many of the repositories swept."""
    failing = sum(entry.get("failing", 0) for entry in repositories if "error" not in entry)
    unswept = sum(1 for entry in repositories if "error" in entry)
    swept = len(repositories) - unswept
    with_findings = sum(1 for e in repositories if e.get("failing"))
    noun = f"repositor{'y' if swept == 1 else 'ies'}"
    if failing:
        return f"Found {failing} Binance credential(s) in {with_findings} of {swept} {noun} swept."
    return f"No Binance credentials found in {swept} {noun}{' swept' if unswept else ''}."


def summary_line(view: MergedView) -> str:
    """The run's verdict in one line, for standard error when the report went to a file."""
    repositories = view.repositories()
    unswept = sum(1 for entry in repositories if "error" in entry)
    verdict = _verdict(repositories)
    return f"{verdict[:-1]}; {unswept} could not be swept." if unswept else verdict


def write_sarif(view: MergedView, handle: Writer, ignore_testnet: bool = False) -> None:
    """One run, every repository's results; each result's location is relative to its
    repository, named as a base URI of its own (``REPO1``...) in ``originalUriBaseIds``."""
    from . import sarif

    repositories = view.repositories()
    bases: dict[str, Any] = {}
    names: dict[str, str] = {}
    for number, entry in enumerate(repositories, start=1):
        repository = entry["repository"]
        names[repository] = f"REPO{number}"
        base = _base_uri(entry.get("clone") or repository)
        bases[names[repository]] = {"uri": base} if base else {}
        bases[names[repository]]["description"] = {"text": repository}
    run = sarif.run_header()
    run["originalUriBaseIds"] = bases
    run["results"] = []
    text = json.dumps(redact_strings({"$schema": sarif.SARIF_SCHEMA, "version": "2.1.0"}))
    handle.write(text[:-1] + ', "runs": [')
    head = json.dumps(redact_strings(run))
    handle.write(head[: head.rindex("[")] + "[")
    separator = "\n"
    rendering = _rendering(view, "sarif", ignore_testnet)
    for entry in repositories:
        base_id = names[entry["repository"]]
        for block in _blocks(view, entry["repository"], rendering):
            results = block[:-1].decode("utf-8").replace(rendering.base_id, base_id)
            handle.write(separator + results.replace("\n", ",\n"))
            separator = ",\n"
    handle.write(head[head.rindex("[") + 1 :] + "]}\n")


def _base_uri(repository: str) -> str | None:
    """A repository's location as the absolute URI SARIF needs, ending in ``/``."""
    if repository.startswith("/"):
        return Path(repository).as_uri() + "/"
    if "://" in repository:
        return repository.rstrip("/") + "/"
    return None  # user@host:path is no URI


def _rendering(
    view: MergedView, fmt: str, ignore_testnet: bool, verbose: bool = False
) -> Rendering:
    """The view's rendering when it holds its findings rendered for this report, else
    one to render them with here."""
    render = view.render
    wanted = (fmt, ignore_testnet, verbose)
    if isinstance(render, Rendering) and (render.fmt, render.ignore_testnet, render.verbose) == (
        wanted
    ):
        return render
    return Rendering(fmt, ignore_testnet, verbose)


def _blocks(view: MergedView, repository: str, rendering: Rendering) -> Iterator[bytes]:
    """The repository's findings rendered, in blocks of whole lines: as the view holds
    them, or rendered here from their JSON lines (a view made without ``rendering``)."""
    if view.render is rendering:
        yield from view.blocks(repository)
        return
    for line in view.findings(repository):
        yield rendering(json.loads(line)).encode("utf-8")

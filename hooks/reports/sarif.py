"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

GitHub needs: ``$schema``/``version``, one run with ``tool.driver`` rules, results with a
``ruleId``, a message, a physical location with a relative URI and ``startLine``, and
``partialFingerprints`` so an alert is tracked across commits
(https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from ...plugins.detection.findings import fails_run
from .provenance import tool_version
from .sanitize import redact_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"

RULES: dict[str, dict[str, str]] = {
    "Binance API Key": {
        "id": "binance-api-key",
        "name": "BinanceApiKey",
        "text": "A Binance API key is committed.",
    },
    "Binance Secret Key": {
        "id": "binance-secret-key",
        "name": "BinanceSecretKey",
        "text": "A Binance HMAC secret key is committed.",
    },
    "Binance Private Key": {
        "id": "binance-private-key",
        "name": "BinancePrivateKey",
        "text": "An Ed25519/RSA private key used as a Binance API secret is committed.",
    },
}

HELP = (
    "Delete the key on Binance's API Management page now, check balances, orders and "
    "withdrawals, then create a new key with least privilege and an IP whitelist. Run "
    "`binance-secrets check` to see what the key may do and `binance-secrets respond` for "
    "every step. Removing the file is not enough: the value stays in git history."
)


def _rule(secret_type: str) -> dict[str, Any]:
    rule = RULES[secret_type]
    return {
        "id": rule["id"],
        "name": rule["name"],
        "shortDescription": {"text": rule["text"]},
        "fullDescription": {"text": rule["text"] + " " + HELP},
        "help": {"text": HELP},
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["security", "secret", "binance"],
            "precision": "high",
            "security-severity": "9.0",
        },
    }


def _where(finding: dict[str, Any]) -> str:
    """For a sweep finding: which commit added it and where the value lives now.

    A code-scanning alert points at a path in the scanned checkout; when the value is
    only in history that path may not exist there, so the message says where it is."""
    if not finding.get("commit"):
        return ""
    sha = finding["commit"][:12]
    if finding.get("tag"):
        added = f" In the message of tag {finding['tag']} (line {finding['line']})."
        show = f"`git cat-file tag {sha}`"
    elif finding.get("in_message"):
        added = f" Introduced in the message of commit {sha} (line {finding['line']})."
        show = f"`git show --no-patch {sha}`"
    else:
        added = f" Introduced in commit {sha} ({finding['path']}:{finding['line']})."
        show = f"`git show {sha}:{finding['path']}`"
    if finding.get("in_head"):
        return added + f" Still in HEAD: {', '.join(finding.get('head_paths') or [])}."
    if finding.get("unreachable"):
        place = "the reflog" if finding.get("found_in") == "reflog" else "a dangling commit"
        return added + f" Not in HEAD; only in {place} until git gc prunes it."
    refs = finding.get("refs") or []
    shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")
    return (
        added
        + f" Not in HEAD: only in history ({shown or 'no ref'}); see it with "
        + f"{show}."
    )


def _uri(path: str) -> str:
    """A relative path as the URI reference SARIF requires (2.1.0 section 3.4.3): a space,
    ``#``, ``%``, ``?``, ``:`` or non-ASCII letter percent-encoded, or a consumer reads
    ``a b#c.py`` as the file ``a b`` with a fragment.

    Key-shaped values are redacted before encoding: percent-encoding turns a base64 key's
    ``+`` into ``%2B``, which the report-wide redaction would no longer recognise. A name
    holding bytes that are not UTF-8 (kept as lone surrogates) is encoded as those bytes."""
    path = redact_text(path)
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no undecodable byte stands for
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def _result(finding: dict[str, Any], ignore_testnet: bool) -> dict[str, Any]:
    pairing = "paired with its other half" if finding.get("pair") else "unpaired"
    environment = finding.get("environment", "unknown")
    region: dict[str, int] = {"startLine": max(1, int(finding["line"]))}
    if isinstance(finding.get("column"), int):
        region["startColumn"] = max(1, finding["column"])
    ignored = finding.get("ignored_by")
    if isinstance(ignored, dict):
        # Accepted in the project config or a baseline: reported as suppressed (SARIF
        # 2.1.0 section 3.35, kind external, the reason as justification) at level note,
        # so a reader of the SARIF sees that the value was accepted and why instead of no
        # result at all.
        where = f" Ignored by {ignored.get('source')}: {ignored.get('reason')}."
    else:
        where = _where(finding)
    result: dict[str, Any] = {
        "ruleId": RULES[finding["type"]]["id"],
        "level": "error" if fails_run(finding, ignore_testnet) and not ignored else "note",
        "message": {
            "text": f"{finding['type']} {finding.get('redacted', '?')} ({pairing}, environment "
            f"{environment}).{where}"
        },
        "properties": {"environment": environment, "example": bool(finding.get("example"))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding["path"]), "uriBaseId": SRCROOT},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {
            "binanceSecretValue/v1": finding["fingerprint"].split(":", 1)[1],
        },
    }
    if isinstance(ignored, dict):
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": str(ignored["reason"])}
        ]
    if finding.get("commit"):
        result["properties"].update(
            (key, finding[key])
            for key in (
                "commit", "in_message", "tag", "in_head", "head_paths", "refs", "found_in",
                "pushed",
            )  # fmt: skip
            if key in finding
        )
    return result


def render_sarif(
    findings: list[dict[str, Any]],
    root: str | None = None,
    ignore_testnet: bool = False,
    ignored: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """``root``: the directory the paths are relative to (the scan's root, the swept
    repository's work tree), recorded as %SRCROOT% in ``originalUriBaseIds``. ``ignored``:
    the values the project config or a baseline accepts (each with ``ignored_by``), as
    suppressed results."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "binance-secrets",
                "version": tool_version(),
                "rules": [_rule(t) for t in RULES],
            }
        },
        "results": [_result(f, ignore_testnet) for f in [*findings, *(ignored or [])]],
        # Columns count characters (Python str offsets), not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
    }
    if root:
        # Redacted before as_uri percent-encodes it, like each result's path (_uri).
        base = Path(redact_text(str(Path(root).resolve()))).as_uri()
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base + "/"}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def result(finding: dict[str, Any], ignore_testnet: bool = False) -> dict[str, Any]:
    """One finding as a SARIF result (its location relative to its run's base URI)."""
    return _result(finding, ignore_testnet)


def run_header() -> dict[str, Any]:
    """A run's tool (the rules) and column kind, without results: the run a report of many
    repositories writes a result at a time (reports/org_report.py)."""
    return {
        "tool": {
            "driver": {
                "name": "binance-secrets",
                "version": tool_version(),
                "rules": [_rule(t) for t in RULES],
            }
        },
        # Columns count characters (Python str offsets), not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
    }

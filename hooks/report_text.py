"""The human report: one block per finding, then what was skipped, then what to do next."""

from __future__ import annotations

from typing import Any

CHECK_HINT = (
    "Is it live? Run `binance-secrets scan --format json --output report.json` and then "
    "`binance-secrets check --report report.json` (read-only; the secret never leaves this "
    "machine). What to do now: `binance-secrets respond`."
)


def _pair_text(finding: dict[str, Any]) -> str:
    if finding.get("pair"):
        return f"paired with {finding['pair'][:19]}..."
    if finding["type"] == "Binance API Key":
        return "unpaired (no secret found nearby)"
    return "unpaired (no API key found nearby)"


def render_finding(finding: dict[str, Any]) -> list[str]:
    label = " (Binance documentation example, not failing)" if finding.get("example") else ""
    lines = [
        f"{finding['path']}:{finding['line']}: {finding['type']}{label}",
        f"    value:       {finding['redacted']}",
        f"    fingerprint: {finding['fingerprint']}",
        f"    {_pair_text(finding)}",
    ]
    if finding.get("commit"):
        lines.append(
            f"    introduced:  {finding['commit'][:12]} by {finding.get('author', '?')} "
            f"on {finding.get('date', '?')}"
        )
    return lines


def render_text(findings: list[dict[str, Any]], skipped: list[dict[str, str]]) -> str:
    out: list[str] = []
    for finding in findings:
        out.extend(render_finding(finding))
        out.append("")
    failing = [f for f in findings if not f.get("example")]
    examples = len(findings) - len(failing)
    if skipped:
        out.append(f"Skipped {len(skipped)} file(s):")
        out.extend(f"    {s['path']}: {s['reason']}" for s in skipped)
        out.append("")
    if failing:
        out.append(f"Found {len(failing)} Binance credential(s).")
        out.append(CHECK_HINT)
    else:
        tail = f" ({examples} documentation example(s) reported)" if examples else ""
        out.append(f"No Binance credentials found{tail}.")
    return "\n".join(out) + "\n"

"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

GitHub needs: ``$schema``/``version``, one run with ``tool.driver`` rules, results with a
``ruleId``, a message, a physical location with a relative URI and ``startLine``, and
``partialFingerprints`` so an alert is tracked across commits
(https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from binance_secrets.plugins.detection.findings import fails_run

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

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


def _version() -> str:
    try:
        return metadata.version("binance-secrets")
    except metadata.PackageNotFoundError:
        return "0"


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


def _result(finding: dict[str, Any], ignore_testnet: bool) -> dict[str, Any]:
    pairing = "paired with its other half" if finding.get("pair") else "unpaired"
    where = f" (introduced in {finding['commit'][:12]})" if finding.get("commit") else ""
    environment = finding.get("environment", "unknown")
    return {
        "ruleId": RULES[finding["type"]]["id"],
        "level": "error" if fails_run(finding, ignore_testnet) else "note",
        "message": {
            "text": f"{finding['type']} {finding['redacted']} ({pairing}, environment "
            f"{environment}){where}."
        },
        "properties": {"environment": environment, "example": bool(finding.get("example"))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding["path"], "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(1, int(finding["line"]))},
                }
            }
        ],
        "partialFingerprints": {
            "binanceSecretValue/v1": finding["fingerprint"].split(":", 1)[1],
        },
    }


def render_sarif(findings: list[dict[str, Any]], ignore_testnet: bool = False) -> dict[str, Any]:
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "binance-secrets",
                        "version": _version(),
                        "informationUri": "https://pypi.org/project/binance-secrets/",
                        "rules": [_rule(t) for t in RULES],
                    }
                },
                "results": [_result(f, ignore_testnet) for f in findings],
            }
        ],
    }

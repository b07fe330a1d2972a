"""Writes docs/incident-response-example.md: the write-up binance-secrets makes of the
incident tests/test_incident.py plays (a key committed on a feature branch, merged, deleted,
tagged, stashed, pushed; checked live against the emulator, a trading key without an IP
whitelist). The keys are generated at run time and never reach the write-up (it holds
redacted forms and fingerprints only).

    python -m tests.incident_example [OUTPUT]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.emulator.fixtures import TRADING, hmac_account
from tests.emulator.server import Emulator

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "incident-response-example.md"


def write_example(output: Path) -> str:
    from tests.test_incident import Incident

    emulator = Emulator().start()
    try:
        account, secret = hmac_account(emulator, restrictions=dict(TRADING))
        with tempfile.TemporaryDirectory(prefix="incident-") as scratch:
            case = Incident(Path(scratch), account.api_key, secret)
            sweep_file = case.evidence / "sweep.json"
            case.run("sweep", "-q", "--format", "json", "-o", str(sweep_file), str(case.alice.path))
            check = case.run(
                "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint",
                "--report", str(sweep_file), "--format", "json",
            )  # fmt: skip
            check_file = case.evidence / "check.json"
            check_file.write_text(check.stdout)
            json.loads(check.stdout)
            result = case.run(
                "respond", "--report", str(sweep_file), "--check", str(check_file),
                "--format", "markdown",
            )  # fmt: skip
            text = result.stdout.replace(scratch, "/home/alice/work")
    finally:
        emulator.stop()
    assert account.api_key not in text and secret not in text
    output.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    write_example(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)

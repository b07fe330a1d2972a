"""Property: no output format, log line or request ever contains a full secret.

For any secret and any outcome, the text table, the JSON, the CLI's stdout/stderr, every log
record of the client, and every request the emulator received (path, query, headers, body)
are searched for the secret (and for each line of a PEM body). The API key is sent, by
design, only in the X-MBX-APIKEY header, and appears in no output either.
"""

from __future__ import annotations

import json
import logging
import string
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.check_report import check_results_json, render_check_text
from binance_secrets.plugins.livecheck.binance_api import READ_ONLY_ENDPOINTS
from binance_secrets.plugins.livecheck.check import check_credentials
from binance_secrets.plugins.livecheck.credential import Credential
from binance_secrets.plugins.livecheck.playbook import all_steps
from tests.emulator.fixtures import FAST_RETRY, private_key_account
from tests.emulator.server import Account, Emulator
from tests.fake_values import random_key

SCENARIOS = (
    "active",
    "mismatch",
    "revoked",
    "ip_blocked",
    "invalid",
    "unpaired",
    "429",
    "418",
    "451",
    "403",
    "500",
    "skew",
)
PERMISSIONS = st.dictionaries(
    st.sampled_from(
        [
            "enableReading",
            "enableSpotAndMarginTrading",
            "enableMargin",
            "enableFutures",
            "enableWithdrawals",
            "enableInternalTransfer",
            "permitsUniversalTransfer",
            "enableVanillaOptions",
            "enablePortfolioMarginTrading",
        ]
    ),
    st.booleans(),
)
SECRETS = st.text(string.ascii_letters + string.digits, min_size=64, max_size=64)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(scope="module")
def shared_emulator() -> Iterator[Emulator]:
    server = Emulator().start()
    yield server
    server.stop()


def _arrange(
    emulator: Emulator, scenario: str, kind: str, secret: str, permissions: dict[str, bool]
) -> tuple[str, str | None]:
    """(api key, secret to check) for the scenario; the emulator is set up to answer it."""
    emulator.requests.clear()
    emulator.canned.clear()
    emulator.clock_skew_ms = 0
    if kind == "hmac":
        account = emulator.add(
            Account(api_key=random_key(), hmac_secret=secret, restrictions=permissions)
        )
        used: str | None = secret
    else:
        account, used = private_key_account(emulator, kind, restrictions=permissions)
    if scenario == "mismatch" and kind == "hmac":
        account.hmac_secret = random_key()
    account.revoked = scenario == "revoked"
    account.ip_blocked = scenario == "ip_blocked"
    if scenario == "invalid":
        del emulator.accounts[account.api_key]
    if scenario == "unpaired":
        used = None
    if scenario.isdigit():
        emulator.queue(int(scenario), {"code": -1, "msg": "x"}, {"Retry-After": "0"}, times=5)
    if scenario == "skew":
        emulator.clock_skew_ms = 90_000
    return account.api_key, used


def _secret_pieces(secret: str) -> list[str]:
    if secret.startswith("-----BEGIN"):
        return [secret.strip()] + [
            line for line in secret.splitlines() if line and not line.startswith("-----")
        ]
    return [secret]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scenario=st.sampled_from(SCENARIOS),
    kind=st.sampled_from(["hmac", "hmac", "hmac", "ed25519", "rsa"]),
    secret=SECRETS,
    permissions=PERMISSIONS,
    fmt=st.sampled_from(["text", "json"]),
)
def test_no_output_log_or_request_contains_a_secret(
    shared_emulator: Emulator,
    scenario: str,
    kind: str,
    secret: str,
    permissions: dict[str, bool],
    fmt: str,
) -> None:
    emulator = shared_emulator
    api_key, used = _arrange(emulator, scenario, kind, secret, permissions)
    collector = _Collect()
    logger = logging.getLogger("binance_secrets")
    logger.addHandler(collector)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        credential = Credential.of(api_key, used)
        results = check_credentials(
            [credential],
            endpoint=emulator.url,
            allow_unofficial_endpoint=True,
            retry=FAST_RETRY,
        )
        outputs = [
            render_check_text(results),
            json.dumps(check_results_json(results)),
            repr(credential),
            repr(results),
        ]
        if not scenario.isdigit():  # the CLI uses the default (slower) retry policy
            env = {
                "BINANCE_API_KEY": api_key,
                "BINANCE_API_SECRET": "",
                "BINANCE_PRIVATE_KEY_FILE": "",
            }
            if used is not None and kind == "hmac":
                env["BINANCE_API_SECRET"] = used
            run = CliRunner().invoke(
                cli,
                [
                    "check",
                    "--endpoint",
                    emulator.url,
                    "--allow-unofficial-endpoint",
                    "--format",
                    fmt,
                ],
                env=env,
            )
            assert run.exit_code in (0, 1, 3), run.output
            outputs += [run.stdout, run.stderr]
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
    outputs += collector.lines
    requests_seen = [
        " ".join([r.method, r.path, r.query, json.dumps(r.headers), r.body.decode("latin-1")])
        for r in emulator.requests
    ]
    assert all((r.method, r.path) in READ_ONLY_ENDPOINTS for r in emulator.requests)
    for piece in _secret_pieces(used or secret) + _secret_pieces(secret):
        for text in outputs + requests_seen:
            assert piece not in text
    for text in outputs:
        assert api_key not in text
    for request in emulator.requests:
        assert api_key not in request.query and api_key not in request.path


def test_respond_contains_no_key_material() -> None:
    text = "\n".join(all_steps())
    assert not any(len(word) >= 64 and word.isalnum() for word in text.split())

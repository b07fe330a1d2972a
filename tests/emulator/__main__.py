"""Serve the Binance emulator by hand, to try `binance-secrets check` without Binance.

From a development clone (the README's set-up line), at its top:

    BINANCE_API_KEY=... BINANCE_API_SECRET=... .venv/bin/python -m tests.emulator --trading

registers that key (or, with BINANCE_PRIVATE_KEY_FILE, that Ed25519/RSA key's public half)
with the permissions named, prints the URL on the first line and the `check` command to
run against it, and serves until Ctrl-C. Without a key in the environment it makes one up
and prints it as `export` lines: emulator-only values, valid nowhere else.
docs/live-check.md ("Trying check without Binance") shows the whole flow.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time

from tests.emulator.server import Account, Emulator
from tests.fake_values import random_key

DAY_MS = 86_400_000

# option -> the apiRestrictions field it enables (docs/live-check.md lists what each means).
PERMISSIONS = {
    "trading": "enableSpotAndMarginTrading",
    "margin": "enableMargin",
    "futures": "enableFutures",
    "options": "enableVanillaOptions",
    "withdrawals": "enableWithdrawals",
    "internal-transfer": "enableInternalTransfer",
}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.emulator",
        description="Serve an emulated Binance REST API on 127.0.0.1 for `binance-secrets "
        "check`. The key is BINANCE_API_KEY with BINANCE_API_SECRET (or "
        "BINANCE_PRIVATE_KEY_FILE); without them one is made up and printed.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: any free one)")
    for name, field in PERMISSIONS.items():
        parser.add_argument(f"--{name}", action="store_true", help=f"the key has {field}")
    parser.add_argument("--ip-restricted", action="store_true", help="the key has an IP whitelist")
    parser.add_argument(
        "--revoked", action="store_true", help="the key was deleted (Binance answers -2015)"
    )
    parser.add_argument("--age-days", type=int, default=30, help="how old the key is (30)")
    return parser.parse_args(argv)


def _public_key(path: str) -> object:
    """The public half of the PEM private key at ``path`` (what Binance keeps)."""
    from cryptography.hazmat.primitives import serialization

    passphrase = os.environ.get("BINANCE_PRIVATE_KEY_PASSPHRASE") or None
    with open(path, "rb") as pem:
        private = serialization.load_pem_private_key(
            pem.read(), passphrase.encode() if passphrase else None
        )
    return private.public_key()


def _account(options: argparse.Namespace) -> tuple[Account, list[str]]:
    """The emulated key, and the `export` lines to print when it was made up here."""
    restrictions = {"enableReading": True}
    for name, field in PERMISSIONS.items():
        if getattr(options, name.replace("-", "_")):
            restrictions[field] = True
    settings = {
        "restrictions": restrictions,
        "ip_restrict": options.ip_restricted,
        "revoked": options.revoked,
        "create_time_ms": int(time.time() * 1000) - options.age_days * DAY_MS,
    }
    api_key = os.environ.get("BINANCE_API_KEY", "")
    secret = os.environ.get("BINANCE_API_SECRET", "")
    key_file = os.environ.get("BINANCE_PRIVATE_KEY_FILE", "")
    if api_key and key_file:
        return Account(api_key=api_key, public_key=_public_key(key_file), **settings), []
    if api_key and secret:
        return Account(api_key=api_key, hmac_secret=secret, **settings), []
    if api_key or secret or key_file:
        raise SystemExit(
            "python -m tests.emulator: set BINANCE_API_KEY with BINANCE_API_SECRET or "
            "BINANCE_PRIVATE_KEY_FILE (the key the check will ask about), or none of them "
            "to have one made up"
        )
    api_key, secret = random_key(), random_key()
    exports = [
        "# emulator-only values, made up now and valid nowhere else:",
        f"export BINANCE_API_KEY={api_key}",
        f"export BINANCE_API_SECRET={secret}",
    ]
    return Account(api_key=api_key, hmac_secret=secret, **settings), exports


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    try:
        account, exports = _account(options)
    except (OSError, ValueError, TypeError) as error:
        raise SystemExit(
            f"python -m tests.emulator: cannot read the private key file: {error}"
        ) from None
    emulator = Emulator()
    emulator.add(account)
    try:
        emulator.start(port=options.port)
    except OSError as error:
        raise SystemExit(
            f"python -m tests.emulator: cannot listen on port {options.port}: {error}"
        ) from None
    print(emulator.url, flush=True)
    for line in exports:
        print(line)
    print(
        f"# ask it: binance-secrets check --endpoint {emulator.url} --allow-unofficial-endpoint"
        " (the key from the environment, or --report FILE)\n"
        "# Ctrl-C stops the emulator.",
        flush=True,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

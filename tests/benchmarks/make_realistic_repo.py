#!/usr/bin/env python3
"""Generate a history shaped like python-binance as a user has it after cloning a mirror.

    python tests/benchmarks/make_realistic_repo.py DEST [--shape client|wide] [--scale 1.0]
                                                       [--seed 1] [--manifest FILE]
                                                       [--seeded-keys]

``--shape client`` (default), at scale 1: about 1,500 reachable commits (a main line with
merged feature branches, tags, ``origin/*`` remote refs) and about 900 pull-request commits
left as dangling objects (their ``refs/pull/N/head`` refs are deleted after the import, as
a clone of a mirror leaves them); a 12,000-line client module edited in about a third of
the commits, its docstrings full of example responses with 64-character values
(``listenKey``, hex signatures and transaction ids, Binance's documented signing example);
docs dumps of several MB full of key-shaped example values, edited over hundreds of
commits; a few real-looking keys planted (a ``.env`` committed then removed, a test
fixture in a pull request, keys with the same names in two sections of a docs dump).

``--shape wide``: one commit of 20,000 files, each holding a sha256 (the cost case of a
vendored lock directory).

Everything is deterministic for a given --seed except the planted keys, which are random
(``secrets``) unless ``--seeded-keys`` derives them from the seed too (for the stored
expected-findings test; such values are still generated, never written in the source).
The manifest lists each planted value's fingerprint, path and kind, never the value.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import secrets
import shutil
import string
import subprocess
import sys
from pathlib import Path

ALPHABET = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
START = 1_500_000_000
AUTHORS = [
    ("Sam McHardy", "sam@example.com"),
    ("Contributor One", "one@example.com"),
    ("Contributor Two", "two@example.com"),
    ("Pull Request Bot", "bot@example.com"),
]
ENDPOINTS = [
    "order", "openOrders", "allOrders", "account", "myTrades", "depth", "trades", "klines",
    "ticker/24hr", "ticker/price", "userDataStream", "capital/config/getall", "asset/dust",
    "margin/loan", "margin/repay", "futures/transfer", "sub-account/list", "lending/union",
    "simple-earn/flexible/list", "convert/getQuote", "portfolio/account", "algo/twap",
]  # fmt: skip
WORDS = [
    "symbol", "quantity", "price", "side", "type", "timeInForce", "recvWindow", "timestamp",
    "orderId", "status", "asset", "free", "locked", "amount", "interval", "limit", "startTime",
    "endTime", "fromId",
]  # fmt: skip


def fingerprint(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


class Values:
    """Key-shaped values: doc examples (seeded), planted keys (random or seeded)."""

    def __init__(self, rng: random.Random, seeded_keys: bool) -> None:
        self.rng = rng
        self.key_rng = random.Random(rng.random()) if seeded_keys else None

    def mixed(self) -> str:
        while True:
            value = "".join(self.rng.choice(ALPHABET) for _ in range(64))
            if any(c.isupper() for c in value) and any(c.islower() for c in value):
                return value

    def hex(self) -> str:
        return "".join(self.rng.choice(HEX) for _ in range(64))

    def key_hex(self) -> str:
        """A futures testnet key's shape: 64 lowercase hex characters."""
        if self.key_rng is None:
            return "".join(secrets.choice(HEX) for _ in range(64))
        return "".join(self.key_rng.choice(HEX) for _ in range(64))

    def key(self) -> str:
        if self.key_rng is None:
            return "".join(secrets.choice(ALPHABET) for _ in range(64))
        return "".join(self.key_rng.choice(ALPHABET) for _ in range(64))


class FastImport:
    """One ``git fast-import`` stream; files are kept here as lists of lines."""

    def __init__(self, repo: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "-C", str(repo), "fast-import", "--quiet", "--date-format=raw"],
            stdin=subprocess.PIPE,
        )
        self.mark = 0
        self.clock = START

    def write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)

    def commit(
        self,
        ref: str,
        message: str,
        changes: dict[str, str | None],
        parents: list[int],
        author: int = 0,
    ) -> int:
        """A commit on ``ref`` whose first parent is ``parents[0]`` (none: a root)."""
        self.mark += 1
        self.clock += 600
        name, email = AUTHORS[author % len(AUTHORS)]
        body = message.encode()
        out = [
            f"commit {ref}\nmark :{self.mark}\n".encode(),
            f"author {name} <{email}> {self.clock} +0000\n".encode(),
            f"committer {name} <{email}> {self.clock} +0000\n".encode(),
            f"data {len(body)}\n".encode() + body + b"\n",
        ]
        if parents:
            out.append(f"from :{parents[0]}\n".encode())
        else:
            out.append(b"deleteall\n")
        for parent in parents[1:]:
            out.append(f"merge :{parent}\n".encode())
        for path, text in changes.items():
            if text is None:
                out.append(f"D {path}\n".encode())
                continue
            data = text.encode()
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        self.write(b"".join(out) + b"\n")
        return self.mark

    def reset(self, ref: str, mark: int) -> None:
        self.write(f"reset {ref}\nfrom :{mark}\n\n".encode())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            raise SystemExit("git fast-import failed")


# --------------------------------------------------------------------------- content


def example_field(
    rng: random.Random, values: Values, examples: list[str], indent: str, cuts: tuple[float, ...]
) -> str | None:
    """One key-shaped field of an example response, or None: a listenKey (mixed case), a hex
    signature or transaction id, or a clientOrderId, by where a random draw falls in
    ``cuts``."""
    kind = rng.random()
    if kind < cuts[0]:
        return f'{indent}"listenKey": "{rng.choice(examples)}",'
    if kind < cuts[1]:
        return f'{indent}"signature": "{values.hex()}",'
    if kind < cuts[2]:
        return f'{indent}"txId": "{values.hex()}",'
    if len(cuts) > 3:
        return f'{indent}"clientOrderId": "{rng.choice(examples)}",'
    return None


def client_method(rng: random.Random, values: Values, index: int, examples: list[str]) -> list[str]:
    """One client method (about 30 lines): docstring, example response, body."""
    endpoint = rng.choice(ENDPOINTS)
    name = f"{rng.choice(['get', 'create', 'cancel', 'query', 'stream'])}_{endpoint}_{index}"
    name = name.replace("/", "_").replace("-", "_")
    lines = [
        f"    def {name}(self, **params):",
        f'        """{endpoint}: see https://binance-docs.github.io/apidocs/spot/en/#{endpoint}',
        "",
        "        :param symbol: required",
        "        :type symbol: str",
        "",
        "        :returns: API response",
        "",
        "        .. code-block:: python",
        "",
        "            {",
    ]
    field = example_field(rng, values, examples, " " * 16, (0.25, 0.45, 0.6))
    if field is not None:
        lines.append(field)
    for word in rng.sample(WORDS, 4):
        lines.append(f'                "{word}": "{rng.randint(1, 10**6)}",')
    lines += [
        "            }",
        "",
        "        :raises: BinanceRequestException, BinanceAPIException",
        "",
        '        """',
        f"        return self._get('{endpoint}', True, data=params)",
        "",
    ]
    return lines


def client_module(rng: random.Random, values: Values, examples: list[str], doc: tuple[str, str],
                  target_lines: int) -> list[str]:
    lines = [
        "from binance.exceptions import BinanceAPIException, BinanceRequestException",
        "",
        "",
        "class Client:",
        '    """Binance REST API client."""',
        "",
    ]
    index = 0
    while len(lines) < target_lines:
        lines += client_method(rng, values, index, examples)
        index += 1
        if index == 300:  # Binance's documented signing example, once (example: true)
            lines += [
                "    # HMAC signing example from the Binance docs:",
                f"    #   apiKey={doc[0]}",
                f"    #   secretKey={doc[1]}",
                "",
            ]
    return lines


def docs_block(rng: random.Random, values: Values, examples: list[str], index: int) -> list[str]:
    """One endpoint section of a docs dump (about 45 lines), key-shaped values included."""
    endpoint = rng.choice(ENDPOINTS)
    lines = [
        f"## {endpoint} ({index})",
        "",
        f"GET /api/v3/{endpoint}",
        "",
        "Parameters:",
        "",
        "| Name | Type | Mandatory | Description |",
        "| ---- | ---- | --------- | ----------- |",
    ]
    for word in rng.sample(WORDS, 8):
        lines.append(f"| {word} | STRING | {rng.choice(['YES', 'NO'])} | The {word}. |")
    lines += ["", "Response:", "", "```json", "{"]
    for _ in range(rng.randint(2, 6)):
        lines.append(example_field(rng, values, examples, "  ", (0.35, 0.6, 0.8, 1.0)) or "")
        for word in rng.sample(WORDS, 3):
            lines.append(f'  "{word}": "{rng.randint(1, 10**9)}",')
    lines += ['  "code": 0', "}", "```", ""]
    lines += [f"{rng.choice(WORDS)} {rng.choice(WORDS)} notes for binance users." for _ in range(8)]
    lines.append("")
    return lines


def docs_dump(rng: random.Random, values: Values, examples: list[str], size: int) -> list[str]:
    lines: list[str] = [f"# Binance API reference dump ({size} bytes)", ""]
    total = 0
    index = 0
    while total < size:
        block = docs_block(rng, values, examples, index)
        total += sum(len(line) + 1 for line in block)
        lines += block
        index += 1
    return lines


def edit(rng: random.Random, lines: list[str], make: list[str]) -> None:
    """Replace about as many lines as ``make`` holds at a random place (a small, local
    change that keeps the file's size steady)."""
    at = rng.randrange(len(lines))
    lines[at : at + max(0, len(make) + rng.randint(-2, 2))] = make


# --------------------------------------------------------------------------- shapes


def build_client(fi: FastImport, rng: random.Random, values: Values, scale: float) -> list[dict]:
    planted: list[dict] = []
    examples = [values.mixed() for _ in range(40)]
    doc = (values.mixed(), values.mixed())
    files: dict[str, list[str]] = {
        "binance/client.py": client_module(rng, values, examples, doc, 12_000),
        "binance/async_client.py": client_module(rng, values, examples, doc, 4_000),
        "README.rst": ["python-binance", "==============", ""] + ["Binance API wrapper."] * 40,
        "utils/spot_docs.txt": docs_dump(rng, values, examples, int(2_500_000 * scale)),
        "utils/futures_docs.txt": docs_dump(rng, values, examples, int(1_800_000 * scale)),
        "utils/options_docs.txt": docs_dump(rng, values, examples, int(600_000 * scale)),
    }
    for index in range(60):
        files[f"binance/ws/module_{index}.py"] = [
            f"def handler_{index}_{n}(msg):\n    return msg.get('{rng.choice(WORDS)}')"
            for n in range(rng.randint(20, 120))
        ]
        files[f"tests/test_module_{index}.py"] = [
            f"def test_{index}_{n}():\n    assert {n} == {n}" for n in range(rng.randint(5, 40))
        ]
    docs = ["utils/spot_docs.txt", "utils/futures_docs.txt", "utils/options_docs.txt"]
    small = [name for name in files if name.startswith(("binance/ws/", "tests/"))]

    def snapshot(names: list[str]) -> dict[str, str | None]:
        return {name: "\n".join(files[name]) + "\n" for name in names}

    def change(branch_rng: random.Random) -> list[str]:
        roll = branch_rng.random()
        if roll < 0.35:
            name = "binance/client.py"
            edit(branch_rng, files[name], client_method(branch_rng, values, 10**5, examples))
        elif roll < 0.45:
            name = "binance/async_client.py"
            edit(branch_rng, files[name], client_method(branch_rng, values, 10**5, examples))
        elif roll < 0.6:
            name = branch_rng.choice(docs)
            if branch_rng.random() < 0.5:
                make = docs_block(branch_rng, values, examples, 10**5)
            else:
                make = [f"{branch_rng.choice(WORDS)} changed for binance."]
            edit(branch_rng, files[name], make)
        elif roll < 0.7:
            name = "README.rst"
            edit(branch_rng, files[name], [f"{branch_rng.choice(WORDS)} documented."])
        else:
            name = branch_rng.choice(small)
            edit(branch_rng, files[name], [f"x_{branch_rng.randint(0, 10**6)} = 1"])
        return [name]

    main_commits = int(1500 * scale)
    pr_commits = int(900 * scale)
    marks = [fi.commit("refs/heads/master", "Initial import", snapshot(list(files)), [])]
    # Planted on the main line: a .env committed, then removed (history only).
    env_key, env_secret = values.key(), values.key()
    done = 1
    env_at = max(3, main_commits // 10)
    while done < main_commits:
        if done == env_at:
            files[".env"] = ["# local binance keys", f"BINANCE_API_KEY={env_key}",
                             f"BINANCE_API_SECRET={env_secret}"]
            marks.append(fi.commit("refs/heads/master", "add env", snapshot([".env"]),
                                   [marks[-1]]))
            planted += [{"kind": "main_removed", "path": ".env", "line": 2,
                         "fingerprint": fingerprint(env_key)},
                        {"kind": "main_removed", "path": ".env", "line": 3,
                         "fingerprint": fingerprint(env_secret)}]
            done += 1
            continue
        if done == env_at + 5:
            del files[".env"]
            marks.append(fi.commit("refs/heads/master", "remove env", {".env": None},
                                   [marks[-1]]))
            done += 1
            continue
        if rng.random() < 0.08 and done + 4 < main_commits:
            # A feature branch of 2-3 commits merged back with a merge commit.
            base = marks[-1]
            tip = base
            ref = "refs/heads/feature/last"
            for _ in range(rng.randint(2, 3)):
                tip = fi.commit(ref, f"feature work {done}", snapshot(change(rng)), [tip], 1)
                done += 1
            marks.append(fi.commit("refs/heads/master", f"Merge feature {done}", {},
                                   [base, tip]))
            done += 1
            continue
        marks.append(fi.commit("refs/heads/master", f"update {done}", snapshot(change(rng)),
                               [marks[-1]], rng.randrange(3)))
        done += 1
        if done % 150 == 0:
            fi.reset(f"refs/tags/v0.{done // 150}", marks[-1])
    fi.reset("refs/remotes/origin/master", marks[-1])
    fi.reset("refs/heads/develop", marks[-20])

    # Pull requests: branches off random main commits, refs deleted after the import.
    base_files = {name: list(lines) for name, lines in files.items()}
    made = 0
    number = 1
    fixture_at = pr_commits // 3
    docs_at = pr_commits // 2
    shapes_at = pr_commits // 4
    while made < pr_commits:
        files.clear()
        files.update({name: list(lines) for name, lines in base_files.items()})
        pr_rng = random.Random(rng.random())
        tip = marks[-1]
        ref = f"refs/pull/{number}/head"
        for _ in range(pr_rng.randint(1, 6)):
            if made == fixture_at:
                key, secret = values.key(), values.key()
                files["tests/conftest.py"] = [
                    "import pytest", "from binance.client import Client", "",
                    "", "@pytest.fixture", "def client():",
                    f'    return Client("{key}", "{secret}")',
                ]
                tip = fi.commit(ref, "tests: fixture client", snapshot(["tests/conftest.py"]),
                                [tip], 3)
                planted += [{"kind": "dangling", "path": "tests/conftest.py", "line": 7,
                             "fingerprint": fingerprint(key)},
                            {"kind": "dangling", "path": "tests/conftest.py", "line": 7,
                             "fingerprint": fingerprint(secret)}]
            elif made == shapes_at:
                # Other shapes: a futures testnet key (lowercase hex) in a CI workflow, a
                # Kubernetes Secret's base64 data, an Ed25519 key with its PEM private key.
                hex_key = values.key_hex()
                hex_secret = values.key_hex()
                k8s_key, ed_key = values.key(), values.key()
                pem_body = base64.b64encode(b"\x30\x2e" + values.key().encode()[:46]).decode()
                files[".github/workflows/ci.yml"] = [
                    "jobs:", "  test:", "    env:", '      TEST_TESTNET: "true"',
                    f'      TEST_FUTURES_API_KEY: "{hex_key}"',
                    f'      TEST_FUTURES_API_SECRET: "{hex_secret}"',
                ]
                files["deploy/secret.yaml"] = [
                    "apiVersion: v1", "kind: Secret", "metadata:", "  name: binance-bot",
                    "data:", f"  BINANCE_API_KEY: {base64.b64encode(k8s_key.encode()).decode()}",
                ]
                files["keys/ed25519.env"] = [
                    "# binance ed25519 key", f"BINANCE_API_KEY={ed_key}",
                    "BINANCE_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----", pem_body,
                    "-----END PRIVATE KEY-----\"",
                ]
                changed = [".github/workflows/ci.yml", "deploy/secret.yaml", "keys/ed25519.env"]
                tip = fi.commit(ref, "ci: testnet, deploy, ed25519", snapshot(changed), [tip], 3)
                planted += [
                    {"kind": "dangling", "path": changed[0], "line": 5,
                     "fingerprint": fingerprint(hex_key)},
                    {"kind": "dangling", "path": changed[0], "line": 6,
                     "fingerprint": fingerprint(hex_secret)},
                    {"kind": "dangling", "path": changed[1], "line": 6,
                     "fingerprint": fingerprint(k8s_key)},
                    {"kind": "dangling", "path": changed[2], "line": 2,
                     "fingerprint": fingerprint(ed_key)},
                ]
            elif made == docs_at:
                # Same-named keys in two sections of a docs dump (pairing by name).
                main_key, main_secret, sub_key, sub_secret = (values.key() for _ in range(4))
                name = "utils/futures_docs.txt"
                files[name][200:200] = [
                    "Example credentials (MAIN and SUB accounts):", "```",
                    f"MAIN_API_KEY={main_key}", f"SUB_API_KEY={sub_key}",
                    f"MAIN_API_SECRET={main_secret}", f"SUB_API_SECRET={sub_secret}", "```",
                ]
                tip = fi.commit(ref, "docs: sub-account example", snapshot([name]), [tip], 3)
                for offset, value in enumerate((main_key, sub_key, main_secret, sub_secret)):
                    planted.append({"kind": "dangling", "path": name, "line": 203 + offset,
                                    "fingerprint": fingerprint(value)})
            else:
                tip = fi.commit(ref, f"PR {number}", snapshot(change(pr_rng)), [tip], 3)
            made += 1
            if made >= pr_commits:
                break
        number += 1
    return planted


def build_wide(fi: FastImport, rng: random.Random, values: Values, files: int) -> list[dict]:
    changes: dict[str, str | None] = {}
    for index in range(files):
        digest = values.hex()
        changes[f"vendor/pkg{index // 100:03d}/file{index:05d}.lock"] = (
            f"name = \"pkg-{index}\"\nversion = \"1.{index % 40}.0\"\nsha256 = \"{digest}\"\n"
        )
    fi.commit("refs/heads/master", "vendor: lock files", changes, [])
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--shape", choices=("client", "wide"), default="client")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="commits and docs sizes times this (client shape)")
    parser.add_argument("--files", type=int, default=20_000, help="files (wide shape)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path)
    parser.add_argument("--seeded-keys", action="store_true",
                        help="derive the planted keys from the seed (for stored expectations)")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    args = parser.parse_args(argv)
    if args.dest.exists():
        if not args.force:
            parser.error(f"{args.dest} exists (use --force)")
        shutil.rmtree(args.dest)
    args.dest.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "master", str(args.dest)], check=True)
    rng = random.Random(args.seed)
    values = Values(rng, args.seeded_keys)
    fi = FastImport(args.dest)
    if args.shape == "client":
        planted = build_client(fi, rng, values, args.scale)
    else:
        planted = build_wide(fi, rng, values, args.files)
    fi.close()
    git = ["git", "-C", str(args.dest)]
    pulls = subprocess.run([*git, "for-each-ref", "--format=%(refname)", "refs/pull/"],
                           capture_output=True, text=True, check=True).stdout.split()
    if pulls:
        subprocess.run([*git, "update-ref", "--stdin"], check=True,
                       input="".join(f"delete {ref}\n" for ref in pulls), text=True)
    # As a clone has it: one pack, deltified (fast-import's own pack is much larger).
    subprocess.run([*git, "repack", "-q", "-a", "-d", "-f", "--keep-unreachable",
                    "--window=10", "--depth=50"],
                   check=True)
    subprocess.run([*git, "reset", "-q", "--hard"], check=True)
    manifest = args.manifest or Path(str(args.dest) + ".planted.json")
    manifest.write_text(json.dumps({"shape": args.shape, "seed": args.seed,
                                    "planted": planted}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

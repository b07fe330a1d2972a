"""Build the real-repository evaluation corpus (issue 19) from its templates, with fresh values.

    .venv/bin/python tests/benchmarks/eval_real/generate.py OUT [--seed N] [--part PART]
    .venv/bin/python tests/benchmarks/eval_real/generate.py --check     # manifests match templates
    .venv/bin/python tests/benchmarks/eval_real/generate.py --relabel   # rewrite their labels

Each project under ``tune/`` and ``heldout/`` to ``heldout12/`` (the parts, ``PARTS``) copies the
shape of how one public repository (named in that part's ``manifest.json``, with the path of
every file it was taken from) writes credentials: names, file types and layout are the
repository's, every value is generated here at run time.
Templates end in ``.tmpl``; a placeholder stands for a value:

==========================  =========================================================
``{{A:n}}`` ``{{S:n}}``     Binance API key / secret ``n`` (64 alphanumerics; the same
                            ``n`` is the same value everywhere in its project)
``{{P:ed|rsa:n}}``          Binance private key ``n``: a PEM on its own lines
``{{PN:ed|rsa:n}}``         the same private key written on one line with ``\\n`` escapes
                            (a ``.env`` value the program unescapes before use)
``{{AB:n}}`` ``{{SB:n}}``   key / secret ``n`` base64-encoded (a Kubernetes Secret's
                            ``data:``); the finding is the decoded value
``{{AH:n}}`` ``{{SH:n}}``   key / secret ``n`` written as 64 hex digits, as Binance's
                            futures testnet issues them
``{{N:cause}}``             hard negative: 64 alphanumerics that are not Binance's
``{{NH:cause}}``            hard negative: 64 hex digits
``{{NH32:cause}}``          hard negative: 32 hex digits
``{{NU:cause}}``            hard negative: a UUID
``{{NP:ed|rsa|rsa1|ec:cause}}``
                            hard negative: a private key that is not Binance's (a TLS
                            key; ``rsa1``: a 512-bit PKCS#1 key, a library's test vector;
                            ``ec``: a P-256 ``EC PRIVATE KEY``)
``{{NC:cause}}``            hard negative: a self-signed certificate
``{{NL:cause:text}}``       hard negative written as is (a placeholder such as ``editme``)
``{{DOC:i}}``               Binance's documentation example ``DOC_EXAMPLES[i]`` (reported
                            with ``example: true``, which counts on neither side)
==========================  =========================================================

A positive's label is (file, template line, type, slot); the manifest records them by
template line, so a multi-line PEM above another value does not make the manifest depend on
the seed. ``OUT/<part>/truth.json`` gives the rendered lines and fingerprints, in the format
``tests/benchmarks/eval_detection.py`` reads, plus the negatives and each file's shape.

Determinism: every value comes from ``random.Random(f"{seed}:{part}:{project}")`` (RSA keys
from primes found with that generator), so one seed always writes the same bytes and one
project's values do not depend on the others'. ``score.py`` picks a fresh seed each run.

The split is by repository and was made before anything was scored (``split_of``,
``FIRST_SPLIT``): the first third of the first twenty in hash order, and any repository
added later by its own hash, so a part never changes when another repository joins.

``heldout2/`` is a second held-out set, built after the first one's misses had been read
(so ``heldout/`` can no longer judge fairly): repositories chosen by hand, in neither of the
other parts' manifests, frozen in one commit before anything was scored on it. It is never
used for tuning and takes no part in the hash split (``HAND_PICKED``).

``heldout3/`` is a third one, built the same way for the third detection round: repositories
in no other part whose ``sha1(owner/name)`` (lower case) starts with 0-7, while ``tune/`` may
only take repositories starting 8-f (``HELDOUT3_PREFIXES``), so the pools stay disjoint.

``heldout4/`` is a fourth one, built after ``heldout3/`` had been read and tuned on: the same
rules (pool 0-7, in no other part, frozen in one commit before anything was scored on it).

``heldout5/`` is a fifth one, built after ``heldout4/``'s misses had been read: the same rules
(pool 0-7, in no other part and not named in docs/detection.md, frozen in one commit before
anything was scored on it).

``heldout6/`` is a sixth one, built while ``heldout5/`` was being tuned on: the same rules
(pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen in one commit
before anything was scored on it).

``heldout7/`` is a seventh one, built while ``heldout5/`` and ``heldout6/`` were being tuned on:
the same rules (pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen
in one commit before anything was scored on it).

``heldout8/`` is an eighth one, built while ``heldout7/`` was being read and tuned on: the same
rules (pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen in one
commit before anything was scored on it).

``heldout9/`` is a ninth one, built while ``heldout8/`` was being read and tuned on: the same
rules (pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen in one
commit before anything was scored on it).

``heldout10/`` is a tenth one, built while ``heldout9/`` was being read and tuned on: the same
rules (pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen in one
commit before anything was scored on it); its projects also carry the dependency manifests and
README titles their repositories hold.

``heldout11/`` is an eleventh one, built while ``heldout10/`` was about to be read and tuned on:
the same rules (pool 0-7, in no other part and not named in docs/detection.md or tests/, frozen
in one commit before anything was scored on it), with the dependency manifests, README titles
and client-building modules its repositories hold.

``heldout12/`` is a twelfth one, built beside ``heldout11/`` at the same time: the same rules
(not named in docs/detection.md or tests/, frozen in one commit before anything was scored on
it), drawn only from the 4-7 half of the pool and checked against ``heldout11/``'s repositories
so the two sets built together cannot share one.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import random
import re
import string
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).resolve().parent
PARTS = (
    "tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
    "heldout8", "heldout9", "heldout10", "heldout11", "heldout12",
)  # fmt: skip
SPLIT_PARTS = ("tune", "heldout")  # split by repository hash (split_of)
# chosen by hand, disjoint from the others
HAND_PICKED = (
    "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
    "heldout10", "heldout11", "heldout12",
)  # fmt: skip
# heldout3/ to heldout12/ take repositories whose sha1("owner/name".lower()) starts with one
# of these; tune/ may add only the others, so a repository cannot be in both pools.
HELDOUT3_PREFIXES = "01234567"
# the parts drawn from the HELDOUT3_PREFIXES pool
POOLED = (
    "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
    "heldout11", "heldout12",
)  # fmt: skip
SUFFIX = ".tmpl"
PLACEHOLDER = re.compile(r"\{\{([A-Z0-9]+)((?::[^}]*)?)\}\}")
TYPES = {"A": "Binance API Key", "S": "Binance Secret Key", "P": "Binance Private Key"}
ENCODED = {"AB": "A", "SB": "S"}  # base64 of the slot's value
HEX = {"AH": "A", "SH": "S"}  # the slot's value is 64 hex digits
ESCAPED = {"PN": "P"}  # the slot's PEM written on one line, newlines as backslash-n
ALNUM = string.ascii_letters + string.digits
SPLIT_SALT = "eval_real split:"
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


# The repositories of the first split, made before anything was scored: sorted by
# ``sha256(SPLIT_SALT + owner/name)``, the first third of them held out. A repository added
# later is held out when its hash, read as a fraction of 2**256, is below 1/3, so adding one
# never moves another between the parts.
FIRST_SPLIT = (
    "CyberPunkMetalHead/Binance-volatility-trading-bot",
    "CyberPunkMetalHead/binance-trading-bot-new-coins",
    "DeviaVir/zenbot",
    "DogsTailFarmer/crypto-ws-api",
    "Drakkar-Software/OctoBot",
    "Haehnchen/crypto-trading-bot",
    "Krokodilushka/binance-kotlin-api",
    "WISEPLAT/backtrader_binance",
    "askmike/gekko",
    "binance-exchange/binance-java-api",
    "blankly-finance/blankly",
    "bmoscon/cryptofeed",
    "chrisleekr/binance-trading-bot",
    "craysiii/binance",
    "enigmampc/catalyst",
    "jaggedsoft/php-binance-api",
    "jsappme/node-binance-trader",
    "maxme/bitcoin-arbitrage",
    "saniales/golang-crypto-trading-bot",
    "sonvister/Binance",
)


def _split_hash(repo: str) -> str:
    return hashlib.sha256((SPLIT_SALT + repo).encode()).hexdigest()


def split_of(repos: list[str]) -> dict[str, str]:
    """Which part each repository belongs to (see FIRST_SPLIT)."""
    first = sorted(FIRST_SPLIT, key=_split_hash)
    held = set(first[: round(len(first) / 3)])
    parts = {}
    for repo in repos:
        if repo in FIRST_SPLIT:
            parts[repo] = "heldout" if repo in held else "tune"
        else:
            parts[repo] = "heldout" if int(_split_hash(repo), 16) * 3 < 2**256 else "tune"
    return parts


# ---------------------------------------------------------------- values from a seeded rng


def key64(rng: random.Random) -> str:
    """64 alphanumerics with upper, lower and digits, as Binance's keys and secrets are."""
    while True:
        value = "".join(rng.choice(ALNUM) for _ in range(64))
        kinds = (str.isupper, str.islower, str.isdigit)
        if all(any(test(c) for c in value) for test in kinds):
            return value


def _probable_prime(n: int, rng: random.Random) -> bool:
    for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(24):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng: random.Random, bits: int) -> int:
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if _probable_prime(candidate, rng):
            return candidate


def rsa_key(rng: random.Random, bits: int = 2048) -> rsa.RSAPrivateKey:
    """An RSA key from the seeded generator (cryptography's own generator cannot be seeded)."""
    e = 65537
    while True:
        p, q = _prime(rng, bits // 2), _prime(rng, bits // 2)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e and (p * q).bit_length() == bits:
            break
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(e, p * q),
    )  # fmt: skip
    return numbers.private_key()


def private_key(rng: random.Random, kind: str) -> ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey:
    if kind == "ed":
        seed = bytes(rng.getrandbits(8) for _ in range(32))
        return ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    if kind == "rsa":
        return rsa_key(rng)
    raise ValueError(f"unknown key kind {kind!r}: use ed or rsa")


def pem(rng: random.Random, kind: str) -> str:
    """A PKCS#8 PEM, or for ``rsa1`` the 512-bit PKCS#1 ``RSA PRIVATE KEY`` that library
    self-tests (PyCryptodome's ``SelfTest``) carry as test vectors, or for ``ec`` the P-256
    ``EC PRIVATE KEY`` that ``openssl ecparam -genkey -noout`` writes (a TLS key)."""
    key: ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if kind == "rsa1":
        key = rsa_key(rng, 512)
        form = serialization.PrivateFormat.TraditionalOpenSSL
    elif kind == "ec":
        key = ec.derive_private_key(rng.randrange(1, P256_ORDER), ec.SECP256R1())
        form = serialization.PrivateFormat.TraditionalOpenSSL
    else:
        key, form = private_key(rng, kind), serialization.PrivateFormat.PKCS8
    return key.private_bytes(
        serialization.Encoding.PEM, form, serialization.NoEncryption()
    ).decode().strip()  # fmt: skip


def certificate(rng: random.Random) -> str:
    """A self-signed Ed25519 certificate with fixed dates (Ed25519 signatures are deterministic)."""
    key = private_key(rng, "ed")
    assert isinstance(key, ed25519.Ed25519PrivateKey)
    host = f"host{rng.randrange(10**6)}.example"
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(rng.getrandbits(64) + 1)
        .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, None)
    )  # fmt: skip
    return cert.public_bytes(serialization.Encoding.PEM).decode().strip()


def doc_example(index: int) -> str:
    from binance_secrets.plugins.detection.doc_examples import DOC_EXAMPLES

    return DOC_EXAMPLES[index].value


# ---------------------------------------------------------------- templates and labels


@dataclass(frozen=True)
class Placeholder:
    kind: str
    args: tuple[str, ...]

    @property
    def positive(self) -> bool:
        return any(self.kind in kinds for kinds in (TYPES, ENCODED, HEX, ESCAPED))

    @property
    def base(self) -> str:
        """The kind of the value itself: ``A`` for ``AB`` and ``AH``."""
        return ENCODED.get(self.kind, HEX.get(self.kind, ESCAPED.get(self.kind, self.kind)))

    @property
    def slot(self) -> str:
        return f"{self.base}:{self.args[-1]}"

    @property
    def cause(self) -> str:
        if self.kind == "DOC":
            return "Binance documentation example"
        if self.kind in ("NP", "NB"):
            return self.args[1]
        return self.args[0]


def parse(match: re.Match[str]) -> Placeholder:
    kind, rest = match.group(1), match.group(2)
    if kind == "NL":  # NL:cause:text, the text may hold colons
        cause, _, text = rest[1:].partition(":")
        return Placeholder(kind, (cause, text))
    args = tuple(rest[1:].split(":")) if rest else ()
    known = {"A": 1, "S": 1, "P": 2, "PN": 2, "AB": 1, "SB": 1, "AH": 1, "SH": 1}
    known.update({"N": 1, "NH": 1, "NH32": 1, "NU": 1})
    known.update({"NP": 2, "NB": 2, "NC": 1, "DOC": 1})
    if kind not in known or len(args) != known[kind]:
        raise ValueError(f"bad placeholder {match.group(0)!r}")
    return Placeholder(kind, args)


def template_files(part: str) -> list[Path]:
    return sorted(p for p in (HERE / part).rglob("*" + SUFFIX) if p.is_file())


def rel_path(part: str, template: Path) -> str:
    """The generated file's path relative to the part: ``project/dir/name``."""
    return template.relative_to(HERE / part).as_posix()[: -len(SUFFIX)]


def labels_of(text: str) -> list[dict[str, Any]]:
    """Each placeholder of one template as a manifest label (template line numbers)."""
    labels: list[dict[str, Any]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in PLACEHOLDER.finditer(line):
            ph = parse(match)
            if ph.positive:
                labels.append({"line": number, "type": TYPES[ph.base], "slot": ph.slot})
            else:
                labels.append({"line": number, "negative": ph.cause})
    return labels


def template_labels(part: str) -> dict[str, list[dict[str, Any]]]:
    return {rel_path(part, t): labels_of(t.read_text()) for t in template_files(part)}


def load_manifest(part: str) -> dict[str, Any]:
    return json.loads((HERE / part / "manifest.json").read_text())


def manifest_labels(manifest: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        f"{project['name']}/{entry['path']}": entry["labels"]
        for project in manifest["projects"]
        for entry in project["files"]
    }


def check(part: str) -> list[str]:
    """Ways the manifest of ``part`` disagrees with its templates (empty when it agrees)."""
    manifest = load_manifest(part)
    problems = []
    want, have = template_labels(part), manifest_labels(manifest)
    for path in sorted(want.keys() - have.keys()):
        problems.append(f"{part}/{path}: template not in the manifest")
    for path in sorted(have.keys() - want.keys()):
        problems.append(f"{part}/{path}: in the manifest, no template")
    for path in sorted(want.keys() & have.keys()):
        if want[path] != have[path]:
            problems.append(f"{part}/{path}: manifest labels differ from the template's")
    projects = _all_projects()
    for project in manifest["projects"]:
        elsewhere = sorted(
            {p["part"] for p in projects if p["repo"] == project["repo"] and p["part"] != part}
        )
        if part in HAND_PICKED and elsewhere:
            problems.append(
                f"{part}/{project['name']}: {project['repo']} is also in {', '.join(elsewhere)}"
            )
        if part in POOLED and repo_hash_prefix(project["repo"]) not in HELDOUT3_PREFIXES:
            problems.append(
                f"{part}/{project['name']}: sha1 of {project['repo']} starts with "
                f"{repo_hash_prefix(project['repo'])}, not one of {HELDOUT3_PREFIXES}"
            )
        split_repos = sorted({p["repo"] for p in projects if p["part"] in SPLIT_PARTS})
        if part in SPLIT_PARTS and split_of(split_repos)[project["repo"]] != part:
            problems.append(f"{part}/{project['name']}: {project['repo']} is in the other part")
    return problems


def repo_hash_prefix(repo: str) -> str:
    """First hex digit of ``sha1(owner/name)`` in lower case: which pool a repository is in."""
    return hashlib.sha1(repo.lower().encode()).hexdigest()[0]


def _all_projects() -> list[dict[str, Any]]:
    return [dict(p, part=part) for part in PARTS for p in load_manifest(part)["projects"]]


def relabel(part: str) -> None:
    manifest = load_manifest(part)
    want = template_labels(part)
    for project in manifest["projects"]:
        for entry in project["files"]:
            entry["labels"] = want[f"{project['name']}/{entry['path']}"]
    (HERE / part / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


# ---------------------------------------------------------------- rendering


def render_part(part: str, seed: int) -> tuple[dict[str, str], dict[str, Any]]:
    """(files by path relative to the part, truth) for one seed."""
    manifest = load_manifest(part)
    files: dict[str, str] = {}
    expected: list[dict[str, Any]] = []
    negatives: list[dict[str, Any]] = []
    for project in manifest["projects"]:
        rng = random.Random(f"{seed}:{part}:{project['name']}")
        slots: dict[str, str] = {}
        for entry in project["files"]:
            path = f"{project['name']}/{entry['path']}"
            template = (HERE / part / (path + SUFFIX)).read_text()
            out: list[str] = []
            for line in template.split("\n"):
                found = [(parse(m), m) for m in PLACEHOLDER.finditer(line)]
                values = [_value(ph, rng, slots) for ph, _ in found]
                pieces, end = [], 0
                for (ph, match), v in zip(found, values):
                    text = _written(ph.kind, v)
                    pieces += [line[end : match.start()], text]
                    end = match.end()
                rendered = "".join(pieces) + line[end:]
                number = len(out) + 1
                for (ph, _), v in zip(found, values):
                    if ph.positive:
                        expected.append({
                            "path": path, "line": number, "type": TYPES[ph.base],
                            "fingerprint": "sha256:" + hashlib.sha256(v.encode()).hexdigest(),
                            "slot": ph.slot, "shape": entry["shape"],
                            "encoding": _encoding(ph.kind),
                        })  # fmt: skip
                    else:
                        negatives.append({"path": path, "line": number, "cause": ph.cause})
                out.extend(rendered.split("\n"))
            files[path] = "\n".join(out)
    truth = {
        "part": part, "seed": seed,
        "projects": [p["name"] for p in manifest["projects"]],
        "expected": expected, "negatives": negatives,
        "shapes": {
            f"{p['name']}/{e['path']}": e["shape"] for p in manifest["projects"] for e in p["files"]
        },
    }  # fmt: skip
    return files, truth


def _written(kind: str, value: str) -> str:
    """The text a placeholder becomes: base64 of the value, its PEM on one line, or as is."""
    if kind in ENCODED:
        return base64.b64encode(value.encode()).decode()
    if kind in ESCAPED:
        return value.replace("\n", "\\n")
    return value


def _encoding(kind: str) -> str | None:
    """How a positive is written: base64 of the value, 64 hex digits, an escaped PEM, or as is."""
    if kind in ENCODED:
        return "base64"
    if kind in ESCAPED:
        return "escaped"
    return "hex" if kind in HEX else None


def _value(ph: Placeholder, rng: random.Random, slots: dict[str, str]) -> str:
    if ph.base in ("A", "S", "P"):
        if ph.slot not in slots:
            if ph.base == "P":
                slots[ph.slot] = pem(rng, ph.args[0])
            elif ph.kind in HEX:
                slots[ph.slot] = f"{rng.getrandbits(256):064x}"
            else:
                slots[ph.slot] = key64(rng)
        return slots[ph.slot]
    if ph.kind == "N":
        return key64(rng)
    if ph.kind == "NH":
        return f"{rng.getrandbits(256):064x}"
    if ph.kind == "NH32":
        return f"{rng.getrandbits(128):032x}"
    if ph.kind == "NU":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if ph.kind == "NP":
        return pem(rng, ph.args[0])
    if ph.kind == "NC":
        return certificate(rng)
    if ph.kind == "NB":
        raw = bytes(rng.getrandbits(8) for _ in range(int(ph.args[0].rstrip("u"))))
        encode = base64.urlsafe_b64encode if ph.args[0].endswith("u") else base64.b64encode
        return encode(raw).decode()
    if ph.kind == "NL":
        return ph.args[1]
    if ph.kind == "DOC":
        return doc_example(int(ph.args[0]))
    raise ValueError(ph.kind)


def write_part(out: Path, part: str, seed: int) -> dict[str, Any]:
    files, truth = render_part(part, seed)
    for path, text in files.items():
        target = out / part / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (out / part / "truth.json").write_text(json.dumps(truth, indent=1) + "\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="directory to write the corpus into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--check", action="store_true", help="manifests match the templates")
    parser.add_argument("--relabel", action="store_true", help="rewrite manifest labels")
    args = parser.parse_args(argv)
    parts = PARTS if args.part == "all" else (args.part,)
    if args.relabel:
        for part in parts:
            relabel(part)
    if args.check or args.relabel:
        problems = [p for part in parts for p in check(part)]
        print("\n".join(problems) or "manifests match their templates")
        return 1 if problems else 0
    if args.out is None:
        parser.error("give OUT, or --check / --relabel")
    for part in parts:
        truth = write_part(args.out, part, args.seed)
        print(
            f"{part}: {len(truth['shapes'])} files, {len(truth['projects'])} projects, "
            f"{len(truth['expected'])} planted, {len(truth['negatives'])} hard negatives"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

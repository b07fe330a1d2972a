"""PEM private keys written in code as joined string literals (plugins/detection/pem_concat.py).

Every row of CONCAT_STYLES is rendered with keys generated here (Ed25519, RSA PKCS#8,
RSA PKCS#1, encrypted PKCS#8) beside a random API key, and scanned: the key is found on
the header's line, paired with the API key, and its value is the canonical PEM, the same
text (so the same fingerprint) as the key's plain PEM file, which `check` loads and signs
with on the emulator, read back from a scan report; `sweep` finds it still at HEAD. Placeholder
bodies, bodies cut short and joins to a variable are not keys, and a crafted file of
joined literals without END stays linear.
"""

from __future__ import annotations

import time
from functools import cache

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, fingerprint
from binance_secrets.plugins.detection.pem_concat import (
    CONCAT_STYLES,
    ConcatStyle,
    normalise,
    reassemble,
)
from binance_secrets.plugins.livecheck.signing import load_private_key
from tests.benchmarks import bench_cost
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    emulator_fixture,
    private_key_account,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key

PASSPHRASE = b"generated at test time"


@cache
def _pem(kind: str) -> str:
    """A private key generated now, as cryptography writes it (64-character lines)."""
    pkcs8 = serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    if kind == "ed25519":
        key, form, crypt = ed25519.Ed25519PrivateKey.generate(), pkcs8, none
    elif kind == "ed25519-encrypted":
        key = ed25519.Ed25519PrivateKey.generate()
        form, crypt = pkcs8, serialization.BestAvailableEncryption(PASSPHRASE)
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        form = serialization.PrivateFormat.TraditionalOpenSSL if kind == "rsa-pkcs1" else pkcs8
        crypt = none
    return key.private_bytes(serialization.Encoding.PEM, form, crypt).decode().strip()


KINDS = ("ed25519", "rsa-pkcs8", "rsa-pkcs1", "ed25519-encrypted")


def render(style: ConcatStyle, pem: str) -> str:
    """A style's example with a PEM's header, body lines and footer filled in."""
    marks = pem.splitlines()
    out = []
    for line in style.example.split("\n"):
        if "{BODY}" in line:
            out.extend(line.replace("{BODY}", body) for body in marks[1:-1])
        else:
            out.append(line.replace("{BEGIN}", marks[0]).replace("{END}", marks[-1]))
    return "\n".join(out)


def _file(style: ConcatStyle, pem: str, api_key: str) -> tuple[str, int]:
    """A source file: a comment, the API key, the joined PEM; and the header's line number."""
    code = render(style, pem)
    lines = ["// binance", f'BINANCE_API_KEY = "{api_key}";', *code.split("\n"), ""]
    header = next(n for n, line in enumerate(lines, 1) if "-----BEGIN" in line)
    return "\n".join(lines), header


def _private(findings: list) -> list:
    return [f for f in findings if f.type == PRIVATE_KEY]


def test_style_names_are_unique() -> None:
    names = [style.name for style in CONCAT_STYLES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", CONCAT_STYLES, ids=[s.name for s in CONCAT_STYLES])
def test_each_style_is_found_paired_and_canonical(style: ConcatStyle, kind: str) -> None:
    pem = _pem(kind)
    api_key = random_key()
    text, header = _file(style, pem, api_key)
    findings = scan_text("src/Keys.txt", text)
    (private,) = _private(findings)
    (key,) = [f for f in findings if f.type == API_KEY]
    assert private.line == header
    assert private.value == pem  # cryptography's own PEM text: the canonical form
    assert private.pair == fingerprint(api_key)
    assert key.pair == private.fingerprint
    assert not private.example
    # What `check` does with the value: load it (signing.load_private_key).
    passphrase = PASSPHRASE if "encrypted" in kind else None
    assert load_private_key(private.value, passphrase) is not None


@pytest.mark.parametrize("kind", ("ed25519", "rsa-pkcs8"))
def test_same_fingerprint_as_the_plain_pem(kind: str) -> None:
    pem = _pem(kind)
    plain = scan_text("keys.env", f"# binance\nBINANCE_PRIVATE_KEY:\n{pem}\n")
    joined = scan_text("Keys.java", _file(CONCAT_STYLES[0], pem, random_key())[0])
    escaped = pem.replace("\n", "\\n")  # one string with `\n` escapes (pem.py's own case)
    one_string = scan_text("keys.env", f'# binance\nBINANCE_PRIVATE_KEY="{escaped}"\n')
    (expected,) = {f.fingerprint for f in _private(plain)}
    assert {f.fingerprint for f in _private(joined)} == {expected}
    assert {f.fingerprint for f in _private(one_string)} == {expected}


def test_pieces_without_line_breaks_are_rewrapped() -> None:
    """Pieces of any width joined without `\\n`: the body is rewrapped at 64."""
    pem = _pem("rsa-pkcs8")
    body = "".join(pem.splitlines()[1:-1])
    pieces = [body[i : i + 50] for i in range(0, len(body), 50)]
    lines = ['// binance', 'String privateKey = "-----BEGIN PRIVATE KEY-----" +']
    lines += [f'    "{piece}" +' for piece in pieces]
    lines += ['    "-----END PRIVATE KEY-----";']
    (private,) = _private(scan_text("Keys.java", "\n".join(lines)))
    assert private.value == pem


PLACEHOLDERS = (
    "MC4CAQAwBQYDK2VwBCIEI...",
    "YOUR_PRIVATE_KEY_HERE",
    "EXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEY",
    "A" * 64,
    "<your private key>",
)


@pytest.mark.parametrize("body", PLACEHOLDERS)
@pytest.mark.parametrize("style", CONCAT_STYLES, ids=[s.name for s in CONCAT_STYLES])
def test_placeholder_body_is_not_a_key(style: ConcatStyle, body: str) -> None:
    pem = f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"
    assert _private(scan_text("Keys.java", _file(style, pem, random_key())[0])) == []


@pytest.mark.parametrize("style", CONCAT_STYLES, ids=[s.name for s in CONCAT_STYLES])
def test_body_cut_short_is_not_a_key(style: ConcatStyle) -> None:
    """A tutorial's key "shortened for display" is not one whole DER SEQUENCE."""
    lines = _pem("rsa-pkcs8").splitlines()
    cut = "\n".join([*lines[:4], lines[-1]])
    assert _private(scan_text("Keys.java", _file(style, cut, random_key())[0])) == []


@pytest.mark.parametrize(
    "code",
    [
        # the body is a variable: code that builds a PEM, no key in it
        'String pem = "-----BEGIN PRIVATE KEY-----\\n" + body + "\\n-----END PRIVATE KEY-----";',
        'pem = ("-----BEGIN PRIVATE KEY-----\\n"\n    + os.getenv("BINANCE_KEY")\n'
        '    + "\\n-----END PRIVATE KEY-----")',
        # no END before the statement ends
        'String pem = "-----BEGIN PRIVATE KEY-----\\n" +\n    "{LINE}\\n";\nfoo("{LINE}");',
    ],
)
def test_joins_to_non_literals_give_no_key(code: str) -> None:
    line = _pem("ed25519").splitlines()[1]
    text = "// binance\n" + code.replace("{LINE}", line) + "\n"
    assert _private(scan_text("Keys.java", text)) == []


def test_mismatched_markers_are_no_block() -> None:
    body = _pem("ed25519").splitlines()[1]
    text = f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END RSA PRIVATE KEY-----"
    assert normalise(text) is None


def test_joined_block_stops_at_the_next_header() -> None:
    """A header whose literals run into another header has no block of its own; the second
    one does."""
    pem = _pem("ed25519")
    text = (
        '// binance\nString a = "-----BEGIN PRIVATE KEY-----\\n" +\n'
        + render(CONCAT_STYLES[0], pem).replace("String privateKey = ", "    ")
    )
    (private,) = _private(scan_text("Keys.java", text))
    assert private.line == 3 and private.value == pem


@pytest.mark.parametrize("make", [bench_cost.pem_concat_no_end, bench_cost.pem_concat_long_lines])
def test_crafted_joined_literals_stay_linear(make) -> None:  # noqa: ANN001
    """Thousands of joined literals without END: each header reads a bounded window
    (MAX_CONCAT_CHARS), never the rest of the file. 300 kB takes about 0.1 s."""
    text = make(300_000)
    started = time.process_time()
    assert _private(scan_text("Keys.java", text)) == []
    assert time.process_time() - started < 3


@pytest.mark.parametrize("style", CONCAT_STYLES, ids=[s.name for s in CONCAT_STYLES])
def test_each_row_is_reassembled_by_the_table(style: ConcatStyle) -> None:
    """The table itself reads every row's example (some rows' examples the line-by-line
    reading of pem.py also gets; this shows the row does not depend on it)."""
    pem = _pem("rsa-pkcs8")
    lines = render(style, pem).split("\n")
    header = next(i for i, line in enumerate(lines) if "-----BEGIN" in line)
    assert reassemble(lines, header) == pem


@pytest.mark.parametrize("gap", [" ", "\n", " \\\n"])
def test_blanks_after_the_header_literal_stay_linear(gap: str) -> None:
    """A header's literal followed by a long run of blanks and no piece: every join gives up
    after one pass over the run (two optional gaps side by side once split it every way)."""
    line = '"-----BEGIN PRIVATE KEY-----\\n"' + gap * 8000
    lines = [line, *[gap] * 200]
    started = time.process_time()
    for _ in range(20):
        assert reassemble(lines, 0) is None
    assert time.process_time() - started < 1


def test_sweep_finds_a_rewrapped_key_still_at_head(tmp_path) -> None:  # noqa: ANN001
    """`sweep` asks which files at HEAD still hold a key (written_forms.written_in): a key
    whose pieces are not its 64-character lines is found there too."""
    import json

    from click.testing import CliRunner

    from binance_secrets.hooks.commands.cli import cli
    from tests.gitrepo import GitRepo

    pem = _pem("ed25519-encrypted")
    body = "".join(pem.splitlines()[1:-1])
    lines = ["// binance", f'BINANCE_API_KEY = "{random_key()}";',
             'String privateKey = "-----BEGIN ENCRYPTED PRIVATE KEY-----" +']
    lines += [f'    "{body[i : i + 50]}" +' for i in range(0, len(body), 50)]
    lines += ['    "-----END ENCRYPTED PRIVATE KEY-----";', ""]
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"src/Keys.java": "\n".join(lines)})
    result = CliRunner().invoke(cli, ["sweep", "--format", "json", str(repo.path)])
    (found,) = [f for f in json.loads(result.stdout)["findings"] if f["type"] == PRIVATE_KEY]
    assert found["fingerprint"] == fingerprint(pem)
    assert found["in_head"] is True and found["head_paths"] == ["src/Keys.java"]


@pytest.mark.parametrize("kind", ("ed25519", "rsa"))
def test_check_confirms_a_joined_key_from_the_scan_report(
    emulator: Emulator, tmp_path, kind: str  # noqa: ANN001
) -> None:
    """scan -> JSON report -> check --report: the joined key is read back from its file and
    signs for its API key on the emulator (the value is a PEM `check` loads)."""
    import json

    from click.testing import CliRunner

    from binance_secrets.hooks.commands.cli import cli
    from tests.cli_process import scan_to_report

    account, pem = private_key_account(emulator, kind)
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    code = render(CONCAT_STYLES[0], pem.strip())
    (root / "src" / "Keys.java").write_text(
        f'// binance\nString apiKey = "{account.api_key}";\n{code}\n'
    )
    report = tmp_path / "report.json"
    scan = scan_to_report(root, report)
    assert scan.exit_code == 1, scan.output
    result = CliRunner().invoke(
        cli,
        ["check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--report",
         str(report), "--format", "json"],
        env=CLEAN_ENV,
    )
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "active", result.output
    assert result.exit_code == 1


@pytest.mark.parametrize("style", CONCAT_STYLES, ids=[s.name for s in CONCAT_STYLES])
def test_a_documentation_key_joined_is_still_an_example(style: ConcatStyle) -> None:
    """A key from the connectors' tests (doc_examples) copied into code as joined literals
    is reported as an example, like its plain form: it does not fail a scan."""
    import textwrap

    from binance_secrets.plugins.detection.doc_examples import DOC_EXAMPLES

    rows = [r for r in DOC_EXAMPLES if r.type == PRIVATE_KEY and r.value.startswith("MC4C")]
    assert rows
    for row in rows:
        body = "\n".join(textwrap.wrap(row.value, 64))
        pem = f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"
        (private,) = _private(scan_text("Keys.java", _file(style, pem, random_key())[0]))
        assert private.example and private.value == pem

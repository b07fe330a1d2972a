"""Nothing key-shaped leaves the process whole, and nothing reaches a terminal raw: a 64-
character key, the same base64-encoded and a PEM private key are redacted in every printed
place (file names, commit subjects, JSON fields, SARIF), digests are not, and every control
character, bidi isolate and lone surrogate is escaped, whichever output prints it."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.sanitize import (
    place,
    printable,
    quote_path,
    redact_strings,
    redact_text,
    ref_glob,
)
from binance_secrets.plugins.detection.redaction import redact
from tests.cli_process import env_text
from tests.fake_values import random_der_body, random_key
from tests.gitrepo import GitRepo

DIGEST = "0123456789abcdef" * 4  # a sha256 in a file name or a commit id: not a key
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def shown(key: str) -> str:
    return f"{key[:4]}...{key[-4:]}"


def b64_key() -> tuple[str, str]:
    """(key, its base64 form): 86 letters and digits and "==" (a key's bytes never
    encode to "+" or "/"), which a SARIF URI would percent-encode to "%3D%3D"."""
    key = random_key()
    return key, base64.b64encode(key.encode()).decode()


def one_line_pem() -> str:
    """A PEM private key on one line with no "/" (so it can be a file name or a subject)."""
    while True:
        body = random_der_body()
        if "/" not in body:
            return f"-----BEGIN PRIVATE KEY-----{body}-----END PRIVATE KEY-----"


def pem_block() -> str:
    body = random_der_body(300)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN PRIVATE KEY-----", *lines, "-----END PRIVATE KEY-----"])


# -- redact and redact_text ----------------------------------------------------------------


def test_redact_shows_four_and_four_of_a_long_value_only() -> None:
    assert redact("") == ""
    assert redact("abcdefghijkl") == "*" * 12
    assert redact("abcdefghijklm") == "abcd...jklm"
    pem = pem_block()
    assert redact(pem) == f"-----BEGIN PRIVATE KEY----- ...({len(pem)} chars)"
    assert redact("-----BEGIN") == "-----PRIVATE KEY----- ...(10 chars)"
    assert redact("-----BEGIN RSA-----x") == "-----BEGIN RSA----- ...(20 chars)"


def test_redact_text_leaves_short_text_and_digests_alone() -> None:
    key = random_key()
    assert redact_text(key) == shown(key)  # exactly 64 characters is long enough
    assert redact_text(key[:63]) == key[:63]
    for digest in (DIGEST, DIGEST.upper(), "f" * 64):
        assert redact_text(f"sha256:{digest}") == f"sha256:{digest}"
    mixed_hex = "aB3" * 21 + "c"
    assert redact_text(mixed_hex) == shown(mixed_hex)  # mixed-case: key-shaped
    longer = random_key() + "x"  # 65 characters: not a key, a word
    assert redact_text(longer) == longer


def test_text_shorter_than_a_key_is_printed_as_it_is() -> None:
    """Nothing shorter than a key can hold one, not even a PEM header with a few characters
    after it: an error message that names the header is printed whole."""
    header = "-----BEGIN PRIVATE KEY----- is missing"
    assert redact_text(header) == header
    assert redact_text(header + "x" * (64 - len(header))).startswith("-----BEGIN PRIVATE KEY-----")
    assert redact_text(header + "x" * (64 - len(header))) != header + "x" * (64 - len(header))


def test_redact_text_redacts_a_key_next_to_punctuation() -> None:
    key = random_key()
    for before, after in (("keys/", ".txt"), ("_", "-"), ("(", ")"), ("", "")):
        assert redact_text(f"{before}{key}{after}") == f"{before}{shown(key)}{after}"


def test_redact_text_redacts_a_pem_block_whole() -> None:
    pem = pem_block()
    text = f"before\n{pem}\nafter {DIGEST}"
    assert redact_text(text) == f"before\n{redact(pem)}\nafter {DIGEST}"
    cut = pem.rsplit("\n", 2)[0]  # no END line: redacted to the end of the text
    assert redact_text(f"x {cut}") == f"x {redact(cut)}"
    for kind in ("RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"):
        other = pem.replace("PRIVATE KEY", kind)
        assert redact_text(other) == redact(other)
        assert "MI" not in redact_text(other)


def test_redact_text_redacts_a_base64_encoded_key() -> None:
    key, encoded = b64_key()
    assert redact_text(f"b64 {encoded} end") == f"b64 {shown(key)} end"
    assert redact_text(f"x/{encoded}") == f"x/{shown(key)}"
    # Base64 of something that is not a key stays: it is not secret-shaped.
    not_a_key = base64.b64encode(b"-" * 64).decode()
    assert redact_text(f"b64 {not_a_key}") == f"b64 {not_a_key}"
    not_ascii = base64.b64encode(bytes(range(128, 192))).decode()
    assert redact_text(f"b64 {not_ascii}") == f"b64 {not_ascii}"


def test_redact_strings_reaches_every_string_of_a_document() -> None:
    key, secret = random_key(), random_key()
    document = {
        "path": f"keys/{key}.env",
        key: [secret, (secret, 7), {"n": None, "b": True, "f": 1.5}],
        "fingerprint": f"sha256:{DIGEST}",
    }
    assert redact_strings(document) == {
        "path": f"keys/{shown(key)}.env",
        shown(key): [shown(secret), [shown(secret), 7], {"n": None, "b": True, "f": 1.5}],
        "fingerprint": f"sha256:{DIGEST}",
    }


def test_ref_glob_names_a_key_holding_ref_without_the_key() -> None:
    key, encoded = b64_key()
    assert ref_glob(f"refs/heads/leak-{key}") == f"refs/heads/leak-{key[:4]}*{key[-4:]}"
    assert ref_glob(f"refs/tags/{DIGEST}") == f"refs/tags/{DIGEST}"
    assert ref_glob(f"b64-{encoded}") == f"b64-{encoded[:4]}*{encoded[-4:]}"


# -- escapes -------------------------------------------------------------------------------

# Every character that changes how the rest of a line looks: C0, DEL and C1 controls, the
# Arabic letter mark, zero-width characters and marks, line/paragraph separators, bidi
# embeddings, overrides and isolates (U+2066-U+2069), invisible operators and the BOM.
UNSAFE = [
    *map(chr, range(0x00, 0x20)),
    *map(chr, range(0x7F, 0xA0)),
    "\u061c",
    *map(chr, range(0x200B, 0x2010)),
    *map(chr, range(0x2028, 0x202F)),
    *map(chr, range(0x2060, 0x206A)),
    "\ufeff",
]
# Their neighbours, printed as they are.
SAFE = ["\u00a0", "\u061b", "\u061d", "\u200a", "\u2010", "\u2027", "\u202f", "\u205f",
        "\u206a", "\ufefe", "\uff00", "é", "~", " "]  # fmt: skip


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unsafe_character_is_escaped(char: str) -> None:
    for out in (printable(f"a{char}b"), quote_path(f"a{char}b"), place(f"a{char}b", 1)):
        assert char not in out
        assert "\\" in out
    assert quote_path(f"a{char}b").startswith('"a\\')


@pytest.mark.parametrize(
    ("char", "escaped"),
    [("\a", "\\a"), ("\b", "\\b"), ("\t", "\\t"), ("\n", "\\n"), ("\v", "\\v"),
     ("\f", "\\f"), ("\r", "\\r"), ("\x00", "\\000"), ("\x1b", "\\033"),
     ("\x7f", "\\177"), ("\x85", "\\302\\205"), ("\u2028", "\\342\\200\\250")],
)  # fmt: skip
def test_controls_are_escaped_as_git_does(char: str, escaped: str) -> None:
    assert printable(f"a{char}b") == f"a{escaped}b"
    assert quote_path(f"a{char}b") == f'"a{escaped}b"'


def test_bidi_isolates_are_escaped_as_git_does() -> None:
    isolates = "\u2066\u2067\u2068\u2069"
    assert printable(isolates) == "\\342\\201\\246\\342\\201\\247\\342\\201\\250\\342\\201\\251"
    assert quote_path(f"x{isolates[0]}.env") == '"x\\342\\201\\246.env"'


@pytest.mark.parametrize("char", SAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_neighbours_of_unsafe_characters_are_left_alone(char: str) -> None:
    assert printable(f"a{char}b") == f"a{char}b"
    assert quote_path(f"a{char}b") == f"a{char}b"


@pytest.mark.parametrize(
    ("surrogate", "escaped"),
    [("\ud800", "\\ud800"), ("\udbff", "\\udbff"), ("\udc00", "\\udc00"),
     ("\udc7f", "\\udc7f"), ("\udc80", "\\200"), ("\udcff", "\\377"), ("\udd00", "\\udd00"),
     ("\udfff", "\\udfff")],
)  # fmt: skip
def test_a_lone_surrogate_in_a_name_is_escaped(surrogate: str, escaped: str) -> None:
    """An undecodable byte (surrogateescape's U+DC80-U+DCFF) shows as git shows the byte;
    any other lone surrogate as \\uXXXX. Either way the output encodes as UTF-8."""
    assert printable(f"a{surrogate}b") == f"a{escaped}b"
    assert quote_path(f"a{surrogate}b") == f'"a{escaped}b"'
    assert place(f"{surrogate}.env", 3, COMMIT) == f'{COMMIT[:12]}:"{escaped}.env":3'
    key = random_key()
    assert printable(f"{surrogate}{key}") == f"{escaped}{shown(key)}"
    printable(surrogate).encode("utf-8")
    json.dumps(redact_strings({"path": surrogate * 70}))


def test_quote_path_escapes_quote_and_backslash_only_inside_quotes() -> None:
    assert quote_path('a"b') == '"a\\"b"'
    assert quote_path("a\\b") == '"a\\\\b"'
    assert printable('a"b\\c') == 'a"b\\c'
    assert place("plain.env", 7) == "plain.env:7"


# -- every printed place ---------------------------------------------------------------------


def invoke(*args: str, cwd: Path) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return done.exit_code, done.stdout, done.stderr


def leaked(out: str, values: list[str]) -> list[str]:
    """The values (or their percent-encoded forms, as a SARIF URI holds them) in ``out``."""
    return [v for v in values if v in out or quote(v, safe="/") in out]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_scan_redacts_keys_in_file_names_in_every_format(tmp_path: Path, fmt: str) -> None:
    key, (b64_plain, encoded), pem = random_key(), b64_key(), one_line_pem()
    root = tmp_path / "project"
    root.mkdir()
    names = [f"{key}.env", f"b64-{encoded}.env", f"{pem}.env", f"{DIGEST}.env"]
    for name in names:
        (root / name).write_text(env_text(random_key(), random_key()))
    code, out, err = invoke("scan", "--all-files", "--format", fmt, ".", cwd=root)
    assert code == 1, err
    assert not leaked(out, [key, b64_plain, encoded, pem, pem[27:-25]])
    assert DIGEST in out  # a digest in a name is kept: it is how the file is found again
    if fmt != "text":
        json.loads(out)
    if fmt == "sarif":
        uris = {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(out)["runs"][0]["results"]
        }
        assert f"{shown(key)}.env" in uris and f"b64-{shown(b64_plain)}.env" in uris


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_scan_survives_an_undecodable_file_name(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    with open(os.path.join(os.fsencode(root), b"\xff\xfe-\xe2\x81\xa6.env"), "w") as file:
        file.write(env_text(random_key(), random_key()))
    code, out, err = invoke("scan", "--all-files", "--format", fmt, ".", cwd=root)
    assert code == 1, err
    out.encode("utf-8")
    if fmt == "text":
        assert '"\\377\\376-\\342\\201\\246.env":2:' in out
    elif fmt == "json":
        assert json.loads(out)["findings"][0]["path"] == "\udcff\udcfe-\u2066.env"
    else:
        (result, _) = json.loads(out)["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "%FF%FE-%E2%81%A6.env"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_sweep_redacts_keys_in_subjects_and_names(tmp_path: Path, fmt: str) -> None:
    key, (b64_plain, encoded), pem = random_key(), b64_key(), one_line_pem()
    in_name = random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.commit(
        f"rotate {key} {encoded} {pem} \u2067isolated\u2069 {DIGEST}",
        {f"conf-{in_name}.env": env_text(random_key(), random_key())},
    )
    code, out, err = invoke("sweep", str(repo.path), "--quiet", "--format", fmt, cwd=tmp_path)
    assert code == 1, err
    assert not leaked(out, [key, b64_plain, encoded, pem, pem[27:-25], in_name])
    assert shown(in_name) in out
    if fmt == "text":
        assert f"rotate {shown(key)} {shown(b64_plain)} {redact(pem)}" in out
        assert "\\342\\201\\247isolated\\342\\201\\251" in out and "\u2067" not in out
        assert DIGEST in out
    elif fmt == "json":
        finding = next(f for f in json.loads(out)["findings"] if f["subject"])
        assert finding["subject"].startswith(
            f"rotate {shown(key)} {shown(b64_plain)} {redact(pem)} \u2067isolated"
        )


# -- values the detectors found, whatever their shape ---------------------------------------


def test_redact_values_redacts_each_found_value_anywhere_in_a_document() -> None:
    from binance_secrets.hooks.reports.sanitize import redact_values

    hex_key, key = "0123456789abcdef" * 4, random_key()
    prefix = hex_key[:20]  # a shorter value inside a longer one: the longer one wins
    document = {
        f"k-{hex_key}": [f"subject {hex_key} and {key}", (hex_key, 3), None, {"n": 1.5}],
        "plain": "nothing here",
    }
    assert redact_values(document, [hex_key, key, prefix, ""]) == {
        f"k-{shown(hex_key)}": [f"subject {shown(hex_key)} and {shown(key)}",
                                [shown(hex_key), 3], None, {"n": 1.5}],
        "plain": "nothing here",
    }  # fmt: skip
    assert redact_values(f"x{prefix}y", [hex_key, prefix]) == f"x{shown(prefix)}y"
    assert redact_values(document, []) is document
    assert redact_values(document, [""]) is document


def test_detected_values_are_what_the_detectors_report() -> None:
    from binance_secrets.hooks.reports.sanitize import detected_values

    key, secret = random_key(), random_key()
    text = f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"
    assert detected_values(text, "subject") == {key, secret}
    assert detected_values("no key here", "subject") == set()


def test_detected_values_are_found_as_in_a_project_that_uses_binance() -> None:
    """A commit subject names no platform: its values are found as they would be in a
    project that uses Binance, or a plain API_KEY=... in a subject would be printed whole."""
    from binance_secrets.hooks.reports.sanitize import detected_values

    key, secret = random_key(), random_key()
    assert detected_values(f"API_KEY={key}\nAPI_SECRET={secret}\n", "subject") == {key, secret}

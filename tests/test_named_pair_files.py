"""A file that holds Binance's keys under names that say Binance says whose its other
names are: a name with another word is another service's anywhere in the file, and a
setting with a bare name (`API_KEY=`) beside the whole pair is read by something else
(classify.binance_held_halves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from binance_secrets.plugins.detection.classify import binance_held_halves, line_candidates
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from tests.fake_values import random_key


def _module(binance_named: bool) -> tuple[str, dict[str, str]]:
    """A module of several exchanges' keys, Binance's first, an unknown exchange's (in no
    table) far below; or the same with Binance's pair under generic names."""
    values = {name: random_key() for name in ("key", "secret", "other_key", "other_secret")}
    prefix = "BINANCE_" if binance_named else ""
    filler = "".join(f"# exchange {n}\nWALLET_{n} = 0\n" for n in range(20))
    text = (
        "# Binance\n"
        f'{prefix}API_KEY = "{values["key"]}"\n'
        f'{prefix}SECRET_KEY = "{values["secret"]}"\n'
        f"{filler}"
        "# Zyxcoin\n"
        f'ZYXCOIN_API_KEY = "{values["other_key"]}"\n'
        f'ZYXCOIN_SECRET_KEY = "{values["other_secret"]}"\n'
    )
    return text, values


def test_a_name_with_another_word_far_from_binance_s_named_pair_is_not_binance_s() -> None:
    text, values = _module(binance_named=True)
    found = {(f.type, f.value) for f in scan_text("keys.py", text)}
    assert found == {(API_KEY, values["key"]), (SECRET_KEY, values["secret"])}
    # Where Binance's pair has generic names, nothing says whose the other names are not:
    # the file's word on Binance still makes them candidates.
    text, values = _module(binance_named=False)
    found = {f.value for f in scan_text("keys.py", text)}
    assert {values["other_key"], values["other_secret"]} <= found


def _env(own: str, secret: str, halves: tuple[str, ...], comment: bool = False) -> str:
    lines = [f"BINANCE_{half}={random_key()}" for half in halves]
    lines += ["FLASK_ENV=development", "PORT=5000"]
    lead = "# " if comment else ""
    lines += [f"{lead}SECRET_KEY={secret}", f"{lead}API_KEY={own}"]
    return "\n".join(lines) + "\n"


def test_a_bare_setting_beside_binance_s_whole_named_pair_is_not_binance_s() -> None:
    own, secret = random_key(), random_key()
    text = _env(own, secret, ("API_KEY", "API_SECRET"))
    found = {f.value for f in scan_text(".env", text)}
    assert own not in found and secret not in found
    assert len(found) == 2  # Binance's own pair


@pytest.mark.parametrize(
    ("halves", "comment"),
    [
        # Only one half under Binance's name: the bare names may be the rest of its pair.
        (("API_KEY",), False),
        # A comment is read by no program: old values noted under the pair stay Binance's.
        (("API_KEY", "API_SECRET"), True),
    ],
)
def test_bare_names_stay_binance_s_without_a_whole_named_pair_or_in_comments(
    halves: tuple[str, ...], comment: bool
) -> None:
    own, secret = random_key(), random_key()
    text = _env(own, secret, halves, comment)
    found = {(f.type, f.value) for f in scan_text(".env", text)}
    assert {(API_KEY, own), (SECRET_KEY, secret)} <= found


def test_held_halves_need_a_value_under_a_name_that_says_binance() -> None:
    key = random_key()
    assert binance_held_halves(f"BINANCE_API_KEY={key}\n") == {API_KEY}
    assert binance_held_halves(f'"binanceSecret": "{key}"') == {SECRET_KEY}
    assert binance_held_halves("BINANCE_API_KEY=\nBINANCE_API_SECRET=${SECRET}\n") == set()
    assert binance_held_halves(f"url = https://api.binance.com:443/{key}\n") == set()


def test_plain_detect_secrets_reads_the_file_for_it(tmp_path: Path) -> None:
    # A plain detect-secrets run hands lines one by one, by the file's name.
    own, secret = random_key(), random_key()
    path = tmp_path / ".env"
    path.write_text(_env(own, secret, ("API_KEY", "API_SECRET")))
    lines = path.read_text().splitlines()
    index = lines.index(f"API_KEY={own}")
    assert line_candidates(str(path), lines[index], lines[index - 5 : index], []) == []

"""A file that holds Binance's whole pair under names that say Binance says whose its bare
settings are: `API_KEY=` beside it is read by something else (classify.binance_held_halves);
a name of some use (`DASHBOARD_API_KEY`) is not denied beyond the lines around."""

from __future__ import annotations

from pathlib import Path

import pytest

from binance_secrets.plugins.detection.classify import binance_held_halves, line_candidates
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from tests.fake_values import random_key


def test_a_name_of_its_use_far_below_binance_s_named_pair_stays_binance_s() -> None:
    # A `.env` keeping a second, read-only Binance key for its dashboard twenty lines below
    # `BINANCE_API_KEY=`: another word next to Binance's names is another service's only
    # in the lines around (a module of several exchanges' keys names them: OTHER_EXCHANGES).
    pair = {name: random_key() for name in ("key", "secret", "dash_key", "dash_secret")}
    filler = "".join(f"SETTING_{n}=1\n" for n in range(12))
    text = (
        f"BINANCE_API_KEY={pair['key']}\nBINANCE_API_SECRET={pair['secret']}\n{filler}"
        f"DASHBOARD_API_KEY={pair['dash_key']}\nDASHBOARD_API_SECRET={pair['dash_secret']}\n"
    )
    assert {f.value for f in scan_text(".env", text)} == set(pair.values())
    near = text.replace(filler, "")
    assert {f.value for f in scan_text(".env", near)} == {pair["key"], pair["secret"]}


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

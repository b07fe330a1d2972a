"""Pairing layouts where a wrong tie-break pairs the wrong secret: competing name stems,
many numbered pairs far from their secrets, siblings that differ only in distance, side or
column. Each expected pairing is what a person reading the file would say."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY
from tests.fake_values import random_key

BINANCE = "from binance.client import Client\n"


def pairs_of(path: str, text: str) -> dict[str, str]:
    """value of each API key found -> value of the secret it was paired with ("" if none)."""
    found = scan_text(path, text)
    by_fp = {f.fingerprint: f.value for f in found}
    return {f.value: by_fp.get(f.pair or "", "") for f in found if f.type == API_KEY}


def unpaired_secrets(path: str, text: str) -> set[str]:
    return {f.value for f in scan_text(path, text) if f.type != API_KEY and not f.pair}


def test_a_stemless_secret_beats_a_secret_of_another_stem() -> None:
    """MAIN's secret is the unnamed API_SECRET three lines below, not BACKUP's, which sits
    right under the key: a different stem names a different credential."""
    key, backup, plain = random_key(), random_key(), random_key()
    text = (
        f"MAIN_API_KEY={key}\nBACKUP_API_SECRET={backup}\n# rotated 2024-05\nAPI_SECRET={plain}\n"
    )
    assert pairs_of("binance.env", text) == {key: plain}
    assert unpaired_secrets("binance.env", text) == {backup}


def test_a_stemless_key_prefers_a_stemless_secret() -> None:
    key, named, plain = random_key(), random_key(), random_key()
    text = f"API_KEY={key}\nBACKUP_API_SECRET={named}\n\n\nAPI_SECRET={plain}\n"
    assert pairs_of("binance.env", text) == {key: plain}


def test_the_same_stem_wins_over_a_stemless_secret_nearer_by() -> None:
    key, plain, own = random_key(), random_key(), random_key()
    text = f"MAIN_API_KEY={key}\nAPI_SECRET={plain}\n\n\nMAIN_API_SECRET={own}\n"
    assert pairs_of("binance.env", text) == {key: own}


@pytest.mark.parametrize("order", ["in order", "reversed", "shuffled"])
def test_eight_numbered_pairs_far_from_their_secrets(order: str) -> None:
    """key_1..key_8, a long comment, then secret_1..secret_8: every key is paired with its
    own number, key_1 and key_2 included (their secrets are the farthest in file order)."""
    keys = {n: random_key() for n in range(1, 9)}
    secrets = {n: random_key() for n in range(1, 9)}
    numbers = list(range(1, 9))
    if order == "reversed":
        numbers.reverse()
    elif order == "shuffled":
        numbers = [5, 2, 8, 1, 7, 3, 6, 4]
    filler = "\n".join(f"# account note {n}" for n in range(30))
    text = (
        "\n".join(f"key_{n} = '{keys[n]}'" for n in range(1, 9))
        + f"\n{filler}\n"
        + "\n".join(f"secret_{n} = '{secrets[n]}'" for n in numbers)
        + "\n"
    )
    assert pairs_of("binance_keys.py", text) == {keys[n]: secrets[n] for n in keys}


def test_eight_numbered_pairs_next_to_each_other() -> None:
    keys = {n: random_key() for n in range(1, 9)}
    secrets = {n: random_key() for n in range(1, 9)}
    text = "".join(f"KEY_{n}={keys[n]}\nSECRET_{n}={secrets[n]}\n" for n in range(1, 9))
    assert pairs_of("binance.env", text) == {keys[n]: secrets[n] for n in keys}


def test_a_secret_after_its_key_beats_one_as_far_above() -> None:
    above, key, below = random_key(), random_key(), random_key()
    text = f"secret: {above}\nkey: {key}\nsecret: {below}\n"
    assert pairs_of("binance.yaml", text) == {key: below}


def test_the_nearer_line_wins() -> None:
    key, near, far = random_key(), random_key(), random_key()
    text = f"key: {key}\n\nsecret: {near}\n\n\nsecret: {far}\n"
    found = pairs_of("binance.yaml", text)
    assert found == {key: near}


def test_the_nearer_column_wins_on_one_line() -> None:
    """One line, two secrets after the key: the nearer one (the next field) is its own."""
    key, near, far = random_key(), random_key(), random_key()
    text = f'{{"apiKey": "{key}", "secret": "{near}", "other_secret": "{far}"}}\n'
    assert pairs_of("binance.json", text)[key] == near


def test_same_object_beats_a_nearer_line_outside_it() -> None:
    (k1, s1), (k2, s2) = (random_key(), random_key()), (random_key(), random_key())
    text = (
        "accounts = [\n"
        f"    Client(\n        api_key='{k1}',\n    ),\n"
        f"    Client(\n        api_secret='{s2}',\n        api_key='{k2}',\n"
        f"    ),\n    Client(\n        api_secret='{s1}',\n    ),\n"
        "]\n"
    )
    pairs = pairs_of("binance_bots.py", BINANCE + text)
    assert pairs[k2] == s2  # same call, though s1 and the closing line are as near
    assert pairs[k1] == s1  # the only secret left


def test_one_key_takes_the_secret_of_its_own_call_over_a_nearer_one() -> None:
    """One key, two secrets: the one in the key's own call, four lines below, not the one
    of the call above, three lines up (only the objects tell them apart)."""
    key, own, other = random_key(), random_key(), random_key()
    text = (
        f"backup = Client(\n    api_secret='{other}',\n)\n"
        f"main = Client(\n    api_key='{key}',\n    timeout=10,\n    retries=3,\n"
        f"    testnet=False,\n    api_secret='{own}',\n)\n"
    )
    assert pairs_of("binance_bots.py", BINANCE + text) == {key: own}
    assert unpaired_secrets("binance_bots.py", BINANCE + text) == {other}


def test_one_secret_goes_to_the_key_of_its_own_call_over_a_nearer_one() -> None:
    """Two keys, one secret: the key of the secret's own call, four lines above, takes it,
    not the key of the next call, three lines below."""
    own, other, secret = random_key(), random_key(), random_key()
    text = (
        f"main = Client(\n    api_key='{own}',\n    timeout=10,\n    retries=3,\n"
        f"    testnet=False,\n    api_secret='{secret}',\n)\n"
        f"backup = Client(\n    api_key='{other}',\n)\n"
    )
    assert pairs_of("binance_bots.py", BINANCE + text) == {own: secret, other: ""}


def test_a_lone_key_and_secret_far_apart_are_one_credential() -> None:
    key, secret = random_key(), random_key()
    filler = "\n".join(f"x{n} = {n}" for n in range(40))
    text = f"api_key = '{key}'\n{filler}\napi_secret = '{secret}'\n"
    assert pairs_of("binance_bot.py", BINANCE + text) == {key: secret}


def test_two_keys_and_one_far_secret_leave_one_key_unpaired() -> None:
    k1, k2, secret = random_key(), random_key(), random_key()
    filler = "\n".join(f"x{n} = {n}" for n in range(40))
    text = f"api_key = '{k1}'\napi_key2 = '{k2}'\n{filler}\napi_secret = '{secret}'\n"
    pairs = pairs_of("binance_bot.py", BINANCE + text)
    assert sorted(pairs.values()) == ["", ""]


def test_a_key_is_never_its_own_secret() -> None:
    key = random_key()
    text = f"api_key = '{key}'\napi_secret = '{key}'\n"
    assert pairs_of("binance_bot.py", BINANCE + text) == {key: ""}


# -- the bounds: how far a key looks, and how many secrets it weighs --------------------------


def window_layout(gap: int) -> tuple[str, str, str]:
    """Two keys of one stem and a secret of another ``gap`` lines below the first: only the
    window decides whether they pair (the lone-pair rule cannot: two keys)."""
    key, other_key, secret = random_key(), random_key(), random_key()
    filler = "".join(f"# note {n}\n" for n in range(gap - 1))
    far = "".join(f"# far {n}\n" for n in range(20))
    text = (
        f"OTHER_API_KEY={other_key}\n{far}MAIN_API_KEY={key}\n{filler}BACKUP_API_SECRET={secret}\n"
    )
    return text, key, secret


def test_a_secret_of_another_stem_pairs_within_the_window_only() -> None:
    text, key, secret = window_layout(12)
    assert pairs_of("binance.env", text)[key] == secret
    text, key, secret = window_layout(13)
    assert pairs_of("binance.env", text)[key] == ""


def candidates_per_key(text: str) -> list[int]:
    from binance_secrets.plugins.detection.pairing import ranked_candidates

    found = scan_text("binance.env", text)
    counts = {index: 0 for index, f in enumerate(found) if f.type == API_KEY}
    for _, key_index, _ in ranked_candidates(found):
        counts[key_index] += 1
    return list(counts.values())


def test_a_key_weighs_six_secrets_on_each_side() -> None:
    """The cost bound the module documents: six nearest secrets before and six after."""
    secrets = "".join(f"API_SECRET_{n}={random_key()}\n" for n in range(10))
    text = f"{secrets}API_KEY={random_key()}\n{secrets.replace('_SECRET_', '_SECRET_B')}"
    assert candidates_per_key(text) == [12]


def test_a_key_weighs_three_more_of_its_own_stem_beyond_those() -> None:
    """Same-stem secrets pair at any distance: the three nearest on each side are added."""
    near = "".join(f"API_SECRET_{n}={random_key()}\n" for n in range(8))
    far = "".join(f"# note {n}\n" for n in range(30))
    own = "".join(f"MAIN_API_SECRET={random_key()}\n" for _ in range(5))
    text = f"{own}{far}{near}MAIN_API_KEY={random_key()}\n{near}{far}{own}"
    assert candidates_per_key(text) == [12 + 6]


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyz")
def test_every_letter_splits_names_into_words_the_same_way(letter: str) -> None:
    """z and a split words like every other letter: ``zeta`` is not ``eta``."""
    from binance_secrets.plugins.detection.pairing import name_stem

    assert name_stem(f"{letter}eta_api_key") == (f"{letter}eta",)
    assert name_stem(f"{letter.upper()}ETA_API_SECRET") == (f"{letter}eta",)
    assert name_stem(f"{letter.upper()}etaApiKey") == (f"{letter}eta",)
    assert name_stem(f"AB{letter}x") == ("a", f"b{letter}x")  # "HTTPServer": http, server


def test_stems_that_differ_by_a_first_letter_stay_apart() -> None:
    k1, s1, k2, s2 = (random_key() for _ in range(4))
    filler = "".join(f"# note {n}\n" for n in range(6))
    text = (
        f"zeta_api_key={k1}\neta_api_secret={s2}\n{filler}eta_api_key={k2}\nzeta_api_secret={s1}\n"
    )
    assert pairs_of("binance.env", text) == {k1: s1, k2: s2}


def test_the_scope_pass_remembers_256_open_brackets() -> None:
    """Past MAX_DEPTH open brackets a deeper one is not remembered: a value in it belongs
    to the deepest remembered one (scope is a preference, this costs at most that)."""
    from binance_secrets.plugins.detection.findings import Finding
    from binance_secrets.plugins.detection.pairing import scopes

    for depth, expected_column in ((MAX_DEPTH, MAX_DEPTH - 1), (MAX_DEPTH + 1, MAX_DEPTH - 1)):
        line = "[" * depth + "x"
        found = [Finding(API_KEY, "x.json", 1, random_key(), column=depth)]
        assert scopes([(1, line)], found) == [(1, expected_column)]
    # Closing one of the forgotten brackets leaves the remembered ones open.
    line = "[" * (MAX_DEPTH + 1) + "]x"
    found = [Finding(API_KEY, "x.json", 1, random_key(), column=MAX_DEPTH + 2)]
    assert scopes([(1, line)], found) == [(1, MAX_DEPTH - 1)]
    line = "[" * (MAX_DEPTH + 1) + "]]x"  # the forgotten one closes first, then the 256th
    found = [Finding(API_KEY, "x.json", 1, random_key(), column=MAX_DEPTH + 3)]
    assert scopes([(1, line)], found) == [(1, MAX_DEPTH - 2)]
    line = "[" * MAX_DEPTH + "]x"
    found = [Finding(API_KEY, "x.json", 1, random_key(), column=MAX_DEPTH + 1)]
    assert scopes([(1, line)], found) == [(1, MAX_DEPTH - 2)]


def test_the_scope_pass_looks_at_200000_brackets_then_uses_indentation() -> None:
    from binance_secrets.plugins.detection.findings import Finding
    from binance_secrets.plugins.detection.pairing import scopes

    for count, expected in ((MAX_BRACKETS - 1, (2, MAX_DEPTH_COLUMN)), (MAX_BRACKETS, (1, -1))):
        lines = [(1, "root:"), (2, "  " + "(" * count + "x")]
        found = [Finding(API_KEY, "x.yaml", 2, random_key(), column=count + 2)]
        assert scopes(lines, found) == [expected]


# The documented bounds, spelled out: a test reading them from the module would move with
# them.
MAX_DEPTH = 256
MAX_BRACKETS = 200_000
MAX_DEPTH_COLUMN = 2 + MAX_DEPTH - 1  # the last remembered bracket's column on that line


def test_ini_sections_beat_a_nearer_secret_in_the_next_section() -> None:
    (k1, s1), (k2, s2) = (random_key(), random_key()), (random_key(), random_key())
    notes = "# note\n# note\n# note\n"
    text = (
        f"[binance_main]\nsecret = {s1}\n{notes}key = {k1}\n"
        f"[binance_sub]\nsecret = {s2}\n{notes}key = {k2}\n"
    )
    assert pairs_of("bot.ini", text) == {k1: s1, k2: s2}


def test_a_blank_line_inside_a_mapping_does_not_end_it() -> None:
    """A YAML mapping with a blank line in it is still one object: its key takes the secret
    above it, not the spare secret of the next mapping as near below."""
    key, own, spare = random_key(), random_key(), random_key()
    text = f"# bots\n# keys\nmain:\n  secret: {own}\n\n  key: {key}\nspare:\n  secret: {spare}\n"
    assert pairs_of("binance.yaml", text) == {key: own}


def test_an_indented_key_under_a_section_header_is_in_that_section() -> None:
    key, own, other = random_key(), random_key(), random_key()
    text = (
        f"[spare]\nsecret = {other}\n[binance]\n  api_key = {key}\n# note\n# note\nsecret = {own}\n"
    )
    assert pairs_of("binance.toml", text) == {key: own}


def test_after_200000_brackets_none_is_looked_at_again() -> None:
    """The budget is for the whole file: once spent (on this line or the one before), the
    brackets after it are not looked at, and the ones remembered are forgotten."""
    from binance_secrets.plugins.detection.findings import Finding
    from binance_secrets.plugins.detection.pairing import scopes

    def scope(lines: list[tuple[int, str]], column: int) -> object:
        found = [Finding(API_KEY, "x.json", len(lines), random_key(), column=column)]
        return scopes(lines, found)[0]

    assert scope([(1, "(" * MAX_BRACKETS), (2, "{x")], 1) is None
    assert scope([(1, "(" * (MAX_BRACKETS - 1)), (2, "{x")], 1) is None
    # Budget left: the bracket is looked at (too deep to be remembered: the 256th stays).
    assert scope([(1, "(" * (MAX_BRACKETS - 2)), (2, "{x")], 1) == (1, MAX_DEPTH - 1)
    assert scope([(1, "(" * MAX_BRACKETS + "{x")], MAX_BRACKETS + 1) is None


def test_a_secret_after_the_key_on_its_line_beats_a_nearer_one_before_it() -> None:
    before, key, after = random_key(), random_key(), random_key()
    text = f'{{"apiSecret": "{before}", "apiKey": "{key}", "note": "x", "secret": "{after}"}}\n'
    assert pairs_of("binance.json", text)[key] == after


def test_a_secret_equal_to_the_key_does_not_hide_the_real_one() -> None:
    key, secret = random_key(), random_key()
    text = f"api_key = '{key}'\napi_secret = '{key}'\napi_secret2 = '{secret}'\n"
    assert pairs_of("binance_bot.py", BINANCE + text) == {key: secret}


def test_of_two_secrets_before_the_key_on_its_line_the_nearer_wins() -> None:
    far, near, key = random_key(), random_key(), random_key()
    text = f'{{"secret": "{far}", "apiSecret": "{near}", "apiKey": "{key}"}}\n'
    assert pairs_of("binance.json", text)[key] == near

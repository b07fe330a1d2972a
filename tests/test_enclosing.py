"""The headers of the blocks that enclose a line beyond the lines around it (issue 19):
a long exchange block's header decides whose a generic name is."""

from __future__ import annotations

from binance_secrets.plugins.detection.enclosing import enclosing_headers, has_sections


def test_yaml_headers_outermost_first_and_only_above_the_window() -> None:
    texts = ["exchanges:", "  okx:", *(["    timeout: 30"] * 8), "    key: V"]
    assert enclosing_headers(texts, 10, 5) == ("exchanges:", "  okx:")
    # A header inside the window is seen there already.
    assert enclosing_headers(texts[:1] + texts[1:2] + texts[-2:], 3, 5) == ()


def test_json_nested_objects() -> None:
    texts = [
        "{",
        '  "exchanges": {',
        '    "binance": {',
        *(['      "rateLimit": 1200,'] * 6),
        '      "credentials": {',
        '        "key": "V"',
    ]
    expected = ("{", '  "exchanges": {', '    "binance": {')
    assert enclosing_headers(texts, len(texts) - 1, 5) == expected


def test_a_toml_section_encloses_its_keys_and_stops_the_walk() -> None:
    texts = ["[exchanges.kucoin]", *(["timeout = 30"] * 7), 'key = "V"']
    assert has_sections(texts)
    assert enclosing_headers(texts, 8, 5, sections=True) == ("[exchanges.kucoin]",)
    # A line at the left margin of a file without sections has no enclosing block.
    plain = ["BINANCE=1", *(["X=1"] * 7), "KEY=V"]
    assert not has_sections(plain)
    assert enclosing_headers(plain, 8, 5, sections=False) == ()


def test_a_json_array_line_is_no_section() -> None:
    assert not has_sections(['  ["BTC/USDT", "ETH/USDT"]'])

"""Binance's documentation example credentials: the one table of them.

Every row is a value Binance publishes in its API documentation (or in the official
connectors' copies of the docs' request and response examples), with ``source`` naming the
repository and file it was taken from (``owner/repo:path``) and ``what`` the example it
belongs to. They are public, belong to no account, and are copied into tutorials, SDK
tests and docs dumps, so :mod:`binance_secrets.plugins.detection.examples` reports them
(and near-copies of them) with ``example: true``.

The values are written in 16-character parts and joined at import, so this file holds no
key-shaped text and a scan of this repository does not report its own table. PEM rows hold
the base64 body only (no header), for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import API_KEY, PRIVATE_KEY, SECRET_KEY


@dataclass(frozen=True)
class DocExample:
    """One documentation value: its type, its parts, and where Binance publishes it."""

    type: str
    parts: tuple[str, ...]
    source: str
    what: str

    @property
    def value(self) -> str:
        """The value itself (for a PEM, its base64 body without header lines)."""
        return "".join(self.parts)


DOC_EXAMPLES: tuple[DocExample, ...] = (
    DocExample(
        API_KEY,
        ("vmPUZE6mv9SD5VNH", "k4HlWFsOr6aKE2zv", "sw0MuIgwCIPy6utI", "co14y7Ju91duEh8A"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, HMAC Keys: apiKey (REST and WebSocket API)",
    ),
    DocExample(
        SECRET_KEY,
        ("NhqPtmdSJYdKjVHj", "A7PZj4Mge3R5YNiP", "1e3UZjInClVN65XA", "bvqqM6A7H5fATj0j"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, HMAC Keys: secretKey",
    ),
    DocExample(
        API_KEY,
        ("CAvIjXy3F44yW6Po", "u5k8Dy1swsYDWJZL", "eoK2r8G4cFDnE9no", "sRppc2eKc1T8TRTQ"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, RSA Keys: apiKey",
    ),
    DocExample(
        API_KEY,
        ("4yNzx3yWC5bS6YTw", "EkSRaC0nRmSQIISt", "AUOh1b6kqaBrTLIh", "jCpI5lJH8q8R8WNO"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, Ed25519 Keys: apiKey",
    ),
    DocExample(
        API_KEY,
        ("T59MTDLWlpRW16JV", "eZ2Nju5A5C98WkMm", "8CSzWC4oqynUlTm1", "zXOxyauT8LmwXEv9"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API Request format example (order.place): apiKey",
    ),
    DocExample(
        API_KEY,
        ("Rl1KOMDCpSg6xviM", "YOkNk9ENUB5QOTnu", "fXukVe0Ijd40yduA", "lpHn78at3rJyJN4F"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API order.amend.keepPriority request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("duwNf97YPLqhFIk7", "kZF0dDdGYVAXStA7", "BeEz0fIT9RAhUbix", "JtyS6kJ3hhzJsRXC"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API orderList.place.oco request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("Rf07JlnL9PHVxjs2", "7O5CvKNyOsV4qJ5g", "XdrRfpvlOdvMZbGZ", "bPO5Ce2nIwfRP0iA"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API orderList.place.oto and .otoco request examples: apiKey",
    ),
    DocExample(
        API_KEY,
        ("aHb4Ur1cK1biW3sg", "ibqUFs39SE58f9d5", "Xwf4uEW0tFh7ibun", "5g035QKSktxoOBfE"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API orderList.place.opo request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("2wiKgTLyllTCu0QW", "XaEtKWX9tUQ5iQMi", "DQqTQPdUe2bZ1IVT", "9aXoS6o19wkYIKl2"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API orderList.place.opoco request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("u5lgqJb97QWXWfge", "V4cROuHbReSJM9rg", "QL0IvYcYc7BVeA5l", "pAqqc3a5p2OARIFk"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API sor.order.place and sor.order.test request examples: apiKey",
    ),
    DocExample(
        API_KEY,
        ("N3Swv7WaBF7S2rzA", "12UkPunM3udJiDdd", "bgv1W7CzFGnsQXH9", "H62zzSCST0CndjeE"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API order.amendments request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("nQ6kG5gDExDd5MZS", "O0MfOOWEVZmdkRll", "pNMfm1FjMjkMnmw1", "NUd3zPDfvcnDJlil"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API myFilters request example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("mjcKCrJzTU6TChLs", "nPmgnQJJMR616J4y", "WvdZWDUeXkk6vL6d", "LyS7rcVOQlADlVjA"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "WebSocket API userDataStream.subscribe.signature request example: apiKey",
    ),
    DocExample(
        SECRET_KEY,
        ("Fhs4lGae2qAi6VNj", "bJjebUAwXrIChb7m", "lf372UOICMwdKaNd", "NBGKtfdeUff2TTTT"),
        "binance/binance-spot-api-docs:faqs/api_key_types.md",
        "FAQ API key types: Sample HMAC key",
    ),
    DocExample(
        API_KEY,
        ("sBRXrJx2DsOraMXO", "aUovEhgVRcjOvCtQ", "wnWj8VxkOh1xqboS", "02SPGfKi2h8spZJb"),
        "binance/binance-spot-api-docs:fix-api.md",
        "FIX API resulting Logon message: tag 553 (Username), the API key",
    ),
    DocExample(
        API_KEY,
        ("W5rcOD30c0gT4jHK", "8oX5d5NbzWoa0k4S", "FVoTHIFNJVZ3NuRp", "Yb6ZyJznj8THyx5d"),
        "binance/binance-spot-api-docs:fix-api.md",
        "FIX API Logon sample message: tag 553 (Username), the API key",
    ),
    DocExample(
        API_KEY,
        ("npOzOAeLVgr2TuxW", "fNo43AaPWpBbJEoK", "ezh1o8mSQb6ryE2o", "dE11A4AoVlJbQoGx"),
        "binance/binance-connector-python:"
        "clients/margin_trading/tests/unit/rest_api/test_trade_api.py",
        "margin Create Special Key (low-latency trading) response example: apiKey",
    ),
    DocExample(
        SECRET_KEY,
        ("87ssWB7azoy6ACRf", "yp6OVOL5U3rtZptX", "31QWw2kWjl1jHEYR", "byM1pd6qykRBQw8p"),
        "binance/binance-connector-python:"
        "clients/margin_trading/tests/unit/rest_api/test_trade_api.py",
        "margin Create Special Key response example: secretKey",
    ),
    DocExample(
        API_KEY,
        ("dbefbc809e3e83c2", "83a984c3a1459732", "ea7db1360ca80c5c", "2c8867408d28cc83"),
        "https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info",
        "derivatives SIGNED endpoint examples, HMAC Keys: apiKey (USD-M, COIN-M, options)",
    ),
    DocExample(
        SECRET_KEY,
        ("2b5eb11e18796d12", "d88f13dc27dbbd02", "c2cc51ff7059765e", "d9821957d82bb4d9"),
        "https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info",
        "derivatives SIGNED endpoint examples, HMAC Keys: secretKey",
    ),
    DocExample(
        API_KEY,
        ("vE3BDAL1gP1Uaexu", "gRLtteaAHg3UO8Nz", "a20uexEuW1Kh3tVw", "QfFHdAiyjjY428o2"),
        "https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info",
        "derivatives SIGNED endpoint examples, RSA Keys: apiKey (also portfolio margin)",
    ),
    DocExample(
        API_KEY,
        ("22BjeOROKiXJ3Nxb", "R3zjh3uoGcaflPu3", "VMyBXAg8Jj2J1xVS", "nY0eB4dzacdE9IWn"),
        "https://developers.binance.com/docs/derivatives/portfolio-margin/general-info",
        "portfolio margin and options signing examples, HMAC: apiKey",
    ),
    DocExample(
        SECRET_KEY,
        ("YtP1BudNOWZE1ag5", "uzCkh4hIC7qSmQOu", "797r5EJBFGhxBYiv", "jj8HIX0iiiPof5yG"),
        "https://developers.binance.com/docs/derivatives/portfolio-margin/general-info",
        "portfolio margin and options signing examples, HMAC: secretKey",
    ),
    DocExample(
        API_KEY,
        ("HMOchcfii9ZRZnhj", "p2XjGXhsOBd6msAh", "Kz9joQaWwZ7arcJT", "lD2hGPHQj1lGdTjR"),
        "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/websocket-api",
        "USD-M and COIN-M futures WebSocket API request examples: apiKey",
    ),
    DocExample(
        API_KEY,
        ("yeqKcXjtA9Eu4Tr3", "nJk61UJAGzXsEmFq", "qfVterxpMpR4peNf", "qE7Zl7oans8Qj089"),
        "https:"
        "//developers.binance.com/docs/derivatives/usds-margined-futures/websocket-api-general-info",
        "USD-M futures WebSocket API general info signing example: apiKey",
    ),
    DocExample(
        API_KEY,
        ("xTaDyrmvA9XT2oBH", "Hjy39zyPzKCvMdtH", "3b9q4xadkAg2dNSJ", "XQGCxzui26L823W2"),
        "https:"
        "//developers.binance.com/docs/derivatives/usds-margined-futures/account/websocket-api",
        "USD-M futures WebSocket API account examples: apiKey",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEIIJEYWtGBrhA", "Cmb9Dvy+qa8WEf0l", "QOl1s4CLIAB9m89u"),
        "binance/binance-spot-api-docs:fix-api.md",
        "FIX API signature computation: the illustrative Ed25519 private key",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIEvgIBADANBgkq", "hkiG9w0BAQEFAASC", "BKgwggSkAgEAAoIB", "AQDPrfWMr2yqxJgJ",
            "cIyA5TDFpZBlB9E3", "RMbbEcPZijmPDici", "ZjuRiD1Q6oQzi1MF", "GTZ523HwSXe9XG3R",
            "NQaLCjxi+VkLsvCo", "xzgurkWXoQr0VHJy", "EDxnyRaCzTyvvHQg", "t0LKCWfqalYNz0ue",
            "doxnYnde3DH/tFFX", "X0/rTkJyK6LpOyKO", "AqE0G7OhuQWkLvlU", "O8mqwtGNqdrtOgzv",
            "kTN5rhb5VeWB4JGW", "DcAYFb9CQI9wD7/J", "JU1XQGIOJEY3L/Pj", "GLcjDEiROt57/RS3",
            "i6OVTiAgDcgA405t", "NLgS326hfbEchI5t", "KeOxqrFYVfvOK8+4", "o+rrUBnMhrBg0tJv",
            "1feQKeAnAgMBAAEC", "ggEAUdB8PZIWQyfz", "pTRbhaPElPhmbAaq", "WxWTKVZUS2zyw/KV",
            "ZC3WJb0AOtJIhm3K", "pOWL2nGi70BiFY1G", "DfbPvxKnO25zr/Is", "cLEa5vjsnZFp2Vsz",
            "QtA2m8RSQ/FKiQi6", "zvCjNSiDcYu2nvYd", "Gi4lnczirdIdOFj2", "+m6n81D/SC78nNhj",
            "P/JLbSPFw+XOfVqO", "VelXHw7XGtMH9dgF", "jWDdB317HcJjZyPD", "ahpQQ7s6PcecDwuv",
            "Qucs+Hi4sAWiHOiw", "Kusx3sT/NL5Og/jA", "vC5aMy1QswWFnPr9", "0T3qFE4MN1GZszzX",
            "DmDkWaGaRwuwdpi/", "ocIZF3R9XX3m+WOV", "dEZRfzzcEQKBgQDt", "11achN666/j1kgQM",
            "xPdzo06eUUZb/JUt", "EXz8hU+AzRsN/eso", "/47pjaPq7nrXFYE4", "aEx7Je2I9S52Y+b/",
            "SLrctuza25VOxvqI", "pDynlvM/Iatg9WuT", "EIuOk7gkBFanDNjD", "jZDKFuDYSEfN+sX+",
            "UakFT7cm+xu12PWR", "8HlZmFZL5QKBgQDf", "iRrC8zADSIE74uFB", "J5K88t6cwrktqdPH",
            "9QT69j+VpRXssyUo", "CfR4/zchKbEyTwSA", "SvL1saJR14Opmvn6", "Le+0DKq+EV7Z1UM6",
            "svVIzd9pWWMhRh9G", "83CC5Krx9Ie+34QH", "NRxBf+rya5if/aBC", "DtBFedRGbR6Le8MB",
            "yvrpT5hzGwKBgQCU", "2+QPjnHA2BQ3zq3O", "ODEQJTP9jqzUwd+0", "F2/8tIsv+C9osHXQ",
            "cTLHJqljTuN/XqxD", "27OSmAh1Yc80tg5L", "1P9vSOYxjKGEbrE7", "eF+mHKod5zrWMoSj",
            "xQUztWzYzgZWA4pf", "ymjGs08Czypx1vS4", "2e9JrbzaHuwXArWg", "I7wvwVKxqQKBgQCS",
            "ByIZav7Zljr+oUdf", "5fdBQjPVGowYXZJB", "VTpMrCN7od4BxEIo", "tuAjTy53lqHwaJhb",
            "KxsvED0m0/BqExjs", "q6ek6oV8JyLckSob", "JZ+BUSR60O8mZIW4", "Nv4wNCvMZl9rfN7m",
            "SnbL/0G/3jRViD1y", "CfVa/ayD2XMT0eTh", "vfVOBzZjMwKBgB5j", "asP9TcDAyaEKta+g",
            "6glTM0MKUWfhZzYR", "bvDXdnatjjMEdixW", "m9aXwc0Nw+aN0Kkd", "LBwvnDiVMtX+Xl2n",
            "BU2Gxxe3H8qrvkoi", "8zmzh3VWpqzfB+L3", "sXAq+6VNNYLEFLBR", "6D2u4DD86FvY+DsU",
            "miJlY6JEKpSxvkrS", "04XrbvHk",
        ),
        "binance/binance-signature-examples:python/private_key.pem",
        "RSA signing example private key (also in binance-connector-dotnet tests)",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIE6TAbBgkqhkiG", "9w0BBQMwDgQIeaAJ", "Mt/f5woCAggABIIE", "yI2jIbFTPo/YBmwH",
            "N1QqzFgnMK5LJ0pK", "Y5O71Z8EZIBVrXtE", "dcFzswbwRZajMpMy", "xFBjhrd2Y4kQvt9K",
            "aQfwyJFQxs8L2hC1", "GRYf5ba6aNZHkWen", "dNFvOET02UQwgDNd", "GdWCfcaoMCap0ZQ2",
            "7VOyqbwtuRkM2LNl", "rtbu282FbwXe4wKl", "jSNUIXTU3UaCmjOq", "5KIwBoRKJYlwn0qt",
            "IzlyJKVurHX4cl/1", "mw55Qs+hRL1CdK/i", "YF5yqclbK96zq16S", "KZsaZZhHMf1oub4U",
            "v5QjJiiQZc+WONFp", "Bi2TybQ1qXF/6+70", "lDofY3+moUVcPgFH", "VsKEVQJtYuRZoGoc",
            "QlXyyCRTyCIQSO41", "jhkRcJtjCpVCfvCw", "lob0cM59Hlfll9Dd", "jKyAtaUsuA+cDMqd",
            "ZE8HSjBGXuSwWthH", "SfblZ84LReHufmiI", "YGO3+n0dyjdLKcak", "YJ5V4QwxN2y4CwE7",
            "TxszcZo7QYDRaWlz", "7Lx2gtXlS6UNhs5Y", "lt7lm/omkdg57zf9", "DO9P8Vhn0thXs5Ql",
            "7QIUzhhg0kgnagwm", "y682AkV+O6F1wWw8", "qV0uUxABvo9VNuUF", "8aYBFr9iJn1fUg8Y",
            "kjCXKns/S9l6Zhz3", "rSgjFzNdWmm+1Tig", "jyqaVgK9Jdte/v9I", "G46R3q/rQDMSqIFn",
            "zO25DfwOr8GvSgxN", "4Ervy/IwqoC94ptF", "CLfTJdL2n7IRWX9B", "+ai2RVSnBEXti4BR",
            "nigKUkVR7+ynwA8K", "N5sf6Zc0apHIuylX", "nu4xeO0rehxhh920", "v05IjAPm9YIOP33/",
            "UkHZWtXe2MooV4jm", "SiWMfAAgL8J26vML", "2xeGjhFZNQPM1/C3", "TB+UBxvKbD47EO6k",
            "FgoVmpFZGTXbF1Rq", "9hyUpABOSDhPyVuQ", "xW+Tmyjm8O0Oc7KA", "BUP09DKneiNFFtO9",
            "/B2u7FZ2ArfUzHes", "EJLWU+CtYVPdpbvt", "md054tMV53j3cga2", "SQmg/yYWOQ7LyMjo",
            "7FR04aBTq+BXGgU/", "fZryyHUb1fULy7YT", "CiMyvi2m+JrZ+TE7", "DSvbDiJVcZ52x++J",
            "UpmID04q3wSRrOjc", "i3yXUBvSa1yqxH8F", "5j3tv/nVM8x2s8ZL", "EgOHARS0CHZ6KRGD",
            "TP3KqsOPoKognk71", "2zbqJPWhx9HdAm9+", "B/5qWtUEOoeFXlzy", "zj0suVICg9rPNJm1",
            "zx+STX5zTQ9oPNj6", "MFgZPSzIoW5Wb6vE", "du7ANoANuStMp3E2", "sQf7q0gY5UkfnYyj",
            "beTf+1t3k9ybAVZi", "T6yZ7T5KGeh040zS", "N2vpVKEEWzkGrL4w", "Gs+aMpvtBEnVJYLl",
            "medTIY6Z2PM/GFd8", "Ky8I+uTazXfvZUdi", "lYCyZeIoO6Hyomy7", "TrnCzc/vjkhWtQrW",
            "+Pu5GjcGziUXNpzH", "NS+7uIOOa4f6VpGB", "8m5QsGUT7nPvVQqv", "ta5fgJ8+W9J5Ifp5",
            "JqlyEAC7b7PFP9Rz", "65Do9AsbUbDStKMH", "l5CR/+CeOnzgfgeH", "CA8EroQ6WxMHFXec",
            "GSsZ7VWSSlgOyIEc", "NMhiM9PKAbx65TbU", "cvb+KWAI5aUwmdjr", "KFqOKDloX+2fn9y8",
            "qoOMy1yIoV7uYL+c", "4zugjzpgy58iBAiR", "1IVectxQY9lx1+d9", "tfjwK2Ne96hdzlLO",
            "/zJyaPr5pCU/IAr6", "Rg==",
        ),
        "binance/binance-signature-examples:python/encrypted_private_key.pem",
        "the RSA signing example private key, encrypted (password: password)",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEILpXm6EtDzSz", "PJWHTbP904h5R3bz", "b0QsLjTf1tAt2OlB"),
        "binance/binance-connector-java:"
        "clients/derivatives-trading-coin-futures/src/test/resources/test-ed25519-prv-key.pem",
        "Ed25519 test private key of the Java connector",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIGjMF8GCSqGSIb3", "DQEFDTBSMDEGCSqG", "SIb3DQEFDDAkBBBl", "YhnjnkypriNPf007",
            "OTExAgIIADAMBggq", "hkiG9w0CCQUAMB0G", "CWCGSAFlAwQBKgQQ", "QWqxMnW6Y9N+GMoG",
            "Tb+tvARA/4zAVMN8", "vStz6kORV1BTxqLs", "GGm6LafPUOyJTeAY", "fOWb0w+kNu3ZyJzi",
            "LfC/BCSwjpxqdfVg", "041XDD8NXZCipA==",
        ),
        "binance/binance-connector-java:"
        "clients/spot/src/test/resources/test-ed25519-pass-prv-key.pem",
        "encrypted Ed25519 test private key of the Java connector",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIEvQIBADANBgkq", "hkiG9w0BAQEFAASC", "BKcwggSjAgEAAoIB", "AQDWE0troEjIapZp",
            "cy1guvMCy6zYK4p5", "zPdc08peBBAY3sSB", "WsflvzxGR6t92By7", "4TXyNZzBXlVrErix",
            "PrJgCI1WNDo34AlG", "BjdAjrkjIxt8expc", "BAhSQwNA2uKcdywx", "HUazOBq6ojV4kw8H",
            "2WGtFNeRZS9p2JSb", "G85bwpO+vImeucPL", "Ar7ZzpAiGZoTIWs+", "Db02XTNtRfQLzc8Z",
            "ollhEU8vt9Xrj61H", "+BT96n4+9L3KLX+2", "6/+2AA9+321ehmZi", "EMP16GOeyhP+QIlb",
            "VJidx9yzn2tpxodX", "GNOvuX4B1uKJoMcG", "4+VKF2tmavQO7JFc", "Qxkc099XIqVt1Vsr",
            "kIetTIgbAgMBAAEC", "ggEAFnSWrDb3e4Jm", "va/1uhhSJmBsBI7o", "qycbaXLT3vHJKHqx",
            "nSoDHu/k6DBbZkt1", "lCWnDX2fME9vYVho", "5DrB5j3vaXP4CWVo", "Q56iTBTMicmEeBXH",
            "qZBIuSxLWpG7RJNh", "oNND18fSUfJy7m9q", "m7WrP8cYZ6l4BD/S", "MsUDa++opNDNFMeR",
            "i7vQmkGWpDW6ZVSM", "Ol5BC9RTi7gLrFPP", "f7Zf4oUxtlbIdukB", "rCCpSTyL4rglB/a2",
            "vnFVufPvhmoXleDk", "+UZTlf3X5u/1Df1S", "5kUp5MFJ4ICx8uTr", "6tkfqp6cIuHZBvok",
            "+ji1l/B7eTjBYjKK", "N8SE4Kzj9qgLuBUI", "yxINyTnaDQKBgQDq", "zmXYKv29FUDYP1k1",
            "FbiKID2TINp3vY5c", "ersm4MwxCws3okDd", "9CjtfO13yICHx0u7", "4HZWYbeZXEqVISUu",
            "F9XiSr2NpCdr+ZXo", "70uouh7WDSQ9fCN4", "vhmx2SFmKh16nTdi", "/Hwpr+qdPKIW31v5",
            "ErqETMjPW9sHJnde", "qpkiv+tuPwKBgQDp", "Zd/TaLS//cUNwWzh", "bFT/eE8hFpGakS+I",
            "1T1Yo0WTF2FPQgKU", "EzSiTbKiugEmy4kX", "TaPsuKLlukB2ARJj", "6MOg6qmex8DgSde1",
            "a91vjEDdBlm4zt0Z", "48Ck/DbCYRmKv6AT", "+0w9GHfwOrhJ6DLx", "F0oIagRMYa/WIfN3",
            "90yaQwYnJQKBgDK2", "BNTc5BQUJP8PH2sR", "l9ts/x9pdwVpUPe0", "IftRjYgCBJgtWKkW",
            "9EfmNTsreGbaqgaX", "gbdCP27Fue3fTLJZ", "v32x+qI+k60EKFY4", "aDS2jbZY/DyzNM38",
            "8Huykz4HVnqGvdGJ", "Ch/OuHLhB3i9IJX4", "b4PnOW9fPTycGCe/", "3Hbe0C/tAoGBALZq",
            "7zN2xL7CAv+rTAQr", "/YrmZ0I/N3INQ4+4", "yoe6pKhAP8gImadO", "E3c/Lv1MT5YYwn86",
            "KYLdFERk+/i/Abag", "uDXO8t+s1Cz4yeV7", "9sg2YIPfcMSmudyA", "S5MnpUzrQ2FUQDMd",
            "2ApwU12pJ1xsZVRV", "lYFaCx3/w8SjKH19", "BZwUAn0ZAoGAUNie", "83RSPJchIWGLhoSb",
            "HUy6mlKXgdBMJR6L", "ytIK63ytn1tZgZ3V", "JUtdGMrYBFMA3a/B", "VRR5yoMzMwSTAkbF",
            "gNkV12JcaUgFyB4+", "oVyYqnaKxBEaJK9a", "JuiyaKZVzHS4Jycf", "X/jIFxl3ZOpLpqxP",
            "dZzHBbqxbsCooYF2", "QgV5T5A=",
        ),
        "binance/binance-connector-java:clients/spot/src/test/resources/test-rsa-prv-key.pem",
        "RSA test private key of the Java connector",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIFNTBfBgkqhkiG", "9w0BBQ0wUjAxBgkq", "hkiG9w0BBQwwJAQQ", "Shga56UXeCZkpsuo",
            "tywCXgICCAAwDAYI", "KoZIhvcNAgkFADAd", "BglghkgBZQMEASoE", "EGBL3VfGbv6F3akf",
            "vI5cVjgEggTQpJ8R", "pgVuhujt77Ur+LIN", "yk3uGlx10E2K0b7x", "wXn27RHVSuqVmIFB",
            "OPTWngDc4PUWOmbW", "O+kDZyk+FikGePMG", "qJBIrdVmktMcKhvy", "QYwHJRVLq8Qs2Zzd",
            "Z5JrwNXwFy/F27NJ", "92d+hsxeD20Ze06Z", "0gCOsSXPBMNfQbXw", "b5nDFi52H+2mO05c",
            "xVoSg/floM1EBDwg", "ra//mffxnvgKy/JH", "Fq560PZi1Di9ISfL", "L9/U1nvjyk1U4Bn4",
            "92TFf4iYd+cTS3/R", "mP2U36CPZzQZIEPc", "suXG+fyWcuttLGhZ", "nViPJUCxyeM3pWul",
            "/JKk9XSclIvYY90s", "phCDV62FQjQ0btHR", "w94A/xu2NiNAU29S", "m7eQXDM5vbpzqQ8b",
            "RkqQ8VMtZgA7LP9M", "XDRc5R8Ma2FLt8Vu", "9NKp7eW9Uw+czVkH", "hCWC368bSGJhROO7",
            "6vdrBpYspXv3e98B", "0Jp7ZmcX6U1G26HE", "IWaIfhM4sXhVAhzW", "L90QHQ0foi+Rcmsy",
            "qyKepy8P5lH2QOGa", "KArEYchuu1jXqhBL", "v6NOnjblmOWLQl1g", "y81Mi2/vlO4F7oeV",
            "naqFJF1q3v3HujSa", "aNKnEemNAUfdbbi9", "0Il54v9I+XevtD7w", "sh0ff4JXkrt7BHe2",
            "Dcr957cw0bIlrdPp", "SDVoDwomCFMxZok9", "VFot7woh1pxab4NK", "7d5OziO3RlZB++Mn",
            "PdJ6je60GR9EhYTs", "bCeVPakwH2JsiN7F", "ZlJWGsqG5EmmQVnc", "jPn5Wrsx8cvxRW7E",
            "poXZC6ybKne6532X", "TZ2lWJb6NIVHYYYY", "7mjDVnzsvcD4IKfS", "bq1fKHTGRZvitWyU",
            "zhG01ZJIHHsVbeW/", "ycw3roXt5tOquCCM", "y239iLdrT4DFqIxF", "w4rx2L51caX77yaD",
            "FRJMO62wBAEFngoh", "6AHliHCSz064vTH4", "WtuoPSM3gmEo3QpC", "DjHb1vjSqQiI5Cpj",
            "TLhpSBmvfIG8fRDD", "LAc1tTfeVMSxp+XJ", "BQ2DhG/HYGRBYtKm", "FnO4K9zQxbBQpPHA",
            "t/YZMm+4YlrEI86Z", "LTqzqn7EulJi8EB+", "CsHPmnyOa+Egp/I1", "179qAt5nMisiRdyY",
            "9h1oenpEvVRcMma4", "h5SmVRyyx4rKmphX", "CdMGdlyP2VZJuD2P", "kcTtLN1VesZnaqcP",
            "mLVez2lHI1IKJyqx", "pEGNL0zRYuNlzX4V", "X9nC1RJ03V7vFNVu", "zzqHleU56Y5c0EbV",
            "DRVRyh9zxvvyAQAA", "YL51YkjBHR0ssRQd", "KjYvA9L5otNudcOJ", "v1AkGZCTyYz5R3Mt",
            "+v6UhILtoGaeyfLA", "uxiY81ut5OKOiIgr", "zapi3DqFJcdOShL4", "HbmFtsjnflwoarv/",
            "9FAuU5ruT8mrpUkD", "rhw7N88gWb1nwg9N", "B/O5z9JHCx38+cC8", "GSf4MaE5u6sGVydu",
            "e8Lh+zLi8ADo8pYb", "/M83FNFFr3UBre/P", "MaV0le0hhuhu6YQ5", "kHSrRIyRRGXnHAej",
            "5P+1XbC8TmvDXmG1", "DIlRSzh5FymbtXhL", "7UoUaEYn3k+bbp7+", "tWskEpqPM34h+BvE",
            "FN0BZyHlPVMQysWk", "3NEthmH07QxZVwfp", "MilUqHMZOuAAjnhZ", "vD1bn6IHje6qRZ3Q",
            "xpl/qhUtgTJvsC4k", "7qHrbPH6xNeefae9", "pjv7EFUOQTO+RBuE", "0mIk5ck=",
        ),
        "binance/binance-connector-java:clients/spot/src/test/resources/test-rsa-pass-prv-key.pem",
        "encrypted RSA test private key of the Java connector",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEIKsxHjCv6ABI", "Q4Fz7KYqEchoef0y", "LIBPbJLY3CjsuczK"),
        "binance/binance-connector-java:"
        "src/test/java/unit/signature/Ed25519PrivateKeyExample.pem@b522c22ec8d8",
        "Ed25519 example private key of the old Java connector",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEIE4rJ0goma1n", "bu1d8T1dp//0pe40", "jnf8tghwRhsSY4Bk"),
        "binance/binance-connector-python:tests/lib/test_authentication.py@6fe94804fd7a",
        "Ed25519 test private key of the old Python and Rust connectors",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIEvAIBADANBgkq", "hkiG9w0BAQEFAASC", "BKYwggSiAgEAAoIB", "AQDiYtnbq3oSo2XG",
            "etLbpN0YwV/f4XFF", "Q4A1tYn4sikzj12N", "RR+G1eyEpoRIY8Qy", "lIhpMGQ4uXzDIF+f",
            "Ma3xoaSDqVBFSKpZ", "DTprNWsT7aaiNrdw", "lfH5jO/qbU35qdWg", "4Q/sXJv97KUGCX2y",
            "xzSyOcppD5vLzSDX", "5QO320qbqsrr8Dcv", "t4CE3PHIcbC/4ogQ", "1J2MI2XMD5xq1Lo9",
            "XIFXpB1eJjNheHxR", "YMgBdK1VsukcUT65", "M+FRJXKytob0hona", "x/wODrZVs4n00VlK",
            "jsbxoOimipst+L+k", "sQJOjUGakFjUY2c7", "dmras1dhYfzi1tF0", "Fv3hgcASGQo0ELwi",
            "5L8RTJerAgMBAAEC", "ggEAGVO909mnWpZ1", "OHNdS71yDubzdvSd", "24XlvhyFRxGHkoEj",
            "kj59fHRKdby7Z+3h", "cVc0u6/yRnZaAuqI", "SCMitrnC0ggLNvUe", "OcBFHOFpDV21GsjM",
            "VQgxfh3KaYu5AYmC", "oPEM+wCRYyMqgzZk", "na+zsYzNnFtmrrJQ", "TlcMx3D9M9Uzxplv",
            "c7vpseEapCF6VBXY", "74E/GIguV3P4BmVx", "B1nF+kbw672bR2bT", "zOZyWsBfWzMZFqZF",
            "MpYWS3NOxIb8AfoC", "UcMBEfc4AvPDvjY/", "RgiMMJBEZ9tx+zg5", "LRY/NDci5+LA0cJU",
            "qU3IjJNypl3Ej7Fy", "bEPnvD9PeLDrBCS9", "vEhYfBweYQKBgQD0", "dXojvdtV9jrYuGnT",
            "h0V/NMoVYyKQDIjV", "0zodcJRG3nMtPYkF", "EMj/oU/3jjbLrEgQ", "/nyYoXIOBPRUTne/",
            "raxGPAh7clr2z0JS", "axs2xy5KUzsQkcZw", "Uz3KsuD3j1NlQx0p", "xrtFdbrqRR++5V8T",
            "X6V0X85EWPBdONku", "TShGNxc+PwKBgQDt", "EvJ0LY9Y4UsmC6e8", "T6mz/xufeKCIKm5E",
            "5KjWkCkBSAaTcV/I", "IECo6OqtRloHB97d", "0BvzBR4oNgHda+NY", "OF/n7NRNP2QSlsFA",
            "0pvZB8uwVmNy6g0B", "ntfDdpS3kqbuGk/u", "j1IyBXEe+eMrgPWA", "/OYnmTKV1whsj2gX",
            "OfDRhY1jlQKBgDVI", "ygeyYXW6RxdoEwEd", "ciOJESdaRXValhTt", "hrRWDqvn3vkUeaJW",
            "B0nZEoImSIFamxbB", "Mc1fG2o84DjkJavt", "Iijo+vxVb8huYslu", "OS9WeRuQSsaQz806",
            "B7UACpNLdWUUHO43", "OCiqwcRAruvAOVoS", "thDItUAmlrXrJ0O1", "Y7ryVSmnAoGADGD2",
            "4/YVDBEHeX8WTRDj", "zZA+gv8rcrC0fUhr", "QHjai0SVg1FiLPLy", "LV+sEUwhG0jf7DkX",
            "nILh5jubsVIW1t5q", "s5N8KmRq90WD5byZ", "gqWTjyuTmcZ602DV", "51DjxwoTSU96aPx2",
            "0EHUfEeUAwuCxi9u", "XRb0uzo1KGX8i2nt", "FyOgFFkCgYB8d973", "6biLl+gfa9QQtheE",
            "aT4vocxAvIMk2+nv", "QQYRWHwLhfcp8crr", "R0HsYMTpLrObNCx9", "gjMnw7sGxeLwNZKP",
            "tuq8jWUGRSW0eRDp", "E/vm/Fc3m2zx1i7e", "l/Y68uLHiiDUaOrS", "Xyqa3rRSABxbl6mt",
            "lPRDw/3ItYIPZMBr", "CoiEqA==",
        ),
        "binance/binance-connector-rust:src/utils.rs@e6ae773b6d66",
        "RSA test private key of the old Rust connector",
    ),
    DocExample(
        PRIVATE_KEY,
        (
            "MIIFLTBXBgkqhkiG", "9w0BBQ0wSjApBgkq", "hkiG9w0BBQwwHAQI", "XS3wC2Alj+8CAggA",
            "MAwGCCqGSIb3DQIJ", "BQAwHQYJYIZIAWUD", "BAEqBBDJFDZqxZAr", "HRyklGfgXRKJBIIE",
            "0OINEOzodwbD0wbR", "gQqnS5Ccn35dD4xr", "jP0rLAWT0ZyeCnkM", "aktcxLHCtMGEDFby",
            "WCjQbY3k82HJCOjd", "4POvnxErm3zlCY72", "YOoIJLuLYh1yq/7V", "ZxgOq2Wg9PzljdGz",
            "Y87w+eAdFMh+a/1N", "FqtwAkZb3CcPvFBF", "jWxwck5+VNxvUD4e", "RyStHAsbkQl5riGw",
            "AoeSF9Z9S1qKnanZ", "q7oVHfGJ9+D7yhPY", "KVJjx3VI3813aBPh", "8DlnilVdet4VJSpz",
            "Z1icl+T+0IALyryW", "/ADA8tMHnxz0RBZG", "Twakvjt7rkNuoA/S", "P+jfcLZtQYpW7wB/",
            "ub0GCJr4J76NlcyT", "XICasbM0V+6axnHy", "q65lVyAQgB4OVWJR", "7s0hfC5SqVDhKzAe",
            "1v2ELwiTaC+jBS+H", "f1rMbCMSIX8Q+fqi", "EmErFp1NJkIkqEp5", "qFN84cjZPSP9qJ51",
            "76PHGXcib/G5bX/Y", "7TLmLUlqGOSWBy+5", "NWDL7ULVUtrwIvbo", "MGE0KWrsfXOMXkmM",
            "UNaMXIhBxnVmfW3E", "8KGpgj8bjlRlPFNL", "yZSGKYgA4HqiIagb", "cULUJ1MWqCtcrRHF",
            "ATv9jD66BNxGhgfl", "jzBDiIaj5Fg/bxDN", "p7J8M5ayj6ZcmYgp", "0z+x6lQGyXlJsQUO",
            "CjE9x0H4JDvtnRBZ", "siPafDVQaeUi7kH/", "cB7Ec4/WwyWPt3NV", "8wkurvqxuzmiUpez",
            "Z+Z14yESq1btKkC7", "oCPtsPeBMjcm/erw", "b7IM38CKaYvoT8fk", "ritAsJEpwZ0F0c4d",
            "LK3P+icDWtpBPXkf", "jwuqE1WeDI3AIQhb", "dQcMtZ/81lBVfu2A", "ib6/XoD9RG335PTB",
            "RlbzOXtWcPQ6aA0N", "rT29Whq26vXhzA2d", "pAP1C7loJMO6O4Qw", "lrmeTdZUr2++khQ1",
            "vyg86gB3FT2cJDmt", "jFSd1YJN16//mDq5", "AW32F7Izc+P0rn66", "YzjF3evmBoMfsEGN",
            "WuYWOSfnRiu+V186", "WyB0kGWiiflxfPPB", "I+5bsKRrjjLatvgW", "ioNsDlr7xyeQKxtk",
            "IWOl0s3XjYGMoTCg", "1/gqaSDPJ+dcmam9", "U97Ki9l+dos5eDza", "GOYIVwTn+MpwwVmq",
            "eNIaKfkwQACmMDAP", "k5qftOLDwXwm+vDU", "qLwpyDn44Bb6njgB", "dzg8jLNPcv3eAQXs",
            "xw18+eYk6z7Jx9qH", "+RbrfB4TiZYngr7n", "S+zdGbnCFQu5L/va", "S8+PpPLYmCnmcFnN",
            "x09BgR3UPL/kOuyZ", "QdgKDl3DxSvbFZpp", "6HuzzLqx5fZFhCI2", "/D/SJXTQTGFU3u+A",
            "cbuZ4k2NEeI39RhR", "k+/j4gohjVYVGtOO", "RgS26s9h4uth9tgr", "kS0NLb7aTdkmJqoq",
            "/LNsWCyJD7bw45ln", "dLlesumpDd61VfbS", "/uoG4zxEvF2qvH8Z", "+xosM3DxadwIddI2",
            "whK0vUx8EY9iFzuJ", "QooCi7BbmRcJLQ0v", "nfCkqZx+OsFoeb8p", "/x/ZNEEkh+KB2dra",
            "HiYfPVQk8pNMGzz7", "qBP+mkMYp17o6LLr", "0Qr9JWmGh9jHOPoc", "YKfdaO+cV4U5xNTX",
            "0VRPncv56t8YNcSS", "X++rkH90NoFYmYUH", "pI88ynwHQfmI1aJA", "bHkpKcuqB9Ec8dxy",
            "LoKyC9IAZpLT6GVp", "rBYIZo4xVBC8fAjx", "GGGnDPpNnyrP",
        ),
        "binance/binance-connector-rust:src/utils.rs@e6ae773b6d66",
        "encrypted RSA test private key of the old Rust connector",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEIJjlVz+AXahN", "5M3GYOlq7UDSG/Xb", "W1w8mVo2mnp6zCLx"),
        "binance/binance-fix-connector-python:tests/unit_test_key.pem",
        "Ed25519 unit-test private key of the FIX connector",
    ),
)

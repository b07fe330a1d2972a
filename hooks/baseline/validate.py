"""Check a detect-secrets baseline before anything uses it: a baseline is untrusted input.

A pull request can change ``.secrets.baseline``, and detect-secrets trusts it completely
(detect-secrets 1.5: ``settings.py`` imports every ``filters_used`` path, a module path or
``file://FILE::function``; ``core/plugins/util.py`` imports every ``plugins_used`` path;
``core/upgrades/v1_0.py`` imports an old baseline's ``custom_plugin_paths``; its audit opens
every file ``results`` names). So one baseline could run code in `binance-secrets baseline`
and `audit`, and stall `scan --baseline` with a backtracking regex.

What a baseline may hold, for every command alike (one rule set, so a baseline that CI's
`scan --baseline` accepts is one that `baseline` and `audit` can safely hand on):

- No python file but ours: a plugin ``path`` is allowed only for our three detector classes
  and only as our shim (``file://.binance_secrets_plugins.py``) or our detector file
  (``.../binance_detector.py``, what `plugin-path` prints); even then our commands load the
  installed classes, never that file (confine). Filters must be detect-secrets'
  own, by name; ``custom_plugin_paths`` is refused.
- Regexes run on RE2 (safe_regex), at most MAX_PATTERNS of them.
- Types as detect-secrets writes them; no NUL byte in a file name; for the commands that
  hand the baseline to detect-secrets, a version it can parse (a 0.x one only if its
  upgrade code would read no file and compile only safe regexes) and ``results`` names
  that stay inside the repository.

Anything else is refused with one line that names the field and what to do (exit 2).
"""

from __future__ import annotations

import functools
import os
import re
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # RE2 and the checks load with the first baseline, not with every scan
    from .safe_regex import LinearPattern

SHIM_NAME = ".binance_secrets_plugins.py"
SHIM_PATH = f"file://{SHIM_NAME}"
DETECTOR_FILE = "binance_detector.py"
PLUGIN_CLASSES = ("BinanceApiKeyDetector", "BinancePrivateKeyDetector", "BinanceSecretKeyDetector")

REGEX_FILTERS = {
    "detect_secrets.filters.regex.should_exclude_file": "files",
    "detect_secrets.filters.regex.should_exclude_line": "lines",
    "detect_secrets.filters.regex.should_exclude_secret": "secrets",
}
WORDLIST = "detect_secrets.filters.wordlist.should_exclude_secret"
GIBBERISH = "detect_secrets.filters.gibberish.should_exclude_secret"
# detect-secrets 1.5's filters (tests/test_hostile_baselines.py compares this with its
# package), the only paths a baseline may name: any other is code it would import.
KNOWN_FILTERS = frozenset(
    {
        *REGEX_FILTERS,
        WORDLIST,
        GIBBERISH,
        "detect_secrets.filters.allowlist.is_line_allowlisted",
        "detect_secrets.filters.common.is_baseline_file",
        "detect_secrets.filters.common.is_ignored_due_to_verification_policies",
        "detect_secrets.filters.common.is_invalid_file",
        *(
            f"detect_secrets.filters.heuristic.{name}"
            for name in (
                "is_indirect_reference",
                "is_likely_id_string",
                "is_lock_file",
                "is_non_text_file",
                "is_not_alphanumeric_string",
                "is_potential_uuid",
                "is_prefixed_with_dollar_sign",
                "is_sequential_string",
                "is_swagger_file",
                "is_templated_secret",
            )
        ),
    }
)
# The file a word list or gibberish model names is read whole by detect-secrets.
MAX_FILTER_FILE_BYTES = 16 * 1024 * 1024
# Real baselines hold a handful of patterns and plugins; these bound the work a crafted one
# asks for (each pattern runs on every candidate line).
MAX_PATTERNS = 100
MAX_ENTRIES = 200
_SHAPES = {
    "hash": r"[0-9a-fA-F]{40}",
    "name": r"[A-Za-z_][A-Za-z0-9_]{0,99}",
    "version": r"(\d{1,4})\.(\d{1,4})\.(\d{1,4})",
}


@functools.cache
def _shape(kind: str) -> re.Pattern[str]:
    """A field's shape, compiled on first use: a scan without a baseline never pays."""
    return re.compile(_SHAPES[kind])


class BaselineError(Exception):
    """The baseline file is missing, or not a baseline we can use safely."""


class _Refusal:
    """Raises BaselineError with the baseline's name in front and what to do at the end."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __call__(self, what: str, todo: str = "fix or recreate the baseline") -> BaselineError:
        return BaselineError(f"baseline {self.path}: {what}; {todo}")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _items(data: dict, key: str, fail: _Refusal) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(f"`{key}` is not a list")
    if len(value) > MAX_ENTRIES:
        raise fail(f"`{key}` has more than {MAX_ENTRIES} entries")
    for item in value:
        if not isinstance(item, dict):
            raise fail(f"an entry of `{key}` is not an object")
    return value


def _version(data: dict, fail: _Refusal, for_detect_secrets: bool) -> None:
    """Any version text for scan, which reads only ``results`` and the regexes (IBM's
    detect-secrets fork writes "0.13.1+ibm.64.dss"); detect-secrets itself parses it as
    exactly three numbers, and below 1.0 runs its upgrade code (:func:`_old_layout`)."""
    version = data.get("version")
    if not for_detect_secrets:
        if version is not None and (not isinstance(version, str) or len(version) > 100):
            raise fail("`version` is not a version text")
        return
    match = _shape("version").fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise fail(
            f'`version` {str(version)[:40]!r} is not a detect-secrets version such as "1.5.0"',
            "move it away and run `binance-secrets baseline` to make a new one",
        )
    if int(match.group(1)) < 1:
        _old_layout(data, fail)


def _old_layout(data: dict, fail: _Refusal) -> None:
    """A detect-secrets 0.x baseline, which detect-secrets upgrades as it loads it
    (``core/upgrades/v1_0.py``): its ``exclude`` regexes become regex filters (checked
    here as those are), a ``word_list`` file would be read (refused: the word list filter
    needs a package few have, and the file is the baseline's choice), and the entropy
    plugins' ``base64_limit`` / ``hex_limit`` are renamed (a KeyError without them)."""
    exclude = data.get("exclude") or {}
    if not isinstance(exclude, dict):
        raise fail("`exclude` is not an object")
    for kind in ("files", "lines"):
        if exclude.get(kind) is not None:
            _pattern(exclude[kind], f"`exclude` {kind}", fail)
    word_list = data.get("word_list") or {}
    if not isinstance(word_list, dict) or word_list.get("file") is not None:
        raise fail("`word_list` names a file", "remove it, or set its file to null")
    limits = {"Base64HighEntropyString": "base64_limit", "HexHighEntropyString": "hex_limit"}
    for plugin in _items(data, "plugins_used", fail):
        option = limits.get(plugin.get("name", ""))
        if option and not _is_number(plugin.get(option)):
            raise fail(f"`{option}` of plugin {plugin['name']} is not a number")


def _results(data: dict, fail: _Refusal, for_detect_secrets: bool) -> None:
    results = data.get("results")
    if not isinstance(results, dict):
        raise fail("no `results` object; is it a detect-secrets baseline?")
    for filename, entries in results.items():
        shown = filename.replace("\0", "\\0")
        if "\0" in filename or not filename:
            raise fail(f"`results` names a file {shown!r} with a NUL byte or no name")
        if for_detect_secrets:
            _inside_repository(filename, fail)
        if not isinstance(entries, list):
            raise fail(f"`results` of {shown} is not a list")
        for entry in entries:
            _result_entry(entry, shown, fail)


def _inside_repository(filename: str, fail: _Refusal) -> None:
    """detect-secrets audit opens and prints every file ``results`` names."""
    parts = filename.replace("\\", "/").split("/")
    if os.path.isabs(filename) or ".." in parts:
        raise fail(
            f"`results` names {filename}, outside the repository",
            "a baseline records paths relative to the repository root",
        )
    try:
        mode = os.lstat(filename).st_mode
    except OSError:
        return  # removed since: detect-secrets says so itself
    if not stat.S_ISREG(mode):
        raise fail(f"`results` names {filename}, which is not a regular file (a link or device)")


def _result_entry(entry: object, filename: str, fail: _Refusal) -> None:
    if not isinstance(entry, dict):
        raise fail(f"an entry of `results` for {filename} is not an object")
    hashed = entry.get("hashed_secret")
    if not isinstance(hashed, str) or not _shape("hash").fullmatch(hashed):
        raise fail(f"a `hashed_secret` for {filename} is not 40 hex digits")
    if not isinstance(entry.get("type"), str):
        raise fail(f"an entry for {filename} has no `type` text")
    line = entry.get("line_number", 0)
    if not isinstance(line, int) or isinstance(line, bool) or line < 0:
        raise fail(f"a `line_number` for {filename} is not a whole number")
    for flag in ("is_secret", "is_verified"):
        if entry.get(flag) is not None and not isinstance(entry[flag], bool):
            raise fail(f"`{flag}` for {filename} is not true or false")


def _builtin_plugins() -> set[str]:
    """detect-secrets' own plugin class names. Its table is cached, and detect-secrets adds
    a baseline's custom plugins only when it builds it: built here, it is dropped again."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    try:
        classes: list[type] = list(get_mapping_from_secret_type_to_class().values())
        return {cls.__name__ for cls in classes}
    finally:
        get_mapping_from_secret_type_to_class.cache_clear()


def check_audit_types(data: dict, path: str) -> None:
    """detect-secrets' audit looks each entry's `type` up among its plugins' and fails on
    one none reports (a bare TypeError; KeyError for --stats): refuse such a baseline in
    one line first, and one naming a file with control characters (printed as they are).
    ``data``: a baseline :func:`validate` accepted."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    from ...plugins.detection.findings import SECRET_TYPES

    try:
        known = set(get_mapping_from_secret_type_to_class()) | set(SECRET_TYPES)
    finally:
        get_mapping_from_secret_type_to_class.cache_clear()  # as in _builtin_plugins
    for filename, entries in data["results"].items():
        if not filename.isprintable():
            # detect-secrets prints the name as it is, escapes and all.
            raise _Refusal(path)(
                f"`results` names a file {filename!r} with control characters",
                "remove its entries to audit the rest",
            )
        for entry in entries:
            if entry["type"] not in known:
                raise _Refusal(path)(
                    f"an entry for {filename} has type {entry['type']}, which no plugin of "
                    "detect-secrets or binance-secrets reports, so detect-secrets cannot audit it",
                    "remove those entries, or audit with the detect-secrets that wrote them",
                )


def _plugins(data: dict, fail: _Refusal, for_detect_secrets: bool) -> None:
    known = _builtin_plugins() | set(PLUGIN_CLASSES) if for_detect_secrets else None
    for plugin in _items(data, "plugins_used", fail):
        name = plugin.get("name")
        if not isinstance(name, str) or not _shape("name").fullmatch(name):
            raise fail("a plugin in `plugins_used` has no class name")
        if known is not None and name not in known:
            raise fail(f"plugin {name} is not one of detect-secrets' or binance-secrets' own")
        if "path" in plugin:
            _plugin_path(name, plugin["path"], fail)
        for option, value in plugin.items():
            if option in ("limit", "base64_limit", "hex_limit") and not _is_number(value):
                raise fail(f"`limit` of plugin {name} is not a number")
            if option == "keyword_exclude" and value:
                _pattern(value, f"`keyword_exclude` of plugin {name}", fail, ignore_case=True)
            if not isinstance(value, (str, int, float, bool, type(None))):
                raise fail(f"`{option}` of plugin {name} is not a single value")


def _plugin_path(name: str, path: object, fail: _Refusal) -> None:
    """Ours only, by name and file name: a baseline's plugin file is code that runs."""
    ours = (
        isinstance(path, str)
        and path.startswith("file://")
        and "\0" not in path
        and name in PLUGIN_CLASSES
        and os.path.basename(path[len("file://") :]) in (SHIM_NAME, DETECTOR_FILE)
    )
    if not ours:
        raise fail(
            f"plugin {name} is loaded from {path!r}: a python file detect-secrets would run, "
            "and binance-secrets runs none but its own",
            "remove that entry (run detect-secrets itself if you trust the file)",
        )


def _pattern(value: object, where: str, fail: _Refusal, ignore_case: bool = False) -> Any:
    from .safe_regex import UnsafePattern, compile_linear

    if not isinstance(value, str):
        raise fail(f"a pattern of {where} is not text")
    try:
        return compile_linear(value, ignore_case)
    except UnsafePattern as error:
        raise fail(
            f"pattern {value[:60]!r} of {where}: {error}",
            "patterns run on RE2 in linear time: rewrite it without backreferences "
            "or look-arounds (docs/config-and-baselines.md)",
        ) from None


def _filters(
    data: dict, fail: _Refusal, for_detect_secrets: bool
) -> dict[str, list[LinearPattern]]:
    exclude: dict[str, list[LinearPattern]] = {}
    count = 0
    for item in _items(data, "filters_used", fail):
        path = item.get("path")
        if not isinstance(path, str) or path not in KNOWN_FILTERS:
            raise fail(
                f"filter {str(path)[:200]!r} is not one of detect-secrets' own filters; "
                "detect-secrets would import and run whatever it names",
                "remove that entry",
            )
        if path in REGEX_FILTERS:
            patterns = item.get("pattern")
            if not isinstance(patterns, list):
                raise fail(f"`pattern` of {path} is not a list")
            count += len(patterns)
            if count > MAX_PATTERNS:
                raise fail(f"more than {MAX_PATTERNS} exclude patterns")
            exclude.setdefault(REGEX_FILTERS[path], []).extend(
                _pattern(pattern, path, fail) for pattern in patterns
            )
        elif path in (WORDLIST, GIBBERISH):
            _filter_file(item, path, fail, for_detect_secrets)
    return exclude


def _filter_file(item: dict, path: str, fail: _Refusal, for_detect_secrets: bool) -> None:
    """A word list or gibberish model: detect-secrets opens and reads it whole."""
    key, module, package = (
        ("file_name", "ahocorasick", "pyahocorasick")
        if path == WORDLIST
        else ("model", "gibberish_detector", "gibberish-detector")
    )
    name = item.get(key)
    if name is None and path == GIBBERISH:
        name = ""  # the model shipped with gibberish-detector
    if not isinstance(name, str) or "\0" in name:
        raise fail(f"`{key}` of {path} is not a file name")
    if not for_detect_secrets:
        return  # scan does not apply them
    from importlib.util import find_spec

    if find_spec(module) is None:  # detect-secrets would fail with an ImportError
        raise fail(f"{path} needs the {package} package", "install it or remove the filter")
    if not name:
        return
    try:
        info = os.lstat(name)
    except OSError as error:
        raise fail(f"`{key}` {name} cannot be read: {error.strerror}") from error
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILTER_FILE_BYTES:
        raise fail(f"`{key}` {name} is not a regular file of at most {MAX_FILTER_FILE_BYTES} bytes")


def validate(data: object, path: str, for_detect_secrets: bool) -> dict[str, list[LinearPattern]]:
    """Refuse (BaselineError, one line) anything in ``data`` we would not run; return the
    exclude patterns by kind ("files", "lines", "secrets"), compiled for linear time.

    ``for_detect_secrets``: the baseline will be handed to detect-secrets (`baseline`,
    `audit`), which also needs a 1.x version, detect-secrets' own plugin names and
    ``results`` paths it can open safely.
    """
    fail = _Refusal(path)
    if not isinstance(data, dict):
        raise fail("is not a detect-secrets baseline (not a JSON object)")
    if data.get("custom_plugin_paths", []) != []:  # detect-secrets 0.14 writes an empty list
        raise fail(
            "`custom_plugin_paths` names python files detect-secrets would run",
            "remove it: binance-secrets runs no code a baseline names",
        )
    _version(data, fail, for_detect_secrets)
    _results(data, fail, for_detect_secrets)
    _plugins(data, fail, for_detect_secrets)
    return _filters(data, fail, for_detect_secrets)

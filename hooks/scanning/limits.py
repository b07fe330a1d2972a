"""How much of a file or diff is read: one default for scan, the hooks and sweep."""

from __future__ import annotations

# Files (and diffs) above this size are skipped and reported: credentials live in configs
# and code, not in multi-megabyte data files, and reading those would dominate the run time.
# ``--max-file-size`` changes it.
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

"""How much of a file or diff is read: one default for scan, the hooks and sweep."""

from __future__ import annotations

# Files (and diffs) above this size are skipped and reported: credentials live in configs
# and code, not in multi-megabyte data files, and reading those would dominate the run time.
# ``--max-file-size`` changes it.
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

# What any one input may cost at most, whatever ``--max-file-size`` says: a file, a diff,
# and above all a stream (``/dev/zero``, a FIFO, ``<(cmd)``), which has no size to refuse
# it by and is held in memory as it is read. A larger --max-file-size is refused.
MAX_FILE_BYTES_CEILING = 256 * 1024 * 1024

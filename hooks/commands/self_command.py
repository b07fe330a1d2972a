"""How a new interpreter runs binance-secrets without importing from its working directory.

``python -m binance_secrets.hooks`` puts the working directory first on ``sys.path``: run
inside a checkout or next to a list of repositories that holds a ``binance_secrets/``
folder (a hostile pull request, a cloned project), that folder is imported instead of the
installed tool and runs whatever it holds, and the scan it replaced passes everything.
``python -P`` would stop it, but only from Python 3.11. The command below starts the same
CLI with every working-directory entry taken off ``sys.path`` first (``-c`` adds ``''``,
which stands for the working directory), so only installed code is imported.
"""

from __future__ import annotations

# The program ``python -c`` runs: what ``python -m binance_secrets.hooks`` runs, minus the
# working directory on sys.path (hooks/__main__.py), in one line for a shell script.
SAFE_MAIN = (
    "import sys; sys.path[:] = [entry for entry in sys.path if entry not in ('', '.')]; "
    "from binance_secrets.hooks.commands.cli import main; main()"
)


def self_command(python: str, *args: str) -> list[str]:
    """The command line that runs ``binance-secrets ARGS`` with ``python``."""
    return [python, "-c", SAFE_MAIN, *args]

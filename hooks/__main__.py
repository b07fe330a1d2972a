"""`python -m binance_secrets.hooks` runs the CLI (the plain git hook uses this form)."""

from .commands.cli import main

main()

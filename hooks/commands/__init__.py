"""The `binance-secrets` command line: one module per subcommand, shared options, the plain
git hook installer. Commands read sources, run detection and the live check, write reports.
"""

"""Detection: detect-secrets plugins for Binance credentials, pairing and filters."""

"""A Binance REST emulator for tests: a real HTTP(S) server that checks signatures."""

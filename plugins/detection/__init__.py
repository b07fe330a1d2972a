"""Finding Binance credentials in text: patterns, line classification, rejection of
look-alikes, documentation examples, PEM blocks, pairing keys with secrets.
"""

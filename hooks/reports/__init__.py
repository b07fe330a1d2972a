"""What a run writes: text, JSON and SARIF findings reports, the check report, the progress
bar, and where output goes. Formats only; nothing here scans or asks Binance.
"""

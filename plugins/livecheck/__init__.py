"""Asking Binance, read-only and signed locally, whether a key is live and what it may do;
the outcome, its risk and the leak-response playbook. Depends only on detection/.
"""

"""The tree as it lies is the binance_secrets package (pyproject.toml maps it so).

plugins/ (detection) and hooks/ (what runs on a trigger) are its two halves; with this file
the relative imports between them (``from ...plugins.detection import patterns``) resolve
for tools that read the tree without installing it, as they do installed.
"""

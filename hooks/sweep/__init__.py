"""The history sweep, in one place: which commits it reads (refs, reflog, dangling), the
``git log`` stream it skims, how values are folded per fingerprint and located (refs, HEAD
files, timeline), and the clean-up plan for each place a value still lives.
"""

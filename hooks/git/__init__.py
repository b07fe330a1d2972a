"""Git plumbing through git's own command line: how git is run (the hardened command lines
and environment), the repository, blob reads, background commands, clones. Knows nothing of
detection beyond the credential byte shapes.
"""

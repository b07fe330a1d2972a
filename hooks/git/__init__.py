"""Git plumbing through git's own command line: the repository, blob reads, the history
stream and ref containment. Knows nothing of detection beyond the credential byte shapes.
"""

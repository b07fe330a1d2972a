"""What a run reads and scans: files on disk or in the index, a repository's whole history
(sweep), baselines, and the credentials a report or the environment points at.
"""

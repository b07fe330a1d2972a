"""What a scan reads and scans: files on disk or in the index, project config, and the
credentials a report or the environment points at.
"""

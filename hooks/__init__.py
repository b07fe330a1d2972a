"""What runs on a trigger: the CLI, scan, report formats, history sweep and live check."""

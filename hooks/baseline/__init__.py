"""detect-secrets baselines: validate one (it may come from a pull request), honour it, write it."""

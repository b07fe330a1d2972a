"""What runs on a trigger: the commands (commands/), what they read (scanning/, git/) and
what they write (reports/). Detection and the live check live in plugins/.
"""

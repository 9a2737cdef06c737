"""Stage 4, output: the generated files on disk.

stamp.py writes and reads the header of every generated page (and spots hand edits),
write.py writes docs/ (only what changed, each file all at once), and cache.py keeps
results between runs in .cache/sitegen/. Nothing here knows about the content.
"""

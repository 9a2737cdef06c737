"""Stage 4, output: the generated files on disk.

stamp.py writes and reads the header of every generated page (and spots hand edits), and
write.py writes docs/ (only what changed, each file all at once). Nothing here knows about
the content.
"""

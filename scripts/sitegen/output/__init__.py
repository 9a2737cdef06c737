"""Stage 4, output: the generated files on disk.

stamp.py writes and reads the header of every generated page (and spots hand edits),
write.py writes docs/ (only what changed, each file all at once), tree.py checks what else
is in docs/, and lastrun.py finds a run with nothing to do. Nothing here knows about the
content.
"""

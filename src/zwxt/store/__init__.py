"""Where a plan lives: its repository's files, their layout, atomic writes, git."""

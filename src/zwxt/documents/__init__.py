"""Documents zwxt writes: the outline's blocks, templates in their sandbox, Word and Markdown."""

"""The two consoles: findings and results on stdout, messages about the run on stderr."""

from __future__ import annotations

from rich.console import Console, ConsoleDimensions

# The narrowest width zwxt prints for. rich takes COLUMNS as the width however small it is:
# at COLUMNS=0 it prints nothing at all, at 5 a table keeps its borders and drops every
# cell. The status table needs about 60 columns to show each of its seven; in a narrower
# terminal the lines wrap, which keeps every finding and every cell.
MIN_WIDTH = 60


class WideEnoughConsole(Console):
    """rich's Console, never narrower than MIN_WIDTH, whatever COLUMNS or the terminal say."""

    @property
    def size(self) -> ConsoleDimensions:
        width, height = super().size
        return ConsoleDimensions(max(width, MIN_WIDTH), height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self.width, self.height = new_size


# emoji=False: rich would turn ``:thumbs_up:`` in a file's text into 👍 (escaping leaves it),
# and importing its table of emoji codes costs milliseconds on every run.
console = WideEnoughConsole(highlight=False, soft_wrap=True, emoji=False)
err_console = WideEnoughConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)

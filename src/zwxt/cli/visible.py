"""Text from files and users as printed for people: nothing in it invisible, nothing that moves the cursor.

`unit: 市审\u200b计局` and a file named `市审计局\u202e.yaml` would print exactly like the valid
names they are not, and an escape sequence in a file name would drive the terminal. Every
place that prints for people passes such text through `visible`: each control character,
format character (zero-width spaces and joiners, bidirectional controls, the byte order
mark), line or paragraph separator, and lone surrogate (an undecodable byte of a file name)
is written as its code point, ``<U+200B>``. Machine-readable output (JSON) stays raw: it is
the data as written, and JSON escapes what needs escaping.
"""

from __future__ import annotations

import unicodedata

# Cc control, Cf format, Cs surrogate, Zl U+2028, Zp U+2029.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def visible(text: object, lines: bool = False) -> str:
    """``text`` with every invisible or cursor-moving character written ``<U+XXXX>``.

    With ``lines`` a line break ``\\n`` is kept as one: text of several lines that zwxt
    joined itself (a table cell).
    """
    text = str(text)
    if text.isprintable():  # the common case, and fast: no Cc, Cf, Cs, Zl or Zp in it
        return text
    return "".join(ch if (lines and ch == "\n") or unicodedata.category(ch) not in _HIDDEN
                   else f"<U+{ord(ch):04X}>" for ch in text)


def markup(text: object) -> str:
    """``text`` made visible and escaped, to be put into a rich markup string."""
    from rich.markup import escape  # not at the top: the help and usage errors need only `visible`

    return escape(visible(text))

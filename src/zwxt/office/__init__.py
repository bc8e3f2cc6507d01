"""Office files people hand in (Word, Excel), read as plain values."""

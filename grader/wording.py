"""Sentences that depend on a number, chosen in one place: "1 learner", "2 learners".

Each caller passes the whole sentence in its singular and plural forms, with placeholders, and
never glues an "s" onto a word: a translation (gettext's ngettext, which has this signature) can
then replace `ngettext` here and give each language its own forms, Chinese's one and Polish's
three alike.
"""

from __future__ import annotations

from typing import Any


def ngettext(singular: str, plural: str, n: int) -> str:
    """English's rule, with gettext's signature: the singular for exactly one, else the plural."""
    return singular if n == 1 else plural


def counted(n: int, singular: str, plural: str, **values: Any) -> str:
    """The form for `n`, its placeholders filled: counted(3, "{n} line", "{n} lines")."""
    return ngettext(singular, plural, n).format(n=n, **values)

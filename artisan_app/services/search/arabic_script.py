"""Arabic-script folding for search: Urdu typed with or without diacritics,
on an Arabic or an Urdu keyboard, finds the same words.

``services.search.queries.fold`` already drops every combining mark after NFKD, which removes the
harakat (zabar, zer, pesh, tashdid, jazm, khari zabar) and splits the hamza and madda off
their letters (``آ`` → ``ا``, ``ئ`` → ``ی``, ``ۂ`` → ``ہ``). What remains are letters with
several encodings: the Arabic yeh and kaf where Urdu writes ``ی`` and ``ک``, the Arabic heh
for Urdu's ``ہ``, the kashida (``ـ``) that only stretches a word, the zero-width joiners
that only shape it, and two sets of Arabic digits. This table maps them all to one form
(on indexing and on every query alike, so it never needs to be perfect, only consistent).
``ھ`` (do-chashmi he, the aspirate) and ``ے`` (bari ye) are letters of their own and stay.
"""

from __future__ import annotations

_TABLE = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی Farsi/Urdu yeh
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u06d0": "\u06cc",  # ې Pashto e → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک keheh
    "\u0647": "\u06c1",  # ه Arabic heh → ہ heh goal
    "\u06d5": "\u06c1",  # ە ae → ہ
    "\u0629": "\u06c1",  # ة teh marbuta → ہ (as Urdu writes Arabic loans: ''zakat'' aside)
    "\u0640": None,  # ـ tatweel (kashida)
    "\u200c": None,  # zero-width non-joiner
    "\u200d": None,  # zero-width joiner
    "\u200e": None,  # left-to-right mark
    "\u200f": None,  # right-to-left mark
    "\u061c": None,  # Arabic letter mark
}
_TABLE.update({chr(0x0660 + d): str(d) for d in range(10)})  # ٠١٢ Arabic-Indic digits
_TABLE.update({chr(0x06F0 + d): str(d) for d in range(10)})  # ۰۱۲ Extended (Urdu) digits
FOLD_TABLE = str.maketrans(_TABLE)


def fold_letters(value: str) -> str:
    """One spelling for Arabic-script letter variants, digits and joiners (after marks are gone)."""
    return value.translate(FOLD_TABLE)

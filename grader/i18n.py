"""Every sentence a learner or an instructor reads, in English or in Simplified Chinese.

The translations are gettext catalogs, maintained with Babel: the source is
`grader/locale/zh/LC_MESSAGES/nn_grader.po` (domain `nn_grader`, template
`grader/locale/nn_grader.pot`), compiled to `.mo` when the package is built (`hatch_build.py`),
and read here with the standard library's `gettext`. English is the source language: a message
is written in English in the code, and the English text is its id.

How to write a translatable message (course authors and suites too):

- `_("...")` for a sentence, `counted(n, "{n} test", "{n} tests", ...)` (or `ngettext`) for one
  that depends on a number: every language chooses its own forms (Chinese has one, from the
  `.po` header's `Plural-Forms`).
- Placeholders are `str.format` names, filled after translation:
  `_("{call} took longer than {seconds:g} s.").format(call=call, seconds=limit)`. Babel marks
  such messages `python-brace-format`; a translation must keep every placeholder (a test checks).
- One message is one whole sentence or paragraph, never fragments glued together: word order
  differs between languages. Texts a learner's code or a file name controls are placeholders,
  never part of a message id.
- A module-level constant is marked with `N_("...")`, which only marks it for extraction, and is
  translated where it is used, with `_(CONSTANT)`: the language is chosen after import.
- The course's words are the course's own catalog, COURSE/locale/<lang>/LC_MESSAGES/course.po
  (domain `course`), so that a custom course is translated the same way as the built-in one.
  A suite marks its messages with this module's `_()`, `ngettext` and `counted`; course.toml's
  texts are translated where they are shown, with `_(exercise.title)`, and a test's name (its
  docstring's first line) by the plugin before it fills in the parameters. A text is looked up
  in the catalog of the course in use first, then in the grader's (gettext's fallback), so a
  suite may also say a sentence the grader already translates. COURSE/babel.cfg maps the
  suites to the method `suite` and course.toml to `course` (`grader/i18n_extract.py`).
- In templates, `_("...", name=value)` and `ngettext(singular, plural, n, name=value)` translate
  and fill the placeholders; the translation may hold markup (`<code>{file}</code>`), the values
  are escaped.

The language is chosen once per process (`use`), in this order: `--lang`, `NN_GRADER_LANG`, the
workspace's language (recorded by `grader init`), the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`
starting with `zh`), else English. The worker and the batch pool's children get it in their job,
since their environment is scrubbed. What a suite says is fixed when it is graded (the result
records `lang`); renderers translate at render time what they write themselves.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

DOMAIN = "nn_grader"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COURSE_DOMAIN = "course"
# The built-in course's catalogs, in use until `grader.course.catalog.use` names another course.
BUILTIN_COURSE_LOCALE = LOCALE_DIR.parent / "course" / "builtin" / "locale"
ENGLISH, CHINESE = "en", "zh"
LANGUAGES = (ENGLISH, CHINESE)
ENVIRONMENT_KEY = "NN_GRADER_LANG"
# The HTML `lang` of each language: zh-Hans makes browsers pick a Simplified Chinese font.
_HTML_LANG = {ENGLISH: "en", CHINESE: "zh-Hans"}
# What separates the items of a list: Chinese enumerates with the ideographic comma, and an
# ASCII ", " between Chinese words reads as an English sentence glued in.
_LIST_SEPARATOR = {ENGLISH: ", ", CHINESE: "\u3001"}

_current = ENGLISH
_course_locale = BUILTIN_COURSE_LOCALE


def use(lang: str) -> None:
    """Speak `lang` from now on in this process (one of LANGUAGES)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the languages are {', '.join(LANGUAGES)}")
    _current = lang


def current() -> str:
    return _current


def html_lang(lang: str | None = None) -> str:
    return _HTML_LANG[lang or _current]


def use_course(locale_dir: Path) -> None:
    """Look the course's words up in the catalogs under `locale_dir` (COURSE/locale) first."""
    global _course_locale
    _course_locale = locale_dir


def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogs of `lang`, the course's in use before the grader's; English, the
    source language, needs none. A missing `.mo` (a checkout never built, a course never
    translated) falls back to the next catalog, and at last to English, rather than failing."""
    return _catalogs(lang, _course_locale)


@functools.cache
def _catalogs(lang: str, course_locale: Path) -> _gettext.NullTranslations:
    if lang == ENGLISH:
        return _gettext.NullTranslations()
    grader = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    course = _gettext.translation(COURSE_DOMAIN, course_locale, languages=[lang],
                                  fallback=True)
    if type(course) is _gettext.NullTranslations:
        return grader
    course.add_fallback(grader)
    return course


def gettext(message: str) -> str:
    return translations(_current).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def listing(items: Iterable[str], lang: str | None = None) -> str:
    """`items` as a list in the language spoken (or `lang`): "a, b, c", or "a、b、c" in
    Chinese. The list is a placeholder's value; the sentence around it is the message."""
    return _LIST_SEPARATOR[lang or _current].join(items)


def N_(message: str) -> str:
    """Mark `message` for extraction only; translate it with `_()` where it is used."""
    return message


def counted(n: int, singular: str, plural: str, **values: Any) -> str:
    """The form for `n`, translated, placeholders filled: counted(3, "{n} line", "{n} lines")."""
    return ngettext(singular, plural, n).format(n=n, **values)


def variants(message: str) -> tuple[str, ...]:
    """`message` in every language: what a renderer looks for in a text made by a grading run
    in any language (a result keeps the language it was graded in)."""
    return tuple(dict.fromkeys(translations(lang).gettext(message) for lang in LANGUAGES))


def parse(value: str | None) -> str | None:
    """The language a setting names (`zh`, `zh_CN.UTF-8`, `zh-Hans`, `en_GB`), None if none."""
    value = (value or "").strip().lower()
    return next((lang for lang in LANGUAGES if value.split(".")[0][:2] == lang), None)


def from_locale(environ: Mapping[str, str]) -> str:
    """The locale's language as POSIX decides it: the first of LC_ALL, LC_MESSAGES and LANG that
    is set; Chinese if it starts with zh, else English."""
    setting = next((environ[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG")
                    if environ.get(key)), "")
    return CHINESE if setting.lower().startswith("zh") else ENGLISH


def choose(option: str | None = None, *, workspace: str | None = None,
           environ: Mapping[str, str] = os.environ) -> str:
    """The language to speak: `--lang`, else NN_GRADER_LANG, else the workspace's, else the
    locale's. A value that names no language of ours is passed over."""
    for setting in (option, environ.get(ENVIRONMENT_KEY), workspace):
        lang = parse(setting)
        if lang is not None:
            return lang
    return from_locale(environ)

"""The command line in the learner's language: choosing it, and click's part of the text.

Click evaluates help texts when the commands are defined, at import, before anyone has chosen a
language; so the help stays English in the objects and is translated when it is shown (the
commands' docstrings and the options' `help` are message ids: `grader/i18n_extract.py` extracts
the docstrings, Babel the `help=` strings). The language is chosen in `Group.main`, before click
parses anything, so that `--help`, usage errors and the commands all speak it. Click's own words
("Usage:", "Error: ...") come from its modules' `gettext`; they are pointed at ours, and the ones a
learner meets are listed in CLICK_MESSAGES for extraction.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator, Sequence
from typing import Any

import click
import click.core
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from grader import i18n
from grader.i18n import N_
from grader.render import wrap
from grader.study import workspace

LANG_HELP = N_("The language to speak, en or zh (default: NN_GRADER_LANG, then the workspace's "
               "language, then the locale's).")

# Click's own messages that a learner may meet, marked so that Babel extracts them; click
# translates them with the gettext its modules import, which `_speak_ours` replaces.
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Error: {message}"),
    N_("Try '{command} {option}' for help."), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("default: {default}"), N_("Aborted!"),
    N_("Missing argument"), N_("Missing option"), N_("Missing command."),
    N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."), N_("file"), N_("directory"), N_("path"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    i18n.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2),
    i18n.ngettext("Got unexpected extra argument ({args})",
                  "Got unexpected extra arguments ({args})", 2),
    i18n.ngettext("Option {name!r} requires an argument.",
                  "Option {name!r} requires {nargs} arguments.", 2),
    i18n.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2),
)


def _speak_ours() -> None:
    """Click's messages through our catalogs. Not its decorators': they fill in the help of
    `--help` and `--version` once, at definition, and those are translated when shown."""
    for module in (click.core, click.exceptions, click.formatting, click.parser, click.termui,
                   click.types):
        if hasattr(module, "_"):
            module._ = i18n.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext


_speak_ours()


class Formatter(click.HelpFormatter):
    """Click's help layout, wrapped in terminal columns when the text holds Chinese, whose
    characters take two columns each and may be broken between (see render/wrap.py)."""

    def write_text(self, text: str) -> None:
        if not wrap.has_wide(text):
            return super().write_text(text)
        indent = " " * self.current_indent
        self.write("\n\n".join(
            wrap.fill(" ".join(paragraph.split()), self.width, initial_indent=indent,
                      subsequent_indent=indent) for paragraph in text.split("\n\n")) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        if not any(wrap.has_wide(definition) for _, definition in rows):
            return super().write_dl(rows, col_max, col_spacing)
        first = min(max(wrap.columns(term) for term, _ in rows), col_max) + col_spacing
        for term, definition in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not definition:
                self.write("\n")
                continue
            if wrap.columns(term) <= first - col_spacing:
                self.write(" " * (first - wrap.columns(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = wrap.wrap(" ".join(definition.split()), max(self.width - first - 2, 10))
            self.write("".join(f"{'':>{first + self.current_indent if index else 0}}{line}\n"
                               for index, line in enumerate(lines)) or "\n")


click.Context.formatter_class = Formatter


class Command(click.Command):
    """A command whose help is translated when shown, and which takes `--lang` too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(lang_option())

    @property
    def help(self) -> str | None:
        return i18n.gettext(self._help) if self._help else self._help

    @help.setter
    def help(self, value: str | None) -> None:
        self._help = inspect.cleandoc(value) if value else value

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_options(self.get_params(ctx)):
            super().format_help(ctx, formatter)


class Group(Command, click.Group):
    """The `grader` group: it chooses the language before click reads the command line."""

    command_class = Command
    group_class = type

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        import sys

        args = list(sys.argv[1:] if args is None else args)
        i18n.use(i18n.choose(_asked(args), workspace=workspace.language(workspace.find())))
        return super().main(args, *rest, **kwargs)


def lang_option() -> click.Option:
    # The value was read in Group.main already; click only checks it and shows it in --help.
    return click.Option(["--lang"], type=click.Choice(i18n.LANGUAGES), expose_value=False,
                        is_eager=True, help=LANG_HELP)


def _asked(args: list[str]) -> str | None:
    """The value of the last `--lang` on the command line (before a `--`), if any."""
    asked = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            asked = args[index + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    return asked


@contextlib.contextmanager
def _translated_options(params: list[click.Parameter]) -> Iterator[None]:
    """The options' help in the chosen language while the help page is written."""
    kept = [(param, param.help) for param in params if getattr(param, "help", None)]
    for param, text in kept:
        param.help = i18n.gettext(text)
    try:
        yield
    finally:
        for param, text in kept:
            param.help = text

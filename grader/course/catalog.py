"""A course is a folder, and its course.toml is the only list of its exercises.

A course folder holds `course.toml` (a `[course]` table, then one `[[exercise]]` table per
exercise in course order), the stubs `exercises/NAME.py`, the reference solutions
`solutions/NAME.py` and the suites `suites/test_NAME.py` with the helper modules and data
generators they import (`suites/` is put first on `sys.path` of the trusted process that grades,
so a suite imports them by their plain names). Stubs, solutions, suites, reports and the learner
commands all read the catalog; nothing else lists exercises.

The catalog is checked when it is loaded, so that a mistake in it is one clear message naming
the file, the exercise and the field, never a traceback halfway through grading. One course is
in use in a process at a time (`use`): the command line chooses it, and a grading process is
told which in its job.
"""

from __future__ import annotations

import contextlib
import functools
import keyword
import math
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from grader import i18n
from grader.i18n import N_, _

COURSE_FILE = "course.toml"
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
# A checkout keeps the built-in course's stubs and solutions at the top level; the wheel puts
# them in BUILTIN_DIR beside its course.toml (pyproject's force-include).
_CHECKOUT_DIR = BUILTIN_DIR.parent.parent.parent
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Equivalent:
    """A mutant of the reference solution that computes the same thing, so no suite can tell
    it apart; `grader dev mutate` leaves it out of the score."""

    mutant: str
    reason: str


@dataclass(frozen=True)
class Exercise:
    name: str
    title: str
    section: str
    points: int | float
    task: str
    hints: tuple[str, ...]
    equivalent: tuple[Equivalent, ...] = ()


@dataclass(frozen=True)
class Course:
    root: Path  # the folder holding course.toml and suites/
    title: str
    description: str
    exercises: tuple[Exercise, ...]
    stubs_dir: Path
    solutions_dir: Path
    builtin: bool = False

    @property
    def catalog_path(self) -> Path:
        return self.root / COURSE_FILE

    @property
    def suites_dir(self) -> Path:
        return self.root / "suites"

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    def stub_path(self, name: str) -> Path:
        return self.stubs_dir / f"{name}.py"

    def solution_path(self, name: str) -> Path:
        return self.solutions_dir / f"{name}.py"

    def suite_path(self, name: str) -> Path:
        return self.suites_dir / f"test_{name}.py"

    def hidden_dirs(self) -> list[Path]:
        """What a learner process must not see: the suites, the solutions and the corpus of
        answers (its right ones are solutions too)."""
        return [self.suites_dir, self.solutions_dir, self.corpus_dir]

    def names(self) -> list[str]:
        return [exercise.name for exercise in self.exercises]

    def get(self, name: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.name == name:
                return exercise
        raise UnknownExercise(name, self.names())

    def job_key(self) -> str | None:
        """How a grading job names this course: None for the built-in one, which every
        installation has, else the folder."""
        return None if self.builtin else str(self.root)

    def importable(self) -> None:
        """Put suites/ first on sys.path, so that the suites' own imports of their helpers
        and data generators work (in the trusted grading process only)."""
        folder = str(self.suites_dir)
        if sys.path[:1] != [folder]:
            sys.path.insert(0, folder)


class UnknownExercise(LookupError):
    """Raised for a name the course does not know; the message lists the valid ones."""

    def __init__(self, name: str, valid: list[str] | None = None) -> None:
        super().__init__(name)
        self.name = name
        self.valid = names() if valid is None else valid

    def __str__(self) -> str:
        return _("unknown exercise {name!r}; choose one of: {names}").format(
            name=self.name, names=i18n.listing(self.valid))


@dataclass(frozen=True)
class Said:
    """A sentence about a course folder, kept as its English message and its values and
    translated each time it is shown: a course may be checked before the language is chosen
    (a loader's cache, a grading job) and shown to commands in either language. A value is
    shown as it is, a Said as its own sentence, a tuple as a list in the language spoken."""

    message: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, message: str, **values: object) -> Said:
        return cls(message, tuple(values.items()))

    def __str__(self) -> str:
        return _(self.message).format(**{name: _value(value) for name, value in self.values})


def _value(value: object) -> object:
    if isinstance(value, Said):
        return str(value)
    if isinstance(value, tuple):
        return i18n.listing(value)
    return value


class CourseError(Exception):
    """The course cannot be used; each line of the message is one problem, naming the file,
    the exercise and the field, in the language spoken when it is read."""

    def __init__(self, said: list[Said]) -> None:
        super().__init__(said)
        self.said = tuple(said)

    @property
    def problems(self) -> list[str]:
        return [str(problem) for problem in self.said]

    def __str__(self) -> str:
        return "\n".join(self.problems)


def load(folder: Path, *, empty_ok: bool = False) -> Course:
    """The course in `folder`, checked whole; raises `CourseError` listing every problem.
    `empty_ok` accepts a course with no exercise yet (`grader new` adds the first)."""
    folder = folder.resolve()
    if _same(folder, BUILTIN_DIR):
        return builtin()
    return _load(folder, stubs_dir=folder / "exercises", solutions_dir=folder / "solutions",
                 builtin=False, empty_ok=empty_ok)


@functools.cache
def builtin() -> Course:
    """The course that ships with the grader (read once: its files do not change)."""
    shipped = BUILTIN_DIR / "exercises"
    base = BUILTIN_DIR if shipped.is_dir() else _CHECKOUT_DIR
    return _load(BUILTIN_DIR, stubs_dir=base / "exercises", solutions_dir=base / "solutions",
                 builtin=True)


def for_job(key: str | None) -> Course:
    """The course a grading job names (see `Course.job_key`), reusing the one in use."""
    current = active()
    if current.job_key() == key:
        return current
    return builtin() if key is None else load(Path(key))


_active: Course | None = None


def active() -> Course:
    """The course in use in this process: the built-in one unless `use` chose another."""
    return _active if _active is not None else builtin()


def use(course: Course | None) -> None:
    """Make `course` the one in use (None: the built-in one), its catalog of translations
    too."""
    global _active
    _active = course
    i18n.use_course(course.root / "locale" if course is not None else i18n.BUILTIN_COURSE_LOCALE)


@contextlib.contextmanager
def using(course: Course) -> Iterator[Course]:
    """Use `course` for a while, then the one in use before."""
    previous = _active
    use(course)
    try:
        yield course
    finally:
        use(previous)


def exercises() -> tuple[Exercise, ...]:
    return active().exercises


def names() -> list[str]:
    return active().names()


def get(name: str) -> Exercise:
    return active().get(name)


def _same(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


# Loading and checking course.toml.

EXERCISE_FIELDS = ("name", "title", "section", "points", "task", "hints", "equivalent")
COURSE_FIELDS = ("title", "description")
EQUIVALENT_FIELDS = ("mutant", "reason")
# The texts an exercise needs: what to say when one is missing, and when it is not a text.
_REQUIRED_TEXT = {
    "title": (N_("{path}: {exercise} has no title; add title = \"...\", a title."),
              N_("{path}: the title of {exercise} must be a non-empty text, and it is "
                 "{value}.")),
    "section": (N_("{path}: {exercise} has no section; add section = \"...\", the name of a "
                   "section."),
                N_("{path}: the section of {exercise} must be a non-empty text, and it is "
                   "{value}.")),
    "task": (N_("{path}: {exercise} has no task; add task = \"...\", a one-line task."),
             N_("{path}: the task of {exercise} must be a non-empty text, and it is {value}.")),
}
# What an exercise lacks when one of its files is missing.
_MISSING_FILE = {
    "stub": N_("{path}: exercise \u201c{name}\u201d has no stub: {file} is missing."),
    "solution": N_("{path}: exercise \u201c{name}\u201d has no solution: {file} is missing."),
    "suite": N_("{path}: exercise \u201c{name}\u201d has no suite: {file} is missing."),
}


def valid_name(name: object) -> bool:
    """Whether `name` can name an exercise: a Python identifier, ASCII, not a keyword (it
    names the stub, the solution, the suite and the function a scaffold writes)."""
    return isinstance(name, str) and bool(_NAME.match(name)) and not keyword.iskeyword(name)


def _load(root: Path, *, stubs_dir: Path, solutions_dir: Path, builtin: bool,
          empty_ok: bool = False) -> Course:
    path = root / COURSE_FILE
    data = _read(root, path)
    problems: list[Said] = []
    title, description = _course_table(data, path, problems)
    for key in data:
        if key not in ("course", "exercise"):
            problems.append(Said.of(N_("{path}: unknown table or key \u201c{key}\u201d; a course "
                                       "file holds one [course] table and [[exercise]] tables."),
                                    path=path, key=key))
    entries = data.get("exercise", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Said.of(N_("{path}: \u201cexercise\u201d must be a list of tables, each "
                                   "written [[exercise]]."), path=path))
        entries = []
    if not entries and not empty_ok:
        problems.append(Said.of(N_("{path} lists no exercise; add an [[exercise]] table "
                                   "(`grader new NAME` writes one, with its stub, solution and "
                                   "suite)."), path=path))
    found: list[Exercise] = []
    first_at: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        exercise = _exercise(entry, number, path, problems)
        if exercise is None:
            continue
        if exercise.name in first_at:
            problems.append(Said.of(N_("{path}: exercises {first} and {number} are both named "
                                       "\u201c{name}\u201d; each name must be unique."),
                                    path=path, first=first_at[exercise.name], number=number,
                                    name=exercise.name))
            continue
        first_at[exercise.name] = number
        found.append(exercise)
        files = {"stub": stubs_dir / f"{exercise.name}.py",
                 "solution": solutions_dir / f"{exercise.name}.py",
                 "suite": root / "suites" / f"test_{exercise.name}.py"}
        for what, file in files.items():
            if not file.is_file():
                problems.append(Said.of(_MISSING_FILE[what], path=path, name=exercise.name,
                                        file=file))
    if problems:
        raise CourseError(problems)
    return Course(root=root, title=title, description=description, exercises=tuple(found),
                  stubs_dir=stubs_dir, solutions_dir=solutions_dir, builtin=builtin)


def _read(root: Path, path: Path) -> dict:
    if not root.is_dir():
        raise CourseError([Said.of(N_("{root} is not a course folder: there is no such "
                                      "folder."), root=root)])
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise CourseError([Said.of(N_("{root} is not a course folder: it has no {file}."),
                                   root=root, file=COURSE_FILE)]) from None
    except OSError as error:
        raise CourseError([Said.of(N_("{path} cannot be read: {reason}."), path=path,
                                   reason=error.strerror)]) from None
    try:
        return tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise CourseError([Said.of(N_("{path} is not UTF-8 text; save it as UTF-8."),
                                   path=path)]) from None
    except tomllib.TOMLDecodeError as error:
        raise CourseError([Said.of(N_("{path} is not valid TOML: {error}."), path=path,
                                   error=error)]) from None


def _course_table(data: dict, path: Path, problems: list[Said]) -> tuple[str, str]:
    table = data.get("course")
    if not isinstance(table, dict):
        problems.append(Said.of(N_("{path} has no [course] table; start the file with [course] "
                                   "and a title = \"...\" line."), path=path))
        return "", ""
    for key in table:
        if key not in COURSE_FIELDS:
            problems.append(Said.of(N_("{path}: the [course] table has an unknown field "
                                       "\u201c{key}\u201d; its fields are: {fields}."),
                                    path=path, key=key, fields=COURSE_FIELDS))
    title = table.get("title")
    if title is None:
        problems.append(Said.of(N_("{path}: the [course] table needs a title, a non-empty text "
                                   "(title = \"...\"), and it has none."), path=path))
    elif not _text(title):
        problems.append(Said.of(N_("{path}: the [course] table needs a title, a non-empty text "
                                   "(title = \"...\"), and it has {value}."),
                                path=path, value=_shown(title)))
    description = table.get("description", "")
    if not isinstance(description, str):
        problems.append(Said.of(N_("{path}: the description of the [course] table must be a "
                                   "text, and it is {value}."),
                                path=path, value=_shown(description)))
        description = ""
    return title if _text(title) else "", description


def _exercise(entry: dict, number: int, path: Path, problems: list[Said]) -> Exercise | None:
    """The entry as an Exercise, or None with its problems added. The entry is named in the
    messages by a phrase that holds the word "exercise" (by its name, or by its number when it
    has none), so that a translation orders the whole phrase, not a bare name."""
    name = entry.get("name")
    if isinstance(name, str) and name:
        which = Said.of(N_("exercise \u201c{name}\u201d"), name=name)
    else:
        which = Said.of(N_("exercise number {number}"), number=number)
    before = len(problems)
    for key in entry:
        if key not in EXERCISE_FIELDS:
            problems.append(Said.of(N_("{path}: {exercise} has an unknown field "
                                       "\u201c{key}\u201d; the fields are: {fields}."),
                                    path=path, exercise=which, key=key,
                                    fields=EXERCISE_FIELDS))
    if "name" not in entry:
        problems.append(Said.of(N_("{path}: {exercise} has no name; add name = \"...\", a "
                                   "Python identifier (it names the files exercises/NAME.py and "
                                   "so on)."), path=path, exercise=which))
    elif not valid_name(name):
        problems.append(Said.of(N_("{path}: the name of {exercise} must be a Python identifier "
                                   "(letters, digits and underscores, not starting with a digit, "
                                   "not a keyword), and it is {value}."),
                                path=path, exercise=which, value=_shown(name)))
    for field, (missing, wrong) in _REQUIRED_TEXT.items():
        if field not in entry:
            problems.append(Said.of(missing, path=path, exercise=which))
        elif not _text(entry[field]):
            problems.append(Said.of(wrong, path=path, exercise=which,
                                    value=_shown(entry[field])))
    points = entry.get("points")
    if "points" not in entry:
        problems.append(Said.of(N_("{path}: {exercise} has no points; add points = N, a positive "
                                   "number."), path=path, exercise=which))
    elif isinstance(points, bool) or not isinstance(points, (int, float)) \
            or not math.isfinite(points) or points <= 0:
        problems.append(Said.of(N_("{path}: the points of {exercise} must be a positive number, "
                                   "and they are {value}."),
                                path=path, exercise=which, value=_shown(points)))
    hints = entry.get("hints")
    if "hints" not in entry:
        problems.append(Said.of(N_("{path}: {exercise} has no hints; add hints = [\"...\"], a "
                                   "list of at least one hint, the first one shown first."),
                                path=path, exercise=which))
    elif not isinstance(hints, list):
        problems.append(Said.of(N_("{path}: the hints of {exercise} must be a list of texts, and "
                                   "they are {value}."),
                                path=path, exercise=which, value=_shown(hints)))
    elif not hints:
        problems.append(Said.of(N_("{path}: the hint list of {exercise} is empty; give it at "
                                   "least one hint."), path=path, exercise=which))
    else:
        for position, hint in enumerate(hints, start=1):
            if not _text(hint):
                problems.append(Said.of(N_("{path}: hint {position} of {exercise} must be a "
                                           "non-empty text, and it is {value}."),
                                        path=path, position=position, exercise=which,
                                        value=_shown(hint)))
    equivalent = _equivalents(entry.get("equivalent", []), which, path, problems)
    if len(problems) > before:
        return None
    return Exercise(name=name, title=entry["title"], section=entry["section"], points=points,
                    task=entry["task"], hints=tuple(hints), equivalent=equivalent)


def _equivalents(entries: object, which: Said, path: Path,
                 problems: list[Said]) -> tuple[Equivalent, ...]:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Said.of(N_("{path}: the equivalent mutants of {exercise} must be tables, "
                                   "each written [[exercise.equivalent]] with a mutant and a "
                                   "reason."), path=path, exercise=which))
        return ()
    found = []
    for position, entry in enumerate(entries, start=1):
        for key in entry:
            if key not in EQUIVALENT_FIELDS:
                problems.append(Said.of(N_("{path}: equivalent mutant {position} of {exercise} "
                                           "has an unknown field \u201c{key}\u201d; its fields "
                                           "are: {fields}."),
                                        path=path, position=position, exercise=which, key=key,
                                        fields=EQUIVALENT_FIELDS))
        mutant, reason = entry.get("mutant"), entry.get("reason")
        if mutant is None:
            problems.append(Said.of(N_("{path}: equivalent mutant {position} of {exercise} needs "
                                       "the mutant's id, a non-empty text (as `grader dev mutate` "
                                       "prints it), and it has none."),
                                    path=path, position=position, exercise=which))
        elif not _text(mutant):
            problems.append(Said.of(N_("{path}: equivalent mutant {position} of {exercise} needs "
                                       "the mutant's id, a non-empty text (as `grader dev mutate` "
                                       "prints it), and it has {value}."),
                                    path=path, position=position, exercise=which,
                                    value=_shown(mutant)))
        if reason is None:
            problems.append(Said.of(N_("{path}: equivalent mutant {position} of {exercise} needs "
                                       "a reason, a non-empty text saying why it computes the "
                                       "same as the solution, and it has none."),
                                    path=path, position=position, exercise=which))
        elif not _text(reason):
            problems.append(Said.of(N_("{path}: equivalent mutant {position} of {exercise} needs "
                                       "a reason, a non-empty text saying why it computes the "
                                       "same as the solution, and it has {value}."),
                                    path=path, position=position, exercise=which,
                                    value=_shown(reason)))
        if _text(mutant) and _text(reason):
            found.append(Equivalent(mutant=mutant, reason=reason))
    return tuple(found)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _shown(value: object) -> str:
    """A value from the file as the author wrote it, for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

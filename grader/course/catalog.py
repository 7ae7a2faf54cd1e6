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
        valid = names() if valid is None else valid
        super().__init__(f"unknown exercise {name!r}; choose one of: {', '.join(valid)}")
        self.name = name


class CourseError(Exception):
    """The course cannot be used; each line of the message is one problem, naming the file,
    the exercise and the field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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
_REQUIRED_TEXT = {"title": "a title", "section": "the name of a section",
                  "task": "a one-line task"}


def valid_name(name: object) -> bool:
    """Whether `name` can name an exercise: a Python identifier, ASCII, not a keyword (it
    names the stub, the solution, the suite and the function a scaffold writes)."""
    return isinstance(name, str) and bool(_NAME.match(name)) and not keyword.iskeyword(name)


def _load(root: Path, *, stubs_dir: Path, solutions_dir: Path, builtin: bool,
          empty_ok: bool = False) -> Course:
    path = root / COURSE_FILE
    data = _read(root, path)
    problems: list[str] = []
    title, description = _course_table(data, path, problems)
    for key in data:
        if key not in ("course", "exercise"):
            problems.append(f"{path}: unknown table or key \u201c{key}\u201d; a course file "
                            "holds one [course] table and [[exercise]] tables.")
    entries = data.get("exercise", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"{path}: \u201cexercise\u201d must be a list of tables, each "
                        "written [[exercise]].")
        entries = []
    if not entries and not empty_ok:
        problems.append(f"{path} lists no exercise; add an [[exercise]] table (`grader new "
                        "NAME` writes one, with its stub, solution and suite).")
    found: list[Exercise] = []
    first_at: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        exercise = _exercise(entry, number, path, problems)
        if exercise is None:
            continue
        if exercise.name in first_at:
            problems.append(f"{path}: exercises {first_at[exercise.name]} and {number} are "
                            f"both named \u201c{exercise.name}\u201d; each name must be "
                            "unique.")
            continue
        first_at[exercise.name] = number
        found.append(exercise)
        files = ((stubs_dir / f"{exercise.name}.py", "stub"),
                 (solutions_dir / f"{exercise.name}.py", "solution"),
                 (root / "suites" / f"test_{exercise.name}.py", "suite"))
        for file, what in files:
            if not file.is_file():
                problems.append(f"{path}: exercise \u201c{exercise.name}\u201d has no {what}: "
                                f"{file} is missing.")
    if problems:
        raise CourseError(problems)
    return Course(root=root, title=title, description=description, exercises=tuple(found),
                  stubs_dir=stubs_dir, solutions_dir=solutions_dir, builtin=builtin)


def _read(root: Path, path: Path) -> dict:
    if not root.is_dir():
        raise CourseError([f"{root} is not a course folder: there is no such folder."])
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise CourseError([f"{root} is not a course folder: it has no {COURSE_FILE}."]) \
            from None
    except OSError as error:
        raise CourseError([f"{path} cannot be read: {error.strerror}."]) from None
    try:
        return tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise CourseError([f"{path} is not UTF-8 text; save it as UTF-8."]) from None
    except tomllib.TOMLDecodeError as error:
        raise CourseError([f"{path} is not valid TOML: {error}."]) from None


def _course_table(data: dict, path: Path, problems: list[str]) -> tuple[str, str]:
    table = data.get("course")
    if not isinstance(table, dict):
        problems.append(f"{path} has no [course] table; start the file with [course] and a "
                        "title = \"...\" line.")
        return "", ""
    for key in table:
        if key not in COURSE_FIELDS:
            problems.append(f"{path}: the [course] table has an unknown field "
                            f"\u201c{key}\u201d; its fields are: {', '.join(COURSE_FIELDS)}.")
    title = table.get("title")
    if not _text(title):
        problems.append(f"{path}: the [course] table needs a title, a non-empty text "
                        f"(title = \"...\"), and it has {_shown(title)}.")
    description = table.get("description", "")
    if not isinstance(description, str):
        problems.append(f"{path}: the description of the [course] table must be a text, and "
                        f"it is {_shown(description)}.")
        description = ""
    return title if _text(title) else "", description


def _exercise(entry: dict, number: int, path: Path, problems: list[str]) -> Exercise | None:
    """The entry as an Exercise, or None with its problems added."""
    name = entry.get("name")
    which = f"\u201c{name}\u201d" if isinstance(name, str) and name else f"number {number}"
    before = len(problems)
    for key in entry:
        if key not in EXERCISE_FIELDS:
            problems.append(f"{path}: exercise {which} has an unknown field \u201c{key}\u201d; "
                            f"the fields are: {', '.join(EXERCISE_FIELDS)}.")
    if "name" not in entry:
        problems.append(f"{path}: exercise {which} has no name; add name = \"...\", a Python "
                        "identifier (it names the files exercises/NAME.py and so on).")
    elif not valid_name(name):
        problems.append(f"{path}: the name of exercise {which} must be a Python identifier "
                        "(letters, digits and underscores, not starting with a digit, not a "
                        f"keyword), and it is {_shown(name)}.")
    for field, what in _REQUIRED_TEXT.items():
        if field not in entry:
            problems.append(f"{path}: exercise {which} has no {field}; add {field} = "
                            f"\"...\", {what}.")
        elif not _text(entry[field]):
            problems.append(f"{path}: the {field} of exercise {which} must be a non-empty "
                            f"text, and it is {_shown(entry[field])}.")
    points = entry.get("points")
    if "points" not in entry:
        problems.append(f"{path}: exercise {which} has no points; add points = N, a positive "
                        "number.")
    elif isinstance(points, bool) or not isinstance(points, (int, float)) \
            or not math.isfinite(points) or points <= 0:
        problems.append(f"{path}: the points of exercise {which} must be a positive number, "
                        f"and they are {_shown(points)}.")
    hints = entry.get("hints")
    if "hints" not in entry:
        problems.append(f"{path}: exercise {which} has no hints; add hints = [\"...\"], a list "
                        "of at least one hint, the first one shown first.")
    elif not isinstance(hints, list):
        problems.append(f"{path}: the hints of exercise {which} must be a list of texts, and "
                        f"they are {_shown(hints)}.")
    elif not hints:
        problems.append(f"{path}: the hint list of exercise {which} is empty; give it at least "
                        "one hint.")
    else:
        for position, hint in enumerate(hints, start=1):
            if not _text(hint):
                problems.append(f"{path}: hint {position} of exercise {which} must be a "
                                f"non-empty text, and it is {_shown(hint)}.")
    equivalent = _equivalents(entry.get("equivalent", []), which, path, problems)
    if len(problems) > before:
        return None
    return Exercise(name=name, title=entry["title"], section=entry["section"], points=points,
                    task=entry["task"], hints=tuple(hints), equivalent=equivalent)


def _equivalents(entries: object, which: str, path: Path,
                 problems: list[str]) -> tuple[Equivalent, ...]:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"{path}: the equivalent mutants of exercise {which} must be tables, "
                        "each written [[exercise.equivalent]] with a mutant and a reason.")
        return ()
    found = []
    for position, entry in enumerate(entries, start=1):
        for key in entry:
            if key not in EQUIVALENT_FIELDS:
                problems.append(f"{path}: equivalent mutant {position} of exercise {which} has "
                                f"an unknown field \u201c{key}\u201d; its fields are: "
                                f"{', '.join(EQUIVALENT_FIELDS)}.")
        mutant, reason = entry.get("mutant"), entry.get("reason")
        if not _text(mutant):
            problems.append(f"{path}: equivalent mutant {position} of exercise {which} needs "
                            "the mutant's id, a non-empty text (as `grader dev mutate` prints "
                            f"it), and it has {_shown(mutant)}.")
        if not _text(reason):
            problems.append(f"{path}: equivalent mutant {position} of exercise {which} needs a "
                            "reason, a non-empty text saying why it computes the same as the "
                            f"solution, and it has {_shown(reason)}.")
        if _text(mutant) and _text(reason):
            found.append(Equivalent(mutant=mutant, reason=reason))
    return tuple(found)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _shown(value: object) -> str:
    """A value from the file as the author wrote it, for a message (or that it is missing)."""
    if value is None:
        return "none"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

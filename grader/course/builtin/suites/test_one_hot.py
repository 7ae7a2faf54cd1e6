"""Hidden suite: one-hot encoding (seed section 5).

The random labels are drawn so that every known mistake gives a wrong answer on them: labels
repeat, are not in sorted order, first appear out of sorted order, and (as ints) are not the
column numbers 0..k-1; given categories are not in sorted order and include one no label uses.
"""

import numpy as np
import pytest

from grader.boundary.proxy import Remote
from grader.core.compare import assert_equal, case, fail, kind_of, numbers, show
from grader.feedback import Raised
from grader.i18n import N_, _

ANIMALS = ["duck", "walrus", "beaver", "duck"]
SEED_ORDER = ["duck", "walrus", "beaver"]
WORDS = ("otter", "heron", "moose", "lynx", "bison", "crane", "hare", "ibis", "newt", "orca",
         "seal", "wren", "yak", "zebu", "koala", "llama", "gecko", "mole")

SHAPE_RULE = N_("one row per label and one column per category")


def encode(labels, columns):
    """The right answer, as an int array."""
    encoded = np.zeros((len(labels), len(columns)), dtype=int)
    for row, label in enumerate(labels):
        encoded[row, list(columns).index(label)] = 1
    return encoded


def _is_number(value):
    return isinstance(value, (bool, int, float, np.bool_, np.integer, np.floating))


def _only_numbers(value):
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "biuf" or (
            value.dtype.kind == "O" and all(_only_numbers(item) for item in value.ravel()))
    if isinstance(value, (list, tuple)):
        return all(_only_numbers(item) for item in value)
    return _is_number(value)


def _holds_text(value):
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        return any(_holds_text(item) for item in value)
    return isinstance(value, str)


def matrix(actual, what):
    """The learner's encoding as a float array, or a Mismatch that says why it is not one."""
    if isinstance(actual, Remote):
        cause = _("pd.get_dummies returns a DataFrame: return its numbers, "
                  "pd.get_dummies(...).to_numpy().") if actual.type_name == "DataFrame" else None
        fail(_("{what} returned {kind}; it should return a 2-D NumPy array (or a list of lists) "
               "of 0s and 1s.").format(what=what, kind=kind_of(actual)), cause=cause)
    if isinstance(actual, (list, tuple, np.ndarray)) and not _only_numbers(actual):
        fail(_("{what} returned {kind} that holds something other than numbers; each entry "
               "must be 0 or 1 (an int, a float or a bool).").format(what=what,
                                                                     kind=kind_of(actual)),
             actual=actual,
             cause=_("the labels themselves ended up in the result: put a 1 in the label's "
                     "column and 0 everywhere else.") if _holds_text(actual) else None)
    return numbers(actual, what)


def diagnose(labels, categories):
    labels = list(labels)
    columns = sorted(set(labels)) if categories is None else list(categories)
    right = encode(labels, columns)
    positions = [columns.index(label) for label in labels]
    first_seen = list(dict.fromkeys(labels))
    sorted_columns = sorted(set(labels))
    ints = all(isinstance(label, int) and label >= 0 for label in labels)

    def same(actual, values):
        values = np.asarray(values, dtype=float)
        return actual.shape == values.shape and np.array_equal(actual, values)

    def cause(actual):
        if same(actual, positions):
            return _("these are the labels' column numbers (an integer encoding): one-hot "
                     "turns each label into a row of 0s with a single 1 in that column.")
        if ints and same(actual, np.eye(max(labels) + 1)[labels]):
            return _("you used each label as its column number (np.eye(max(labels) + "
                     "1)[labels]): the column is the label's position among the categories, so "
                     "the labels 10 and 20 alone go to columns 0 and 1.")
        if categories is not None and columns != sorted_columns \
                and same(actual, encode(labels, sorted_columns)):
            return _("the columns follow sorted(set(labels)), but categories was given: use its "
                     "order, and give every category a column, even one that no label uses.")
        if same(actual, right.T):
            return _("the result is transposed: {rule}.").format(rule=_(SHAPE_RULE))
        if same(actual, np.eye(len(columns))) and len(columns) != len(labels):
            return _("one row per category: each label needs its own row, so a repeated label "
                     "repeats its row.")
        if actual.shape != right.shape:
            return None
        if categories is None and first_seen != columns and same(actual,
                                                                 encode(labels, first_seen)):
            return _("the columns are in the order in which the labels first appear; they "
                     "follow sorted(set(labels)) when no categories are given.")
        if sorted(map(tuple, actual.T)) == sorted(map(tuple, right.T)):
            return _("the right rows with the columns in another order: the columns follow "
                     "categories when it is given, else sorted(set(labels)) (a set alone has no "
                     "order).")
        if same(actual, encode(sorted(labels), columns)):
            return _("the rows are in sorted order: keep one row per label, in the order of the "
                     "labels (sort the categories, not the labels).")
        if sorted(map(tuple, actual)) == sorted(map(tuple, right)):
            return _("the right rows in another order: one row per label, in the order of "
                     "labels.")
        return None

    return cause


def check(submission, labels, categories, shown):
    """One call, compared with the right encoding; labels may be a list or an array."""
    columns = sorted(set(labels)) if categories is None else categories
    expected = encode(list(labels), columns)
    with case(shown):
        if categories is None:
            actual = submission.one_hot(labels)
        else:
            actual = submission.one_hot(labels, categories)
        compare(actual, expected, shown, diagnose(labels, categories))


def compare(actual, expected, what, cause):
    values = matrix(actual, what)
    if values.ndim == 2 and values.shape == expected.shape:
        if not np.isin(values, (0.0, 1.0)).all():
            fail(_("{what} holds numbers other than 0 and 1; a one-hot row is all 0s except "
                   "for a single 1.").format(what=what), actual=actual, cause=cause(values))
        ones = values.sum(axis=1)
        if (ones != 1).any():
            row = int(np.argmax(ones != 1))
            fail(_("Row {row} of {what} has {ones} ones; every row needs exactly one 1, in its "
                   "label's column.").format(row=row, what=what, ones=int(ones[row])),
                 actual=actual, cause=cause(values))
    assert_equal(values, expected, what=what, diagnose=cause)


def random_labels(rng, kind):
    """Labels that tell every known mistake apart from the right answer (see the docstring)."""
    while True:
        # Five or more strings: a set's order (which varies from run to run) is then sorted by
        # chance in fewer than 1 of 120 draws.
        k = int(rng.integers(5, 8)) if kind == "str" else int(rng.integers(3, 6))
        if kind == "str":
            pool = [str(word) for word in rng.choice(WORDS, size=k, replace=False)]
        else:
            pool = [int(number) for number in rng.choice(np.arange(0, 40), size=k, replace=False)]
        labels = [pool[i] for i in rng.integers(0, k, int(rng.integers(k + 2, 2 * k + 4)))]
        columns = sorted(set(labels))
        if len(columns) == k and labels != sorted(labels) \
                and list(dict.fromkeys(labels)) != columns \
                and (kind == "str" or columns != list(range(k))):
            return labels


def random_categories(rng, labels):
    """The labels' categories and one unused one, in an order that is not sorted."""
    spare = next(word for word in rng.permutation(WORDS) if word not in labels) \
        if isinstance(labels[0], str) else max(labels) + int(rng.integers(1, 9))
    categories = sorted(set(labels)) + [spare if isinstance(spare, int) else str(spare)]
    while categories == sorted(categories):
        categories = [categories[i] for i in rng.permutation(len(categories))]
    return categories


# --- without categories: sorted(set(labels)) -------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_labels")
def test_seed_animals(submission):
    """the course's animals: duck, walrus, beaver, duck"""
    check(submission, ANIMALS, None, f"one_hot({ANIMALS!r})")


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_random_labels")
def test_int_labels(submission):
    """int labels that are not column numbers: 30, 10, 30, 20"""
    check(submission, [30, 10, 30, 20], None, "one_hot([30, 10, 30, 20])")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_labels(submission, rng):
    """random string and int labels, without categories"""
    for kind in ("str", "int", "str"):
        labels = random_labels(rng, kind)
        check(submission, labels, None,
              _("one_hot of {n} random {kind} labels").format(n=len(labels), kind=kind))


# --- with categories --------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_random_categories")
def test_given_categories(submission):
    """given categories: their order, and a column for an unused one"""
    categories = ["walrus", "otter", "duck", "beaver"]
    check(submission, ANIMALS, categories, f"one_hot({ANIMALS!r}, categories={categories!r})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_random_categories(submission, rng):
    """random labels with categories in an unsorted order"""
    for kind in ("str", "int"):
        labels = random_labels(rng, kind)
        categories = random_categories(rng, labels)
        check(submission, labels, categories,
              _("one_hot of {n} random {kind} labels, with {categories} categories").format(
                  n=len(labels), kind=kind, categories=len(categories)))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_array_labels(submission, rng):
    """labels given as a NumPy array"""
    for kind in ("int", "str"):
        labels = random_labels(rng, kind)
        check(submission, np.array(labels), None,
              _("one_hot of a NumPy array of {n} random {kind} labels").format(
                  n=len(labels), kind=kind))


# --- a label that is not a category -------------------------------------------------------------

def check_unknown(submission, labels, categories, unknown, shown):
    with case(shown):
        try:
            actual = submission.one_hot(labels, categories)
        except Raised as error:
            if error.type_name != "ValueError":
                cause = _("a dictionary lookup raises KeyError: check `if label not in "
                          "categories:` first and raise ValueError yourself.") \
                    if error.type_name == "KeyError" else None
                fail(_("{call} raised {error}; it should raise ValueError, because {label} is "
                       "not one of the categories.").format(call=shown, error=error.type_name,
                                                            label=repr(unknown)), cause=cause)
            message = str(error.info.get("message", ""))
            if str(unknown) not in message:
                fail(_("{call} raised ValueError, but its message does not name the label "
                       "{label}: say which label is unknown, e.g. "
                       "raise ValueError(f\"unknown label: {{label}}\").").format(
                    call=shown, label=repr(unknown)),
                     detail=_("The message was: {message}.").format(message=show(message)))
            return
        fail(_("{call} returned {kind} instead of raising ValueError: {label} is not one of the "
               "categories.").format(call=shown, kind=kind_of(actual), label=repr(unknown)),
             cause=_("that label's row is all 0s, so the label is silently lost: raise "
                     "ValueError(f\"unknown label: {label}\") instead.")
             if _row_of_zeros(actual, list(labels).index(unknown)) else None)


def _row_of_zeros(actual, row):
    if isinstance(actual, Remote) or not _only_numbers(actual):
        return False
    try:
        values = np.asarray(actual, dtype=float)
    except (ValueError, TypeError, OverflowError):
        return False
    return values.ndim == 2 and row < len(values) and not values[row].any()


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_random_unknown_label")
def test_unknown_label(submission):
    """a label that is not a category raises ValueError"""
    labels = ["duck", "goose", "beaver"]
    check_unknown(submission, labels, SEED_ORDER, "goose",
                  f"one_hot({labels!r}, categories={SEED_ORDER!r})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_random_unknown_label(submission, rng):
    """random labels and one that is not a category"""
    for kind in ("str", "int"):
        labels = random_labels(rng, kind)
        categories = random_categories(rng, labels)
        check(submission, labels, categories,
              _("one_hot of {n} random {kind} labels, with {categories} categories").format(
                  n=len(labels), kind=kind, categories=len(categories)))
        unknown = next(str(word) for word in rng.permutation(WORDS) if word not in categories) \
            if kind == "str" else 1000 + int(rng.integers(0, 9000))
        spot = int(rng.integers(0, len(labels) + 1))
        with_unknown = labels[:spot] + [unknown] + labels[spot:]
        check_unknown(submission, with_unknown, categories, unknown,
                      _("one_hot of {n} random {kind} labels, one of them not a "
                        "category").format(n=len(with_unknown), kind=kind))


# --- no labels ---------------------------------------------------------------------------------

def check_empty(submission, labels, categories, shown):
    columns = 0 if categories is None else len(categories)
    with case(shown):
        try:
            actual = submission.one_hot(labels) if categories is None \
                else submission.one_hot(labels, categories)
        except Raised as error:
            fail(_("{call} raised {error}; with no labels it should return an array of shape "
                   "(0, {columns}).").format(call=shown, error=error.type_name,
                                             columns=columns), detail=error.message,
                 cause=_("max() or np.max of an empty list raises: handle no labels before "
                         "using them.") if "empty" in error.message else None)
        values = matrix(actual, shown)
        if not isinstance(actual, np.ndarray) or values.shape != (0, columns):
            fail(_("{call} returned {kind}; with no labels it should return a NumPy array of "
                   "shape (0, {columns}): no rows, one column per category.").format(
                call=shown, kind=kind_of(actual), columns=columns),
                 actual=actual,
                 cause=_("an empty list has no columns: return np.zeros((0, {columns}))."
                         ).format(columns=columns) if values.size == 0 else None)


@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_random_no_labels")
def test_no_labels(submission):
    """no labels: 0 rows and one column per category"""
    check_empty(submission, [], SEED_ORDER, f"one_hot([], categories={SEED_ORDER!r})")
    check_empty(submission, [], None, "one_hot([])")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_random_no_labels(submission, rng):
    """no labels, with random categories"""
    for _draw in range(2):
        labels = random_labels(rng, "str")
        check(submission, labels, None,
              _("one_hot of {n} random labels").format(n=len(labels)))
    categories = random_categories(rng, random_labels(rng, "int"))
    check_empty(submission, [], categories,
                _("one_hot([], categories=...) with {n} categories").format(n=len(categories)))
    check_empty(submission, np.array([], dtype=int), None, "one_hot(np.array([], dtype=int))")

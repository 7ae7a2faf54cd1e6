"""An exercise as a Jupyter notebook, for `grader init --notebooks` and `grader reset`.

The notebook is made from the exercise's .py file (the stub, or any file in its shape): the
task from its docstring as a markdown cell, its code in a cell for the learner to edit, the demo
under its `if __name__ == "__main__":` in a cell that starts with `# grader: skip` (it calls the
learner's functions, which raise NotImplementedError until they are written, so grading leaves
it out), and a cell that checks the exercise from inside the notebook. The notebook's own
sentences come from `Words`, so a translated course gives its own and its translated stubs.

The output is the same for the same input (fixed cell ids), so that `grader reset` can tell an
untouched notebook from one holding the learner's work.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

from grader.course import catalog
from grader.i18n import N_, _


@dataclass(frozen=True)
class Words:
    """What the notebook itself says, in English (translated when the notebook is written);
    {file} is filled in."""

    how: str = N_("Write your code in the cell below and run it (Shift+Enter). The cell after "
                  "it tries your code out, and the last cell checks it: it grades the code you "
                  "have run in this notebook, so you need not save first. In a terminal, "
                  "`grader check {file}` grades the saved notebook.")
    demo: str = N_("# Tries your code out. The grader leaves this cell out: it starts with the "
                   "line above.")
    check: str = N_("# Grades the code you have run in this notebook, and records your "
                    "progress.")


ENGLISH = Words()
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclass(frozen=True)
class Parts:
    """A .py exercise file cut where its notebook's cells go."""

    task: str  # the docstring, without the paragraph that says how to check a .py file
    code: str
    demo: str | None  # the body of `if __name__ == "__main__":`, and the comments over it


def parts(source: str) -> Parts:
    tree = ast.parse(source)
    lines = source.splitlines()
    start, task = 0, ""
    body = list(tree.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        task = _without_check_paragraph(ast.get_docstring(tree) or "")
        start = body.pop(0).end_lineno or 0
    main = next((node for node in reversed(body) if _is_main(node)), None)
    end, demo = len(lines), None
    if isinstance(main, ast.If):
        end = main.lineno - 1
        while end > start and lines[end - 1].lstrip().startswith("#"):
            end -= 1
        comments = [line.strip() for line in lines[end:main.lineno - 1]]
        inner = textwrap.dedent("\n".join(lines[main.lineno:main.end_lineno]))
        demo = "\n".join([*comments, inner]).strip("\n")
    code = "\n".join(lines[start:end]).strip("\n")
    return Parts(task, code, demo)


def _is_main(node: ast.stmt) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"
            and len(node.test.comparators) == 1
            and isinstance(node.test.comparators[0], ast.Constant)
            and node.test.comparators[0].value == "__main__")


def _without_check_paragraph(task: str) -> str:
    paragraphs = task.strip().split("\n\n")
    if paragraphs and "grader check" in paragraphs[-1]:
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def notebook(exercise: catalog.Exercise, source: str, words: Words = ENGLISH) -> str:
    """The notebook of `exercise` made from `source` (its stub, or a file in the stub's shape),
    as the JSON text Jupyter saves."""
    import nbformat
    from nbformat import v4

    found = parts(source)
    file = f"{exercise.name}.ipynb"
    intro = "\n\n".join(part for part in (f"# {_(exercise.title)}", markdown(found.task),
                                            _prose(_(words.how).format(file=file))) if part)
    cells = [v4.new_markdown_cell(intro, id=f"{exercise.name}-task"),
             v4.new_code_cell(found.code, id=f"{exercise.name}-code")]
    if found.demo:
        cells.append(v4.new_code_cell(f"# grader: skip\n{_(words.demo)}\n{found.demo}",
                                      id=f"{exercise.name}-demo"))
    cells.append(v4.new_code_cell(
        f"{_(words.check)}\nfrom grader.notebook import check\n\ncheck(\"{exercise.name}\")",
        id=f"{exercise.name}-check"))
    made = v4.new_notebook(cells=cells, metadata={
        "kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    return nbformat.writes(made) + "\n"


def markdown(text: str) -> str:
    """A docstring as markdown: its indented blocks (formulas, code) fenced as code, its prose
    with the characters markdown would read as formatting escaped (`code` spans kept)."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = paragraph.split("\n")
        index = 0
        while index < len(lines):
            indented = lines[index].startswith("    ")
            run = []
            while index < len(lines) and lines[index].startswith("    ") == indented:
                run.append(lines[index])
                index += 1
            if indented:
                blocks.append("```\n" + textwrap.dedent("\n".join(run)) + "\n```")
            else:
                blocks.append("\n".join(_prose(line) for line in run))
    return "\n\n".join(blocks)


def _prose(line: str) -> str:
    parts = re.split(r"(`[^`]*`)", line)
    return "".join(part if part.startswith("`") else re.sub(r"([\\*_$<>#\[\]])", r"\\\1", part)
                   for part in parts)

"""A learner and an instructor who asked for Chinese read no English sentence of the grader's.

The suites' messages and the course's texts (titles, tasks, hints, stubs, solutions) are not
translated yet (a later step marks them); their English is recognised by looking it up in the
course's own files, so that only English the grader itself wrote is counted as a leak.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import pty
import re
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from grader import i18n
from grader.course import catalog
from grader.course import paths as course
from grader.render import wrap

WAIT_SECONDS = 120
WRONG_SOFTMAX = "import numpy as np\n\n\ndef softmax(L):\n    L = np.asarray(L, dtype=float)\n" \
                "    return L ** 2 / np.sum(L ** 2)\n"
RIGHT_SOFTMAX = "import numpy as np\n\n\ndef softmax(L):\n    e = np.exp(L)\n" \
                "    return e / e.sum()\n"
# English words in a row: at least two, not part of a name, a path or a file name.
ENGLISH_RUN = re.compile(r"(?<![\w./-])[A-Za-z][A-Za-z'’]*(?: +[A-Za-z][A-Za-z'’]*)+(?![\w./(-])")
# A sentence has some of these; names side by side (a title, a command) have none.
FUNCTION_WORDS = set("a an the is are was were be been not no of to in on at for from with by "
                     "and or but it its this that your you has have can cannot could will "
                     "would there what which".split())
# An exercise's name ends a run: the course table shows a title, then the name.
NAMES = re.compile(r"(?<![\w./-])(?:" + "|".join(catalog.names()) + r")(?![\w-])")
# What a learner types or reads as code: commands, backquoted code, paths, options.
NOT_PROSE = re.compile(r"`[^`]*`|grader(?: +[\w./-]+)+|\S*[/\\]\S*|--\w[\w-]*|\w+\.(?:py|html)\b")


@pytest.fixture(autouse=True)
def english_afterwards(monkeypatch):
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "NN_GRADER_LANG"):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.use(i18n.ENGLISH)


def _strings(path: Path) -> list[str]:
    if path.suffix != ".py":
        return [path.read_text(encoding="utf-8")]
    return [node.value for node in ast.walk(ast.parse(path.read_bytes()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def course_texts() -> str:
    """Every text of the built-in course's own files (suites, course.toml, stubs, solutions),
    which a verdict may quote as code or data, one per line, whitespace made single. The
    grader's modules under grader/course/ are not among them: their English is a leak."""
    roots = [course.PACKAGE_DIR / "course" / "builtin", course.stub_path("softmax").parent,
             course.solution_path("softmax").parent]
    found = {path for root in roots for pattern in ("**/*.py", "**/*.toml")
             for path in root.glob(pattern)}
    return "\n".join(" ".join(text.split()) for path in sorted(found) for text in _strings(path))


COURSE_TEXTS = course_texts()


def english_sentences(text: str) -> list[str]:
    """The runs of English words in `text` that the course's own texts do not hold."""
    prose = NAMES.sub(" | ", NOT_PROSE.sub(" ", " ".join(text.split())))
    return [run for run in ENGLISH_RUN.findall(prose) if run not in COURSE_TEXTS
            and FUNCTION_WORDS & set(run.lower().split())]


def test_the_detector_finds_an_english_sentence_and_passes_over_course_texts_and_code():
    assert english_sentences("得分：0/10 — not yet passed") == ["not yet passed"]
    assert english_sentences("运行 `grader hint softmax --all`；打开 and_perceptron.py。") == []
    assert english_sentences("可能的原因：Exponentiating is not squaring") == []


class PageText(HTMLParser):
    """The text a reader sees on a page (not scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> tuple[str | None, str]:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.lang, "\n".join(parser.parts)


@pytest.fixture
def zh_workspace(run_cli, tmp_path, monkeypatch) -> Path:
    made = run_cli("--lang", "zh", "init")
    assert made.exit_code == 0 and "已创建" in made.stdout
    assert english_sentences(made.stdout + made.stderr) == []
    root = tmp_path / "nn-course"
    monkeypatch.chdir(root)
    return root


def test_the_learner_commands_speak_chinese_end_to_end(run_cli, zh_workspace):
    assert "把一组得分变成概率" in (zh_workspace / "softmax.py").read_text(encoding="utf-8")
    untouched = run_cli("reset", "softmax")
    assert untouched.exit_code == 0 and "未改动的存根" in untouched.stdout
    readme = (zh_workspace / "README.md").read_text(encoding="utf-8")
    assert "你的工作区" in readme and english_sentences(readme.split("| # |")[0]) == []
    said = []
    for args in (["next"], ["list"], ["hint", "softmax"], ["solution", "softmax"],
                 ["--help"], ["check", "--help"], ["hint"]):
        outcome = run_cli(*args)
        said.append(outcome.stdout + outcome.stderr)
    (zh_workspace / "softmax.py").write_text(WRONG_SOFTMAX)
    checked = run_cli("check", "softmax.py")
    assert checked.exit_code == 1
    said.append(checked.stdout + checked.stderr)
    assert "得分：0/10 — 尚未通过" in checked.stdout
    assert "3 个值中有 3 个与期望值不同" in checked.stdout
    assert "第一处不同在索引 0：期望值为 0.09003057317038046，你的结果是" in checked.stdout
    assert all(wrap.columns(line) <= 80 for line in checked.stdout.splitlines()
               if "/" not in line)  # a path is never broken
    refused = run_cli("check", "nothing.txt")
    assert refused.exit_code == 2
    said.append(refused.stderr)
    assert "用法" in said[4] and "可能的原因" in checked.stdout and "提示" in said[2]
    assert "尚未解锁" in said[3]
    leaks = [(text.splitlines()[0], english_sentences(text)) for text in said]
    assert [leak for leak in leaks if leak[1]] == []


def test_the_result_records_the_language_it_was_graded_in(run_cli, zh_workspace):
    import json

    (zh_workspace / "softmax.py").write_text(WRONG_SOFTMAX)
    graded = json.loads(run_cli("check", "softmax.py", "--format", "json").stdout)
    assert graded["lang"] == "zh"
    assert "个值中有" in graded["tests"][0]["message"]
    english = json.loads(run_cli("--lang", "en", "check", "softmax.py", "--format",
                                 "json").stdout)
    assert english["lang"] == "en" and "values differ" in english["tests"][0]["message"]


def test_the_learner_report_is_chinese(run_cli, zh_workspace):
    (zh_workspace / "softmax.py").write_text(WRONG_SOFTMAX)
    run_cli("check", "softmax.py")
    lang, text = page_text(zh_workspace / ".grader" / "reports" / "softmax.html")
    assert lang == "zh-Hans"
    assert "尚未通过" in text and "期望值" in text and "你的结果" in text
    assert english_sentences(text) == []


def test_watch_speaks_chinese(zh_workspace):
    keyboard, terminal = pty.openpty()
    watch = subprocess.Popen(
        [sys.executable, "-m", "grader", "watch", "softmax.py"], cwd=zh_workspace,
        stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    os.close(terminal)
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.extend(
        line.decode("utf-8", errors="replace") for line in iter(watch.stdout.readline, b"")),
        daemon=True)
    reader.start()

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while text not in "".join(chunks) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert text in "".join(chunks), "".join(chunks)

    try:
        wait_for("正在监视")
        (zh_workspace / "softmax.py").write_text(WRONG_SOFTMAX)
        wait_for("尚未通过")
        os.write(keyboard, b"h\n")
        wait_for("的提示")
        (zh_workspace / "softmax.py").write_text(RIGHT_SOFTMAX)
        wait_for("满分")
        os.write(keyboard, b"q\n")
        assert watch.wait(timeout=WAIT_SECONDS) == 0
    finally:
        watch.kill()
        os.close(keyboard)
        reader.join(timeout=10)
        watch.stdout.close()
    said = "".join(chunks)
    assert "已停止监视" in said
    assert english_sentences(said) == []


def test_class_grading_speaks_chinese_and_renders_again_in_english(run_cli, tmp_path):
    submissions = tmp_path / "class"
    for learner, code in (("li-lei", WRONG_SOFTMAX), ("han-mei", RIGHT_SOFTMAX)):
        (submissions / learner).mkdir(parents=True)
        (submissions / learner / "softmax.py").write_text(code)
    (submissions / "han-mei" / "notes.txt").write_text("stray")
    out = tmp_path / "out"
    graded = run_cli("--lang", "zh", "report", submissions, "-o", out, "--seed", "7")
    assert graded.exit_code == 0, graded.stderr
    assert "已为 2 位学习者" in graded.stdout
    isolation = next(line for line in graded.stdout.splitlines() if line.startswith("隔离级别"))
    assert "、" in isolation and ", " not in isolation
    assert english_sentences(graded.stdout + graded.stderr) == []
    lang, text = page_text(out / "index.html")
    assert lang == "zh-Hans" and "班级报告" in text
    assert english_sentences(text) == []
    lang, text = page_text(out / "learners" / "li-lei.html")
    assert lang == "zh-Hans" and "个值中有" in text
    assert english_sentences(text) == []
    again = run_cli("report", submissions, "-o", out, "--seed", "7", "--lang", "en")
    assert again.exit_code == 0 and "kept from an earlier run" in again.stdout
    lang, text = page_text(out / "index.html")
    assert lang == "en" and "Class report" in text and "班级" not in text
    lang, text = page_text(out / "learners" / "li-lei.html")
    # the page speaks English; the messages graded in Chinese stay as they were graded
    assert lang == "en" and "Not yet" in text and "个值中有" in text


def test_an_unsafe_level_is_refused_in_chinese_with_its_reason(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NN_GRADER_ISOLATION", "process")
    (tmp_path / "class" / "li-lei").mkdir(parents=True)
    (tmp_path / "class" / "li-lei" / "softmax.py").write_text(WRONG_SOFTMAX)
    refused = run_cli("--lang", "zh", "report", tmp_path / "class", "-o", tmp_path / "out")
    assert refused.exit_code == 2
    assert "用于班级评分并不安全" in refused.stderr and "学习者代码" in refused.stderr
    assert english_sentences(refused.stderr) == []


def test_a_notebook_workspace_speaks_chinese(run_cli, tmp_path, monkeypatch):
    import json

    made = run_cli("--lang", "zh", "init", "--notebooks")
    assert made.exit_code == 0 and "个练习 notebook" in made.stdout
    assert english_sentences(made.stdout) == []
    monkeypatch.chdir(tmp_path / "nn-course")
    notebook = json.loads(Path("softmax.ipynb").read_text(encoding="utf-8"))
    task = "".join(notebook["cells"][0]["source"])
    assert "把一组得分变成概率" in task and "在下面的单元格中写你的代码" in task
    code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    code["source"] = "%matplotlib inline\n" + WRONG_SOFTMAX
    Path("softmax.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    checked = run_cli("check", "softmax.ipynb")
    assert checked.exit_code == 1
    assert "IPython 魔法命令" in checked.stdout and "不参与评分" in checked.stdout
    assert "个值中有" in checked.stdout
    assert english_sentences(checked.stdout + checked.stderr) == []


# -- the author's and the instructor's commands ----------------------------------------------


def test_a_new_exercise_is_announced_checked_and_mutated_in_chinese(run_cli, tmp_path):
    made = run_cli("--lang", "zh", "--course", tmp_path / "course", "new", "my_ex")
    assert made.exit_code == 0, made.stderr
    assert "已把练习 my_ex 加入" in made.stdout and "参考答案" in made.stdout
    assert "`grader --course course dev check my_ex`" in made.stdout
    said = [made.stdout]
    checked = run_cli("--lang", "zh", "--course", tmp_path / "course", "dev", "check")
    # the untouched stub is recognised as not started although Chinese is spoken
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.startswith("练习") and "全部 1 个练习都一致" in checked.stdout
    said.append(checked.stdout)
    mutated = run_cli("--lang", "zh", "--course", tmp_path / "course", "dev", "mutate",
                      "--max-mutants", "3")
    assert mutated.exit_code == 0, mutated.stdout
    assert "生成" in mutated.stdout and "合计" in mutated.stdout
    assert "在它的 8 个变异体中评分了 3 个" in mutated.stdout
    said.append(mutated.stdout)
    for args, chinese in ((["new", "my_ex"], "已经有名为 'my_ex' 的练习"),
                          (["new", "os"], "是 Python 能导入的模块名"),
                          (["new", "2x"], "不能用作练习名"),
                          (["dev", "check", "--jobs", "100000"], "超出了本机所能使用的数量")):
        refused = run_cli("--lang", "zh", "--course", tmp_path / "course", *args)
        assert refused.exit_code == 2 and chinese in refused.stderr, refused.stderr
        said.append(refused.stderr)
    unnamed = run_cli("--lang", "zh", "new", "my_other")
    assert unnamed.exit_code == 2 and "请指定课程文件夹" in unnamed.stderr
    said.append(unnamed.stderr)
    assert [english_sentences(text) for text in said] == [[]] * len(said)


def test_a_cluster_refusal_is_written_in_the_language_of_the_machine_that_asks():
    from grader.batch import cluster

    terms = cluster.Terms("1.0", "abc", {"softmax": "1", "one_hot": "2"}, False, None,
                          i18n.CHINESE)
    facts = {"address": "tcp://10.0.0.7:40000", "version": "1.0", "course": "def",
             "exercises": {"softmax": "9", "one_hot": "8"}, "start_failure": "",
             "unsafe_reason": "", "level": "process"}
    other_course = cluster.refusal(facts, terms)
    assert other_course.startswith("位于 tcp://10.0.0.7:40000 的工作节点上的课程文件与本机不同")
    assert "（涉及 one_hot、softmax）" in other_course
    older = cluster.refusal({**facts, "version": "0.9"}, terms)
    assert "运行的是 nn-grader 0.9，本机运行的是 1.0" in older
    unsafe = cluster.refusal({**facts, "course": "abc", "unsafe_reason": "why"}, terms)
    assert "隔离级别下运行学习者代码" in unsafe and "（why）" in unsafe
    assert [english_sentences(text) for text in (other_course, older, unsafe)] == [[]] * 3
    english = cluster.refusal(facts, dataclasses.replace(terms, lang=i18n.ENGLISH))
    assert "has other course files than this machine (for one_hot, softmax)" in english


def test_a_submission_that_brought_two_workers_down_is_explained_in_chinese():
    from grader.batch import cluster

    i18n.use(i18n.CHINESE)
    result = cluster.killed_twice({"exercise": "softmax", "label": "softmax.py", "seed": 7})
    assert result["message"].startswith("你的文件无法评分：运行它的评分机器停止了")
    assert result["lang"] == "zh" and english_sentences(result["message"]) == []


def test_report_on_a_cluster_is_refused_in_chinese(run_cli, tmp_path, monkeypatch):
    (tmp_path / "class" / "li-lei").mkdir(parents=True)
    (tmp_path / "class" / "li-lei" / "softmax.py").write_text(WRONG_SOFTMAX)
    said = []
    for address, chinese in (("tcp://127.0.0.1:1", "无法连接位于 tcp://127.0.0.1:1 的 Dask 调度器"),
                             ("nonsense://x", "不是 Dask 调度器的地址（未知的协议 'nonsense'")):
        refused = run_cli("--lang", "zh", "report", tmp_path / "class", "-o", tmp_path / "out",
                          "--cluster", address)
        assert refused.exit_code == 2 and chinese in refused.stderr, refused.stderr
        said.append(refused.stderr)
    assert "Dask 支持 inproc、tcp" in said[1]
    monkeypatch.setitem(sys.modules, "distributed", None)
    missing = run_cli("--lang", "zh", "report", tmp_path / "class", "-o", tmp_path / "out",
                      "--cluster", "tcp://127.0.0.1:8786")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("grader：--cluster 需要 Dask 的 distributed 包")
    said.append(missing.stderr)
    assert [english_sentences(text) for text in said] == [[]] * 3
    assert not (tmp_path / "out").exists()


def test_isolation_layers_are_listed_the_way_each_language_lists_things():
    from grader.render.text import isolation_text

    recorded = "UNSAFE: process: stdin closed, no network, rlimits (memory, CPU, files, output)"
    assert isolation_text(recorded) == recorded
    i18n.use(i18n.CHINESE)
    assert isolation_text(recorded) == \
        "UNSAFE: process：stdin 已关闭、无网络、资源限制（内存、CPU、文件、输出）"
    assert i18n.listing(["a", "b"]) == "a、b" and i18n.listing(["a", "b"], "en") == "a, b"


def test_a_surviving_mutant_is_described_in_chinese(run_cli, tmp_path):
    made = run_cli("--course", tmp_path / "course", "new", "my_ex")
    assert made.exit_code == 0, made.stderr
    suite = tmp_path / "course" / "suites" / "test_my_ex.py"
    # a suite that checks nothing but the function's existence lets every mutant survive
    suite.write_text('import pytest\n\n\n@pytest.mark.points(10)\ndef test_exists(submission):\n'
                     '    """the function exists"""\n    assert callable(submission.my_ex)\n')
    mutated = run_cli("--lang", "zh", "--course", tmp_path / "course", "dev", "mutate",
                      "--max-mutants", "2")
    assert mutated.exit_code == 1
    assert "个变异体存活" in mutated.stdout and "请加强测试套件" in mutated.stdout
    described = [line for line in mutated.stdout.splitlines() if "：第 " in line]
    assert described and all(re.search(r"：第 \d+ 行，\S", line) for line in described)
    assert english_sentences(mutated.stdout.split("[[exercise.equivalent]]")[0]) == []


def test_a_cluster_summary_names_each_workers_level_in_chinese(run_cli, tmp_path):
    from grader.batch import classview, layout, run, store, summary

    submissions = tmp_path / "class"
    for learner in ("li-lei", "han-mei"):
        (submissions / learner).mkdir(parents=True)
        (submissions / learner / "softmax.py").write_text(RIGHT_SOFTMAX)
    out = tmp_path / "out"
    assert run_cli("report", submissions, "-o", out, "--seed", "7").exit_code == 0
    kept = [store.Record.from_line(line)
            for line in (out / store.RESULTS).read_text(encoding="utf-8").splitlines()]
    moved = [dataclasses.replace(
        record, cluster="tcp://scheduler:8786", worker=f"tcp://10.0.0.{index}:40000",
        result=dataclasses.replace(record.result, isolation=level))
        for index, (record, level) in enumerate(zip(kept, (
            "bubblewrap: PID namespace, no network", "process: stdin closed"), strict=True), 1)]
    view = classview.build(layout.discover(submissions, None), moved, 7)
    i18n.use(i18n.CHINESE)
    text = summary.render(run.Outcome(out, view, graded_now=2, reused=0, jobs=4, seconds=1.0,
                                      cluster="tcp://scheduler:8786", workers=2))
    assert "  tcp://10.0.0.1:40000（1 份提交）：bubblewrap：PID 命名空间、无网络" in text
    assert "  tcp://10.0.0.2:40000（1 份提交）：process：stdin 已关闭" in text
    assert english_sentences(text) == []


def test_a_value_too_deep_to_send_is_explained_in_chinese(run_cli, tmp_path):
    """The learner process loads no translations: it sends why a value cannot travel as one of
    the grader's messages and its values, which the grader says in the learner's language."""
    (tmp_path / "softmax.py").write_text(
        "def softmax(L):\n    x = []\n    for _ in range(200):\n        x = [x]\n    return x\n")
    outcome = run_cli("--lang", "zh", "check", "softmax.py")
    assert outcome.exit_code == 1
    assert "返回了评分器无法接收的值：这个值嵌套得太深，无法发送。" in outcome.stdout
    assert english_sentences(outcome.stdout) == []

"""The Chinese learner report and class page in headless Chromium: the page says it is
Simplified Chinese, and its Chinese is drawn with a CJK font (Debian's fonts-noto-cjk, which
.ci/run installs), not with missing-glyph boxes. Screenshots are written next to each test's
temporary files (pytest --basetemp=DIR keeps them) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_i18n_cli import english_afterwards  # noqa: F401 (an autouse fixture)

from grader import i18n

WRONG_SOFTMAX = "import numpy as np\n\n\ndef softmax(L):\n    L = np.asarray(L, dtype=float)\n" \
                "    return L ** 2 / np.sum(L ** 2)\n"
RIGHT_SOFTMAX = "import numpy as np\n\n\ndef softmax(L):\n    e = np.exp(L)\n" \
                "    return e / e.sum()\n"
# Elements whose text the grader writes in Chinese on each page.
CHINESE_ON = {"learner": ["h2", ".verdict", "footer"], "class": ["h1", "h2", "footer"]}


@pytest.fixture
def pages(run_cli, tmp_path) -> dict[str, dict[str, Path]]:
    """The learner report (grader check) and the class page (grader report), in each language."""
    submissions = tmp_path / "class"
    for learner, code in (("li-lei", WRONG_SOFTMAX), ("han-mei", RIGHT_SOFTMAX)):
        (submissions / learner).mkdir(parents=True)
        (submissions / learner / "softmax.py").write_text(code)
    (tmp_path / "softmax.py").write_text(WRONG_SOFTMAX)
    made = {}
    for lang in i18n.LANGUAGES:
        report = tmp_path / f"softmax-{lang}.html"
        assert run_cli("--lang", lang, "check", "softmax.py", "--html", report).exit_code == 1
        out = tmp_path / f"out-{lang}"
        assert run_cli("--lang", lang, "report", submissions, "-o", out, "--seed", "7",
                       "--fresh").exit_code == 0
        made[lang] = {"learner": report, "class": out / "index.html"}
    return made


def fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the first `selector` element's own text with, and how many
    glyphs each drew (the DevTools protocol's CSS.getPlatformFontsForNode)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


@pytest.mark.chromium
@pytest.mark.parametrize("kind", ["learner", "class"])
def test_the_chinese_pages_are_drawn_with_a_cjk_font(browser, pages, kind, tmp_path):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    for lang in i18n.LANGUAGES:
        page.goto(pages[lang][kind].as_uri())
        assert page.locator("html").get_attribute("lang") == i18n.html_lang(lang)
        page.screenshot(path=str(tmp_path / f"{kind}-{lang}.png"), full_page=True)
    page.goto(pages["zh"][kind].as_uri())
    for selector in CHINESE_ON[kind]:
        text = page.locator(selector).first.inner_text()
        assert any("\u4e00" <= character <= "\u9fff" for character in text), selector
        fonts = fonts_drawing(page, selector)
        cjk = {name: count for name, count in fonts.items() if "CJK" in name}
        assert cjk and sum(cjk.values()) > 0, (selector, fonts)
        # each glyph has width: a box-less, non-empty rendering
        assert page.locator(selector).first.bounding_box()["width"] > 0
    page.close()
    assert problems == []

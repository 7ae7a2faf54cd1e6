"""Compile the translations to `.mo` at build time: the grader's (`grader/locale/`) and the
built-in course's (`grader/course/builtin/locale/`, domain `course`).

The `.po` files are the source and the only ones committed; gettext reads `.mo`. The hook writes
each `.mo` beside its `.po`, so that an editable install (`pip install -e .`) reads it from the
checkout, and lists it as an artifact, so that a wheel (`pip install .`) carries it although
`.gitignore` keeps it out of the repository. Babel is a build requirement, not a runtime one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALES = ("grader/locale", "grader/course/builtin/locale")


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for locales in LOCALES:
            for po in sorted(Path(self.root, locales).glob("*/LC_MESSAGES/*.po")):
                with po.open("rb") as source:
                    catalog = read_po(source, locale=po.parent.parent.name)
                handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
                with os.fdopen(handle, "wb") as target:
                    write_mo(target, catalog, use_fuzzy=False)
                os.chmod(temporary, 0o644)
                os.replace(temporary, po.with_suffix(".mo"))
            build_data["artifacts"].append(f"/{locales}/*/LC_MESSAGES/*.mo")

"""The result of grading one submission: the one form every renderer and export reads.

Results cross process boundaries as JSON (worker to CLI, batch runs to results.jsonl), so the
dataclasses round-trip exactly through `to_json` and `from_json`.
"""

from __future__ import annotations

import datetime
import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = 1


class Status(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"


class Visibility(enum.StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Details:
    """What a visible test shows: the input, the expected and actual values, and what differs."""

    input: str | None = None
    expected: str | None = None
    actual: str | None = None
    diff: str | None = None


@dataclass(frozen=True)
class TestResult:
    id: str
    name: str
    status: Status
    score: float
    max_score: float
    visibility: Visibility
    message: str | None = None
    hint: str | None = None
    hint_number: int | None = None
    duration_s: float = 0.0
    details: Details | None = None
    optional: bool = False
    twin: str | None = None  # the hidden test this visible example's points depend on

    __test__ = False  # not a pytest test class, despite the name


@dataclass(frozen=True)
class Result:
    exercise: str
    title: str
    submission: str
    status: Status
    score: float
    max_score: float
    message: str | None = None
    duration_s: float = 0.0
    output: str = ""
    tests: tuple[TestResult, ...] = ()
    isolation: str = ""
    seed: int | None = None
    grader_version: str = ""
    graded_at: str = ""
    lang: str = "en"  # the language the messages were written in; older results are English
    schema: int = field(default=SCHEMA)

    @property
    def full_marks(self) -> bool:
        return self.status is Status.PASSED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["tests"] = [_test_dict(test) for test in self.tests]
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"unsupported result schema {data.get('schema')!r}")
        fields = dict(data)
        fields["status"] = Status(fields["status"])
        fields["tests"] = tuple(_test_from_dict(test) for test in fields.get("tests", ()))
        return cls(**fields)

    @classmethod
    def from_json(cls, text: str) -> Result:
        return cls.from_dict(json.loads(text))


def _test_dict(test: TestResult) -> dict[str, Any]:
    data = asdict(test)
    data["status"] = test.status.value
    data["visibility"] = test.visibility.value
    if test.details is None:
        del data["details"]
    return data


def _test_from_dict(data: dict[str, Any]) -> TestResult:
    fields = dict(data)
    fields["status"] = Status(fields["status"])
    fields["visibility"] = Visibility(fields["visibility"])
    details = fields.get("details")
    fields["details"] = Details(**details) if details else None
    return TestResult(**fields)


def overall_status(score: float, max_score: float) -> Status:
    """`passed` only at full marks."""
    if max_score > 0 and score >= max_score - 1e-9:
        return Status.PASSED
    return Status.FAILED


def timestamp() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")

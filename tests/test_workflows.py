"""The GitHub Actions workflows are valid and do what the docs say they do.

Static checks only (no network, no runner): each file parses as YAML, runs on the
event the docs name, and has its steps in the order that makes them work.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).parents[1]


def load(path: Path) -> dict[str, Any]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict), f"{path} is not a YAML mapping"
    # YAML 1.1, which PyYAML reads, takes the key `on` for the boolean true
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def runs(job: dict[str, Any]) -> str:
    """Every shell command of a job, in order."""
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    """The actions a job uses, without their versions, in order."""
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_release_builds_tests_and_publishes_from_a_tag() -> None:
    workflow = load(REPO / ".github" / "workflows" / "release.yml")
    trigger = workflow["on"]
    assert set(trigger) == {"push"}, "only a pushed tag releases"
    patterns = trigger["push"]["tags"]
    assert "branches" not in trigger["push"]
    assert any(fnmatch.fnmatch("v0.2.0", pattern) for pattern in patterns)
    assert not any(fnmatch.fnmatch("main", pattern) for pattern in patterns)

    jobs = workflow["jobs"]
    build, test, publish = jobs["build"], jobs["test"], jobs["publish"]
    assert "python -m build" in runs(build)
    assert "GITHUB_REF_NAME" in runs(build), "the tag is checked against __version__"
    assert uses(build)[-1] == "actions/upload-artifact"

    # the tests run on the wheel that is published, not on the source tree
    assert test["needs"] == "build"
    assert uses(test) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/download-artifact",
    ]
    commands = runs(test)
    install, remove, pytest = (
        commands.index("dist/*.whl"),
        commands.index("rm -r sphinx_profile"),
        commands.index("python -m pytest"),
    )
    assert install < remove < pytest

    # trusted publishing: an OIDC token, no stored password
    assert publish["needs"] == "test"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert uses(publish) == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert "with" not in publish["steps"][-1], "no password or token is passed"
    assert workflow["permissions"] == {"contents": "read"}

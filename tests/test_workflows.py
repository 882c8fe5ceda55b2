"""The GitHub Actions workflows and hosting files are valid and do what the docs say.

Static checks only (no network, no runner): each file parses as YAML, runs on the
event the docs name, has its steps in the order that makes them work, and names the
files that ``sphinx-profile quickstart`` really writes.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_profile.cli import _parser, main

from .test_quickstart import conf_values

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


def quickstart_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--name", "Ada Quantum"]) == 0
    return site


def test_pages_workflow_builds_a_quickstart_site_and_its_cv(tmp_path: Path) -> None:
    """docs/workflows/pages.yml, which the how-to hands out, fits a quickstart site."""
    workflow = load(REPO / "docs" / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert uses(build) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"

    site = quickstart_site(tmp_path)
    commands = runs(build)
    assert "latexmk" in commands
    assert (site / "requirements.txt").is_file()
    assert "pip install -r requirements.txt" in commands
    assert "sphinx-build -W -b html" in commands
    # the PDF that LaTeX makes of the quickstart CV is the one copied into the site
    (document,) = conf_values(site)["latex_documents"]  # type: ignore[misc]
    pdf = Path(document[1]).with_suffix(".pdf").name
    assert f"cp _build/latex/{pdf} _build/html/cv.pdf" in commands
    assert commands.index("-b html") < commands.index("latexpdf")  # the copy needs the site
    assert build["steps"][-1]["with"]["path"] == "_build/html"


def test_quickstart_readthedocs_file_names_real_files(tmp_path: Path) -> None:
    """The .readthedocs.yaml that the how-to shows (quickstart's) points at real files."""
    site = quickstart_site(tmp_path)
    config = yaml.safe_load((site / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert (site / config["sphinx"]["configuration"]).is_file()
    assert config["sphinx"]["fail_on_warning"] is True
    (install,) = config["python"]["install"]
    assert (site / install["requirements"]).is_file()


#: An address that is valid YAML only when quoted (a quote, ``: `` and `` #``).
ODD_EMAIL = 'ada "q": #x@example.edu'


def test_quickstart_refresh_workflow_opens_a_weekly_pull_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """.github/workflows/refresh.yml: every week (and by hand) the command the CLI
    accepts, then a pull request of the metrics file, with no more rights than that."""
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--name", "Ada", "--email", ODD_EMAIL]) == 0
    workflow = load(site / ".github" / "workflows" / "refresh.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    ((cron,),) = [tuple(item.values()) for item in workflow["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday in "0123456", "once a week"
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}

    (job,) = workflow["jobs"].values()
    assert uses(job) == [
        "actions/checkout",
        "actions/setup-python",
        "peter-evans/create-pull-request",
    ]
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w./-]+@v\d+", step["uses"]), "a pinned major version"
    # installed as the site's other workflow installs it, from the site's requirements
    pages = load(REPO / "docs" / "workflows" / "pages.yml")["jobs"]["build"]
    install = next(s["run"] for s in pages["steps"] if "pip install" in s.get("run", ""))
    names = [step.get("run") for step in job["steps"]]
    assert install in names and (site / "requirements.txt").is_file()

    (refresh,) = [step for step in job["steps"] if "sphinx-profile" in step.get("run", "")]
    assert names.index(install) < job["steps"].index(refresh) < len(names) - 1
    program, *argv = shlex.split(refresh["run"])
    assert program == "sphinx-profile"
    for name, value in refresh["env"].items():  # the step's environment, as the runner sets it
        monkeypatch.setenv(name, value)
    args = _parser().parse_args(argv)
    assert args.command == "refresh"
    assert args.mailto == ODD_EMAIL, "the polite-pool address reaches the command"
    # what it reads is the site's bib, what it writes is the file the pull request adds
    assert [str(bib) for bib in args.bib or ["publications.bib"]] == conf_values(site)[
        "profile_bibfiles"
    ]
    assert job["steps"][-1]["with"]["add-paths"] == str(args.metrics) == "metrics.json"


def test_quickstart_without_the_refresh_workflow(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    assert (
        main(["quickstart", str(site), "--no-input", "--name", "Ada", "--no-refresh-workflow"]) == 0
    )
    assert not (site / ".github").exists()
    assert (site / "conf.py").is_file()
    assert "pull request" not in capsys.readouterr().out, "no set-up step for a missing file"

"""The built distribution works on its own: sdist -> wheel -> fresh venv -> quickstart -> site.

Tests elsewhere import the package from the source tree, where a file missing from
the wheel (a stylesheet, an icon, a template, a translation) would go unnoticed. Here
the wheel is built from the sdist (as pip does), installed into a new virtual
environment and used from a folder outside the checkout. The venv sees the test
environment's package folders for the dependencies (so no network is needed) but gets
sphinx-profile only from the wheel, which the test checks.

Select with ``pytest -m packaging``; it takes about half a minute.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
PACKAGE = REPO / "sphinx_profile"

pytestmark = pytest.mark.packaging


def run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_wheel_installs_and_makes_a_site(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, REPO, cwd=tmp_path)
    (wheel,) = dist.glob("*.whl")
    assert len(list(dist.glob("*.tar.gz"))) == 1

    # every file of the package (data files included) is in the wheel
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    in_source = {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert in_source - in_wheel == set()
    for needed in (
        "sphinx_profile/static/sphinx_profile.css",
        "sphinx_profile/icons/github.svg",
        "sphinx_profile/templates/quickstart/conf.py.jinja",
    ):
        assert needed in in_wheel

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python, command = venv / "bin" / "python", venv / "bin" / "sphinx-profile"
    # the dependencies come from this environment: its package folders, listed after
    # the venv's own (and without its .pth files, so no editable install leaks in)
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
    )
    Path(purelib.strip(), "test-environment.pth").write_text("\n".join(site.getsitepackages()))
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel, cwd=tmp_path)
    location = run(
        python, "-c", "import sphinx_profile; print(sphinx_profile.__file__)", cwd=tmp_path
    )
    assert location.strip().startswith(str(venv)), "the package must come from the wheel"
    run(python, "-m", "pip", "check", cwd=tmp_path)  # the declared dependencies are met

    run(
        command,
        "quickstart",
        "mysite",
        "--no-input",
        "--name",
        "Ada Quantum",
        "--email",
        "ada@example.edu",
        cwd=tmp_path,
    )
    run(command, "check", "mysite", cwd=tmp_path)
    run(python, "-m", "sphinx", "-W", "-b", "html", "mysite", "mysite/_build/html", cwd=tmp_path)
    out = tmp_path / "mysite" / "_build" / "html"
    assert (out / "_static" / "sphinx_profile.css").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Ada Quantum" in index
    assert "<svg" in index  # the email icon, inlined from the installed package

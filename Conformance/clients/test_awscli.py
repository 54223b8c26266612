"""Runs each awscli/test_*.sh against this module's own server with the venv's real `aws` (awscli v1) first on
PATH; a script passes by exiting 0, and its whole output is the failure message otherwise."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).parent / "awscli").glob("test_*.sh"))
SCRIPT_TIMEOUT = 120


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_awscli_script(server, script, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "none")
    run = subprocess.run(["bash", str(script), server.endpoint], env=env, capture_output=True, text=True,
                         timeout=SCRIPT_TIMEOUT)
    assert run.returncode == 0, f"{script.name} exited {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"


def test_there_are_awscli_scripts():
    """Guards the parameterization above against silently running nothing."""
    assert len(SCRIPTS) >= 3, SCRIPTS

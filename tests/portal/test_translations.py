import re
import subprocess

import pytest

from tests.server import ROOT


@pytest.mark.parametrize("code", ["ko", "es", "ru"])
def test_every_ui_string_is_translated(code):
    po = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr

import re
import shutil
import subprocess
import sys

import pytest

from tests.server import ROOT

LANGUAGES = ["ko", "es", "ru"]
# What makemessages must not read or what a copy of the project does not need.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "media", "staticfiles", "db.sqlite3*", "__pycache__", "*.egg-info",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "test-artifacts", "node_modules", "*.mo",
)  # fmt: skip


def po_path(root, code):
    return root / "locale" / code / "LC_MESSAGES" / "django.po"


def msgids(po):
    """The live (not obsolete) entries of a .po file as (msgctxt, msgid, msgid_plural) triples."""
    entries, entry, field = set(), {}, None

    def flush():
        if entry.get("msgid"):  # the header has an empty msgid
            entries.add((entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")))
        entry.clear()

    for line in po.read_text().splitlines():
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if keyword:
            if (
                keyword[1] in ("msgctxt", "msgid")
                and "msgid" in entry
                and field.startswith("msgstr")
            ):
                flush()
            field = keyword[1]
            entry[field] = keyword[2][1:-1]
        elif line.startswith('"') and field:
            entry[field] += line[1:-1]
        elif not line.strip():
            flush()
            field = None
    flush()
    return entries


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_ui_string_is_translated(code):
    po = po_path(ROOT, code)
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The .po files `makemessages` writes from the code as it is, in a copy of the project."""
    copy = tmp_path_factory.mktemp("makemessages") / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--ignore=.venv/*", "--no-location"]
        + [f"--locale={code}" for code in LANGUAGES],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return copy


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_po_files_hold_exactly_the_strings_the_code_uses(regenerated, code):
    committed, current = msgids(po_path(ROOT, code)), msgids(po_path(regenerated, code))
    missing = sorted(msgid for _, msgid, _ in current - committed)
    unused = sorted(msgid for _, msgid, _ in committed - current)
    assert not missing, f"makemessages would add {len(missing)} strings: {missing[:10]}"
    assert not unused, f"makemessages would drop {len(unused)} strings: {unused[:10]}"

"""Check that requirements.lock and requirements-dev.lock satisfy pyproject.toml.

Run with the project's venv after `make install`:

- every requirement pyproject.toml declares, and every requirement of those
  (markers and extras evaluated here, read from the installed packages'
  metadata), is pinned in the lock at a version that satisfies it: runtime
  requirements in requirements.lock, runtime and dev ones in requirements-dev.lock;
- neither lock pins a package nothing requires;
- the dev lock pins every runtime package at the same version;
- the venv holds exactly what the dev lock pins.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)
HASHED_PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==\S+ \\\n\s+--hash=sha256:", re.MULTILINE)
TOOLING = {"pip", "setuptools", "wheel", "mpm-portal"}


def read_lock(name):
    text = (ROOT / name).read_text()
    pins = {canonicalize_name(n): v for n, v in PIN.findall(text)}
    if len(HASHED_PIN.findall(text)) != len(pins):
        sys.exit(f"{name}: every pin needs its hashes (make lock)")
    return pins


def closure_problems(roots, pins, lock_name):
    """Walk the requirements from the roots through installed metadata; list the lock's faults."""
    problems, seen, queue = [], set(), [(Requirement(r), "pyproject.toml") for r in roots]
    while queue:
        requirement, wanted_by = queue.pop()
        name = canonicalize_name(requirement.name)
        version = pins.get(name)
        if version is None:
            problems.append(f"{lock_name}: {requirement} (wanted by {wanted_by}) is not pinned")
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{lock_name}: {name}=={version} does not satisfy {requirement}")
        for extra in {"", *requirement.extras}:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for line in metadata.requires(name) or []:
                child = Requirement(line)
                if child.marker is None or child.marker.evaluate({"extra": extra}):
                    queue.append((child, name))
    unused = set(pins) - {name for name, _ in seen}
    problems += [
        f"{lock_name}: {name} is pinned but nothing requires it" for name in sorted(unused)
    ]
    return problems


def main():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, dev = project["dependencies"], project["optional-dependencies"]["dev"]
    runtime_pins, dev_pins = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    problems = closure_problems(runtime, runtime_pins, "requirements.lock")
    problems += closure_problems(runtime + dev, dev_pins, "requirements-dev.lock")
    for name, version in runtime_pins.items():
        if dev_pins.get(name) != version:
            problems.append(
                f"requirements-dev.lock pins {name} {dev_pins.get(name)}, not {version}"
            )
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for name, version in dev_pins.items():
        if installed.get(name) != version:
            problems.append(f"venv has {name} {installed.get(name)}, the lock pins {version}")
    problems += [
        f"venv has {name} {installed[name]}, which no lock pins"
        for name in sorted(set(installed) - set(dev_pins) - TOOLING)
    ]
    if problems:
        sys.exit("\n".join(problems))
    print(f"locks agree with pyproject.toml: {len(runtime_pins)} runtime, {len(dev_pins)} dev pins")


if __name__ == "__main__":
    main()

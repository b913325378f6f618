"""Guards for the shape of the code base."""

from __future__ import annotations

import subprocess
import sys


def test_the_core_imports_no_django_module() -> None:
    code = (
        "import sys, pkgutil, importlib, threadlift\n"
        "for m in pkgutil.walk_packages(threadlift.__path__, 'threadlift.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"threadlift imported Django modules: {result.stdout}"


def test_geometry_does_not_know_plans_anatomy_imports_nothing_from_planning() -> None:
    code = (
        "import sys, pkgutil, importlib, threadlift.anatomy as a\n"
        "for m in pkgutil.walk_packages(a.__path__, 'threadlift.anatomy.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith('threadlift.planning'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"threadlift.anatomy imported: {result.stdout}"

"""The house as docs/architecture.md draws it, checked by reading the code.

Layers point one way (api → cases/delivery → access → store → kernel); the API imports no
store module and no private name, and calls no private method; core names no agreement outside
its comments and docstrings; modules stay small and controller methods short; every package
is in the build configuration; and nothing is imported by its folder's name.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
PLUGINS = ROOT / "plugins"
PUBLIC = (
    "samverkan",
    "samverkan.hookspecs",
    "samverkan.models",
    "samverkan.inherit",
    "samverkan.plugin",
)

#: what each layer of core may import from core (besides itself and the public surface)
ALLOWED = {
    "kernel": set(),
    "store": {"kernel"},
    "access": {"kernel", "store"},
    "cases": {"kernel", "store", "access"},
    "delivery": {"kernel", "store", "access", "cases"},
    "pages": {"kernel", "access", "cases", "delivery"},
    "api": {"kernel", "access", "cases", "delivery", "wiring", "pages"},
    "wiring": {"kernel", "store", "access", "cases", "delivery"},
    # the plugin author's tools: the kit runs settlements through the API in-process
    "kit": {"kernel", "store", "access", "cases", "delivery", "api", "wiring"},
    "scaffold": {"kernel"},
}
#: what no module below the API may import (web framework, server)
WEB = ("litestar", "uvicorn", "h11", "httptools")


def module_name(path: Path) -> str:
    """``core/cases/common.py`` -> ``samverkan.cases.common`` (the import name)."""
    parts = list(path.relative_to(CORE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["samverkan", *parts])


def layer(name: str) -> str:
    """The layer of a ``samverkan`` module: its sub-package, ``public`` or a top module."""
    if name in PUBLIC or name.startswith("samverkan.models"):
        return "public"
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "public"


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every ``(module, names)`` the file imports (a relative import resolved)."""
    tree = ast.parse(path.read_text())
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module_name(path).split(".")
                if path.name != "__init__.py":
                    package = package[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names]))
    return found


CORE_FILES = sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_layers_point_one_way(path: Path) -> None:
    own = layer(module_name(path))
    for module, _ in imports(path):
        if module == "core" or module.startswith(("core.", "plugins", "samverkan_plugins")):
            pytest.fail(f"{path} imports {module}: core imports itself as samverkan, no plugin")
        if not module.startswith("samverkan.") and module != "samverkan":
            # the kit plays settlements through the API in-process (litestar.testing)
            web = ("api", "pages", "server", "cli", "kit")
            if own not in web and module.split(".")[0] in WEB:
                pytest.fail(
                    f"{path} ({own}) imports {module}: only the API and the pages know the web"
                )
            continue
        target = layer(module)
        if target in ("public", own) or own in ("public_top", "server", "cli"):
            continue
        if own == "public":
            assert target == "kernel", f"{path}: the public surface imports only the kernel"
            continue
        assert target in ALLOWED.get(own, set()), f"{path} ({own}) imports {module} ({target})"


def test_the_kernel_needs_no_database_and_no_web() -> None:
    for path in (CORE / "kernel").rglob("*.py"):
        for module, _ in imports(path):
            assert module.split(".")[0] not in ("sqlite3", "sqlite_utils", *WEB), (path, module)


API_FILES = sorted((CORE / "api").glob("*.py"))
#: the controllers: the API's and the pages' (both hold no SQL and call only public services)
HANDLER_FILES = API_FILES + sorted((CORE / "pages").glob("*.py"))


@pytest.mark.parametrize("path", HANDLER_FILES, ids=lambda p: p.name)
def test_the_api_imports_no_store_and_no_private_name(path: Path) -> None:
    for module, names in imports(path):
        assert not module.startswith("samverkan.store"), f"{path.name} imports {module}"
        assert module.split(".")[0] not in ("sqlite3", "sqlite_utils"), f"{path.name}: {module}"
        # ``_`` is gettext's name for "translate", not a private one
        private = [n for n in names if n.startswith("_") and n != "_"]
        assert not private, f"{path.name} imports private {private} from {module}"


@pytest.mark.parametrize("path", HANDLER_FILES, ids=lambda p: p.name)
def test_controllers_call_no_private_method_and_touch_no_database(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            assert not (private and owner not in ("self", "cls")), (
                f"{path.name}:{node.lineno} uses {owner}.{node.attr}"
            )
            reaches = node.attr in ("store", "db") or (
                owner == "db" and node.attr in ("execute", "query")
            )
            assert not reaches, f"{path.name}:{node.lineno} reaches the database ({node.attr})"


def controller_methods() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in HANDLER_FILES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list:
                found.append((f"{path.name}:{node.name}", node))
    return found


@pytest.mark.parametrize(
    ("name", "node"), controller_methods(), ids=[n for n, _ in controller_methods()]
)
def test_controller_methods_are_short(name: str, node: ast.FunctionDef) -> None:
    length = (node.end_lineno or node.lineno) - node.lineno + 1
    assert length <= 30, f"{name} is {length} lines"


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_in_core_is_over_500_lines(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= 500


# -- core names no agreement --------------------------------------------------------------------

AGREEMENT_NAMES = re.compile(
    r"(?<![a-z0-9])(vgr|sodra_alvsborg|s[öo]dra [äa]lvsborg|g[öo]teborg|dalarna|hsa|ök"
    r"|v[äa]stra g[öo]taland)(?![a-z0-9])",
    re.IGNORECASE,
)


def code_without_comments_and_docstrings(source: str) -> str:
    """The code's tokens, less comments and docstrings (module, class and function)."""
    docstrings: set[tuple[int, int]] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add((first.lineno, first.col_offset))
    kept = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            continue
        if token.type == tokenize.STRING and token.start in docstrings:
            continue
        kept.append(token.string)
    return " ".join(kept)


def test_the_stripper_keeps_code_strings_and_drops_docstrings() -> None:
    source = '"""Dalarna."""\nx = "vgr"  # HSA\ndef f():\n    """ÖK"""\n    return "göteborg"\n'
    found = {
        m.lower() for m in AGREEMENT_NAMES.findall(code_without_comments_and_docstrings(source))
    }
    assert found == {"vgr", "göteborg"}


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_names_no_agreement_outside_comments_and_docstrings(path: Path) -> None:
    names = AGREEMENT_NAMES.findall(code_without_comments_and_docstrings(path.read_text()))
    assert not names, f"{path.relative_to(ROOT)} names {sorted(set(names))} in its code"


# -- packaging and import names ---------------------------------------------------------------


def test_every_package_is_in_the_build_configuration() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {"samverkan": CORE, "samverkan_plugins": PLUGINS}
    assert config["package-dir"] == {name: path.name for name, path in folders.items()}
    found = {
        ".".join([name, *init.parent.relative_to(folder).parts])
        for name, folder in folders.items()
        for init in folder.rglob("__init__.py")
    }
    assert found == set(config["packages"])


def test_nothing_is_imported_by_its_folder_name(registry: object) -> None:
    """``core`` and ``plugins`` are folders; their import names are ``samverkan`` and
    ``samverkan_plugins`` (``registry`` has loaded every built-in plugin)."""
    assert "core" not in sys.modules and "plugins" not in sys.modules
    assert "samverkan" in sys.modules and "samverkan_plugins" in sys.modules


def test_no_test_module_imports_another_test_module() -> None:
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not re.search(r"(^|\.)test_", node.module), f"{path}: {node.module}"
                assert not (
                    node.module == "tests" and any(a.name.startswith("test_") for a in node.names)
                ), path


def test_every_end_to_end_module_is_marked() -> None:
    for path in (ROOT / "tests" / "e2e").glob("test_*.py"):
        assert "pytestmark = pytest.mark.e2e" in path.read_text(), path

"""The core stays pure: formats, QA, MT, readers and segmentation load no ORM, web or use case.

Each package is imported in a fresh interpreter, so what another test imported
cannot hide a dependency; the modules it pulled in are then compared with the
layers it must not reach. And each library has one home: the source is read for
the imports of a library outside the place that owns it.
"""

from __future__ import annotations

import ast
import builtins
import json
import pkgutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import DOMAIN_PACKAGES

PURE_PACKAGES = ("tmgr.formats", "tmgr.qa", "tmgr.mt", "tmgr.readers", "tmgr.segment",
                 "tmgr.states", "tmgr.store.deskrules", "tmgr.data")
FORBIDDEN = ("sqlalchemy", "flask", "werkzeug", "alembic", *DOMAIN_PACKAGES, "tmgr.events",
             "tmgr.listeners", "tmgr.store", "tmgr.web", "tmgr.cli")
#: what of the store a pure module may load: the package's docstring and the desk's
#: rules (stdlib only, shared by the ORM's services and the quick status read)
PURE_IN_STORE = ("tmgr.store", "tmgr.store.deskrules")


def _modules_of(package: str) -> list[str]:
    """The package and every module in it, so a submodule imported lazily is checked too."""
    module = __import__(package, fromlist=["_"])
    names = [package]
    if hasattr(module, "__path__"):
        names += [info.name for info in pkgutil.walk_packages(module.__path__, package + ".")]
    return names


def _loaded_after_import(module: str) -> list[str]:
    code = (f"import sys, json; import {module}; "
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("module", [m for p in PURE_PACKAGES for m in _modules_of(p)])
def test_core_module_loads_no_outer_layer(module: str) -> None:
    loaded = _loaded_after_import(module)
    reached = sorted(name for name in loaded if name not in PURE_IN_STORE
                     and any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN))
    assert not reached, f"{module} pulls in {', '.join(reached)}"


def test_state_is_one_class_everywhere() -> None:
    from tmgr.formats import model
    from tmgr.states import State
    from tmgr.store import models

    assert models.State is State
    assert model.State is State


def test_moved_modules_answer_at_their_old_paths() -> None:
    """Code written against the old layout keeps working: same module objects."""
    import importlib

    from tmgr._moved import MOVED

    for old, new in MOVED.items():
        assert importlib.import_module(old) is importlib.import_module(new)


def test_a_gone_package_still_answers_for_its_old_modules() -> None:
    """``tmgr.services`` left for the domain packages; ``from tmgr.services import x`` works."""
    code = ("import json, tmgr.services as old\n"
            "from tmgr.services import notify, desk\n"
            "from tmgr.people import notifications\n"
            "from tmgr.desk import assignments\n"
            "print(json.dumps([old.__path__ == [], notify is notifications,"
            " desk is assignments, notify.__name__]))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert json.loads(out) == [True, True, True, "tmgr.people.notifications"]


TMGR = Path(__file__).resolve().parents[1] / "tmgr"
#: library -> the package (a folder of tmgr/) or module that alone may import it;
#: None: no module may (the library is not a dependency of tmgr)
LIBRARY_HOMES: dict[str, str | None] = {
    "lxml": "formats",  # the one safe XML stack, tmgr/formats/xmlsafe.py, and the XML formats
    "xml": "formats",  # the standard library's XML parsers are not safe on hostile files
    "defusedxml": None,  # TBX goes through the same stack as XLIFF and TMX
    "babel": "localedata",  # CLDR: language codes and names, dates, plural rules
    # Flask-Babel is another library: the web's gettext and UI-locale selection, which
    # need a request, so it stays in the web layer
    "flask_babel": "web",
}


def _imported_libraries(path: Path) -> set[str]:
    """The top-level names of what ``path`` imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _home_of(path: Path) -> str:
    relative = path.relative_to(TMGR)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_each_library_is_imported_only_in_its_home() -> None:
    strays = sorted(f"{path.relative_to(TMGR.parent)} imports {library}"
                    for path in TMGR.rglob("*.py")
                    for library in _imported_libraries(path) & set(LIBRARY_HOMES)
                    if LIBRARY_HOMES[library] != _home_of(path))
    assert not strays, "; ".join(strays)


def test_the_library_rule_sees_the_xml_formats() -> None:
    """The scan finds lxml where it is used, so an empty result above means something."""
    assert "lxml" in _imported_libraries(TMGR / "formats" / "xmlsafe.py")
    assert "lxml" in _imported_libraries(TMGR / "formats" / "tbx.py")


# -- one home per concern, read from the source tree ---------------------------------

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tmgr"


def _sources(*parts: str) -> list[Path]:
    base = PACKAGE.joinpath(*parts)
    return sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


#: control-flow signals that never leave their module's package, so no user meets them:
#: each is caught where it is raised and turned into a TmgrError (or a rollback) there
INTERNAL_SIGNALS = {
    "tmgr/cli/documents.py:_DryRun": "rolls back one file's ingest under --dry-run",
    "tmgr/mt/http.py:TransportError": "the HTTP seam's 'no answer'; mt/base.py wraps it",
    "tmgr/mt/llm.py:_Unreadable": "a 2xx that is no chat completion; llm.py wraps it",
    "tmgr/mt/resilience.py:CircuitOpen": "the breaker's refusal; mt/base.py wraps it",
}


def test_every_exception_class_is_defined_in_errors_py() -> None:
    """One tree: a new error goes into tmgr/errors.py under TmgrError, with its status."""
    known = {name for name in dir(builtins) if isinstance(getattr(builtins, name), type)
             and issubclass(getattr(builtins, name), BaseException)}
    classes = [(path, node) for path in _sources() for node in ast.walk(_tree(path))
               if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:  # an exception class is one with an exception among its bases
        before = len(known)
        known |= {node.name for _, node in classes
                  if any(_base_name(base) in known for base in node.bases)}
        grown = len(known) > before
    outside = [f"{path.relative_to(ROOT)}:{node.name}" for path, node in classes
               if node.name in known and path != PACKAGE / "errors.py"]
    unexpected = sorted(set(outside) - set(INTERNAL_SIGNALS))
    assert not unexpected, f"exception classes outside tmgr/errors.py: {unexpected}"
    assert sorted(outside) == sorted(INTERNAL_SIGNALS), "a listed signal no longer exists"


def test_internal_signals_are_not_user_errors() -> None:
    import importlib

    from tmgr.errors import TmgrError

    for entry in INTERNAL_SIGNALS:
        path, name = entry.split(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert not issubclass(getattr(module, name), TmgrError), entry


def test_every_user_error_carries_its_http_status() -> None:
    from tmgr import errors

    tree = [value for value in vars(errors).values()
            if isinstance(value, type) and issubclass(value, errors.TmgrError)]
    assert len(tree) > 10
    for error in tree:
        assert 400 <= error.http_status < 600, error.__name__


def _imports(path: Path) -> list[tuple[str, ast.AST]]:
    """Every module ``path`` imports (``from a import b`` counts as ``a``), with the node."""
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node))
    return found


def _importers(library: str) -> set[str]:
    return {str(path.relative_to(ROOT)) for path in _sources()
            for name, _ in _imports(path)
            if name == library or name.startswith(library + ".")}


def test_the_library_rule_sees_babel() -> None:
    """Babel is found in its home, lazy imports included, and nowhere else."""
    assert "babel" in _imported_libraries(TMGR / "localedata" / "__init__.py")
    assert _importers("babel") == {"tmgr/localedata/__init__.py", "tmgr/localedata/cldr.py"}


def test_language_helpers_have_one_definition() -> None:
    """One language_name, one check of codes against CLDR, one check against the configuration."""
    for name in ("language_name", "parse_languages", "require_configured"):
        defined = [_where(path, node) for path in _sources() for node in ast.walk(_tree(path))
                   if isinstance(node, ast.FunctionDef) and node.name == name]
        assert len(defined) == 1 and defined[0].startswith("tmgr/localedata/__init__.py:"), defined


def _environment_reads(path: Path) -> list[str]:
    reads = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "putenv"} \
                and _base_name(node.value) == "os":
            reads.append(_where(path, node))
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                alias.name in {"environ", "getenv"} for alias in node.names):
            reads.append(_where(path, node))
    return reads


def test_environment_is_read_only_in_config() -> None:
    """Every TMGR_* variable is read in tmgr/config.py (documented in docs/admin/configure.md)."""
    reads = [where for path in _sources() if path != PACKAGE / "config.py"
             for where in _environment_reads(path)]
    assert not reads, f"os.environ read outside tmgr/config.py: {reads}"


# -- thin views: entry points call use cases, the use cases look rows up -----------------

QUERY_CALLS = {"select", "query", "scalars", "scalar", "execute", "scalar_one",
               "scalar_one_or_none"}


def _orm_lookups(path: Path) -> list[str]:
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy" and any(
                alias.name in {"select", "text", "func"} for alias in node.names):
            found.append(_where(path, node))
        if not isinstance(node, ast.Call):
            continue
        name = _base_name(node.func)
        if name in QUERY_CALLS:
            found.append(_where(path, node))
        elif name == "get" and node.args and isinstance(node.args[0], ast.Name) \
                and node.args[0].id[:1].isupper():  # session.get(Model, id)
            found.append(_where(path, node))
    return found


def test_views_and_commands_look_nothing_up_themselves() -> None:
    entry_points = _sources("web") + _sources("cli")
    lookups = [where for path in entry_points for where in _orm_lookups(path)]
    assert not lookups, f"ORM look-ups in views or commands (use a service): {lookups}"


def test_blueprints_do_not_import_each_other() -> None:
    """A use case one page shares with another lives in a domain package, not in a page."""
    blueprints = {f"tmgr.web.{path.stem}" for path in _sources("web")
                  if "Blueprint(" in path.read_text(encoding="utf-8")}
    assert {"tmgr.web.api", "tmgr.web.documents"} <= blueprints
    crossing = [f"{_where(path, node)} imports {name}" for path in _sources("web")
                if path.name != "__init__.py"
                for name, node in _imports(path) if name in blueprints]
    assert not crossing, crossing


# -- no circles between files, counted from every import ---------------------------------

def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_modules(root: Path, package: str) -> dict[str, Path]:
    return {_module_name(root, path): path for path in sorted((root / package).rglob("*.py"))}


def _inside_functions(tree: ast.Module) -> set[int]:
    """The ids of the import statements written inside a function."""
    return {id(node) for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)}


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """What ``from ... import`` names, relative imports resolved against ``module``."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _file_imports(module: str, path: Path, modules: Mapping[str, Path]
                  ) -> list[tuple[str, int, bool]]:
    """(file imported, line, inside a function) for every import of ``path``:
    ``from pkg import module`` counts as ``pkg.module``, ``from pkg import name`` as
    ``pkg``, an import of ``a.b.c`` as the deepest of them that is a file of ours."""
    tree = _tree(path)
    lazy = _inside_functions(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path.name == "__init__.py", node)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                     for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.append((name, node.lineno, id(node) in lazy))
    return found


def _import_graph(root: Path, package: str) -> dict[str, dict[str, tuple[Path, int]]]:
    """module -> {module it imports: (file, line of the first such import)}."""
    modules = _package_modules(root, package)
    graph: dict[str, dict[str, tuple[Path, int]]] = {name: {} for name in modules}
    for name, path in modules.items():
        for target, line, _ in _file_imports(name, path, modules):
            graph[name].setdefault(target, (path, line))
    return graph


def _circles(graph: Mapping[str, Mapping[str, object]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(frozenset(group))
    return circles


def _describe(circle: frozenset[str], graph: Mapping[str, Mapping[str, tuple[Path, int]]]
              ) -> str:
    edges = [f"{path.relative_to(ROOT)}:{line} imports {target}"
             for source in sorted(circle) for target, (path, line) in sorted(graph[source].items())
             if target in circle]
    return f"{len(circle)} modules: " + "; ".join(edges)


def test_no_import_circles_between_files() -> None:
    """Every import counts, inside functions too: hiding a circle in a function hides
    nothing from this count."""
    graph = _import_graph(ROOT, "tmgr")
    circles = _circles(graph)
    found = [_describe(c, graph) for c in circles]
    assert not found, "import circles:\n" + "\n".join(found)


def test_the_circle_count_sees_hidden_relative_and_package_imports(tmp_path: Path) -> None:
    """The count is not blind: a circle made of a lazy relative import and a
    ``from pkg import module`` is found, named by file and line."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from .sub import b\n    return b\n")
    (package / "sub" / "b.py").write_text("from pkg import a\n")
    (package / "c.py").write_text("from pkg.a import f\n")
    graph = _import_graph(tmp_path, "pkg")
    assert graph["pkg.a"] == {"pkg.sub.b": (package / "a.py", 2)}
    assert _circles(graph) == [frozenset({"pkg.a", "pkg.sub.b"})]


# -- no imports inside functions, but the CLI's lazy command loading ----------------------

#: (file or folder, imported module) -> why the import waits until the function runs
LAZY_IMPORTS: dict[tuple[str, str], str] = {
    ("tmgr/cli/", ""): "the CLI's lazy command loading: `tmgr --help` and `tmgr status` "
                       "load no command's dependencies",
    ("tmgr/store/schema.py", "alembic"): "Alembic (0.4 s to import) loads only to migrate "
                                         "or to explain a schema mismatch",
}


def _allowed(path: str, module: str) -> bool:
    return any(
        path.startswith(place) and (module == library or module.startswith(library + ".")
                                    or not library)
        for place, library in LAZY_IMPORTS)


def _lazy_imports(path: Path) -> list[tuple[str, int]]:
    """(module, line) of each import inside a function; relative ones keep their dots."""
    tree = _tree(path)
    lazy = _inside_functions(tree)
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if id(node) not in lazy:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(("." * node.level + (node.module or ""), node.lineno))
    return found


def test_no_imports_inside_functions() -> None:
    """An import waits inside a function only for the CLI's lazy loading or a reason
    listed in LAZY_IMPORTS; to dodge a circle, break the circle instead."""
    found = [f"{path.relative_to(ROOT)}:{line} imports {module}" for path in _sources()
             for module, line in _lazy_imports(path)
             if not _allowed(str(path.relative_to(ROOT)), module)]
    assert not found, "imports inside functions:\n" + "\n".join(found)


def _imported_names(tree: ast.Module) -> set[str]:
    """The names a module's top level binds by importing them."""
    return {alias.asname or alias.name for node in tree.body
            if isinstance(node, ast.ImportFrom) for alias in node.names}


def _climbs(root: Path, package: str) -> list[str]:
    """Each ``from <an ancestor package> import <a name its __init__ imports>``."""
    modules = _package_modules(root, package)
    climbs = []
    for name, path in modules.items():
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = _absolute(name, path.name == "__init__.py", node)
            if base not in modules or not name.startswith(base + ".") or base == package:
                continue
            re_exported = _imported_names(_tree(modules[base]))
            climbs += [f"{path.relative_to(root)}:{node.lineno} takes {alias.name} from {base}"
                       for alias in node.names if alias.name in re_exported
                       and f"{base}.{alias.name}" not in modules]
    return climbs


def test_no_module_climbs_back_to_its_package_for_a_re_export(tmp_path: Path) -> None:
    """The walk goes down the floors: a module never takes from its package's
    ``__init__`` a name the ``__init__`` itself imports (from that very module or a
    sibling): e.g. a reader asks ``tmgr.readers.registry``, not ``tmgr.readers``."""
    assert not _climbs(ROOT, "tmgr"), _climbs(ROOT, "tmgr")
    package = tmp_path / "top" / "readers"
    package.mkdir(parents=True)
    (tmp_path / "top" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from top.readers.registry import reader_for\n")
    (package / "registry.py").write_text("def reader_for(name): ...\n")
    (package / "published.py").write_text("from top.readers import reader_for\n")
    assert _climbs(tmp_path, "top") == [
        "top/readers/published.py:1 takes reader_for from top.readers"]

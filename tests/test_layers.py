"""Layers import downward only; nothing outside cfpm_coach/ui/ imports Qt; SQL stays in storage/."""

import ast
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cfpm_coach"
QT = ("PySide6", "shiboken6")


def _runtime_nodes(node: ast.AST) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (annotations only, never executed)."""
    found: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        test = child.test if isinstance(child, ast.If) else None
        if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
            continue
        found.append(child)
        found += _runtime_nodes(child)
    return found


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _modules(outside: str) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if outside not in p.relative_to(PACKAGE).parts]


def test_no_qt_outside_ui() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("ui") for name in _imports(path)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_no_sql_outside_storage() -> None:
    banned = ("sqlalchemy", "sqlite3", "sqlmodel")
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("storage") for name in _imports(path)
        if name.split(".")[0] in banned
    ]
    assert offenders == []


def test_domain_imports_nothing_above_it() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("cfpm_coach.storage", "cfpm_coach.services",
                                        "cfpm_coach.ui", "cfpm_coach.cli", "cfpm_coach.views",
                                        "cfpm_coach.reports", "cfpm_coach.sync",
                                        "cfpm_coach.hub")), (path, name)


def test_read_models_stand_on_the_domain_alone() -> None:
    for path in (PACKAGE / "views").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith("cfpm_coach.") or name.startswith(
                ("cfpm_coach.domain", "cfpm_coach.views", "cfpm_coach.errors")), (path, name)


def test_the_layer_contract_has_no_way_around_it() -> None:
    """Reports once drew the services' read models through two ignore_imports holes."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    assert "cfpm_coach.views" in layers["layers"]
    assert [c["name"] for c in contracts if c.get("ignore_imports")] == []


# The window's subpackages, top first (docs/architecture.md, "ui/"). Language and look are
# side by side at the bottom: neither imports the other.
UI_LAYERS = [("screenshots",), ("shell",), ("flows",), ("dialogs",), ("widgets",), ("models",),
             ("runtime",), ("language", "look")]


def _ui_rank(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["cfpm_coach", "ui"] or len(parts) < 3:
        return None
    return next((rank for rank, names in enumerate(UI_LAYERS) if parts[2] in names), None)


def test_every_ui_module_lives_in_a_subpackage_of_the_layers() -> None:
    ui = PACKAGE / "ui"
    assert sorted(p.name for p in ui.glob("*.py")) == ["__init__.py"]
    folders = {p.name for p in ui.iterdir() if (p / "__init__.py").exists()}
    assert folders == {name for names in UI_LAYERS for name in names}


def test_ui_subpackages_import_downward_only() -> None:
    """A flow may open a dialog; a dialog never reaches up into a flow or the main window."""
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        own = _ui_rank(module)
        if own is None:
            continue
        for name in _imports(path):
            other = _ui_rank(name)
            if other is not None and name.split(".")[2] != module.split(".")[2] and other <= own:
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def _every_import(path: Path) -> list[str]:
    """Every module path imports, under `if TYPE_CHECKING:` and inside functions too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_services_are_wired_from_outside_and_form_no_cycle() -> None:
    """Services once took the whole Workspace and reached each other through it: a 15-module
    import cycle through services/workspace.py. Each now receives what it uses; the workspace
    (the wiring) is imported by none of them, and a contract forbids any cycle among them."""
    offenders = [path.name for path in (PACKAGE / "services").glob("*.py")
                 if path.name != "workspace.py"
                 and "cfpm_coach.services.workspace" in _every_import(path)]
    assert offenders == []
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    acyclic = [c for c in config["tool"]["importlinter"]["contracts"]
               if c["type"] == "acyclic_siblings"]
    assert [c["ancestors"] for c in acyclic] == [["cfpm_coach.services"]]

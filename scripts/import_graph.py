"""Measure desk's import graph: module-level circles and imports hidden inside functions.

    python scripts/import_graph.py            # counts
    python scripts/import_graph.py --list     # and the circles / function-level imports

Static (ast) so it needs nothing installed; the enforced layering is import-linter's
contracts in pyproject.toml (tests/packaging/test_layers.py runs them)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]], list[tuple[str, str, int]]]:
    """(module-level edges, all edges including imports inside functions, the hidden imports)."""
    modules = {module_name(p): p for p in (ROOT / "desk").rglob("*.py") if "migrations" not in p.parts}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    every: dict[str, set[str]] = {m: set() for m in modules}
    hidden: list[tuple[str, str, int]] = []

    def target(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for mod, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_pkg = path.name == "__init__.py"
        funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        inner = {id(n) for f in funcs for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
        type_only = {id(n) for n in ast.walk(tree) if isinstance(n, ast.If)
                     and "TYPE_CHECKING" in ast.unparse(n.test) for n in ast.walk(n)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = resolve(mod, is_pkg, node)
                names = [f"{base}.{a.name}" if target(f"{base}.{a.name}") == f"{base}.{a.name}" else base
                         for a in node.names]
            else:
                continue
            if id(node) in inner:
                hidden.append((mod, names[0], node.lineno))
            for name in names:
                t = target(name) if name.startswith("desk") else None
                if t and t != mod and id(node) not in type_only:
                    every[mod].add(t)
                    if id(node) not in inner:
                        edges[mod].add(t)
    return edges, every, hidden


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def main() -> None:
    edges, every, hidden = graph()
    found = circles(edges)
    hidden_circles = circles(every)
    desk_hidden = [h for h in hidden if h[1].startswith("desk")]
    print(f"modules: {len(edges)}  module-level import edges: {sum(map(len, edges.values()))}")
    print(f"circles at module level: {len(found)}; counting imports inside functions too: "
          f"{len(hidden_circles)} covering {sum(map(len, hidden_circles))} modules")
    print(f"import statements inside functions: {len(hidden)} (of desk modules: {len(desk_hidden)})")
    if "--list" in sys.argv:
        for comp in found + hidden_circles:
            print("  circle:", " <-> ".join(comp))
        for mod, name, line in desk_hidden:
            print(f"  hidden: {mod}:{line} -> {name}")


if __name__ == "__main__":
    main()

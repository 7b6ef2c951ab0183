"""Connected components of items joined in groups (union-find): clause links that share a
sentence become one sentence-level link."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def component_roots(groups: Iterable[Sequence[Node]]) -> dict[Node, Node]:
    """Each node's component representative, where every group's nodes are joined (a group of
    one node is a component on its own)."""
    parent: dict[Node, Node] = {}

    def find(x: Node) -> Node:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    for group in groups:
        if not group:
            continue
        first = find(group[0])
        for node in group[1:]:
            root = find(node)
            if root != first:
                parent[root] = first
    return {node: find(node) for node in list(parent)}

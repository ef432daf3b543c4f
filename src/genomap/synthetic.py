"""Seeded synthetic pedigrees for benchmarks and tests (the generator of layout-notes §6.1).

Two founder couples; each couple has 1-4 children; in every new generation each unmarried person
marries with probability 0.75, a same-generation relative (cousin marriage) with probability
0.03 and otherwise a marry-in founder; a married person takes a second marry-in partner with
probability 0.08. Generation stops at ``n`` people.
"""

from __future__ import annotations

import random
from typing import Any

from genomap.models import Document


def synthetic_pedigree(
    n: int, seed: int = 1, *, cousin_rate: float = 0.03, second_partner_rate: float = 0.08
) -> Document:
    """A pedigree of ``n`` people (deterministic for a given seed)."""
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    unions: list[dict[str, Any]] = []
    father: dict[str, str | None] = {}
    sex: dict[str, str] = {}
    gen_of: dict[str, int] = {}
    married: set[str] = set()

    def person(gender: str, gen: int, year: int, dad: str | None) -> str:
        pid = f"p{len(people) + 1}"
        people.append({"id": pid, "gender": gender, "birth": str(year)})
        sex[pid], gen_of[pid], father[pid] = gender, gen, dad
        return pid

    def couple(a: str, b: str, year: int) -> dict[str, Any]:
        man, woman = (a, b) if sex[a] == "male" else (b, a)
        union = {
            "id": f"u{len(unions) + 1}",
            "partners": [man, woman],
            "events": [{"type": "married", "date": str(year)}],
            "children": [],
        }
        unions.append(union)
        married.update((a, b))
        return union

    couples = []
    for _ in range(2):
        man = person("male", 0, 1800, None)
        woman = person("female", 0, 1802, None)
        couples.append(couple(man, woman, 1825))
    gen = 0
    while len(people) < n and couples:
        gen += 1
        year = 1800 + 28 * gen
        children: list[str] = []
        for union in couples:
            for k in range(rng.randint(1, 4)):
                if len(people) >= n:
                    break
                dad = union["partners"][0]
                kid = person(rng.choice(("male", "female")), gen, year + 2 * k, dad)
                union["children"].append(kid)
                children.append(kid)
        couples = []
        pool = [c for c in children if c not in married]
        for pid in children:
            if pid in married or len(people) >= n or rng.random() >= 0.75:
                continue
            want = "female" if sex[pid] == "male" else "male"
            partner = None
            if rng.random() < cousin_rate:
                relatives = [
                    c
                    for c in pool
                    if c != pid and c not in married and sex[c] == want and father[c] != father[pid]
                ]
                partner = relatives[0] if relatives else None
            if partner is None:
                partner = person(want, gen, year, None)
            couples.append(couple(pid, partner, year + 25))
            if rng.random() < second_partner_rate and len(people) < n:
                second = person(want, gen, year + 3, None)
                couples.append(couple(pid, second, year + 35))
    return Document.model_validate(
        {"title": f"Synthetic pedigree ({n})", "people": people, "unions": unions}
    )

"""Table 5 of the 2007 review ("Skillnader mellan resursfördelning och faktisk kostnad, privata entreprenörer"),
reproduced by the allocation command from the sample register, schablon and measurement dates."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from .helpers import FIXTURES

pytestmark = pytest.mark.django_db

# As printed in the review: schablon -07, actual cost, difference.
TABLE_5 = {
    "Boende LSS": (20_763_000, 26_817_289, 6_054_289),
    "Daglig verksamhet": (27_849_100, 26_736_550, -1_112_550),
}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_table_5_of_2007_for_private_providers():
    run("import_register", str(FIXTURES / "register_allocation_2007.csv"), "--as-of", "2007-01-01", "--no-progress")
    run("import_schablon", str(FIXTURES / "schablon_2007.csv"), "--no-progress")
    run("import_measurement_dates", str(FIXTURES / "mattillfallen_2007.csv"), "--no-progress")

    answer = json.loads(run("allocation", "--year", "2007", "--as-of", "2007-12-31", "--provider-kind", "privat",
                            "--json"))

    got = {g["group"]: (g["allocation"], g["cost"], g["difference"]) for g in answer["groups"]}
    assert got == {name: tuple(float(v) for v in figures) for name, figures in TABLE_5.items()}
    assert answer["total"]["difference"] == 6_054_289 - 1_112_550
    assert [(d["date"], d["projected"]) for d in answer["measurement_dates"]] == [
        ("2007-03-31", False), ("2007-08-31", False)]
    # expected.json of the samples: one more level-3 resident in August than in March.
    march, august = ({f"{c['insatskod']}/{c['level']}": c["persons"] for c in d["counts"]}
                     for d in answer["measurement_dates"])
    assert (march["6510/3"], august["6510/3"]) == (7, 8)
    assert sum(march.values()) == 21 + 194
    text = run("allocation", "--year", "2007", "--as-of", "2007-12-31", "--provider-kind", "privat")
    text = text.replace("\u00a0", " ")  # amounts are written with non-breaking spaces
    assert "20 763 000 kr" in text and "−1 112 550 kr" in text

"""The exchange file exported here and imported into another, empty database (a fresh SQLite file, migrated, in a
separate process that knows only the intervention codes): the same figures come out there."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from insatskollen.benchmarking.exchange import render_xlsx
from insatskollen.benchmarking.selectors import own_month_figures

pytestmark = pytest.mark.django_db

OTHER = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from insatskollen.register.models import InterventionType
from insatskollen.benchmarking.services import exchange_import
from insatskollen.benchmarking.models import DistrictFigure
call_command("migrate", verbosity=0)
InterventionType.objects.create(code="6510", name="Gruppbostad", law="LSS", unit="dygn")
InterventionType.objects.create(code="6330", name="Daglig verksamhet", law="LSS", unit="dygn")
result = exchange_import(path=sys.argv[1], actor=None)
rows = [{"month": f.month.strftime("%Y-%m"), "code": f.code, "persons": f.persons, "days": f.days,
         "cost": None if f.cost is None else str(f.cost), "schablon": None if f.schablon is None else str(f.schablon),
         "budget": None if f.budget is None else str(f.budget),
         "transfers": None if f.transfers is None else str(f.transfers), "reasons": f.transfer_reasons}
        for f in DistrictFigure.objects.order_by("month", "code")]
print(json.dumps({"status": result.status, "rows": rows}))
"""


def text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def test_the_other_database_holds_the_same_figures(district, tmp_path):
    exported = own_month_figures(2025, through=dt.date(2025, 3, 31))
    path = tmp_path / "norrmalm.xlsx"
    path.write_bytes(render_xlsx("Norrmalm", exported))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "insatskollen.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}", "INSATSKOLLEN_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", OTHER, str(path)], env=env, capture_output=True, text=True,
                          check=True)
    answer = json.loads(done.stdout.strip().splitlines()[-1])

    assert answer["status"] == "imported"
    expected = [{"month": f.month, "code": f.code, "persons": f.persons, "days": f.days, "cost": text(f.cost),
                 "schablon": text(f.schablon), "budget": text(f.budget), "transfers": text(f.transfers),
                 "reasons": "; ".join(f.transfer_reasons)} for f in sorted(exported, key=lambda f: (f.month, f.code))]
    assert answer["rows"] == expected
    march = next(r for r in answer["rows"] if (r["month"], r["code"]) == ("2025-03", "6510"))
    assert (march["persons"], march["cost"], march["transfers"]) == (6, "496000.00", "120000.00")

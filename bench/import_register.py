"""Import of a 50 000-row register xlsx into a fresh SQLite database: rows/s, and the ratio to the bare parse.

Target: the whole import within 3× the bare parse of the same file. Prints figures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main(rows: int = 50_000) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="ik-bench-"))
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insatskollen.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-never-used-to-serve")
    import django

    django.setup()
    from django.core.management import call_command
    from synthetic import register_rows, write_xlsx

    from insatskollen.core.tabular import read_table
    from insatskollen.register.importing.service import register_import

    path = workdir / "register_50k.xlsx"
    write_xlsx(path, register_rows(rows))
    call_command("migrate", verbosity=0)
    print(f"register import: {rows:,} rows, {path.stat().st_size / 1e6:.1f} MB xlsx, "
          f"database {os.environ['DATABASE_URL'].split(':')[0]}".replace(",", " "))

    started = time.perf_counter()
    table = read_table(path)
    parse = time.perf_counter() - started
    print(f"  bare parse (python-calamine): {parse:.2f} s, {len(table.rows) / parse:,.0f} rows/s".replace(",", " "))

    started = time.perf_counter()
    dry = register_import(path, actor="bench", dry_run=True)
    validate = time.perf_counter() - started
    print(f"  validate only (--dry-run):    {validate:.2f} s ({validate / parse:.1f}× parse)")

    started = time.perf_counter()
    result = register_import(path, actor="bench")
    full = time.perf_counter() - started
    assert result.status == "imported" and result.created == rows, result.as_dict()["errors"][:3]
    print(f"  full import (one transaction): {full:.2f} s, {rows / full:,.0f} rows/s, {full / parse:.1f}× parse"
          .replace(",", " "))

    started = time.perf_counter()
    again = register_import(path, actor="bench")
    reimport = time.perf_counter() - started
    assert again.created == 0 and again.updated == 0
    print(f"  re-import, nothing changed:   {reimport:.2f} s ({reimport / parse:.1f}× parse)")
    del dry


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)

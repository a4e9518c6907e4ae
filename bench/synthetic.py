"""Synthetic registers for benchmarks: valid personnummer, every unit, realistic prices. Deterministic."""

from __future__ import annotations

import datetime as dt
import random

from insatskollen.core.identity import luhn_checksum_ok

UNITS = [("dygn", 1, 3250), ("tim/vecka", 12.5, 452.30), ("tim/månad", 16, 310), ("dygn/månad", 8, 4100),
         ("resor/månad", 44, 265), ("månad", 1, 18500)]
CODES = ["6510", "6330", "6115", "6135", "6160", "6170", "6140", "6220", "LASS", "6185", "6430", "6410"]


def personal_number(rng: random.Random) -> str:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 30000))
    serial = f"{rng.randrange(0, 1000):03d}"
    base = f"{birth:%y%m%d}{serial}"
    check = next(c for c in range(10) if luhn_checksum_ok(base + str(c)))
    return f"{birth:%Y%m%d}{serial}{check}"


def register_rows(count: int, seed: int = 1) -> list[list[object]]:
    rng = random.Random(seed)
    clients = [personal_number(rng) for _ in range(max(1, count // 3))]
    rows = []
    for i in range(count):
        unit, extent, price = UNITS[i % len(UNITS)]
        start = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
        end = start + dt.timedelta(days=rng.randrange(30, 1500)) if rng.random() < 0.4 else None
        decided = start - dt.timedelta(days=rng.randrange(0, 30))
        rows.append([
            f"B-{i + 1:06d}", clients[i % len(clients)], f"handl{i % 12:02d}", CODES[i % len(CODES)], "Insats",
            "LSS", extent, unit, price, f"Utförare {i % 40}", "privat", decided, start, end, None,
            330.5 if i % 50 == 0 else None, "FK" if i % 50 == 0 else "", "",
        ])
    return rows


HEADER = ["Beslut-id", "Personnummer", "Handläggare", "Insatskod", "Insats", "Lag", "Omfattning", "Enhet", "Pris",
          "Utförare", "Utförartyp", "Beslutsdatum", "Startdatum", "Slutdatum", "IFO-andel %", "Intäkt per enhet",
          "Intäktskälla", "Kommentar"]


def write_xlsx(path, rows) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Register")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time.min), date_format)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    workbook.close()

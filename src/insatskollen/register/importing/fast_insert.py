"""Bulk inserts for large imports: the same rows Django's bulk_create would write, without its per-value overhead.

Values are adapted once per column type with the database backend's own adapters, then sent with executemany.
Used only inside the import's transaction, for tables whose rows the import builds itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How to adapt one column's values; None where the driver takes the Python value as it is."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, cls=DjangoJSONEncoder)
    if isinstance(field, models.DateTimeField):
        cache: dict[Any, Any] = {}  # an import has few distinct moments (decision dates, now)

        def adapt_datetime(v):
            if v is None:
                return None
            if v not in cache:
                cache[v] = ops.adapt_datetimefield_value(v)
            return cache[v]

        return adapt_datetime
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(field, models.DecimalField):  # callers pass values already quantized (normalise_value)
        return lambda v: None if v is None else ops.adapt_decimalfield_value(v)
    return None


def insert_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple], *, batch: int = 5000) -> None:
    """INSERT `rows` (tuples in the order of `columns`, which are attnames such as `decision_id`) into `model`."""
    fields = [next(f for f in model._meta.concrete_fields if f.attname == c) for c in columns]
    adapters = [(index, adapt) for index, f in enumerate(fields) if (adapt := _adapter(f)) is not None]
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({placeholders})")
    pending: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = list(row)
            for index, adapt in adapters:
                values[index] = adapt(values[index])
            pending.append(values)
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                pending.clear()
        if pending:
            cursor.executemany(sql, pending)


"""The check-in's SQL: one `INSERT … ON CONFLICT DO NOTHING RETURNING` per scan or per batch,
run on psycopg's server-binding cursor on PostgreSQL (see `fetch`), with values adapted by hand
(cheaper than each field's get_db_prep_save on a path that runs thousands of times a second)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from quantriet.conferences.models import CheckIn, Invitation
from quantriet.core.instances import from_values
from quantriet.orgs.models import Org, Person

_COLUMNS = (
    "conference",
    "person",
    "site",
    "client_id",
    "method",
    "at",
    "recorded_at",
    "recorded_by",
    "invited",
    "late",
)


def db_for_checkins() -> BaseDatabaseWrapper:
    """The default database's connection for this thread. Read once per call and passed down:
    each attribute read through `django.db.connection` looks the connection up again in a
    context-local store, a few microseconds each, about ten on a check-in's path."""
    return connections[DEFAULT_DB_ALIAS]


def _identity(value: Any) -> Any:
    return value


def _hex(value: uuid.UUID) -> str:
    return value.hex


def adapters(db: BaseDatabaseWrapper) -> tuple[Any, Any]:
    """Value adapters for the raw INSERT: cheaper than each field's get_db_prep_save. psycopg
    takes UUIDs and aware datetimes as they are."""
    if db.vendor == "postgresql":
        return _identity, _identity
    uuid_value = _identity if db.features.has_native_uuid_field else _hex
    return uuid_value, db.ops.adapt_datetimefield_value


def fetch(db: BaseDatabaseWrapper, sql: str, params: Sequence[Any], *, one: bool = False) -> Any:
    """Run a check-in statement; → its first row (`one`) or all rows.

    On PostgreSQL parameters are bound on the server, so psycopg prepares each statement on first
    use on a pooled connection: parsing and planning the INSERT … SELECT cost PostgreSQL more
    than running it (pgbench on this machine: about 8 000 executions/s sent as text against
    13 000–14 000/s prepared). Django's own cursors keep client-side binding, as they must for
    the rest of the app. The psycopg cursor is used as it is, inside Django's error translation:
    Django's cursor wrapper builds a new error-translating wrapper for every fetch. While queries
    are logged (DEBUG, assertNumQueries) or wrapped (`execute_wrapper`) Django's cursor is used:
    psycopg keeps no SQL text of a prepared execution for Django's log to show."""
    if db.vendor != "postgresql" or db.queries_logged or db.execute_wrappers:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if one else cursor.fetchall()
    from django.db.backends.postgresql.base import ServerBindingCursor

    db.ensure_connection()
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    with db.wrap_database_errors, ServerBindingCursor(db.connection) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if one else cursor.fetchall()


def insert_ignoring_conflicts(rows: Sequence[CheckIn]) -> dict[int, int]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING; → {person_id: new id} for inserted rows.

    On PostgreSQL the rows travel as one array per column (`unnest`): ten parameters whatever
    the batch size, instead of a statement with ten placeholders per row to build and parse.
    """
    if not rows:
        return {}
    db = db_for_checkins()
    qn = db.ops.quote_name
    fields = [CheckIn._meta.get_field(name) for name in _COLUMNS]
    columns = ", ".join(qn(f.column) for f in fields)
    uuid_value, datetime_value = adapters(db)
    values = [
        [row.conference_id for row in rows],
        [row.person_id for row in rows],
        [row.site_id for row in rows],
        [uuid_value(row.client_id) for row in rows],
        [row.method for row in rows],
        [datetime_value(row.at) for row in rows],
        [datetime_value(row.recorded_at) for row in rows],
        [row.recorded_by_id for row in rows],
        [row.invited for row in rows],
        [row.late for row in rows],
    ]
    table = qn(CheckIn._meta.db_table)
    returning = f"ON CONFLICT DO NOTHING RETURNING {qn('id')}, {qn('person_id')}"
    if db.vendor == "postgresql":
        types = (
            "bigint",
            "bigint",
            "bigint",
            "uuid",
            "text",
            "timestamptz",
            "timestamptz",
            "integer",
            "boolean",
            "boolean",
        )
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        sql = f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) {returning}"  # noqa: S608
        params: list[Any] = values
    else:
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(rows))} {returning}"  # noqa: S608
        params = [column[i] for i in range(len(rows)) for column in values]
    return {person_id: pk for pk, person_id in fetch(db, sql, params)}


def people(conference_id: int, person_ids: set[int]) -> dict[int, dict[str, Any]]:
    """id → name, organisation path and invited site (None when not invited): one plain join."""
    db = db_for_checkins()
    qn = db.ops.quote_name
    if db.vendor == "postgresql":
        # One array parameter: no statement with a placeholder per person to build and parse.
        wanted = "= ANY(%s::bigint[])"
        params: list[Any] = [conference_id, list(person_ids)]
    else:
        wanted = "IN (" + ", ".join(["%s"] * len(person_ids)) + ")"
        params = [conference_id, *person_ids]
    sql = (
        f"SELECT p.{qn('id')}, p.{qn('full_name')}, o.{qn('path')}, i.{qn('site_id')} "  # noqa: S608
        f"FROM {qn(Person._meta.db_table)} p "
        f"JOIN {qn(Org._meta.db_table)} o ON o.{qn('id')} = p.{qn('org_id')} "
        f"LEFT JOIN {qn(Invitation._meta.db_table)} i "
        f"ON i.{qn('person_id')} = p.{qn('id')} AND i.{qn('conference_id')} = %s "
        f"WHERE p.{qn('id')} {wanted}"
    )
    return {
        pk: {"id": pk, "full_name": name, "org__path": path, "invited_site": site}
        for pk, name, path, site in fetch(db, sql, params)
    }


_FIELD_ORDER = (
    "id",
    *(
        f"{name}_id" if name in {"conference", "person", "site", "recorded_by"} else name
        for name in _COLUMNS
    ),
)
if tuple(f.attname for f in CheckIn._meta.concrete_fields) != _FIELD_ORDER:  # pragma: no cover
    raise RuntimeError("CheckIn fields changed: update _COLUMNS and new_checkin")


def new_checkin(*values: Any) -> CheckIn:
    """An unsaved CheckIn from the values of `_COLUMNS`, in that order (a batch makes a thousand;
    see `from_values`)."""
    return from_values(CheckIn, (None, *values))


_INVITED_SQL: dict[str, str] = {}


def invited_sql(db: BaseDatabaseWrapper) -> str:
    """INSERT … SELECT from the person's invitation … ON CONFLICT DO NOTHING RETURNING the new id
    and the person's name: a first check-in of an invited person in one statement."""
    sql = _INVITED_SQL.get(db.vendor)
    if sql is None:
        qn = db.ops.quote_name
        pg = db.vendor == "postgresql"

        def mark(cast: str) -> str:
            return f"%s::{cast}" if pg else "%s"

        checkin = qn(CheckIn._meta.db_table)
        columns = ", ".join(qn(CheckIn._meta.get_field(name).column) for name in _COLUMNS)
        values = ", ".join(
            [
                mark("bigint"),  # conference
                f"i.{qn('person_id')}",
                mark("bigint"),  # site
                mark("uuid"),  # client_id
                mark("text"),  # method
                mark("timestamptz"),  # at
                mark("timestamptz"),  # recorded_at
                mark("integer"),  # recorded_by
                "TRUE" if pg else "1",  # invited
                mark("boolean"),  # late
            ]
        )
        sql = _INVITED_SQL[db.vendor] = (
            f"INSERT INTO {checkin} ({columns}) SELECT {values} "  # noqa: S608
            f"FROM {qn(Invitation._meta.db_table)} i "
            f"WHERE i.{qn('conference_id')} = {mark('bigint')} "
            f"AND i.{qn('person_id')} = {mark('bigint')} "
            f"ON CONFLICT DO NOTHING RETURNING {qn('id')}, "
            f"(SELECT p.{qn('full_name')} FROM {qn(Person._meta.db_table)} p "
            f"WHERE p.{qn('id')} = {checkin}.{qn('person_id')})"
        )
    return sql


_MET_SQL: list[str] = []


def met_sql(db: BaseDatabaseWrapper) -> str:
    """PostgreSQL, after the invited INSERT inserted nothing: the check-ins it may have met —
    the person's in this conference, and the one holding this client_id — with the person's
    name and whether they are invited now, in one statement. Two equality lookups on unique
    indexes (no OR), sent unprepared so each is planned on the table as it is."""
    if not _MET_SQL:
        qn = db.ops.quote_name
        checkin = qn(CheckIn._meta.db_table)
        person = qn(Person._meta.db_table)
        invitation = qn(Invitation._meta.db_table)
        columns = ", ".join(f"c.{qn(CheckIn._meta.get_field(name).column)}" for name in _COLUMNS)
        select = (
            f"SELECT c.{qn('id')}, p.{qn('full_name')}, {columns}, "  # noqa: S608
            f"EXISTS (SELECT 1 FROM {invitation} i WHERE i.{qn('conference_id')} = %s "
            f"AND i.{qn('person_id')} = %s) "
            f"FROM {checkin} c JOIN {person} p ON p.{qn('id')} = c.{qn('person_id')} "
        )
        _MET_SQL.append(
            f"{select} WHERE c.{qn('conference_id')} = %s AND c.{qn('person_id')} = %s "
            f"UNION ALL {select} WHERE c.{qn('client_id')} = %s "
            f"AND NOT (c.{qn('conference_id')} = %s AND c.{qn('person_id')} = %s)"
        )
    return _MET_SQL[0]

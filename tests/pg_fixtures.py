"""A throw-away PostgreSQL cluster for the storage tests, one per test session.

Each test gets its own fresh database on it. Without PostgreSQL the PostgreSQL tests skip with
one line saying how to enable them; with WEGWEISER_REQUIRE_POSTGRES=1 (set by `.ci/run`) they
fail instead, so CI never passes without them. WEGWEISER_TEST_POSTGRES_URL uses a running
server instead of starting one.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import psycopg
import pytest

from bot.storage.pg_cluster import HOW_TO_ENABLE, Cluster, NoPostgres, start_cluster

_numbers = itertools.count(1)


def _unavailable(reason: str) -> None:
    if os.environ.get("WEGWEISER_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (WEGWEISER_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(HOW_TO_ENABLE)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's `postgres` database that tests may create databases on."""
    given = os.environ.get("WEGWEISER_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    cluster: Cluster | None = None
    try:
        cluster = start_cluster()
    except NoPostgres as error:
        _unavailable(str(error))
    assert cluster is not None
    yield cluster.url()
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database for one test."""
    name = f"wegweiser_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return database_url(postgres_server, name)


def database_url(server_url: str, name: str) -> str:
    """`server_url` with its database replaced by `name` (the query, e.g. host=, is kept)."""
    head, _, query = server_url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{query}" if query else "")

"""What one piece of work costs the database: every statement SQLAlchemy sends and the store operations
(`Database.run`, one transaction each) around them, counted by SQLAlchemy's engine events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

AUTOCOMMIT = "AUTOCOMMIT"


@dataclass
class Statements:
    """Statements (the first words of each) and operations since `reset`, in the order they ran."""

    sql: list[str] = field(default_factory=list)
    operations: int = 0  # store operations: each begins once, whatever the database does for it
    begun: int = 0  # of them, those that send BEGIN and COMMIT (not PostgreSQL's autocommit ones)

    @property
    def round_trips(self) -> int:
        """On PostgreSQL: each statement, and BEGIN and COMMIT of each operation that is a transaction."""
        return len(self.sql) + 2 * self.begun

    def reset(self) -> None:
        self.sql.clear()
        self.operations = self.begun = 0

    def listing(self) -> str:
        return "\n".join(f"{number:3d}  {line}" for number, line in enumerate(self.sql, 1))


def _gist(statement: str) -> str:
    """The statement's first words, on one line: enough to tell the statements of a listing apart."""
    return " ".join(statement.split())[:110]


@contextmanager
def counting() -> Iterator[Statements]:
    """Count on every engine while the block runs. Connections take the engine's listeners when they are
    made: open the store inside the block (and `reset` before the part measured)."""
    counted = Statements()

    def executed(_db: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        counted.sql.append(_gist(statement))

    def began(db: Connection) -> None:
        counted.operations += 1
        counted.begun += db.get_execution_options().get("isolation_level") != AUTOCOMMIT

    event.listen(Engine, "before_cursor_execute", executed)
    event.listen(Engine, "begin", began)
    try:
        yield counted
    finally:
        event.remove(Engine, "before_cursor_execute", executed)
        event.remove(Engine, "begin", began)

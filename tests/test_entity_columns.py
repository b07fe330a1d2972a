"""A dump's columns from the project's entity (:mod:`entity_columns`): each row's example,
and a mysqldump whose secret column comes before its key column only in a C# entity."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.entity_columns import (
    ENTITY_FIELDS,
    EntityField,
    entity_columns,
    entity_files,
    entity_of,
)
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY, fingerprint
from binance_secrets.plugins.detection.project_context import NO_PROJECT, ProjectContext
from tests.fake_values import random_key
from tests.gitrepo import GitRepo
from tests.test_project_signals import scan, sweep, write


@pytest.mark.parametrize("row", ENTITY_FIELDS, ids=lambda r: r.label)
def test_each_entity_field_row_finds_its_example(row: EntityField) -> None:
    assert entity_columns(f"id = 1\n{row.example}\n") == (row.yields,)


def test_entity_files_are_named_for_the_table() -> None:
    paths = [
        "Domain/Models/ExchangeToken.cs", "web/exchange_tokens.ts", "docs/ExchangeToken.md",
        "app/models/user.py", "README.md",
    ]
    assert entity_files("ExchangeTokens", paths) == [
        "Domain/Models/ExchangeToken.cs", "web/exchange_tokens.ts",
    ]
    assert entity_files("tbl_users", paths) == ["app/models/user.py"]


def test_a_class_declaration_is_no_field() -> None:
    text = "public class ExchangeToken {\n    public string Key { get; set; }\n}\n"
    assert entity_columns(text) == ("Key",)


def test_no_tree_no_entity() -> None:
    assert NO_PROJECT.entity_columns("exchangetokens") is None
    assert ProjectContext.known(True).entity_columns("exchangetokens") is None


ENTITY = textwrap.dedent(
    """\
    namespace CryptoTerminal.Domain.Database.Models
    {
        public class ExchangeToken
        {
            public long Id { get; set; }

            public string Secret { get; set; }

            public string Key { get; set; }

            public string Exchange { get; set; }

            public string UserId { get; set; }
        }
    }
    """
)


def _dump(secret: str, key: str) -> str:
    return (
        "-- MySQL dump 10.13\n\nLOCK TABLES `ExchangeTokens` WRITE;\n"
        f"INSERT INTO `ExchangeTokens` VALUES (1,'{secret}','{key}','Binance',"
        "'9a75434b-685c-42b9-8637-1b7546cb0c11');\nUNLOCK TABLES;\n"
    )


def _typed(findings: list[dict]) -> set[tuple[str, int, str, str]]:
    return {(f["path"], f["line"], f["type"], f["fingerprint"]) for f in findings}


def test_a_dump_takes_its_columns_from_the_entity(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    files = {"db/Terminal.sql": _dump(secret, key), "Domain/Models/ExchangeToken.cs": ENTITY}
    expected = {
        ("db/Terminal.sql", 4, SECRET_KEY, fingerprint(secret)),
        ("db/Terminal.sql", 4, API_KEY, fingerprint(key)),
    }
    write(tmp_path / "plain", files)
    assert _typed(scan(tmp_path / "plain")) == expected
    repo = GitRepo(tmp_path / "repo")
    repo.commit("dump", files)
    assert _typed(scan(repo.path)) == expected
    assert _typed(sweep(repo.path)) == expected


def test_without_the_entity_the_row_is_read_key_first(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    write(tmp_path, {"db/Terminal.sql": _dump(secret, key)})
    assert _typed(scan(tmp_path)) == {
        ("db/Terminal.sql", 4, API_KEY, fingerprint(secret)),
        ("db/Terminal.sql", 4, SECRET_KEY, fingerprint(key)),
    }


MODELS = textwrap.dedent(
    """\
    from django.db import models


    class Profile(models.Model):
        api_key = models.CharField(max_length=64)


    class ExchangeAccount(models.Model):
        owner = models.ForeignKey(Profile, on_delete=models.CASCADE)
        api_secret = models.CharField(max_length=64)
        api_key = models.CharField(max_length=64)

        class Meta:
            ordering = ["owner"]


    class Credential(Base):
        __tablename__ = "user_keys"
        id = Column(Integer, primary_key=True)
        secret = Column(String(64))
        key = Column(String(64))
    """
)


def test_a_file_of_many_entities_gives_the_class_for_the_table() -> None:
    # Django's `app_model` table, by its class's name; SQLAlchemy's by `__tablename__`.
    assert entity_of("bot/models.py", MODELS, "bot_exchangeaccount") == (
        "owner", "api_secret", "api_key",
    )
    assert entity_of("bot/models.py", MODELS, "user_keys") == ("id", "secret", "key")
    # no class for the table: nothing, though other classes name keys
    assert entity_of("bot/models.py", MODELS, "orders") == ()
    assert entity_files("bot_exchangeaccount", ["bot/models.py", "bot/views.py"]) == [
        "bot/models.py"
    ]

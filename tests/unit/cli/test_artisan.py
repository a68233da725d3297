"""The `artisan` command: every subcommand's help, staff accounts, the trash purge in
batches, the WordPress import, and the old `python -m` forms running the same commands."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from artisan_app.cli import wordpress as wordpress_command
from artisan_app.cli.main import artisan
from artisan_app.models import Article, ArticleStatus, Role, User, utcnow
from artisan_app.services.accounts import auth
from artisan_app.services.editorial import trash
from tests.factories import make_article, make_author, make_category, make_user

ROOT = Path(__file__).resolve().parents[3]
EXPORT = ROOT / "tests" / "fixtures" / "wordpress" / "export.xml"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def test_every_command_has_help():
    runner = CliRunner()
    top = runner.invoke(artisan, ["--help"])
    assert top.exit_code == 0
    for name in ("users", "seed", "wordpress", "trash", "serve"):
        assert name in top.output
    paths = _commands(artisan)
    assert {
        ("users", "create"),
        ("users", "list"),
        ("users", "deactivate"),
        ("seed",),
        ("wordpress", "import"),
        ("trash", "purge"),
        ("serve",),
    } <= set(paths)
    for path in paths:
        result = runner.invoke(artisan, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage: artisan " + " ".join(path) in result.output


def test_users_create_list_deactivate(engine):
    runner = CliRunner()
    created = runner.invoke(
        artisan,
        ["users", "create", "--role", "editor", "--email", "Desk@Example.com", "--name", "Desk", "--password-stdin"],
        input="a long desk passphrase\n",
    )
    assert created.exit_code == 0, created.output
    assert "created editor desk@example.com" in created.output and "passphrase" not in created.output
    with Session(engine) as s:
        user = auth.authenticate(s, email="desk@example.com", password="a long desk passphrase", client_key="cli")
        token = auth.start_session(s, user_id=user.id)
        s.commit()
        assert auth.resolve_session(s, token) is not None
    listed = runner.invoke(artisan, ["users", "list"])
    assert "desk@example.com\teditor\tactive\tDesk" in listed.output
    assert runner.invoke(artisan, ["users", "deactivate", "desk@example.com"]).exit_code == 0
    assert "desk@example.com\teditor\tinactive" in runner.invoke(artisan, ["users", "list"]).output
    with Session(engine) as s:
        assert s.exec(select(User).where(User.email == "desk@example.com")).one().is_active is False
        assert auth.resolve_session(s, token) is None  # signed out everywhere
    unknown = runner.invoke(artisan, ["users", "deactivate", "nobody@example.com"])
    assert unknown.exit_code == 2 and "No account for nobody@example.com." in unknown.output


def test_a_password_typed_twice_must_match(engine):
    result = CliRunner().invoke(
        artisan,
        ["users", "create", "--email", "w@example.com", "--name", "W"],
        input="first passphrase here\nsecond passphrase here\nfirst passphrase here\nfirst passphrase here\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output and "created author w@example.com" in result.output


def test_trash_purge_deletes_only_what_has_waited_30_days_in_batches(engine):
    with Session(engine, expire_on_commit=False) as s:
        cat, author, editor = make_category(s), make_author(s), make_user(s, Role.editor)
        old = [make_article(s, category=cat, author=author, status=ArticleStatus.draft) for _ in range(120)]
        recent = make_article(s, category=cat, author=author, status=ArticleStatus.draft)
        for article in old:
            trash.move_to_trash(s, user=editor, article_id=article.id, now=utcnow() - timedelta(days=31))
        trash.move_to_trash(s, user=editor, article_id=recent.id, now=utcnow() - timedelta(days=29))
        s.commit()
    result = CliRunner().invoke(artisan, ["trash", "purge"])
    assert result.exit_code == 0, result.output
    assert "Purged 120 article(s) from the trash." in result.output
    with Session(engine) as s:
        assert [a.id for a in s.exec(select(Article)).all()] == [recent.id]
    assert "Purged 0 article(s)" in CliRunner().invoke(artisan, ["trash", "purge"]).output


def test_wordpress_import_dry_run_and_refusals(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(wordpress_command, "_upload_dir", lambda: tmp_path / "up")
    runner = CliRunner()
    dry = runner.invoke(artisan, ["wordpress", "import", str(EXPORT), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing was saved." in dry.output and "posts imported: 8" in dry.output
    missing = runner.invoke(artisan, ["wordpress", "import", str(tmp_path / "missing.xml")])
    assert missing.exit_code == 2 and "No such file" in missing.output
    no_media = runner.invoke(artisan, ["wordpress", "import", str(EXPORT), "--media-dir", str(tmp_path / "none")])
    assert no_media.exit_code == 2 and "No such folder" in no_media.output
    bomb = runner.invoke(artisan, ["wordpress", "import", str(EXPORT.parent / "bomb.xml")])
    assert bomb.exit_code == 1
    with Session(engine) as s:
        assert s.exec(select(Article)).all() == []


@pytest.mark.parametrize(
    "module", ["artisan_app.cli", "artisan_app.users", "artisan_app.trash", "artisan_app.seed", "artisan_app.wordpress"]
)
def test_python_dash_m_forms_run_the_same_commands(module):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", module, "--help"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    expected = {
        "artisan_app.cli": "wordpress",
        "artisan_app.users": "deactivate",
        "artisan_app.trash": "purge",
        "artisan_app.seed": "demo editor",
        "artisan_app.wordpress": "import",
    }[module]
    assert expected in result.stdout
    assert f"Usage: {'artisan' if module == 'artisan_app.cli' else 'python -m ' + module}" in result.stdout

"""``artisan users``: staff accounts.

``create`` prompts for the password twice (never pass it on the command line;
``--password-stdin`` reads one line from standard input for scripts).
"""

from __future__ import annotations

import sys

import click
from sqlmodel import select

from artisan_app.cli.common import Refused
from artisan_app.core import db
from artisan_app.models import Author, Role, User
from artisan_app.services.accounts import auth


@click.group()
def users() -> None:
    """Create, list and deactivate staff accounts (admins, editors, authors)."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt="Repeat password"))


@users.command()
@click.option("--email", required=True, help="the address the account signs in with")
@click.option("--name", required=True, help="the name shown in the newsroom")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.author.value, show_default=True)
@click.option("--author", "author_slug", default="", help="slug of the byline an author account writes under")
@click.option("--password-stdin", is_flag=True, help="read the password from one line of standard input")
def create(email: str, name: str, role: str, author_slug: str, password_stdin: bool) -> None:
    """Create an account (prompts for the password twice)."""
    with db.session_scope() as session:
        author_id = None
        if author_slug:
            author = session.exec(select(Author).where(Author.slug == author_slug)).first()
            if author is None:
                raise Refused(f"No author with slug {author_slug!r}.")
            author_id = author.id
        try:
            user = auth.create_user(
                session, email=email, name=name, role=role, password=_password(password_stdin), author_id=author_id
            )
        except ValueError as exc:
            raise Refused(str(exc)) from exc
        click.echo(f"created {user.role} {user.email}")


@users.command(name="list")
def list_users() -> None:
    """List every account: email, role, active or not, name."""
    with db.session_scope() as session:
        for user in session.exec(select(User).order_by(User.email)).all():
            click.echo(f"{user.email}\t{user.role}\t{'active' if user.is_active else 'inactive'}\t{user.name}")


@users.command()
@click.argument("email")
def deactivate(email: str) -> None:
    """Disable an account and end its sessions."""
    with db.session_scope() as session:
        found = session.exec(select(User).where(User.email == auth.normalise_email(email))).first()
        if found is None:
            raise Refused(f"No account for {email}.")
        found.is_active = False
        auth.revoke_all_sessions(session, user_id=found.id)
        click.echo(f"deactivated {found.email}")

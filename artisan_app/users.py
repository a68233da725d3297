"""Staff accounts from the shell.

    python -m artisan_app.users create --role admin --email you@example.com --name "Your Name"
    python -m artisan_app.users list
    python -m artisan_app.users deactivate you@example.com

``create`` prompts for the password twice (never pass it on the command line;
``--password-stdin`` reads one line from standard input for scripts).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlmodel import select

from artisan_app.core import db
from artisan_app.models import Author, Role, User
from artisan_app.services import auth


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ValueError("The passwords don’t match.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artisan_app.users", description="Manage staff accounts.")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create an account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=[r.value for r in Role], default=Role.author.value)
    create.add_argument("--author", default="", help="slug of the byline an author account writes under")
    create.add_argument("--password-stdin", action="store_true")
    sub.add_parser("list", help="list accounts")
    deactivate = sub.add_parser("deactivate", help="disable an account and end its sessions")
    deactivate.add_argument("email")
    args = parser.parse_args(argv)

    try:
        with db.session_scope() as session:
            if args.command == "create":
                author_id = None
                if args.author:
                    author = session.exec(select(Author).where(Author.slug == args.author)).first()
                    if author is None:
                        raise ValueError(f"No author with slug {args.author!r}.")
                    author_id = author.id
                user = auth.create_user(session, email=args.email, name=args.name, role=args.role,
                                        password=_password(args.password_stdin), author_id=author_id)
                print(f"created {user.role} {user.email}")
            elif args.command == "list":
                for user in session.exec(select(User).order_by(User.email)).all():
                    print(f"{user.email}\t{user.role}\t{'active' if user.is_active else 'inactive'}\t{user.name}")
            else:
                found = session.exec(select(User).where(User.email == auth.normalise_email(args.email))).first()
                if found is None:
                    raise ValueError(f"No account for {args.email}.")
                found.is_active = False
                auth.revoke_all_sessions(session, user_id=found.id)
                print(f"deactivated {found.email}")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

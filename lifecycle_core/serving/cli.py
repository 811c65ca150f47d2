"""``lifecycle``: what operators do by hand with the serving stack.

    lifecycle keys create --member MEMBER_ID   # prints a new API key for that member (shown once)
    lifecycle keys revoke KEY_OR_KEY_ID        # or --member MEMBER_ID for all of theirs
    lifecycle keys list [--member MEMBER_ID]
    lifecycle endpoint url                     # the local gateway's OpenAI base URL
    lifecycle endpoint stop                    # stops the local gateway and engine

The partner's member ID is looked up in the warehouse and only its pseudonym is stored with the
key. Paths follow LIFECYCLE_HOME (and LIFECYCLE_WAREHOUSE / LIFECYCLE_PSEUDONYM_KEY where set).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..pii.pseudonym import Pseudonymizer, key_from_text, load_dev_key
from .gateway.keys import KeyStore
from .gateway_process import read_state, stop_gateway
from .local import ServingHome


class CliError(Exception):
    pass


def _home() -> Path:
    return Path(os.environ.get("LIFECYCLE_HOME", ".lifecycle")).resolve()


def pseudonym_of(member_id: str) -> str:
    """The member's pseudonym, if the warehouse knows the member (a key for nobody is refused)."""
    import duckdb

    secret = os.environ.get("LIFECYCLE_PSEUDONYM_KEY")
    key = key_from_text(secret) if secret else load_dev_key(_home() / "secrets" / "pseudonym.key")
    pseudonym = Pseudonymizer(key).member_key(member_id)
    database = os.environ.get("LIFECYCLE_WAREHOUSE") or str(_home() / "lifecycle.duckdb")
    if not Path(database).exists() and not database.startswith("md:"):
        raise CliError(f"no warehouse at {database}: ingest members first (scripts/quickstart.sh or ingest_job)")
    with duckdb.connect(database, read_only=True) as con:
        found = con.execute("SELECT 1 FROM warehouse.members WHERE member_key = ? LIMIT 1", [pseudonym]).fetchone()
    if not found:
        raise CliError(f"member {member_id} is not in warehouse.members; no key issued")
    return pseudonym


def keys_command(args: argparse.Namespace) -> None:
    store = KeyStore(ServingHome.of().keys_db)
    if args.action == "create":
        issued = store.create(pseudonym_of(args.member))
        print(issued.key)
        print(f"key id {issued.key_id} for member {args.member} (stored as {issued.member}); "
              "the key is shown once", file=sys.stderr)  # fmt: skip
    elif args.action == "revoke":
        if args.member:
            count = store.revoke_member(pseudonym_of(args.member))
        elif args.key:
            count = store.revoke(args.key)
        else:
            raise CliError("revoke needs a key, a key id or --member")
        print(f"revoked {count} key(s)")
        if count == 0:
            raise CliError("no live key matched")
    else:
        member = pseudonym_of(args.member) if args.member else None
        for row in store.list(member):
            state = "revoked" if row["revoked_at"] else "live"
            print(f"{row['key_id']}  {row['member']}  {state}")


def endpoint_command(args: argparse.Namespace) -> None:
    home = ServingHome.of()
    if args.action == "url":
        state = read_state(home.gateway_dir)
        if state is None:
            raise CliError(
                "the local gateway is not running; deploy it: dagster job execute -m definitions -j deploy_job"
            )
        print(f"{state['url']}/v1")
    else:
        stopped = stop_gateway(home.gateway_dir)
        from . import supervisor  # the engine's supervisor

        supervisor.stop(home.engine_dir)
        print("stopped the gateway and the engine" if stopped else "the gateway was not running; engine stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lifecycle", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    groups = parser.add_subparsers(dest="group", required=True)
    keys = groups.add_parser("keys", help="API keys of members")
    keys_actions = keys.add_subparsers(dest="action", required=True)
    create = keys_actions.add_parser("create", help="issue a key for a member")
    create.add_argument("--member", required=True, help="the partner's member ID")
    revoke = keys_actions.add_parser("revoke", help="revoke a key (the key or its id) or all of a member's")
    revoke.add_argument("key", nargs="?")
    revoke.add_argument("--member")
    listing = keys_actions.add_parser("list", help="keys, live and revoked (ids only)")
    listing.add_argument("--member")
    keys.set_defaults(run=keys_command)
    endpoint = groups.add_parser("endpoint", help="the local endpoint")
    endpoint.add_argument("action", choices=["url", "stop"])
    endpoint.set_defaults(run=endpoint_command)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except CliError as err:
        print(f"lifecycle: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``samverkan``: serve the API, or read the rules from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from samverkan.kernel.config import Settings, load_settings
from samverkan.kernel.errors import ConfigError, ProblemError
from samverkan.kernel.i18n import language, set_language
from samverkan.kernel.rulebook import RuleBook


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="samverkan", description=__doc__)
    parser.add_argument("--config", help="config file (default: config/samverkan.toml)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", help="address to bind (default: config server.host)")
    serve.add_argument("--port", type=int, help="port (default: config server.port, 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server worker processes (one of them sweeps at a time, by a lease in the database)",
    )

    commands.add_parser("agreements", help="list the enabled agreements and their versions")

    ladder = commands.add_parser("ladder", help="show an agreement's escalation ladder")
    ladder.add_argument("agreement", help="agreement id (see: samverkan agreements)")
    ladder.add_argument("--on", type=_date, help="date whose rules apply (default: today)")
    ladder.add_argument("--kind", help="ladder kind (default: the agreement's first)")
    ladder.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    keys = commands.add_parser("keys", help="API keys: create, list, revoke")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    create = key_commands.add_parser("create", help="create a key (shown once)")
    create.add_argument("--org", required=True, help="SCB code of a municipality, or a region's")
    create.add_argument("--role", choices=("party", "admin"), default="party")
    create.add_argument(
        "--agreements", default="", help="for admin keys: comma-separated agreement ids"
    )
    create.add_argument("--label", default="", help="who holds the key (shown in the audit)")
    key_commands.add_parser("list", help="list keys (never the keys themselves)")
    revoke = key_commands.add_parser("revoke", help="revoke a key by id")
    revoke.add_argument("key_id")

    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_commands.add_parser("export", help="write the audit log as CSV")
    export.add_argument("--since", type=_date, help="from this day (inclusive)")
    export.add_argument("--until", type=_date, help="to this day (inclusive)")
    export.add_argument("--output", help="file to write (default: standard output)")

    plugin = commands.add_parser("plugin", help="write a new agreement plugin, or check one")
    plugin_commands = plugin.add_subparsers(dest="plugin_command", required=True)
    new = plugin_commands.add_parser(
        "new", help="create a plugin package (samverkan-ID) with every rule stubbed"
    )
    new.add_argument("id", help="agreement id and entry-point name: a-z, 0-9 and _")
    new.add_argument("--county", required=True, help="the county (län) whose agreement it is")
    new.add_argument("--parent", default="", help="the agreement it refines (sub-regional)")
    new.add_argument("--dir", default=".", help="where to create it (default: here)")
    check = plugin_commands.add_parser("check", help="run the plugin kit on an installed plugin")
    check.add_argument("id", help="the plugin's entry-point name")
    check.add_argument(
        "--skip", action="append", default=[], metavar="CHECK", help="leave a check out"
    )
    check.add_argument("--texts", help="folder of source texts (default: the package's texts/)")

    followup = commands.add_parser(
        "followup", help="the yearly follow-up of an agreement from its cases, as JSON or CSV"
    )
    followup.add_argument(
        "--agreement", required=True, help="agreement id (see: samverkan agreements)"
    )
    followup.add_argument("--year", type=int, help="a calendar year (or --from and --to)")
    followup.add_argument("--from", dest="first", type=_date, help="first day (with --to)")
    followup.add_argument("--to", dest="last", type=_date, help="last day (with --from)")
    followup.add_argument("--municipality", help="one municipality's SCB code (local level)")
    followup.add_argument("--format", choices=("json", "csv"), default="json")
    followup.add_argument(
        "--lang", choices=("sv", "en"), help="the report's language (default: SAMVERKAN_LANGUAGE)"
    )
    followup.add_argument("--output", help="file to write (default: standard output)")
    return parser


def _plugin(args: argparse.Namespace) -> int:
    if args.plugin_command == "new":
        from samverkan.scaffold import ScaffoldError, new_plugin

        try:
            folder = new_plugin(args.id, args.county, args.parent, Path(args.dir))
        except ScaffoldError as exc:
            print(f"samverkan: {exc}", file=sys.stderr)
            return 2
        print(f"created {folder}")
        print(f"next: pip install -e '{folder}[test]', then samverkan plugin check {args.id}")
        print(f"      ({folder / 'README.md'} has the steps)")
        return 0
    from samverkan.kit import check

    try:
        lines, ok = check(args.id, skip=args.skip, texts=args.texts)
    except ValueError as exc:
        print(f"samverkan: {exc}", file=sys.stderr)
        return 2
    print(f"samverkan plugin check {args.id}")
    print("\n".join(lines))
    return 0 if ok else 1


def _followup(settings: Settings, rulebook: RuleBook, args: argparse.Namespace) -> int:
    """The operator's report: every case, as the API gives it to a key that sees them all."""
    from samverkan.cases.followup import FollowUp, period, to_csv
    from samverkan.wiring import open_store

    first, last = period(args.year, args.first, args.last)
    store = open_store(settings)
    try:
        service = FollowUp(store, rulebook.registry, rulebook.clock, audit=None)
        lang = args.lang or language()
        report = service.report(args.agreement, first, last, args.municipality, None, lang)
    finally:
        store.close()
    if args.format == "csv":
        text = to_csv(report)
    else:
        text = json.dumps(msgspec.to_builtins(report), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(
            f"the {args.format} follow-up of {args.agreement} {first} – {last} written to "
            f"{args.output}"
        )
    else:
        sys.stdout.write(text)
    return 0


def _keys(settings: Settings, rulebook: RuleBook, args: argparse.Namespace) -> int:
    from samverkan.access.keys import Keys
    from samverkan.wiring import open_store

    keys = Keys(open_store(settings), rulebook.registry)
    if args.keys_command == "create":
        agreements = [a.strip() for a in args.agreements.split(",") if a.strip()]
        key, record = keys.create(args.org, args.role, agreements, args.label)
        print(
            f"key id: {record['id']}  org: {record['org']}  role: {record['role']}"
            + (f"  agreements: {', '.join(agreements)}" if agreements else "")
        )
        print("API key (shown once; store it safely):")
        print(key)
        return 0
    if args.keys_command == "list":
        for row in keys.list():
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
            print(
                f"{row['id']}  {row['org']:>4}  {row['role']:<5}  {row['agreements']}  "
                f"{row['label']}  created {row['created_at']}  {state}"
            )
        return 0
    if keys.revoke(args.key_id):
        print(f"revoked {args.key_id}")
        return 0
    print(f"samverkan: no active key {args.key_id}", file=sys.stderr)
    return 1


def _audit_export(settings: Settings, args: argparse.Namespace) -> int:
    from samverkan.access.audit import COLUMNS, Audit
    from samverkan.wiring import open_store

    rows = Audit.export(open_store(settings), args.since, args.until)
    text = Audit.to_csv(rows)
    if args.output:
        Path(args.output).write_text(text)
        print(f"{len(rows)} rows written to {args.output} ({', '.join(COLUMNS)})")
    else:
        sys.stdout.write(text)
    return 0


def _agreements(rulebook: RuleBook) -> int:
    from samverkan.kernel.validity import describe_end

    registry = rulebook.registry
    statuses = {s.id: s for s in rulebook.health().agreements}
    for agreement in registry.agreements.values():
        parent = f" (refines {agreement.parent})" if agreement.parent else ""
        status = statuses[agreement.id]
        print(f"{agreement.id}: {agreement.name}{parent}")
        print(f"  status: {status.status}: {status.message}")
        for v in agreement.versions:
            term = registry.term(agreement.id, v.key)
            print(f"  {v.key}: {v.valid_from} – {describe_end(term)}  {v.title}")
    return 0


def _ladder(rulebook: RuleBook, args: argparse.Namespace) -> int:
    from samverkan.kernel.rulebook import tier_lines

    answer = rulebook.ladder(args.agreement, args.on, args.kind)
    if args.json:
        print(json.dumps(msgspec.to_builtins(answer), ensure_ascii=False, indent=2))
        return 0
    print(
        f"{args.agreement} on {answer.on} ({answer.version.agreement}/{answer.version.key}), "
        f"ladder {answer.ladder.kind}: {answer.ladder.name}"
    )
    for notice in answer.notices:
        print(f"  NOTE: {notice.text}")
    for line in tier_lines(answer.ladder):
        print(line)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = os.environ.get("SAMVERKAN_LANGUAGE") or os.environ.get("LANG", "")
    set_language("en" if lang.startswith("en") else "sv")  # the API chooses by Accept-Language
    if args.command == "plugin":
        return _plugin(args)
    try:
        settings = load_settings(args.config)
        if args.command == "serve":
            return _serve(settings, args.host, args.port, args.workers, args.config)
        from samverkan.wiring import build_rulebook

        rulebook = build_rulebook(settings)
        if args.command == "keys":
            return _keys(settings, rulebook, args)
        if args.command == "audit":
            return _audit_export(settings, args)
        if args.command == "agreements":
            return _agreements(rulebook)
        if args.command == "ladder":
            return _ladder(rulebook, args)
        if args.command == "followup":
            return _followup(settings, rulebook, args)
    except ConfigError as exc:
        print(f"samverkan: configuration error: {exc}", file=sys.stderr)
        return 2
    except ProblemError as exc:
        print(f"samverkan: {exc.detail}", file=sys.stderr)
        return 1
    return 0


def _serve(
    settings: Settings, host: str | None, port: int | None, workers: int, config: str | None
) -> int:
    from samverkan.kernel.logsafe import configure_logging
    from samverkan.server import serve

    configure_logging()
    if workers > 1:
        # several processes: each builds the app from the same config (checked here first)
        from samverkan.wiring import build_rulebook

        build_rulebook(settings)
        if config:
            os.environ["SAMVERKAN_CONFIG"] = str(Path(config).resolve())
    return serve(settings, host or settings.server.host, port or settings.server.port, workers)


if __name__ == "__main__":
    sys.exit(main())

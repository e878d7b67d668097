"""Import a Slack workspace export (the standard ZIP, or its extracted folder).

Every message by a person in the roster becomes a ``post``, ``reply``, ``message`` (DM)
and ``mention`` events; message text is never imported. docs/importers.md ("Slack")
says which files are read, how people join the roster, and what is rejected or skipped.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from orgsocial.config import mapping_fields
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import Imported
from orgsocial.importers.rejects import REJECT_COLUMNS
from orgsocial.importers.roster import Roster
from orgsocial.io import contract as c

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
#: Subtypes that are Slack's own notices, not a person communicating.
SYSTEM_SUBTYPES = frozenset(
    {
        f"{kind}_{change}"
        for kind in ("channel", "group")
        for change in ("join", "leave", "topic", "purpose", "name", "archive", "unarchive")
    }
    | {
        "bot_add",
        "bot_remove",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "tombstone",
        "joiner_notification",
        "slackbot_response",
    }
)


@dataclass(frozen=True)
class SlackMapping:
    """How to read a Slack export (every key of the YAML mapping)."""

    join: str = "id"  # "id": roster aliases hold Slack user ids; "email": users.json e-mails
    external_channels: tuple[str, ...] = ()  # Slack Connect channels with customers
    channel: str = "slack"


def load_slack_mapping(path: Path | None, **overrides: Any) -> SlackMapping:
    """Read a Slack mapping (unknown keys are an error)."""
    values = mapping_fields(path, SlackMapping, "slack mapping", overrides)
    if "external_channels" in values:
        values["external_channels"] = tuple(values["external_channels"] or ())
    if values.get("join", "id") not in ("id", "email"):
        raise ParameterError("slack mapping: join must be id or email")
    return SlackMapping(**values)


class _Export:
    """Files of an export, from a ZIP or a folder, by their path inside it."""

    def __init__(self, source: Path) -> None:
        self.source = source
        if source.is_dir():
            self.names = sorted(
                p.relative_to(source).as_posix() for p in source.rglob("*.json") if p.is_file()
            )
            self._zip = None
        elif not source.exists():
            raise DatasetError(source, "does not exist (give the Slack export's ZIP or folder)")
        else:
            try:
                self._zip = zipfile.ZipFile(source)
            except (OSError, zipfile.BadZipFile) as error:
                raise DatasetError(source, f"not a Slack export (ZIP or folder): {error}") from None
            self.names = sorted(n for n in self._zip.namelist() if n.endswith(".json"))
        # exports zipped with a top folder: strip it
        tops = {PurePosixPath(n).parts[0] for n in self.names if "/" in n}
        at_top = any(n.endswith("users.json") and "/" not in n for n in self.names)
        self.prefix = next(iter(tops)) + "/" if len(tops) == 1 and not at_top else ""

    def text(self, name: str) -> str | None:
        """The text of a file in the export, or None when it is not there."""
        full = self.prefix + name
        try:
            data = self._zip.read(full) if self._zip else (self.source / full).read_bytes()
        except (KeyError, FileNotFoundError):
            return None
        except (OSError, zipfile.BadZipFile) as error:
            raise DatasetError(self.source, f"{full}: cannot be read: {error}") from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DatasetError(self.source, f"{full}: not UTF-8 text: {error}") from None

    def read(self, name: str) -> Any:
        """A JSON file of the export (None when it is not there)."""
        text = self.text(name)
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError as error:
            raise DatasetError(
                self.source, f"{self.prefix + name}: not valid JSON: {error}"
            ) from None

    def messages_of(self, folder: str) -> list[str]:
        start = self.prefix + folder + "/"
        return [n[len(self.prefix) :] for n in self.names if n.startswith(start)]


def json_array_with_lines(text: str) -> list[tuple[int, Any]]:
    """The elements of a JSON array, each with the line it starts on (1-based, as an editor shows).

    Raises
    ------
    json.JSONDecodeError
        With the line and column, when the text is not a JSON array.

    Examples
    --------
    >>> json_array_with_lines('[\\n  {"ts": "1"},\\n\\n  {"ts": "2"}\\n]')
    [(2, {'ts': '1'}), (4, {'ts': '2'})]
    """
    decoder = json.JSONDecoder()
    position = _SPACE.match(text, 0).end()
    if not text.startswith("[", position):
        raise json.JSONDecodeError("expected a list of messages ('[')", text, position)
    position = _SPACE.match(text, position + 1).end()
    items: list[tuple[int, Any]] = []
    line, counted = 1, 0
    while not text.startswith("]", position):
        line += text.count("\n", counted, position)
        counted = position
        value, position = decoder.raw_decode(text, position)
        items.append((line, value))
        position = _SPACE.match(text, position).end()
        if text.startswith(",", position):
            position = _SPACE.match(text, position + 1).end()
        elif not text.startswith("]", position):
            raise json.JSONDecodeError("expected ',' or ']'", text, position)
    end = _SPACE.match(text, position + 1).end()
    if end != len(text):
        raise json.JSONDecodeError("extra data after the list", text, end)
    return items


_SPACE = re.compile(r"[ \t\n\r]*")


COUNTS = (
    "messages",
    "system_skipped",
    "bot_skipped",
    "rejected",
    "files_rejected",
    "posts",
    "replies",
    "direct_messages",
    "mentions",
    "mentions_of_bots",
    "mentions_outside_roster",
)


def import_slack(source: Path, roster: Roster, mapping: SlackMapping | None = None) -> Imported:
    """Read a Slack export into contract events for the roster's people."""
    reader = _SlackReader(_Export(source), roster, mapping or SlackMapping())
    for folder, conversation, kind, members in reader.conversations():
        for name in reader.export.messages_of(folder):
            reader.read_file(name, folder, conversation, kind, members)
    return Imported(
        pd.DataFrame(reader.rejects, columns=list(REJECT_COLUMNS)),
        reader.counts,
        activity=pd.DataFrame(reader.rows, columns=list(c.ACTIVITY_COLUMNS)),
    )


class _SlackReader:
    """One export read message by message: the events kept, the records set aside
    (with file, line and reason) and the counts of each."""

    def __init__(self, export: _Export, roster: Roster, mapping: SlackMapping) -> None:
        users = export.read("users.json")
        if not isinstance(users, list):
            raise DatasetError(export.source, "users.json is missing: not a Slack workspace export")
        self.export, self.roster, self.mapping = export, roster, mapping
        self.bots = {u["id"] for u in users if u.get("is_bot") or u.get("id") == "USLACKBOT"}
        self.email = {u["id"]: (u.get("profile") or {}).get("email", "") for u in users}
        self.rows: list[dict[str, str]] = []
        self.rejects: list[dict[str, object]] = []
        self.counts = dict.fromkeys(COUNTS, 0)

    def employee(self, user: str | None) -> str | None:
        """The roster's employee id of a Slack user (``None``: not in the roster)."""
        if not user:
            return None
        return self.roster.employee_for(
            self.email.get(user) if self.mapping.join == "email" else user
        )

    def conversations(self) -> list[tuple[str, str, str, list[str]]]:
        """(folder, id, kind, members) of every channel, group, DM and multi-person DM."""
        found = []
        for file, kind in (
            ("channels.json", "channel"),
            ("groups.json", "channel"),
            ("dms.json", "dm"),
            ("mpims.json", "mpim"),
        ):
            for entry in self.export.read(file) or []:
                folder = entry.get("name") or entry.get("id")
                found.append((folder, entry.get("id", folder), kind, entry.get("members", [])))
        return found

    def _not_in_roster(self, user: str, who: str = "the Slack user") -> str:
        """Why a Slack user does not join the roster, naming the id and what to add."""
        if self.mapping.join == "email":
            fix = (
                "no roster row has the e-mail that users.json gives for them"
                if self.email.get(user)
                else "users.json has no e-mail for them"
            )
        else:
            fix = "add a roster row with that id as an alias"
        return f"{who} {user} is not in the roster {self.roster.file} ({fix})"

    def reject(self, name: str, line: int, reason: str, value: str = "", count: str = "") -> None:
        """Set a record aside (counted under ``count``, when given)."""
        self.rejects.append({"file": name, "line": line, "reason": reason, "value": value})
        if count:
            self.counts[count] += 1

    def read_file(
        self, name: str, folder: str, conversation: str, kind: str, members: list[str]
    ) -> None:
        """Every message of one day's file (a file that is not JSON is set aside whole)."""
        try:
            messages = json_array_with_lines(self.export.text(name) or "[]")
        except json.JSONDecodeError as error:
            reason = f"not valid JSON: {error.msg} (column {error.colno}); the file is left out"
            self.reject(name, error.lineno, reason, count="files_rejected")
            return
        external = folder in self.mapping.external_channels
        for line, message in messages:
            self.counts["messages"] += 1
            actor = self._actor(name, line, message)
            if actor is None:
                continue
            for mentioned in self._events(message, actor, conversation, kind, members, external):
                who = self._not_in_roster(mentioned, "the mentioned Slack user")
                kept = ": the mention is left out, the message is kept"
                self.reject(name, line, who + kept, mentioned)

    def _actor(self, name: str, line: int, message: object) -> str | None:
        """The employee who wrote ``message``; ``None`` (counted, and set aside when it is
        not a system or bot message) when there is none."""
        if not isinstance(message, dict):
            self.reject(name, line, "not a message object", count="rejected")
            return None
        subtype = message.get("subtype")
        user = message.get("user") or (message.get("comment") or {}).get("user")
        if subtype in SYSTEM_SUBTYPES:
            self.counts["system_skipped"] += 1
            return None
        if subtype == "bot_message" or (message.get("bot_id") and not user) or user in self.bots:
            self.counts["bot_skipped"] += 1
            return None
        actor = self.employee(user)
        if actor is None and user:
            self.reject(name, line, self._not_in_roster(user), user, "rejected")
        elif actor is None:
            self.reject(name, line, "the message names no Slack user", count="rejected")
        return actor

    def _events(
        self,
        message: dict,
        actor: str,
        conversation: str,
        kind: str,
        members: list[str],
        external: bool,
    ) -> list[str]:
        """Keep the message's events; return the users it mentions who are not in the roster."""
        ts = str(message.get("ts", ""))
        event_id = f"slack:{conversation}:{ts}"
        base = {
            "timestamp": slack_time(ts),
            "actor_id": actor,
            "channel": self.mapping.channel,
            "audience": "external" if external else "internal",
            "target_id": "",
            "in_reply_to": "",
            "business_unit": "",
        }
        thread = str(message.get("thread_ts") or "")
        if kind == "channel" and thread and thread != ts:
            parent = f"slack:{conversation}:{thread}"
            self._keep("replies", base, event_id, "reply", in_reply_to=parent)
        elif kind == "channel":
            self._keep("posts", base, event_id, "post")
        else:
            others = [e for e in map(self.employee, members) if e not in (None, actor)]
            for k, other in enumerate(others or [""]):
                suffix = "" if k == 0 else f":to{k}"
                self._keep("direct_messages", base, event_id + suffix, "message", target_id=other)
        return self._mentions(message, base, event_id)

    def _keep(self, count: str, base: dict, event_id: str, action: str, **more: str) -> None:
        """Keep one event (``base`` with these fields), counted under ``count``."""
        self.rows.append({**base, "event_id": event_id, "action": action, **more})
        self.counts[count] += 1

    def _mentions(self, message: dict, base: dict[str, str], event_id: str) -> list[str]:
        """Keep a ``mention`` event for each other person in the roster the message mentions
        (once each); return the users it mentions who are not in the roster (once each)."""
        mentioned: dict[str, None] = {}  # dicts as ordered sets
        outside: dict[str, None] = {}
        for user in MENTION.findall(message.get("text") or ""):
            target = self.employee(user)
            if user in self.bots:
                self.counts["mentions_of_bots"] += 1
            elif target is None:
                outside[user] = None
            elif target != base["actor_id"]:
                mentioned[target] = None
        self.counts["mentions_outside_roster"] += len(outside)
        for k, target in enumerate(mentioned, start=1):
            self._keep("mentions", base, f"{event_id}:m{k}", "mention", target_id=target)
        return list(outside)


def slack_time(ts: str) -> str:
    """Slack's ``seconds.micro`` message stamp as ISO-8601 UTC, without float rounding.

    Examples
    --------
    >>> slack_time("1452837352.000006")
    '2016-01-15T05:55:52.000006Z'
    """
    seconds, _, fraction = ts.partition(".")
    moment = pd.Timestamp(int(seconds), unit="s", tz="UTC")
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{(fraction + '000000')[:6]}Z"

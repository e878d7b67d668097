"""Import a Slack workspace export (the standard ZIP, or its extracted folder).

Read: ``users.json``, ``channels.json`` (public), ``groups.json`` (private),
``dms.json`` (direct messages), ``mpims.json`` (group DMs) and the message files
``<conversation>/<YYYY-MM-DD>.json``. Every message by a person becomes an
event: a ``post`` in a channel, a ``reply`` in a thread (``in_reply_to`` = the
thread's first message, so its counterpart is the parent's author), a
``message`` in a DM (``target_id`` = the other person; one event per other
person in a group DM). Every ``<@U…>`` mention of another person adds a
``mention`` event to them. Message text is never imported.

People join the HR roster by Slack user id (a roster alias column) or by the
e-mail in ``users.json``; ids become pseudonyms. Messages by people not in the
roster are rejected with the file and message; bots and system messages
(joins, topic changes, integrations) are skipped and counted.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from orgsocial import contract as c
from orgsocial.config import mapping_fields
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers.roster import Roster

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
#: Subtypes that are Slack's own notices, not a person communicating.
SYSTEM_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "group_topic",
        "group_purpose",
        "group_name",
        "group_archive",
        "group_unarchive",
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
BOT_SUBTYPES = frozenset({"bot_message"})


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
        else:
            try:
                self._zip = zipfile.ZipFile(source)
            except (OSError, zipfile.BadZipFile) as error:
                raise DatasetError(source, f"not a Slack export (ZIP or folder): {error}") from None
            self.names = sorted(n for n in self._zip.namelist() if n.endswith(".json"))
        # exports zipped with a top folder: strip it
        tops = {PurePosixPath(n).parts[0] for n in self.names if "/" in n}
        self.prefix = ""
        if (
            not any(n.endswith("users.json") and "/" not in n for n in self.names)
            and len(tops) == 1
        ):
            self.prefix = next(iter(tops)) + "/"

    def read(self, name: str) -> Any:
        full = self.prefix + name
        try:
            if self._zip is not None:
                data = self._zip.read(full)
            else:
                data = (self.source / full).read_bytes()
            return json.loads(data.decode("utf-8"))
        except KeyError:
            return None
        except FileNotFoundError:
            return None
        except (ValueError, UnicodeDecodeError) as error:
            raise DatasetError(self.source, f"{full}: not valid JSON: {error}") from None

    def messages_of(self, folder: str) -> list[str]:
        start = self.prefix + folder + "/"
        return [n[len(self.prefix) :] for n in self.names if n.startswith(start)]


@dataclass(frozen=True)
class SlackImport:
    """Events in the contract plus what was set aside."""

    activity: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, int]


def import_slack(source: Path, roster: Roster, mapping: SlackMapping | None = None) -> SlackImport:
    """Read a Slack export into contract events for the roster's people."""
    mapping = mapping or SlackMapping()
    export = _Export(source)
    users = export.read("users.json")
    if not isinstance(users, list):
        raise DatasetError(source, "users.json is missing: not a Slack workspace export")
    bots = {u["id"] for u in users if u.get("is_bot") or u.get("id") == "USLACKBOT"}
    email = {u["id"]: (u.get("profile") or {}).get("email", "") for u in users}

    def employee(user: str | None) -> str | None:
        if not user:
            return None
        return roster.employee_for(email.get(user) if mapping.join == "email" else user)

    conversations: list[tuple[str, str, str, list[str]]] = []  # (folder, id, kind, members)
    for file, kind in (
        ("channels.json", "channel"),
        ("groups.json", "channel"),
        ("dms.json", "dm"),
        ("mpims.json", "mpim"),
    ):
        for entry in export.read(file) or []:
            folder = entry.get("name") or entry.get("id")
            conversations.append((folder, entry.get("id", folder), kind, entry.get("members", [])))

    rows: list[dict[str, str]] = []
    rejects: list[dict[str, object]] = []
    counts = dict.fromkeys(
        (
            "messages",
            "system_skipped",
            "bot_skipped",
            "rejected",
            "posts",
            "replies",
            "direct_messages",
            "mentions",
            "mentions_outside_roster",
        ),
        0,
    )
    for folder, conversation, kind, members in conversations:
        external = folder in mapping.external_channels
        for name in export.messages_of(folder):
            for position, message in enumerate(export.read(name) or [], start=1):
                counts["messages"] += 1
                subtype = message.get("subtype")
                user = message.get("user") or (message.get("comment") or {}).get("user")
                if subtype in SYSTEM_SUBTYPES:
                    counts["system_skipped"] += 1
                    continue
                if subtype in BOT_SUBTYPES or (message.get("bot_id") and not user) or user in bots:
                    counts["bot_skipped"] += 1
                    continue
                actor = employee(user)
                if actor is None:
                    counts["rejected"] += 1
                    rejects.append(
                        {
                            "file": name,
                            "line": position,
                            "reason": "the Slack user is not in the roster",
                        }
                    )
                    continue
                rows.extend(
                    _events(
                        message,
                        actor,
                        conversation,
                        kind,
                        members,
                        employee,
                        external,
                        mapping.channel,
                        counts,
                    )
                )
    activity = pd.DataFrame(rows, columns=list(c.ACTIVITY_COLUMNS))
    reject_frame = pd.DataFrame(rejects, columns=["file", "line", "reason"])
    return SlackImport(activity, reject_frame, counts)


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


def _events(
    message: dict,
    actor: str,
    conversation: str,
    kind: str,
    members: list[str],
    employee,
    external: bool,
    channel: str,
    counts: dict[str, int],
) -> list[dict[str, str]]:
    ts = str(message.get("ts", ""))
    event_id = f"slack:{conversation}:{ts}"
    when = slack_time(ts)
    base = {
        "timestamp": when,
        "actor_id": actor,
        "channel": channel,
        "audience": "external" if external else "internal",
        "target_id": "",
        "in_reply_to": "",
        "business_unit": "",
    }
    thread = str(message.get("thread_ts") or "")
    events = []
    if kind == "channel":
        if thread and thread != ts:
            events.append(
                {
                    **base,
                    "event_id": event_id,
                    "action": "reply",
                    "in_reply_to": f"slack:{conversation}:{thread}",
                }
            )
            counts["replies"] += 1
        else:
            events.append({**base, "event_id": event_id, "action": "post"})
            counts["posts"] += 1
    else:
        others = [employee(m) for m in members if employee(m) not in (None, actor)]
        for k, other in enumerate(others or [""]):
            suffix = "" if k == 0 else f":to{k}"
            events.append(
                {**base, "event_id": event_id + suffix, "action": "message", "target_id": other}
            )
            counts["direct_messages"] += 1
    mentioned: list[str] = []
    for user in MENTION.findall(message.get("text") or ""):
        target = employee(user)
        if target is None:
            counts["mentions_outside_roster"] += 1
        elif target != actor and target not in mentioned:
            mentioned.append(target)
    for k, target in enumerate(mentioned, start=1):
        events.append(
            {**base, "event_id": f"{event_id}:m{k}", "action": "mention", "target_id": target}
        )
        counts["mentions"] += 1
    return events

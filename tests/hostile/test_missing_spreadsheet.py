"""A digest killed mid-send after its message went out but before its spreadsheet did
gets the spreadsheet on recovery, found through the message's metadata; one whose
spreadsheet did go out is not sent it twice. (The run's recovery marked such a slot
sent with "spreadsheet not re-checked", and the .xlsx never arrived.)"""

from __future__ import annotations

from bot.digest import digest_reply, sweep_claims
from tests.chat.test_digest import ready, slack_delivery, sub  # noqa: F401 - fixtures
from tests.hostile.test_claim_sweep import cut_off


def test_the_missing_spreadsheet_is_attached_to_the_digest_found(ready, slack, sub):  # noqa: F811
    delivery = slack_delivery(slack)
    reply, _ = digest_reply(ready, sub)
    ts = delivery.post(sub, reply, "slot-1")  # posted; the process died before the upload
    delivery_id = cut_off(ready, sub, "slot-1", seconds_ago=120)
    assert sweep_claims(ready, delivery) == {delivery_id: "sent"}
    assert len(slack.messages["C200"]) == 1
    (upload,) = slack.completed_uploads
    assert upload["thread_ts"] == ts and upload["channel_id"] == "C200"
    (row,) = ready.store.deliveries()
    assert row.status == "sent" and row.message_id == ts and row.file_id


def test_a_spreadsheet_already_in_the_thread_is_not_sent_twice(ready, slack, sub):  # noqa: F811
    delivery = slack_delivery(slack)
    reply, _ = digest_reply(ready, sub)
    ts = delivery.post(sub, reply, "slot-1")
    delivery.attach(sub, ts, "hubs-figures.xlsx", b"xlsx")  # both out; the ledger was not told
    delivery_id = cut_off(ready, sub, "slot-1", seconds_ago=120)
    assert sweep_claims(ready, delivery) == {delivery_id: "sent"}
    assert len(slack.completed_uploads) == 1 and len(slack.messages["C200"]) == 1

"""The trailers of a report received on a unit's behalf: written and read by one definition, as git does."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from zwxt.plan.received import Received, received_trailers

DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
SAID = Received("市审计局", date(2018, 4, 2), DIGEST)
SUBJECT = "市审计局 2018年3月进展报告（2018年4月2日收到）"


def test_what_is_written_is_read_back_and_git_reads_the_same_trailers() -> None:
    message = f"{SUBJECT}\n\n{SAID.trailers()}"
    assert received_trailers(message) == SAID
    parsed = subprocess.run(["git", "interpret-trailers", "--parse"], input=message.encode(),
                            capture_output=True, check=True).stdout.decode()
    assert parsed == SAID.trailers()


def test_keys_in_any_case_and_other_trailers_beside_them() -> None:
    signed = "Signed-off-by: 网信局小李 <wxj@example.gov.cn>\n"
    block = SAID.trailers().replace("Received-On", "received-on") + signed
    assert received_trailers(f"{SUBJECT}\n\n说明一段。\n\n{block}\n\n") == SAID
    upper = SAID.trailers().replace(DIGEST, DIGEST.upper())
    assert received_trailers(f"{SUBJECT}\n\n{upper}") == SAID


@pytest.mark.parametrize("message", [
    SAID.trailers(),  # the subject alone is no trailer block
    f"{SUBJECT}\n\n{SAID.trailers()}\n后面又写了一段说明。\n",  # not the last paragraph
    f"{SUBJECT}\n\n{SAID.trailers()}这一行不是 trailer\n",  # the block mixed with prose
    f"{SUBJECT}\n\n{SAID.trailers()}Received-For: 台山市\n",  # a key twice
    f"{SUBJECT}\n\n{SAID.trailers().replace('Received-On: 2018-04-02', 'Received-On: 2018-02-30')}",
    f"{SUBJECT}\n\n{SAID.trailers().replace('Received-On: 2018-04-02', 'Received-On: 2018年4月2日')}",
    f"{SUBJECT}\n\n{SAID.trailers().replace(DIGEST, DIGEST[:40])}",  # a SHA-1, not a SHA-256
    f"{SUBJECT}\n\n{SAID.trailers().replace('Received-For: 市审计局', 'Received-For:')}",
    f"{SUBJECT}\n\nReceived-For: 市审计局\nReceived-On: 2018-04-02\n",  # the digest missing
])
def test_trailers_that_do_not_say_it_whole_say_nothing(message: str) -> None:
    assert received_trailers(message) is None

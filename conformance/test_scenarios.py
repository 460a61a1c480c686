"""Scenario files from Python: loading over the admin API, refused files, the clock, and
connection faults as `requests` sees them. Until the vendor modules are merged, the faults target
`admin.health` (the one route every build has); docs/scenarios.md documents every key."""
import time

import pytest
import requests

FAULTS = """
name: py-faults
faults:
  - {match: {api: admin.health}, when: {calls: [1]}, fault: reset}
  - {match: {api: admin.health}, when: {calls: [2]}, fault: empty_response}
  - {match: {api: admin.health}, when: {calls: [3]}, fault: {dribble: {chunks: 4, duration: 1s}}}
  - {match: {api: admin.health}, when: {calls: [4]}, respond: {status: 503, headers: {Retry-After: "3"}, body: {down: true}}}
"""


@pytest.fixture
def own(start_server):
    """A server of its own: these faults would disturb the shared one."""
    return start_server()


def test_connection_faults_as_requests_sees_them(own):
    loaded = own.admin("POST", "/_mock/scenarios", data=FAULTS)
    assert loaded.status_code == 201, loaded.text
    with pytest.raises(requests.exceptions.ConnectionError) as reset:
        requests.get(own.url + "/_mock/health", timeout=5)
    assert "reset" in str(reset.value).lower()
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(own.url + "/_mock/health", timeout=5)
    started = time.monotonic()
    dribbled = requests.get(own.url + "/_mock/health", timeout=5)
    assert dribbled.status_code == 200 and dribbled.json()["status"] == "ok"
    assert time.monotonic() - started >= 0.9
    answered = requests.get(own.url + "/_mock/health", timeout=5)
    assert (answered.status_code, answered.headers["Retry-After"], answered.json()) == (503, "3", {"down": True})
    assert requests.get(own.url + "/_mock/health", timeout=5).status_code == 200


def test_hang_until_the_client_gives_up(own):
    own.admin("POST", "/_mock/scenarios", data="faults: [{match: {api: admin.health}, when: {times: 1}, fault: hang}]")
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(own.url + "/_mock/health", timeout=1)
    assert requests.get(own.url + "/_mock/health", timeout=5).status_code == 200


def test_a_bad_scenario_is_refused_with_every_error(server):
    refused = server.admin("POST", "/_mock/scenarios", data="name: bad\nsed: 1\nfaults:\n  - match: {api: admin.helth}\n    fault: reset\n")
    assert refused.status_code == 400
    body = refused.json()
    assert body["error"] == "invalid_scenario"
    assert [(e["line"], e["field"]) for e in body["errors"]] == [(2, "sed"), (4, "faults[0].match.api")]
    assert "nearest: admin.health" in body["errors"][1]["message"]
    assert "bad" not in [s["name"] for s in server.admin("GET", "/_mock/scenarios").json()["scenarios"]]


def test_the_clock_is_frozen_advanced_and_released(server):
    frozen = server.admin("PUT", "/_mock/clock", json={"set": "2026-01-05T09:00:00+08:00", "frozen": True}).json()
    assert frozen == {"now": "2026-01-05T01:00:00.000Z", "now_ms": 1767574800000, "mode": "frozen"}
    assert server.admin("PUT", "/_mock/clock", json={"advance": "2h"}).json()["now"] == "2026-01-05T03:00:00.000Z"
    assert server.admin("PUT", "/_mock/clock", json={"real": True}).json()["mode"] == "real"


def test_verify_without_expectations_passes(server):
    answer = server.admin("POST", "/_mock/requests/verify", json={}, headers={"X-Mock-Namespace": "py-verify"})
    assert answer.status_code == 200 and answer.json()["ok"] is True
    metrics = server.admin("GET", "/_mock/metrics")
    assert metrics.headers["Content-Type"].startswith("text/plain")
    assert "ticketmock_scenarios_loaded" in metrics.text

"""The transport and admin basics, from an ordinary Python HTTP client."""
import requests


def test_health_answers_json(server):
    answer = requests.get(server.url + "/_mock/health", timeout=5)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert isinstance(body["uptime_s"], float)


def test_unknown_path_is_a_json_404_naming_method_and_path(server):
    answer = requests.delete(server.url + "/no/such/thing", timeout=5)
    assert answer.status_code == 404
    assert answer.json()["method"] == "DELETE"
    assert answer.json()["path"] == "/no/such/thing"

"""BlueKing ITSM through the official ESB client, bkapi-component-open 2.1.0 (bk-itsm.md §14.1).

Drives create → status → suspend → unsuspend → approve → FINISHED with the callback received by a
local receiver and its token verified, a rejection, a withdraw, and the error cases.
"""
import http.server
import json
import threading
import time

import pytest
import requests
from bkapi_component.open.client import Client

APP = {"bk_app_code": "demo-app", "bk_app_secret": "demo-secret", "bk_username": "admin"}
RESULT_KEY = "d5a9073de22acdb23c17563838604c41"
REMARK_KEY = "e715b3a70e929e1261ba25645a9cc807"
REJECT_KEY = "f4541bddfb28b1c65f8241baee64e4db"


class Receiver:
    """A callback receiver on a local port: records each POST, answers with `answer`."""

    def __init__(self, answer=(200, {"code": 0, "result": True})):
        self.received = []
        self.answer = answer
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.append({"headers": dict(self.headers), "body": body})
                status, payload = outer.answer
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/cb"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, count=1, timeout=5):
        deadline = time.time() + timeout
        while len(self.received) < count and time.time() < deadline:
            time.sleep(0.02)
        return self.received

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.close()


def client(server, ver="v2", **auth):
    c = Client(endpoint=server.url, bk_api_ver=ver)
    c.update_bkapi_authorization(**(auth or APP))
    return c


def builtin_ticket(callback_url=None, processors="zhangsan"):
    meta = {}
    if processors:
        meta["state_processors"] = {"407": processors}
    if callback_url:
        meta["callback_url"] = callback_url
        meta["headers"] = {"X-Receiver-Token": "secret-1"}
    return {
        "service_id": 17, "creator": "admin",
        "fields": [{"key": "title", "value": "测试内置审批"}, {"key": "APPROVER", "value": "admin,zhangsan"},
                   {"key": "APPROVAL_CONTENT", "value": "这是一个审批单"}],
        "fast_approval": False, "meta": meta,
    }


def approval_fields(result, remark=""):
    return [{"key": RESULT_KEY, "value": result},
            {"key": REMARK_KEY, "value": remark if result == "true" else ""},
            {"key": REJECT_KEY, "value": remark if result == "false" else ""}]


def test_full_approval_flow_with_callback(fresh, receiver):
    # bk-itsm.md §6, §7, §8, §9.4, §12
    c = client(fresh)
    created = c.itsm.create_ticket(builtin_ticket(receiver.url))
    assert created["result"] is True and created["code"] == 0 and created["message"] == "success"
    sn = created["data"]["sn"]
    assert sn.startswith("REQ") and len(sn) == 17
    assert created["data"]["ticket_url"].endswith(f"/o/bk_itsm/#/ticket/detail?id={created['data']['id']}")
    assert len(created["request_id"]) == 32

    status = c.itsm.get_ticket_status({"sn": sn})["data"]
    assert status["current_status"] == "RUNNING"
    step = status["current_steps"][0]
    assert (step["state_id"], step["processors"], step["status"]) == (407, "zhangsan", "RUNNING")
    keys = [f["key"] for f in step["fields"]]
    assert keys == [RESULT_KEY, REMARK_KEY, REJECT_KEY]

    assert c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "SUSPEND", "action_message": "hold"})["data"] == []
    assert c.itsm.get_ticket_status({"sn": sn})["data"]["current_status"] == "SUSPENDED"
    assert c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "UNSUSPEND", "action_message": "go"})["data"] == []
    assert c.itsm.get_ticket_status({"sn": sn})["data"]["current_status"] == "RUNNING"

    done = c.itsm.operate_node({"sn": sn, "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION",
                                "fields": approval_fields("true", "ok")})
    assert done["result"] is True and done["data"] == []
    final = c.itsm.get_ticket_status({"sn": sn})["data"]
    assert final["current_status"] == "FINISHED" and final["current_steps"] == [] and final["operations"] == []

    received = receiver.wait()
    assert len(received) == 1
    assert received[0]["headers"].get("X-Receiver-Token") == "secret-1"
    payload = json.loads(received[0]["body"])
    assert list(payload) == ["title", "current_status", "sn", "ticket_url", "update_at", "updated_by",
                             "approve_result", "token", "last_approver"]
    assert payload["sn"] == sn and payload["current_status"] == "FINISHED" and payload["approve_result"] is True
    assert payload["last_approver"] == "zhangsan"
    assert len(payload["token"]) == 88
    assert c.itsm.token_verify({"token": payload["token"]})["data"] == {"is_passed": True}
    assert c.itsm.token_verify({"token": "abc"})["data"] == {"is_passed": False}

    logs = [log["message"] for log in c.itsm.get_ticket_logs({"sn": sn})["data"]["logs"]]
    assert logs == ["流程开始.", "admin 处理【提单】", "admin 挂起了单据：hold.", "admin 恢复了单据.",
                    "zhangsan 已处理【内置审批节点】(通过)", "流程结束."]
    info = c.itsm.get_ticket_info({"sn": sn})["data"]
    assert info["updated_by"] == "admin,zhangsan"
    assert c.itsm.callback_failed_ticket()["data"] == []
    callbacks = fresh.admin("GET", "/_mock/callbacks").json()
    assert callbacks["callbacks"][0]["outcome"] == "succeeded"


def test_rejection_finishes_with_false_result(fresh, receiver):
    # bk-itsm.md §11.5: a rejection still ends FINISHED, approve_result false
    c = client(fresh)
    sn = c.itsm.create_ticket(builtin_ticket(receiver.url))["data"]["sn"]
    missing = c.itsm.operate_node({"sn": sn, "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION",
                                   "fields": approval_fields("false", "")})
    assert (missing["code"], missing["message"]) == (3900005, "参数验证失败: 【备注】为必填项")
    rejected = c.itsm.operate_node({"sn": sn, "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION",
                                    "fields": approval_fields("false", "不同意")})
    assert rejected["result"] is True
    payload = json.loads(receiver.wait()[0]["body"])
    assert payload["current_status"] == "FINISHED" and payload["approve_result"] is False
    result = c.itsm.ticket_approval_result({"sn": [sn]})["data"][0]
    assert result["approve_result"] is False


def test_withdraw_revokes_and_calls_back(fresh, receiver):
    # bk-itsm.md §11.4
    c = client(fresh)
    sn = c.itsm.create_ticket(builtin_ticket(receiver.url))["data"]["sn"]
    denied = c.itsm.operate_ticket({"sn": sn, "operator": "lisi", "action_type": "WITHDRAW", "action_message": "x"})
    assert denied["code"] == 3900004
    assert "抱歉，你无权撤销单据" in denied["message"]
    assert c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "WITHDRAW", "action_message": "x"})["result"]
    assert c.itsm.get_ticket_status({"sn": sn})["data"]["current_status"] == "REVOKED"
    assert json.loads(receiver.wait()[0]["body"])["current_status"] == "REVOKED"


def test_failed_callback_is_listed_until_acknowledged(fresh):
    # bk-itsm.md §12.2, §9.5, §9.7
    bad = Receiver(answer=(500, {"code": 1}))
    try:
        c = client(fresh)
        sn = c.itsm.create_ticket(builtin_ticket(bad.url))["data"]["sn"]
        c.itsm.operate_node({"sn": sn, "operator": "zhangsan", "state_id": 407, "action_type": "TRANSITION",
                             "fields": approval_fields("true")})
        bad.wait()
        deadline = time.time() + 5
        while c.itsm.callback_failed_ticket()["data"] != [sn] and time.time() < deadline:
            time.sleep(0.05)
        assert c.itsm.callback_failed_ticket()["data"] == [sn]
        c.itsm.ticket_approval_result({"sn": [sn]})
        assert c.itsm.callback_failed_ticket()["data"] == []
    finally:
        bad.close()


def test_errors(fresh):
    # bk-itsm.md §4, §6.2, §7.1, §8.2
    c = client(fresh)
    unknown = c.itsm.get_ticket_status({"sn": "REQ20240101999999"})
    assert (unknown["result"], unknown["code"], unknown["data"], unknown["message"]) == (False, 3900022, None, "没有找到对应的单据")
    bad_service = c.itsm.create_ticket({"service_id": "abc", "fields": []})
    assert bad_service["message"] == "接口异常，请检查请求参数: Field 'id' expected a number but got 'abc'."
    no_title = c.itsm.create_ticket({"service_id": 17, "fields": []})
    assert (no_title["code"], no_title["message"]) == (3900004, "接口异常，请检查请求参数: 'title'")
    missing = c.itsm.create_ticket({"service_id": 17, "fields": [{"key": "title", "value": "t"}]})
    assert (missing["code"], missing["message"]) == (3900003, "提单失败: 单据创建失败，缺少参数：['APPROVER', 'APPROVAL_CONTENT']")
    sn = c.itsm.create_ticket(builtin_ticket())["data"]["sn"]
    unsuspend = c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "UNSUSPEND", "action_message": "x"})
    assert unsuspend["message"] == "接口异常，请检查请求参数: [ErrorDetail(string='抱歉，该单据不在挂起中，无法操作', code='invalid')]"
    no_message = c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "SUSPEND"})
    assert no_message["message"] == "接口异常，请检查请求参数: 'action_message'"
    bad_action = c.itsm.operate_ticket({"sn": sn, "operator": "admin", "action_type": "XX", "action_message": "x"})
    assert bad_action["message"] == "单据操作失败，不支持的操作类型: XX"
    assert c.itsm.get_service_detail({"service_id": 999})["code"] == 3900404
    assert c.itsm.get_service_roles({"service_id": 999})["code"] == 3900042
    tickets = fresh.admin("GET", "/_mock/tickets?vendor=bk_itsm").json()
    assert tickets["count"] == 1


def test_credentials(fresh):
    # bk-itsm.md §2.2, §14.1: a client without bk_api_ver, a bk_token user, and missing credentials
    c = client(fresh, ver="", bk_app_code="a", bk_app_secret="s", bk_token="tok")
    assert c.itsm.get_services()["result"] is True
    no_user = client(fresh, bk_app_code="a", bk_app_secret="s").itsm.get_services()
    assert no_user["code"] == 1306000
    assert no_user["message"] == "User authentication failed, please provide a valid user identity, such as bk_token, bk_username"
    raw = requests.get(fresh.url + "/api/c/compapi/v2/itsm/get_services/", timeout=5).json()
    assert raw["message"] == "APP Code [bk_app_code] cannot be empty"


def test_strict_auth(start_server):
    # bk-itsm.md §16.3
    strict = start_server("--auth", "strict")
    assert client(strict).itsm.get_services()["result"] is True
    wrong = client(strict, bk_app_code="demo-app", bk_app_secret="nope", bk_username="admin").itsm.get_services()
    assert wrong["message"] == ("APP Secret verification failed, pelase confirm if the APP Secret and APP Code "
                                "[bk_app_code=demo-app] match")


def test_admin_actions(fresh):
    # The admin API acts as the approver without field keys.
    c = client(fresh)
    sn = c.itsm.create_ticket(builtin_ticket(processors=None))["data"]["sn"]
    acted = fresh.admin("POST", f"/_mock/tickets/bk_itsm/{sn}/actions", json={"action": "approve", "by": "zhangsan"})
    assert acted.status_code == 200 and acted.json()["current_status"] == "FINISHED"
    shown = fresh.admin("GET", f"/_mock/tickets/bk_itsm/{sn}").json()
    assert shown["approve_result"] is True

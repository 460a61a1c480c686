"""Huawei Cloud COC tickets driven by the official SDK, huaweicloudsdkcoc 3.1.219 (huawei-coc.md, huawei-auth.md)."""
import hashlib
import hmac
import os
from urllib.parse import quote, unquote, urlsplit

import pytest
import requests
from huaweicloudsdkcoc.v1 import (CocClient, CreateCocIncidentRequest, CreateCocTicketRequestBody,
                                  CreateExternalIncidentRequest, CreateTicketRequest, DeleteTicketInfoRequest,
                                  ExecuteActionParams, ExecuteTicketActionRequest, HandleCocIncidentRequest,
                                  HandleExternalIncidentRequest, ListTicketParamsWithPage, ListTicketsRequest,
                                  ObjectFilter, ShowTicketInfoRequest, TicketCreateSubTicketInfo, UpdateTicketRequest,
                                  CocUpdateChangeRequestBody, CocUpdateChangeRequestBodyHistoryInfo)
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.http.http_handler import HttpHandler

AK = "TESTAK0123456789ABCD"
SK = "testsk0123456789abcdefghijklmnopqrstuvwx"


def make_client(url, sk=SK, captured=None):
    builder = (CocClient.new_builder().with_http_config(HttpConfig.get_default_config())
               .with_credentials(GlobalCredentials(AK, sk)).with_endpoints([url]))
    if captured is not None:
        builder = builder.with_http_handler(HttpHandler().add_request_handler(
            lambda request, logger: captured.append(request)))
    return builder.build()


@pytest.fixture
def coc(fresh):
    return make_client(fresh.url)


def change_body(**overrides):
    fields = dict(title="mock change", change_notes="notes", change_type="change_type_conventional",
                  level="change_level_040", change_scheme="change_scheme_guides", change_guides="guide-doc-id",
                  change_scene_id="GOCMLL06", current_cloud_service_id="app-123", location_id="cn-north-4",
                  is_start_process=True,
                  sub_tickets=[TicketCreateSubTicketInfo(app_name="ECS", region="cn-north-4", target_type="change_scope"),
                               TicketCreateSubTicketInfo(target_type="child_ticket", target_value="cn-north-4",
                                                         expected_start_time=1750737600000,
                                                         expected_end_time=1750741200000, executors="user-id-1",
                                                         cooperators="user-id-2")])
    fields.update(overrides)
    return CreateCocTicketRequestBody(**fields)


def issue_body(**overrides):
    fields = dict(title="mock issue", description="desc", enterprise_project="0", level="issues_level_4000",
                  ticket_type="issues_type_1000", regions="cn-north-4", source="issues_mgmt_associated_type_1000",
                  source_id="IM202506240000000001", fount_time=1750737600000,
                  virtual_schedule_type="issues_mgmt_virtual_schedule_type_2000", issue_contact_person="user-id-1",
                  is_start_process=True)
    fields.update(overrides)
    return CreateCocTicketRequestBody(**fields)


def create(client, kind, body):
    return client.create_ticket(CreateTicketRequest(ticket_type=kind, body=body)).data


def show(client, kind, ticket_id):
    return client.show_ticket_info(ShowTicketInfoRequest(ticket_type=kind, ticket_id=ticket_id)).data


# huawei-coc.md §4.5, §8: create a change; the SDK keeps `data` as a dict.
def test_create_change(coc):
    response = coc.create_ticket(CreateTicketRequest(ticket_type="change", body=change_body()))
    assert response.status_code == 200
    assert response.error_code == "GOM.00000000"
    data = response.data
    assert data["ticket_id"].startswith("CM") and len(data["ticket_id"]) == 26
    assert len(data["id"]) == 36
    assert data["is_start_process"] is True and data["is_start_process_async"] is True


# huawei-coc.md §6.2: show by ticket_id and by id, typed.
def test_create_issue_and_show_both_ways(coc):
    data = create(coc, "issues_mgmt", issue_body(is_start_process=False))
    assert data["ticket_id"].startswith("PM")
    for key in ("ticket_id", "id"):
        detail = show(coc, "issues_mgmt", data[key])
        assert detail.ticket_id == data["ticket_id"]
        assert detail.work_flow_status == "DRAFT"
        assert detail.is_start_process is False
        assert isinstance(detail.create_time, int)
        assert detail.fount_time == 1750737600000
        assert detail.form_info["description"] == "desc"


# huawei-coc.md §7.1: the issue flow through execute_ticket_action.
def test_issue_actions(coc):
    ticket_id = create(coc, "issues_mgmt", issue_body())["ticket_id"]
    def act(action, params=None):
        return coc.execute_ticket_action(ExecuteTicketActionRequest(
            ticket_type="issues_mgmt", body=ExecuteActionParams(ticket_id=ticket_id, action=action, params=params or {})))
    assert act("gocm_issues_accepte").error_code == "GOM.00000000"
    assert show(coc, "issues_mgmt", ticket_id).assignee == "user-id-1"
    act("being_handled_initiate_suspend", {"estimated_recovery_time": 1750800000000, "suspend_description": "wait"})
    act("agreed", {"conclusion": True})
    assert show(coc, "issues_mgmt", ticket_id).work_flow_status == "SUSPENDED"
    act("suspend_resume")
    act("submitting_question", {"solution": "patched", "root_cause_comment": "bug"})
    detail = show(coc, "issues_mgmt", ticket_id)
    assert detail.work_flow_status == "SOLVED" and detail.solution == "patched"
    with pytest.raises(ClientRequestException) as raised:
        act("gocm_issues_accepte")
    assert raised.value.status_code == 400 and raised.value.error_code == "GOM.00007256"


# huawei-coc.md §7.2: approve, implement (PUT), end, cancel and delete.
def test_change_flow(coc):
    ticket_id = create(coc, "change", change_body())["ticket_id"]
    coc.execute_ticket_action(ExecuteTicketActionRequest(
        ticket_type="change", body=ExecuteActionParams(ticket_id=ticket_id, action="agreed", params={"conclusion": True})))
    for action in ("change_start_change_success", "change_end_change_success", "change_set_change_result_success"):
        coc.update_ticket(UpdateTicketRequest(ticket_type="change", ticket_id=ticket_id, body=CocUpdateChangeRequestBody(
            history_info=CocUpdateChangeRequestBodyHistoryInfo(action=action))))
    assert show(coc, "change", ticket_id).phase == "phase_change_end"
    other = create(coc, "change", change_body())["ticket_id"]
    with pytest.raises(ClientRequestException) as raised:
        coc.delete_ticket_info(DeleteTicketInfoRequest(ticket_type="change", ticket_id=other))
    assert raised.value.error_code == "GOM.00007256"
    coc.execute_ticket_action(ExecuteTicketActionRequest(
        ticket_type="change", body=ExecuteActionParams(ticket_id=other, action="cancel_process_action", params={})))
    assert coc.delete_ticket_info(DeleteTicketInfoRequest(ticket_type="change", ticket_id=other)).error_code == "GOM.00000000"
    with pytest.raises(ClientRequestException) as raised:
        show(coc, "change", other)
    assert raised.value.error_code == "COC.00067003"


# huawei-coc.md §5.3: list with filters and paging.
def test_list_tickets(coc):
    for level in ("change_level_010", "change_level_020", "change_level_020"):
        create(coc, "change", change_body(level=level))
    response = coc.list_tickets(ListTicketsRequest(ticket_type="change", body=ListTicketParamsWithPage(
        string_filters=[ObjectFilter(field="level", operator="in", values=["change_level_020"])], page=1, per_page=10)))
    assert response.data["total"] == 2
    assert all(t["level"] == "change_level_020" for t in response.data["tickets"])


# huawei-coc.md §2.2, §4.4: the 400 cases as the SDK raises them; nothing is stored.
@pytest.mark.parametrize("kind,body,message", [
    ("change", change_body(change_type="change_type_weekly"), "change_type must be one of"),
    ("change", change_body(change_guides=None), "change_guides is required"),
    ("change", change_body(sub_tickets=None), "sub_tickets is required"),
    ("issues_mgmt", issue_body(description=None), "description is required"),
    ("issues_mgmt", issue_body(source_id=None), "source_id is required"),
    ("issues_mgmt", issue_body(level="issues_level_9999"), "level must be one of"),
])
def test_invalid_parameter(fresh, coc, kind, body, message):
    with pytest.raises(ClientRequestException) as raised:
        coc.create_ticket(CreateTicketRequest(ticket_type=kind, body=body))
    error = raised.value
    assert error.status_code == 400
    assert error.error_code == "GOM.00007256"
    assert error.error_msg.startswith("Invalid parameter: ") and message in error.error_msg
    assert len(error.request_id) == 32
    assert fresh.admin("GET", "/_mock/tickets?vendor=huawei_coc").json()["tickets"] == []


def test_unknown_ticket(coc):
    with pytest.raises(ClientRequestException) as raised:
        show(coc, "change", "CM202506241152560174680890")
    assert raised.value.status_code == 400 and raised.value.error_code == "COC.00067003"


# Bad input from a hand-written client: wrong types, broken JSON (huawei-coc.md §6.1).
def test_wrong_types_and_broken_json(fresh, coc):
    url = fresh.url + "/v1/issues_mgmt/tickets"
    headers = {"Authorization": f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date, Signature=00",
               "X-Sdk-Date": "20250624T035256Z", "Content-Type": "application/json"}
    body = ('{"description": "d", "ticket_type": "issues_type_1000", "fount_time": "1750737600000", '
            '"virtual_schedule_type": "issues_mgmt_virtual_schedule_type_1000"}')
    answer = requests.post(url, data=body, headers=headers, timeout=5)
    assert answer.status_code == 400 and answer.json()["error_msg"] == "Invalid parameter: fount_time must be an integer"
    answer = requests.post(url, data='{"description": ', headers=headers, timeout=5)
    assert answer.json()["error_code"] == "GOM.00007256"
    assert fresh.admin("GET", "/_mock/tickets?vendor=huawei_coc").json()["tickets"] == []


# huawei-coc.md §5.4, §5.5, §7.3: incidents.
def test_incident(coc):
    created = coc.create_coc_incident(CreateCocIncidentRequest(body=CreateExternalIncidentRequest(
        incident_level="level_40", is_service_interrupt="false", incident_type="inc_type_p_function_issues",
        incident_title="disk full", incident_source="incident_source_manual", creator="user-id-1")))
    number = created.data.incident_num
    assert number.startswith("IM")
    coc.handle_coc_incident(HandleCocIncidentRequest(body=HandleExternalIncidentRequest(
        incident_num=number, operator="op", operate_key="acceptedIncident1", parameter={})))


# The operator's side through the admin API (accept, resolve).
def test_admin_actions(fresh, coc):
    ticket_id = create(coc, "issues_mgmt", issue_body())["ticket_id"]
    for action, status in (("accept", "HANDLING"), ("resolve", "SOLVED")):
        answer = fresh.admin("POST", f"/_mock/tickets/huawei_coc/{ticket_id}/actions", json={"action": action})
        assert answer.status_code == 200 and answer.json()["work_flow_status"] == status
    assert show(coc, "issues_mgmt", ticket_id).work_flow_status == "SOLVED"


def independent_signature(request, sk):
    """huawei-auth.md §2.1, written from the document (not the SDK's signer)."""
    headers = {k.lower(): str(v).strip() for k, v in request.header_params.items()}
    auth = headers["authorization"]
    signed = auth.split("SignedHeaders=")[1].split(",")[0]
    path = urlsplit(request.url).path if hasattr(request, "url") and request.url else request.resource_path
    uri = "/".join(quote(unquote(seg), safe="~") for seg in path.split("/"))
    uri = uri if uri.endswith("/") else uri + "/"
    body = request.body if isinstance(request.body, bytes) else (request.body or "").encode()
    payload = hashlib.sha256(body).hexdigest()
    canonical = "\n".join([request.method.upper(), uri, ""] + [f"{n}:{headers[n]}" for n in signed.split(";")]
                          + ["", signed, payload])
    string_to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (headers["x-sdk-date"], hashlib.sha256(canonical.encode()).hexdigest())
    return hmac.new(sk.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


# huawei-auth.md §2.2, §4: --auth strict verifies the SDK's real signature and refuses a wrong SK.
def test_strict_auth(start_server):
    strict = start_server("--auth", "strict")
    captured = []
    good = make_client(strict.url, captured=captured)
    data = create(good, "change", change_body())
    assert data["ticket_id"].startswith("CM")
    request = captured[-1]
    signature = request.header_params["Authorization"].split("Signature=")[1]
    assert independent_signature(request, SK) == signature
    with pytest.raises(ClientRequestException) as raised:
        create(make_client(strict.url, sk=SK[:-1] + "y"), "change", change_body())
    error = raised.value
    assert error.status_code == 401
    assert error.error_code == "APIGW.0301"
    assert error.error_msg == "Incorrect IAM authentication information: verify aksk signature fail"
    tickets = strict.admin("GET", "/_mock/tickets?vendor=huawei_coc").json()["tickets"]
    assert [t["id"] for t in tickets] == [data["ticket_id"]]


# huawei-auth.md §6.2: a region-based client looks its domain up over IAM first, then sends X-Domain-Id.
def test_region_client_uses_iam(start_server, monkeypatch):
    strict = start_server("--auth", "strict")
    from huaweicloudsdkcore.region.region import Region
    monkeypatch.setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", strict.url)
    captured = []
    client = (CocClient.new_builder().with_http_config(HttpConfig.get_default_config())
              .with_credentials(GlobalCredentials("TESTAK0123456789ABCD", SK))
              .with_region(Region("cn-north-4", strict.url))
              .with_http_handler(HttpHandler().add_request_handler(lambda request, logger: captured.append(request)))
              .build())
    create(client, "change", change_body())
    assert captured[-1].header_params.get("X-Domain-Id") == "mockdomainid0001"


# huawei-auth.md §6.2: BasicCredentials without a project id look it up by region name, then send X-Project-Id.
def test_region_client_finds_project(start_server, monkeypatch):
    strict = start_server("--auth", "strict")
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.region.region import Region
    monkeypatch.setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", strict.url)
    captured = []
    client = (CocClient.new_builder().with_http_config(HttpConfig.get_default_config())
              .with_credentials(BasicCredentials("TESTAK0123456789ABCD", SK))
              .with_region(Region("cn-south-1", strict.url))
              .with_http_handler(HttpHandler().add_request_handler(lambda request, logger: captured.append(request)))
              .build())
    data = create(client, "issues_mgmt", issue_body())
    assert captured[-1].header_params.get("X-Project-Id") == "1b2c3d4e5f60718293a4b5c6d7e8f90a"
    assert show(client, "issues_mgmt", data["id"]).ticket_id == data["ticket_id"]

"""Huawei Cloud OSM cases driven by the official SDK, huaweicloudsdkosm 3.1.219 (huawei-osm.md, huawei-auth.md)."""
import base64
import warnings

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.formdata import FormFile
from huaweicloudsdkosm.v2 import (AccessoryJsonFormatReq, CreateCasesRequest, CreateMessageDoV2, CreateMessageV2Req,
                                  CreateMessagesRequest, CreateOrderIncidentV2Req, CreateScoresRequest,
                                  CreateScoreV2Req, IncidentSatisfactionV2Do, ListCaseCategoriesRequest,
                                  ListCasesRequest, ListMessagesRequest, ListProblemTypesRequest, ListRegionsRequest,
                                  ListSeveritiesRequest, OsmClient, ShowCaseDetailRequest, ShowCaseStatusRequest,
                                  UpdateCasesRequest, UploadAccessoryRequest, UploadAccessoryRequestBody,
                                  UploadJsonAccessoriesRequest, WorkOrderOperateV2Req)

AK = "TESTAK0123456789ABCD"
SK = "testsk0123456789abcdefghijklmnopqrstuvwx"
DOMAIN = "domain0123"
FIXED_SOURCE = "83aeb0f2834c4df49826c781d32a963e"

warnings.filterwarnings("ignore", category=ImportWarning)


def make_client(url, domain=DOMAIN, sk=SK):
    return (OsmClient.new_builder().with_credentials(GlobalCredentials(AK, sk, domain))
            .with_endpoints([url]).build())


@pytest.fixture
def osm(fresh):
    return make_client(fresh.url)


def observed_body(**overrides):
    """The create_cases body the official client sent (huawei-osm.md §8)."""
    fields = dict(incident_sub_type_id="sub-1", product_category_id="prod-1", business_type_id="bt-1",
                  region_id="cn-north-4", simple_description="ECS cannot start", source_id=FIXED_SOURCE,
                  remind_mobile="13800000000", remind_mail="a@example.com", remind_time="0",
                  accessory_ids=["acc-1"], extends_map={"k": "v"}, severity_id="sev-1")
    fields.update(overrides)
    return CreateOrderIncidentV2Req(**fields)


def create(osm, **overrides):
    answer = osm.create_cases(CreateCasesRequest(x_site=0, x_language="zh-cn", x_time_zone="GMT+8",
                                                 body=observed_body(**overrides)))
    assert answer.status_code == 200
    return answer.incident_id


def test_create_and_detail(osm):  # huawei-osm.md §4, §5.1
    case_id = create(osm)
    assert case_id.startswith("CS") and len(case_id) == 16
    detail = osm.show_case_detail(ShowCaseDetailRequest(case_id=case_id, x_site=1)).incident_detail_info
    assert detail.incident_id == case_id
    assert detail.status == 0
    assert detail.business_type_name == "故障"
    assert detail.dc_name == "华北-北京四"
    assert detail.xcustomer_id == DOMAIN
    assert detail.message_list[0].is_first_message == 1
    assert detail.ext_info.remind_mobile == "13800000000"
    assert str(detail.create_time).startswith("20")


def test_list_with_repeated_search_keys(osm):  # §5.2, observed query form
    create(osm)
    create(osm, simple_description="OBS bucket a b denied", business_type_id="bt-2", severity_id=None)
    page = osm.list_cases(ListCasesRequest(search_key=["bucket", "denied"], offset=0, limit=10))
    assert page.total_count == 1
    assert page.incident_info_list[0].simple_description == "OBS bucket a b denied"
    everything = osm.list_cases(ListCasesRequest(status=0, limit=1))
    assert everything.total_count == 2
    assert len(everything.incident_info_list) == 1


def test_legacy_list_with_camel_case_query(osm):  # §3.1 list_order_incident
    import huaweicloudsdkosm.v2 as m
    create(osm)
    create(osm, simple_description="OBS bucket denied", business_type_id="bt-2", severity_id=None)
    page = osm.list_order_incident(m.ListOrderIncidentRequest(search_key=["bucket"], page_no=1, page_size=10))
    assert page.total_count == 1
    assert page.incident_info_list[0].simple_describe == "OBS bucket denied"
    assert page.incident_info_list[0].type == 0


def test_cancel_and_close(osm):  # §6, §7
    cancelled, closed = create(osm), create(osm)
    assert osm.update_cases(UpdateCasesRequest(case_id=cancelled, action_id="cancel",
                                               body=WorkOrderOperateV2Req(operate_desc="not needed"))).error_code is None
    assert osm.show_case_status(ShowCaseStatusRequest(case_id=cancelled)).status == 4
    osm.update_cases(UpdateCasesRequest(case_id=closed, action_id="close",
                                        body=WorkOrderOperateV2Req(operate_desc="done", judgement="ok")))
    assert osm.show_case_status(ShowCaseStatusRequest(case_id=closed)).status == 3
    again = osm.update_cases(UpdateCasesRequest(case_id=closed, action_id="cancel", body=WorkOrderOperateV2Req()))
    assert (again.error_code, again.error_msg) == ("OSM.01010014", "Operation failed.")
    wrong = osm.update_cases(UpdateCasesRequest(case_id=closed, action_id="reopen", body=WorkOrderOperateV2Req()))
    assert wrong.error_code == "OSM.01010013"
    rated = osm.create_scores(CreateScoresRequest(case_id=closed, body=CreateScoreV2Req(
        judgement="fast", incident_satisfaction_list=[IncidentSatisfactionV2Do(satisfaction_id=1, satisfaction_value=5)])))
    assert rated.error_code is None


def test_press_is_rate_limited(osm):  # §6: OSM.01010004
    case_id = create(osm)
    first = osm.update_cases(UpdateCasesRequest(case_id=case_id, action_id="press", body=WorkOrderOperateV2Req()))
    assert first.error_code is None
    second = osm.update_cases(UpdateCasesRequest(case_id=case_id, action_id="press", body=WorkOrderOperateV2Req()))
    assert second.error_code == "OSM.01010004"


def test_messages_and_engineer_reply(fresh, osm):  # §5.3, §7 via the admin API
    case_id = create(osm)
    osm.create_messages(CreateMessagesRequest(case_id=case_id, body=CreateMessageV2Req(
        message=CreateMessageDoV2(content="Any news?"))))
    answer = fresh.admin("POST", f"/_mock/tickets/huawei_osm/{case_id}/actions",
                         json={"action": "accept", "message": "We are on it."})
    assert answer.status_code == 200 and answer.json()["status"] == 1
    messages = osm.list_messages(ListMessagesRequest(case_id=case_id))
    assert messages.count == 3
    assert [m.type for m in messages.message_list] == [0, 0, 1]
    assert messages.message_list[2].content == "We are on it."
    assert osm.show_case_status(ShowCaseStatusRequest(case_id=case_id)).status == 1


def test_lookups(osm):  # §3.2, §10
    categories = osm.list_case_categories(ListCaseCategoriesRequest())
    assert categories.incident_sub_type_list[0].incident_sub_type_id == "sub-1"
    assert categories.incident_sub_type_list[0].incident_product_category_list[0].can_use_support_plan is True
    problems = osm.list_problem_types(ListProblemTypesRequest(product_category_id="prod-1"))
    assert {(p.business_type_id, p.case_type) for p in problems.incident_business_type_list} >= {("bt-1", "5"), ("bt-2", "0")}
    severities = osm.list_severities(ListSeveritiesRequest(product_category_id="prod-1", business_type_id="bt-1"))
    assert severities.show is True
    assert [s.severity_id for s in severities.severity_list] == ["sev-1", "sev-2"]
    regions = osm.list_regions(ListRegionsRequest())
    assert regions.data_center_list[0].region_id == "cn-north-4"


def test_multipart_attachment(osm, tmp_path):  # §3.3, §8 upload_accessory
    path = tmp_path / "console.txt"
    path.write_bytes(b"kernel: panic")
    with open(path, "rb") as handle:
        uploaded = osm.upload_accessory(UploadAccessoryRequest(body=UploadAccessoryRequestBody(
            file=FormFile(handle), form_data='{"accessory_from":"incident"}')))
    assert len(uploaded.accessory_id) == 32
    case_id = create(osm, accessory_ids=[uploaded.accessory_id])
    detail = osm.show_case_detail(ShowCaseDetailRequest(case_id=case_id)).incident_detail_info
    assert detail.message_list[0].accessory_list[0].accessory_id == uploaded.accessory_id


def test_json_attachment(osm):  # §3.3
    uploaded = osm.upload_json_accessories(UploadJsonAccessoriesRequest(body=AccessoryJsonFormatReq(
        accessory_name="log.txt", accessory_from="incident", upload_type=0,
        accessory_data=base64.b64encode(b"boot failed").decode())))
    assert len(uploaded.accessory_id) == 32


def test_rejected_create_is_http_200_with_the_business_error(fresh, osm):  # §2.2, §4.3
    answer = osm.create_cases(CreateCasesRequest(body=observed_body(simple_description="x" * 1201)))
    assert answer.status_code == 200
    assert answer.incident_id is None
    assert answer.raw_content and b"OSM.01010001" in answer.raw_content
    severity = osm.create_cases(CreateCasesRequest(body=observed_body(severity_id="sev-9")))
    assert severity.incident_id is None and b"OSM.01010006" in severity.raw_content
    empty = osm.create_cases(CreateCasesRequest(body=CreateOrderIncidentV2Req()))
    assert empty.incident_id is None
    assert osm.list_cases(ListCasesRequest()).total_count == 0


def test_raw_request_with_x_auth_token_only(fresh):  # huawei-auth.md §3
    body = {"business_type_id": "bt-2", "simple_description": "token client", "source_id": FIXED_SOURCE,
            "area_code": 86, "extends_map": [], "remind_mobile": None}
    answer = requests.post(fresh.url + "/v2/servicerequest/cases", json=body,
                           headers={"X-Auth-Token": "MIIEXAMPLE-token"}, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/json;charset=UTF-8"
    assert len(answer.headers["X-Request-Id"]) == 32
    case_id = answer.json()["incident_id"]
    detail = requests.get(fresh.url + f"/v2/servicerequest/cases/{case_id}",
                          headers={"X-Auth-Token": "MIIEXAMPLE-token"}, timeout=10)
    assert detail.json()["incident_detail_info"]["ext_info"]["area_code"] == "86"
    missing = requests.get(fresh.url + f"/v2/servicerequest/cases/{case_id}", timeout=10)
    assert missing.status_code == 401
    assert missing.json()["error_code"] == "APIGW.0301"


def test_strict_auth_verifies_the_sdk_signature(start_server):  # huawei-auth.md §2.2, §8
    strict = start_server("--auth", "strict")
    good = make_client(strict.url)
    assert create(good).startswith("CS")
    bad = make_client(strict.url, sk="wrong" + SK[5:])
    with pytest.raises(ClientRequestException) as failure:
        bad.list_cases(ListCasesRequest())
    assert failure.value.status_code == 401
    assert failure.value.error_code == "APIGW.0301"


def test_cases_are_scoped_to_the_domain(fresh):  # huawei-osm.md §1, huawei-auth.md §8
    mine = make_client(fresh.url, domain="domain-a")
    theirs = make_client(fresh.url, domain="domain-b")
    case_id = create(mine)
    other = theirs.show_case_detail(ShowCaseDetailRequest(case_id=case_id))
    assert other.incident_detail_info is None
    assert theirs.list_cases(ListCasesRequest()).total_count == 0


def test_every_served_operation_parses_in_the_sdk(fresh, osm):  # §3, §5: SDK model types
    import huaweicloudsdkosm.v2 as m
    case_id, other = create(osm), create(osm)
    osm.create_labels(m.CreateLabelsRequest(body=m.CreateLabelsReq(name="vip", color="#ff0000")))
    label_id = osm.list_labels(m.ListLabelsRequest()).label_list[0].label_id
    calls = [
        m.ListCaseCountsRequest(), m.ListCaseOperateLogsRequest(case_id=case_id),
        m.ListMoreInstantMessagesRequest(case_id=case_id, limit=5),
        m.CreateRelationsRequest(case_id=case_id, body=m.CreateRelationsReq(related_id_list=[other])),
        m.ListRelationRequest(case_id=case_id),
        m.CreateCaseLabelsRequest(case_id=case_id, label_ids=[label_id]), m.ListCaseLabelsRequest(case_id=case_id),
        m.UpdateLabelsRequest(label_id=label_id, body=m.UpdateLabelsReq(name="vip2", color="#00ff00")),
        m.UpdateCaseContactInfoRequest(case_id=case_id, body=m.UpdateCaseContactInfoReq(remind_mobile="13900000000")),
        m.CreateCaseExtendsParamRequest(case_id=case_id, body=m.PutCaseExtParamReq(extends_map={"instance_id": "i-1"})),
        m.ShowCaseExtendsParamRequest(case_id=case_id),
        m.ListProductCategoriesRequest(), m.ListCaseTemplatesRequest(business_type_id="bt-1"),
        m.ListExtendsParamsRequest(business_type_id="bt-1"), m.ListSatisfactionDimensionsRequest(),
        m.ListAreaCodesRequest(), m.ListCaseLimitsRequest(), m.ListCaseQuotasRequest(business_type_id="bt-1"),
        m.ShowAccessoryLimitsRequest(), m.ListCustomersRegionsRequest(), m.ListCaseCcEmailsRequest(),
        m.ListNewInstantMessagesRequest(), m.ListUnreadNewInstantMessagesRequest(),
        m.CheckNeedVerifyRequest(contact_value="13900000000", contact_way=0),
        m.SendVerifyCodesRequest(body=m.SendVerifyCodeReq(contact_value="13900000000", contact_way=0, area_code="86")),
        m.ListHasVerifiedContactsRequest(),
    ]
    for request in calls:
        name = type(request).__name__[:-len("Request")]
        method = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
        answer = getattr(osm, method)(request)
        assert answer.status_code == 200, method
        assert b"error_code" not in (answer.raw_content or b""), (method, answer.raw_content)
    assert osm.list_case_quotas(m.ListCaseQuotasRequest(business_type_id="bt-1")).un_used == 98
    assert osm.list_area_codes(m.ListAreaCodesRequest()).area_code_list[0].area_code == "86"
    assert osm.show_accessory_limits(m.ShowAccessoryLimitsRequest()).accessory_limit.limit_count == "5"
    assert osm.list_case_labels(m.ListCaseLabelsRequest(case_id=case_id)).case_label_list[0].name == "vip2"

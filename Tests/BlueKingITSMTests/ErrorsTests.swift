@testable import BlueKingITSM
import MockCore
import Testing

@Suite struct ErrorsTests {
    // bk-itsm.md §4.4: reproduced ErrorDetail reprs.
    @Test func errorDetailRepr() {
        #expect(
            ITSMError.unexpected(.list("抱歉，单据已关闭，无法操作")).message
                == "接口异常，请检查请求参数: [ErrorDetail(string='抱歉，单据已关闭，无法操作', code='invalid')]")
        #expect(
            ITSMError.unexpected(.dict("服务", "服务不存在，请联系管理员！")).message
                == "接口异常，请检查请求参数: {'服务': ErrorDetail(string='服务不存在，请联系管理员！', code='invalid')}")
        #expect(
            ITSMError.unexpected(.fields([.required("operator"), .invalidChoice("action_type", "XX")])).message
                == "接口异常，请检查请求参数: {'operator': [ErrorDetail(string='该字段是必填项。', code='required')], 'action_type': [ErrorDetail(string='“XX” 不是合法选项。', code='invalid_choice')]}"
        )
        #expect(ITSMError.unexpected(.keyError("action_message")).message == "接口异常，请检查请求参数: 'action_message'")
    }

    // bk-itsm.md §4.4: Python repr quoting rules.
    @Test func pythonRepr() {
        #expect(PyError.repr("a'b") == #""a'b""#)
        #expect(PyError.repr("a'b\"") == #"'a\'b"'"#)
        #expect(PyError.repr("x\ny") == #"'x\ny'"#)
    }

    // bk-itsm.md §4.1, §4.2: template and envelope order.
    @Test func envelopes() {
        #expect(ITSMError.createTicket("标题不能超过120个字符").message == "提单失败: 标题不能超过120个字符")
        #expect(ITSMError.createTicket(nil).message == "提单失败")
        #expect(
            ITSMError.ticketNotFound.body(requestId: nil).jsonString
                == #"{"result":false,"code":3900022,"message":"没有找到对应的单据","data":null}"#)
        #expect(
            Envelope.success([], requestId: "r").jsonString
                == #"{"result":true,"code":0,"message":"success","data":[],"request_id":"r"}"#)
        #expect(PlainCode.invalidPage.body(requestId: nil)["code"] == "SERVER_500_ERROR")
    }
}

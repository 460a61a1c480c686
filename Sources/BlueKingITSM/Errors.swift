import MockCore

/// Every error the BlueKing emulator answers with (bk-itsm.md §4): the ITSM integer codes, the
/// string codes of the views without an exception wrapper, and the ESB layer in front.
/// Codes and message templates live here and nowhere else.
enum ITSMError: Error, Sendable, Equatable {
    /// 3900022 `没有找到对应的单据` (§4.3 row 1, §7.1).
    case ticketNotFound
    /// 3900042 `服务未找到` (§4.3 row 2).
    case serviceNotFound
    /// 3900404 `查找对象不存在` (§10).
    case objectNotExist
    /// 3900017 `没有找到对应的节点` (§4.1 StateNotFoundError).
    case stateNotFound
    /// 3900003 `提单失败: …` (§6.2 step 7); nil detail gives the bare message.
    case createTicket(String?)
    /// 3900004 `单据操作失败: …` (OperateTicketError, §9.9).
    case operateTicket(String?)
    /// 3900005 `参数验证失败: …` (ParamError, §9.4).
    case param(String)
    /// 3900046 `转派单异常: …` (§9.4).
    case deliver(String)
    /// 3900004 `接口异常，请检查请求参数: <python str() of the exception>` (§4.3 row 5, §4.4).
    case unexpected(PyError)
    /// 3900004 `单据操作失败，不支持的操作类型: X` (§8.2 step 2), built directly by the view.
    case unsupportedTicketAction(String)
    /// String-code envelope of the views without `catch_openapi_exception` (§4.5).
    case plain(code: String, message: String)
    /// ESB 1306000 with a specific message (§2.2).
    case esbCommon(String)
    /// ESB 1306406 for a non-JSON `X-Bkapi-Authorization` (§2.1).
    case esbBadAuthorizationHeader
    /// ESB 1306406 `Parameters error, <detail>` (§4.6 prompt composition).
    case esbArgument(String)
    /// ESB 1306404 for an unknown component (§4.6).
    case esbComponentNotFound
    /// ESB error by code with its default prompt, for scripted faults (§4.6).
    case esb(Int)
    /// Another integer-coded ITSM error with its class MESSAGE (§4.1).
    case coded(Int, String)

    var code: JSON {
        switch self {
        case .ticketNotFound: 3900022
        case .serviceNotFound: 3900042
        case .objectNotExist: 3900404
        case .stateNotFound: 3900017
        case .createTicket: 3900003
        case .operateTicket, .unexpected, .unsupportedTicketAction: 3900004
        case .param: 3900005
        case .deliver: 3900046
        case .plain(let code, _): .string(code)
        case .esbCommon: 1306000
        case .esbBadAuthorizationHeader, .esbArgument: 1306406
        case .esbComponentNotFound: 1306404
        case .esb(let code): JSON(code)
        case .coded(let code, _): JSON(code)
        }
    }

    var message: String {
        switch self {
        case .ticketNotFound: "没有找到对应的单据"
        case .serviceNotFound: "服务未找到"
        case .objectNotExist: "查找对象不存在"
        case .stateNotFound: "没有找到对应的节点"
        case .createTicket(let detail): Self.template("提单失败", detail)
        case .operateTicket(let detail): Self.template("单据操作失败", detail)
        case .param(let detail): Self.template("参数验证失败", detail.isEmpty ? nil : detail)
        case .deliver(let detail): Self.template("转派单异常", detail.isEmpty ? nil : detail)
        case .unexpected(let error): "接口异常，请检查请求参数: " + error.text
        case .unsupportedTicketAction(let action): "单据操作失败，不支持的操作类型: \(action)"
        case .plain(_, let message): message
        case .esbCommon(let message): message
        case .esbBadAuthorizationHeader:
            "Parameters error, request header X-Bkapi-Authorization is not a valid JSON format string"
        case .esbArgument(let detail): "Parameters error, \(detail)"
        case .esbComponentNotFound: "Not found, component class not found"
        case .esb(let code): Self.esbPrompts[code] ?? "System error"
        case .coded(_, let message): message
        }
    }

    /// `ServerError` builds `"%s: %s" % (MESSAGE, args[0])` (§4.1).
    private static func template(_ base: String, _ detail: String?) -> String {
        detail.map { "\(base): \($0)" } ?? base
    }

    /// ESB default prompts (§4.6).
    static let esbPrompts: [Int: String] = [
        1306000: "System error", 1306401: "You must specify the current operator",
        1306402: "User permission is insufficient", 1306403: "APP permission is insufficient",
        1306404: "Not found, component class not found", 1306405: "Not found, inactive channel",
        1306406: "Parameters error", 1306407: "The component's destination request path cannot be formatted",
        1306408: "APIGateway JWT verification failed", 1306429: "Access frequency limit",
        1306201: "Request third-party interface error", 1306203: "Request third-party interface error",
        1306206: "Error, the component does not configure the api host",
        1306207: "Request to the third-party system is blocked",
        1306208: "%s system interface results in an unknown format",
        1306209: "The system interface does not support the request method",
    ]

    /// ITSM codes a scenario fault may name (`bk_itsm.<code>`), with their bare messages.
    static let catalog: [(name: String, error: ITSMError)] = [
        ("3900000", .plainInt(3900000, "系统异常")), ("3900002", .plainInt(3900002, "方法不允许")),
        ("3900003", .createTicket(nil)), ("3900004", .operateTicket(nil)), ("3900005", .param("")),
        ("3900015", .plainInt(3900015, "权限不足")), ("3900017", .stateNotFound),
        ("3900019", .plainInt(3900019, "流程服务调用失败")), ("3900021", .plainInt(3900021, "参数错误")),
        ("3900022", .ticketNotFound), ("3900030", .plainInt(3900030, "必填字段不存在")),
        ("3900042", .serviceNotFound), ("3900046", .deliver("")), ("3900404", .objectNotExist),
        ("3900500", .plainInt(3900500, "系统异常")),
    ]

    /// An integer-coded ITSM error with a fixed message (catalog entries only).
    static func plainInt(_ code: Int, _ message: String) -> ITSMError { .coded(code, message) }

    var isESB: Bool {
        switch self {
        case .esbCommon, .esbBadAuthorizationHeader, .esbArgument, .esbComponentNotFound, .esb: true
        default: false
        }
    }

    /// The HTTP-200 error body (§4.2), keys in the order `result, code, message, data` (§3.5).
    func body(requestId: String?) -> JSON {
        var object: JSONObject = ["result": false, "code": code, "message": .string(message), "data": .null]
        if case .plain = self { object["messages"] = .string(message) }
        if let requestId { object["request_id"] = .string(requestId) }
        return .object(object)
    }
}

/// String codes of the DRF exception handler (§4.5).
enum PlainCode {
    static func validate(_ message: String) -> ITSMError { .plain(code: "VALIDATE_ERROR", message: message) }
    static let invalidPage = ITSMError.plain(code: "SERVER_500_ERROR", message: "Invalid page.")
    static let ticketNotFound = ITSMError.ticketNotFound
}

/// Success envelope (§3.1): `{"result": true, "code": 0, "message": "success", "data": …}`.
enum Envelope {
    static func success(_ data: JSON, requestId: String?) -> JSON {
        var tree = JSONTreeBuilder()
        writeSuccess(requestId: requestId, into: &tree) { $0.value(data) }
        return tree.result
    }

    /// `{result, code, message, data, request_id}` with `data` written by `writeData`, so a
    /// route can stream its answer without building a tree.
    static func writeSuccess<Sink: JSONSink>(requestId: String?, into out: inout Sink, data writeData: (inout Sink) -> Void) {
        out.beginObject()
        out.member("result", true)
        out.member("code", 0)
        out.member("message", "success")
        out.key("data")
        writeData(&out)
        if let requestId { out.member("request_id", .string(requestId)) }
        out.endObject()
    }

    /// `@custom_apigw_required` without a JWT (§1.1): HTTP 403, plain text.
    static let gatewayRequired = Response.text("This API can only be accessed through API gateway", status: 403)
}

/// Validation texts used by more than one check (§6.2, §8.2, §9.4).
enum Messages {
    static let closed = "抱歉，单据已关闭，无法操作"
    static let cannotDistributeOrClaim = "当前节点无法进行【分派/认领】操作"
    static func noPermission(_ user: String) -> String { "抱歉，\(user)无权操作该单据" }
    static func choiceMismatch(_ name: String) -> String { "【\(name)】选项不匹配，请重新选择" }
    static func required(_ name: String) -> String { "【\(name)】为必填项" }
}

/// The credential failures of the ESB (§2.2), in check order.
enum CredentialMessage {
    static let appCodeMissing = "APP Code [bk_app_code] cannot be empty"
    static let appSecretMissing = "APP Secret [bk_app_secret] cannot be empty"
    static func unknownApp(_ code: String) -> String {
        "Invalid APP Code [bk_app_code=\(code)], please confirm if the APP Code has been registered"
    }
    static func secretMismatch(_ code: String) -> String {
        "APP Secret verification failed, pelase confirm if the APP Secret and APP Code [bk_app_code=\(code)] match"
    }
    static let noUser = "User authentication failed, please provide a valid user identity, such as bk_token, bk_username"
}

/// Python's `str()` of the exceptions that fall through to row 5 of `catch_openapi_exception`
/// (§4.4): DRF ErrorDetail reprs, KeyErrors and plain exception texts.
enum PyError: Sendable, Equatable {
    /// `serializers.ValidationError("text")` → `[ErrorDetail(string='text', code='invalid')]`.
    case list(String)
    /// `serializers.ValidationError({"key": "text"})` → `{'key': ErrorDetail(string='text', code='invalid')}`.
    case dict(String, String)
    /// Serializer errors: a dict of lists in field order.
    case fields([FieldProblem])
    /// A missing key: `'title'`.
    case keyError(String)
    /// Any other exception text (ValueError, TypeError, AttributeError …).
    case text(String)

    struct FieldProblem: Sendable, Equatable {
        var field: String
        var message: String
        var code: String
        static func required(_ field: String) -> FieldProblem { .init(field: field, message: "该字段是必填项。", code: "required") }
        static func blank(_ field: String) -> FieldProblem { .init(field: field, message: "该字段不能为空。", code: "blank") }
        static func invalidChoice(_ field: String, _ input: String) -> FieldProblem {
            .init(field: field, message: "“\(input)” 不是合法选项。", code: "invalid_choice")
        }
        static func maxLength(_ field: String, _ limit: Int) -> FieldProblem {
            .init(field: field, message: "请确保这个字段不能超过 \(limit) 个字符。", code: "max_length")
        }
        static func minValue(_ field: String, _ limit: Int) -> FieldProblem {
            .init(field: field, message: "请确保该值大于或者等于 \(limit)。", code: "min_value")
        }
        static func maxValue(_ field: String, _ limit: Int) -> FieldProblem {
            .init(field: field, message: "请确保该值小于或者等于 \(limit)。", code: "max_value")
        }
        static func notInteger(_ field: String) -> FieldProblem { .init(field: field, message: "请填写合法的整数值。", code: "invalid") }
        static func invalid(_ field: String, _ message: String) -> FieldProblem {
            .init(field: field, message: message, code: "invalid")
        }
    }

    var text: String {
        switch self {
        case .list(let message): "[" + Self.detail(message, "invalid") + "]"
        case .dict(let key, let message): "{" + Self.repr(key) + ": " + Self.detail(message, "invalid") + "}"
        case .fields(let problems):
            "{"
                + problems.map { Self.repr($0.field) + ": [" + Self.detail($0.message, $0.code) + "]" }
                .joined(separator: ", ") + "}"
        case .keyError(let key): Self.repr(key)
        case .text(let text): text
        }
    }

    static func detail(_ message: String, _ code: String) -> String {
        "ErrorDetail(string=\(repr(message)), code=\(repr(code)))"
    }

    /// Python `repr()` of a str: single quotes unless the text has `'` and no `"`.
    static func repr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case quote: out += "\\" + String(quote)
            default: out.append(character)
            }
        }
        out.append(quote)
        return out
    }

    /// `'list' object has no attribute 'get'`: a JSON value where a dict belongs.
    static func noAttribute(_ value: JSON, _ attribute: String) -> PyError {
        .text("'\(pythonType(value))' object has no attribute '\(attribute)'")
    }

    static func pythonType(_ value: JSON) -> String {
        switch value {
        case .null: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }
}

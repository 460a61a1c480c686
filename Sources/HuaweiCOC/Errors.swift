import HuaweiCloud
import MockCore

/// COC's own errors (huawei-coc.md §2.2), thrown by validation and the models, rendered once here.
enum COCError: Error, Equatable, Sendable {
    /// 400 `GOM.00007256`: a missing, mistyped or out-of-range field, or an action the state forbids.
    case invalidParameter(String)
    /// 400 `COC.00067003`: no ticket (or incident, attachment) with that id.
    case unknownTicket

    var code: String {
        switch self {
        case .invalidParameter: "GOM.00007256"
        case .unknownTicket: "COC.00067003"
        }
    }

    /// English by default; `X-Language: zh-cn` gets the Chinese text (huawei-coc.md §2.2).
    func message(chinese: Bool) -> String {
        switch self {
        case .invalidParameter(let detail): (chinese ? "参数错误" : "Invalid parameter") + (detail.isEmpty ? "" : ": " + detail)
        case .unknownTicket: chinese ? "工单不存在" : "Ticket does not exist"
        }
    }

    // Message builders, so every wording lives in this file.
    static func missing(_ field: String) -> COCError { .invalidParameter("\(field) is required") }
    static func wrongType(_ field: String, _ type: String) -> COCError { .invalidParameter("\(field) must be \(type)") }
    static func notOneOf(_ field: String, _ values: [String]) -> COCError {
        .invalidParameter("\(field) must be one of \(values.joined(separator: ", "))")
    }
    static func tooLong(_ field: String, _ limit: Int) -> COCError {
        .invalidParameter("\(field) must be at most \(limit) characters")
    }
    static func badCount(_ field: String, _ text: String) -> COCError { .invalidParameter("\(field) must have \(text)") }
    static let brokenJSON = COCError.invalidParameter("the body is not valid JSON")
    static let notAnObject = COCError.invalidParameter("the body must be a JSON object")
    static func ticketType(_ value: String) -> COCError {
        .invalidParameter("ticket_type \(value) is not supported")
    }
    static func notAllowed(_ action: String, _ state: String) -> COCError {
        .invalidParameter("action \(action) is not allowed in status \(state)")
    }
    static func unknownAction(_ action: String) -> COCError { .invalidParameter("action \(action) is not supported") }
    static func phaseMismatch(_ phase: String, _ expected: String) -> COCError {
        .invalidParameter("ticket_info.phase \(phase) does not match \(expected)")
    }
    static let deleteNotAllowed = COCError.invalidParameter("only a cancelled ticket can be deleted")
    static let missingFile = COCError.invalidParameter("file is required")
}

/// The envelopes (huawei-coc.md §2.1): `{provider_code, error_code, error_msg, data}`.
enum Envelope {
    static let providerCode: JSON = "049"
    static let successCode: JSON = "GOM.00000000"

    static func success(_ data: JSON) -> Response { success { $0.value(data) } }

    /// The success envelope with `data` written straight into the answer's bytes (large answers
    /// skip building a tree); `capacity` is the expected size, to avoid regrowing the buffer.
    static func success(capacity: Int = 1024, writingData write: (inout JSONStream) -> Void) -> Response {
        var out = JSONStream(capacity: capacity)
        out.beginObject()
        out.member("provider_code", providerCode)
        out.member("error_code", successCode)
        out.member("error_msg", nil)
        out.key("data")
        write(&out)
        out.endObject()
        return .json(bytes: out.bytes)
    }

    static func failure(_ error: COCError, for request: Request) -> Response {
        let chinese = request.headers["X-Language"]?.lowercasedASCII().hasPrefix("zh") == true
        return .json(
            [
                "provider_code": providerCode, "error_code": .string(error.code),
                "error_msg": .string(error.message(chinese: chinese)), "data": nil,
            ],
            status: 400)
    }

    /// The attachment upload envelope `{code, provider_code, msg, data}` (huawei-coc.md §2.1).
    static func attachment(_ data: JSON) -> Response {
        .json(["code": successCode, "provider_code": providerCode, "msg": "success", "data": data])
    }

    /// Scenario names for COC's own errors.
    static let catalog: [String: COCError] = [
        "huawei_coc.GOM.00007256": .invalidParameter(""),
        "huawei_coc.COC.00067003": .unknownTicket,
    ]
}

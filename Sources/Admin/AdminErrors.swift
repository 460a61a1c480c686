import MockCore
import Scenarios

/// Every error the admin API answers, in one place.
enum AdminErrors {
    static func error(_ code: String, _ message: String, status: Int, extra: JSONObject = [:]) -> Response {
        var body: JSONObject = ["error": .string(code), "message": .string(message)]
        for (key, value) in extra { body[key] = value }
        return .json(.object(body), status: status)
    }

    static func unauthorized() -> Response {
        error(
            "unauthorized", "This admin route needs the admin token (X-Mock-Admin-Token or Authorization: Bearer).", status: 401)
    }

    static func unknownVendor(_ name: String, known: [String]) -> Response {
        error("unknown_vendor", "Unknown vendor '\(name)'.", status: 404, extra: ["vendors": JSON(known)])
    }

    static func unknownTicket(vendor: String, id: String) -> Response {
        error("unknown_ticket", "No \(vendor) ticket '\(id)' in this namespace.", status: 404)
    }

    static func badJSON(_ error: JSONParseError) -> Response {
        self.error("bad_json", "The body is not valid JSON: \(error).", status: 400)
    }

    static func invalid(_ message: String) -> Response { error("invalid", message, status: 400) }

    static func action(_ failure: ActionError, vendor: any VendorEmulator) -> Response {
        switch failure.kind {
        case .unknownTicket: error("unknown_ticket", failure.message, status: 404)
        case .unknownAction:
            error("unknown_action", failure.message, status: 400, extra: ["actions": JSON(vendor.actionNames)])
        case .invalid: error("invalid", failure.message, status: 400)
        case .notAllowed: error("not_allowed", failure.message, status: 409)
        }
    }

    static func unknownScenario(_ name: String, known: [String]) -> Response {
        error("unknown_scenario", "No scenario '\(name)' is loaded.", status: 404, extra: ["scenarios": JSON(known)])
    }

    static func scenarioRejected(_ rejected: ScenarioRejected) -> Response {
        error(
            "invalid_scenario", "The scenario was refused; nothing changed.", status: 400,
            extra: ["errors": .array(rejected.issues.map(\.json))])
    }
}

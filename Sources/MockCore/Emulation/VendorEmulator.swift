/// Why an admin or lifecycle action could not be done.
public struct ActionError: Error, Sendable, Equatable {
    public enum Kind: Sendable { case unknownTicket, unknownAction, invalid, notAllowed }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// A scenario-seed problem at a field path (`services[0].workflow.states[2].type`).
public struct FieldError: Error, Sendable, Equatable {
    public var path: [String]
    public var message: String
    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }
}

/// The one public entry point of a vendor module (habit 4): its routes, its state as the admin
/// API shows it, the actions of the people behind it, and what scenario files may name.
public protocol VendorEmulator: Sendable {
    /// `bk_itsm`, `huawei_coc`, `huawei_osm`: the prefix of its API names and events.
    var name: String { get }

    func register(into router: inout Router)

    /// Tickets as the emulator holds them, for `GET /_mock/tickets?vendor=`.
    func tickets(namespace: String) -> [JSON]
    func ticket(id: String, namespace: String) -> JSON?

    /// Acts as an approver, operator or engineer. `action` is `{"action": "approve", …}`.
    /// Admin calls and scenario lifecycles both land here.
    func perform(action: JSON, ticketId: String, namespace: String) throws(ActionError) -> JSON

    /// The action names `perform` understands (scenario files are checked against them).
    var actionNames: [String] { get }
    /// The events it emits (`bk_itsm.ticket_created`, …).
    var eventNames: [String] { get }
    /// Named vendor errors a scenario fault may answer with, keyed by their full name:
    /// `bk_itsm.3900004`, `esb.1306429`, `huawei_coc.COC.00067003`, `apig.throttled`, …
    var errorCatalog: [String: @Sendable (Request) -> Response] { get }

    /// The answer on this vendor's paths for a body over `--max-body-bytes`.
    func payloadTooLarge(_ request: Request) -> Response

    /// The top-level scenario key whose data this vendor seeds (`bk_itsm`, `huawei`, …), if any.
    var seedKey: String? { get }
    /// Checks a scenario's seed section; an empty list means it can be applied.
    func validateSeed(_ section: JSON) -> [FieldError]
    /// Replaces the scenario seed data (all loaded scenarios' sections, in load order). Partitions
    /// made afterwards start from the built-ins plus these.
    func applySeeds(_ sections: [JSON])
    /// How many tickets it holds in `namespace` (for `GET /_mock/metrics`); the default counts
    /// `tickets(namespace:)`, override it when counting is cheaper.
    func ticketCount(namespace: String) -> Int
}

extension VendorEmulator {
    public var actionNames: [String] { [] }
    public var eventNames: [String] { [] }
    public var errorCatalog: [String: @Sendable (Request) -> Response] { [:] }
    public func payloadTooLarge(_ request: Request) -> Response { GenericErrors.payloadTooLarge(request) }
    public var seedKey: String? { nil }
    public func validateSeed(_ section: JSON) -> [FieldError] { [] }
    public func applySeeds(_ sections: [JSON]) {}
}

/// The emulator's own JSON errors, for paths no vendor owns.
public enum GenericErrors {
    public static func notFound(_ request: Request) -> Response {
        .json(
            [
                "error": "not_found", "message": .string("No route for \(request.method) \(request.path)"),
                "method": .string(request.method), "path": .string(request.path),
            ],
            status: 404)
    }

    public static func payloadTooLarge(_ request: Request) -> Response {
        .json(["error": "payload_too_large", "message": "The request body is larger than the configured limit."], status: 413)
    }

    public static func badRequest(_ message: String) -> Response {
        .json(["error": "bad_request", "message": .string(message)], status: 400)
    }

    /// A request the transport could not parse (no route, so no vendor, can claim it).
    public static func unparsable(status: Int, message: String) -> Response {
        let error: JSON =
            switch status {
            case 431: "header_too_large"
            case 501: "not_implemented"
            case 505: "version_not_supported"
            default: "bad_request"
            }
        return .json(["error": error, "message": .string(message)], status: status)
    }
}

extension VendorEmulator {
    public func ticketCount(namespace: String) -> Int { tickets(namespace: namespace).count }
}

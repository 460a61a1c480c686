import MockCore

/// One scenario file, checked: seed data, lifecycles, faults and expectations.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var seed: UInt64?
    public var clock: ClockSetting?
    /// Seed sections by their top-level key (`bk_itsm`, `huawei`, …), in file order.
    public var seeds: [(key: String, section: JSON)]
    public var lifecycle: [LifecycleRule]
    public var faults: [FaultRule]
    public var expect: [Expectation]
    /// Where it came from (a file path or `<request>`) and its text.
    public var source: String
    public var text: String
}

public struct ClockSetting: Sendable, Equatable {
    public var start: Timestamp?
    public var frozen: Bool
}

/// `on` an event, `where` the ticket matches, `after` a delay, `do` actions of the people behind the API.
public struct LifecycleRule: Sendable {
    public var name: String
    public var event: String
    public var vendor: String
    public var filter: FieldFilter
    public var after: Duration
    /// Each is a `perform` body: `{"action": "approve", "by": "first_processor", …}`.
    public var actions: [JSON]
}

/// A request-shaped condition: API name, method, path, query, headers and body fields.
public struct RequestMatcher: Sendable {
    public var apis: [String] = []
    public var methods: [String] = []
    public var path: String?
    public var query: [(name: String, value: JSON)] = []
    public var headers: [(name: String, value: JSON)] = []
    public var body = FieldFilter()
    public init() {}
}

/// Field paths (`a.b.0.c`) and the values they must have: a string may hold `*` wildcards, a list
/// means any of its values, null means absent or null.
public struct FieldFilter: Sendable {
    public var fields: [(path: String, value: JSON)] = []
    public init(fields: [(path: String, value: JSON)] = []) { self.fields = fields }
}

/// When a matched request is faulted. Every given condition must hold; all of them count calls
/// per namespace from the time the scenario was loaded (or the namespace reset).
public struct WhenCondition: Sendable, Equatable {
    /// Fire on these call numbers (1-based).
    public var calls: [Int]?
    /// Fire on every N-th call.
    public var every: Int?
    /// Fire only after N calls have passed.
    public var afterCalls: Int?
    /// Fire with this probability (seeded).
    public var probability: Double?
    /// Fire only inside this window of mock-clock time.
    public var window: TimeWindow?
    /// Fire at most this many times.
    public var times: Int?
    public init() {}
}

public struct TimeWindow: Sendable, Equatable {
    public enum Bound: Sendable, Equatable {
        /// After the scenario was loaded.
        case relative(Duration)
        case absolute(Timestamp)
    }
    public var from: Bound?
    public var until: Bound?
}

public enum DelaySpec: Sendable, Equatable {
    case fixed(Duration)
    case uniform(min: Duration, max: Duration)
    case lognormal(median: Duration, sigma: Double, cap: Duration)
}

/// What a fired fault answers.
public struct FaultResponse: Sendable {
    /// A vendor error by its full name (`bk_itsm.3900004`, `apig.throttled`).
    public var error: String?
    public var status: Int?
    public var headers: [(name: String, value: String)] = []
    public var body: JSON?
    public var delay: DelaySpec?
    public init() {}

    /// True when it only delays the normal answer.
    var keepsNormalAnswer: Bool { error == nil && status == nil && body == nil && headers.isEmpty }
}

public struct FaultRule: Sendable {
    public var name: String
    public var match: RequestMatcher
    public var when: WhenCondition
    public var respond: FaultResponse?
    public var connection: ConnectionFault?
}

public enum CountCondition: Sendable, Equatable {
    case exactly(Int)
    case atLeast(Int)
    case atMost(Int)

    public func holds(_ count: Int) -> Bool {
        switch self {
        case .exactly(let n): count == n
        case .atLeast(let n): count >= n
        case .atMost(let n): count <= n
        }
    }

    public var json: JSON {
        switch self {
        case .exactly(let n): ["exactly": JSON(n)]
        case .atLeast(let n): ["at_least": JSON(n)]
        case .atMost(let n): ["at_most": JSON(n)]
        }
    }
}

/// A count condition over the journal: `{api: bk_itsm.operate_ticket, count: {at_least: 1}}`.
public struct Expectation: Sendable {
    public var matcher: RequestMatcher
    public var count: CountCondition
    public var description: JSON
}

/// One problem in a scenario file: `file:line: field: message`.
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String
    public var message: String

    public var description: String { "\(file):\(line): \(field): \(message)" }
    public var json: JSON {
        ["file": .string(file), "line": JSON(line), "field": .string(field), "message": .string(message)]
    }
}

/// A scenario that could not be loaded, with every reason.
public struct ScenarioRejected: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]
    public init(issues: [ScenarioIssue]) { self.issues = issues }
    public var description: String {
        "scenario refused (\(issues.count) error\(issues.count == 1 ? "" : "s")):\n"
            + issues.map { "  " + $0.description }.joined(separator: "\n")
    }
}

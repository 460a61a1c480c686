import MockCore

/// What a matcher looks at: a live request with its route's API name, or a journal entry.
public struct RequestFacts: Sendable {
    public var api: String
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: Headers
    public var body: [UInt8]

    public init(
        api: String, method: String, path: String, query: [(name: String, value: String)], headers: Headers, body: [UInt8]
    ) {
        self.api = api
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public init(_ request: Request, api: String) {
        self.init(
            api: api, method: request.method, path: request.path, query: request.queryItems, headers: request.headers,
            body: request.body)
    }
}

extension RequestMatcher {
    /// The number of conditions it sets (for ranking near misses).
    var conditionCount: Int {
        (apis.isEmpty ? 0 : 1) + (methods.isEmpty ? 0 : 1) + (path == nil ? 0 : 1) + query.count + headers.count
            + body.fields.count
    }

    public func matches(_ facts: RequestFacts) -> Bool { mismatches(facts, stopAtFirst: true).isEmpty }

    /// The request-time check: no strings built, the cheapest conditions first, the body parsed
    /// only when a body condition is reached.
    func matches(_ request: Request, api: String) -> Bool {
        if !apis.isEmpty, !apis.contains(where: { Glob.matches($0, api) }) { return false }
        if !methods.isEmpty, !methods.contains(request.method.uppercased()) { return false }
        if let path, !Glob.matches(path, request.path) { return false }
        if !query.isEmpty {
            let items = request.queryItems
            for (name, expected) in query {
                let actual = items.first { $0.name == name }?.value
                if !FieldFilter.scalarMatches(expected, actual.map(JSON.string)) { return false }
            }
        }
        for (name, expected) in headers where !FieldFilter.scalarMatches(expected, request.headers[name].map(JSON.string)) {
            return false
        }
        if !body.fields.isEmpty {
            return body.matches((try? JSONParser.parse(request.body)) ?? .null)
        }
        return true
    }

    /// Why `facts` does not match, one line per failed condition; empty when it matches.
    public func mismatches(_ facts: RequestFacts, stopAtFirst: Bool = false) -> [String] {
        var reasons: [String] = []
        func miss(_ reason: @autoclosure () -> String) -> Bool {
            reasons.append(reason())
            return stopAtFirst
        }
        if !apis.isEmpty, !apis.contains(where: { Glob.matches($0, facts.api) }) {
            if miss("api: expected \(apis.joined(separator: " or ")), was \(facts.api)") { return reasons }
        }
        if !methods.isEmpty, !methods.contains(facts.method.uppercased()) {
            if miss("method: expected \(methods.joined(separator: " or ")), was \(facts.method)") { return reasons }
        }
        if let path, !Glob.matches(path, facts.path) {
            if miss("path: expected \(path), was \(facts.path)") { return reasons }
        }
        for (name, expected) in query {
            let actual = facts.query.first { $0.name == name }?.value
            if !FieldFilter.scalarMatches(expected, actual.map(JSON.string)) {
                if miss("query.\(name): expected \(expected.scalarText ?? "absent"), was \(actual ?? "absent")") {
                    return reasons
                }
            }
        }
        for (name, expected) in headers {
            let actual = facts.headers[name]
            if !FieldFilter.scalarMatches(expected, actual.map(JSON.string)) {
                if miss("headers.\(name): expected \(expected.scalarText ?? "absent"), was \(actual ?? "absent")") {
                    return reasons
                }
            }
        }
        if !body.fields.isEmpty {
            let json = (try? JSONParser.parse(facts.body)) ?? .null
            for reason in body.mismatches(json, prefix: "body.") {
                if miss(reason) { return reasons }
            }
        }
        return reasons
    }
}

extension FieldFilter {
    public var isEmpty: Bool { fields.isEmpty }

    /// True when every field holds; a field missing from `value` is looked up in `fallback`.
    public func matches(_ value: JSON, fallback: JSON = .null) -> Bool {
        fields.allSatisfy { field in
            let actual = Self.lookup(field.path, in: value) ?? Self.lookup(field.path, in: fallback)
            return Self.valueMatches(field.value, actual)
        }
    }

    func mismatches(_ value: JSON, prefix: String) -> [String] {
        fields.compactMap { field in
            let actual = Self.lookup(field.path, in: value)
            guard !Self.valueMatches(field.value, actual) else { return nil }
            return "\(prefix)\(field.path): expected \(field.value.jsonString), was \(actual?.jsonString ?? "absent")"
        }
    }

    /// `a.b.0.c` into objects and arrays.
    static func lookup(_ path: String, in value: JSON) -> JSON? {
        if let direct = value[path] { return direct }
        var current = value
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            if let next = current[String(part)] {
                current = next
            } else if let index = Int(part), let next = current[index] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }

    static func valueMatches(_ expected: JSON, _ actual: JSON?) -> Bool {
        switch expected {
        case .array(let options):
            if case .array = actual, actual == expected { return true }
            return options.contains { valueMatches($0, actual) }
        case .object(let object):
            guard let actual else { return false }
            return FieldFilter(fields: object.map { ($0.key, $0.value) }).matches(actual)
        default:
            return scalarMatches(expected, actual)
        }
    }

    /// Strings may hold `*`; numbers and booleans compare by their text (`1` matches `"1"`);
    /// null means absent or null; `"*"` means present.
    static func scalarMatches(_ expected: JSON, _ actual: JSON?) -> Bool {
        guard let actual, actual != .null else { return expected == .null }
        guard let wanted = expected.scalarText, let have = actual.scalarText else { return expected == actual }
        if case .string = expected { return Glob.matches(wanted, have) }
        if let a = expected.numberValue, let b = actual.numberValue ?? Double(have) { return a == b }
        return wanted == have
    }
}

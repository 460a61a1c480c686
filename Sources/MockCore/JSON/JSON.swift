/// A JSON value that keeps object keys in order (vendor payloads and callbacks have a fixed key order)
/// and tells integers from decimals (the vendors refuse `1.5` where an integer belongs).
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public subscript(key: String) -> JSON? {
        get { if case .object(let o) = self { return o[key] } else { return nil } }
        set {
            guard case .object(var o) = self else { return }
            o[key] = newValue
            self = .object(o)
        }
    }

    public subscript(index: Int) -> JSON? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var intValue: Int64? { if case .int(let i) = self { return i } else { return nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var isNull: Bool { self == .null }

    /// Any number as a Double.
    public var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The JSON type name as the vendors' messages use it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A string form of a scalar, as query parameters and messages show it.
    public var scalarText: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): JSONWriter.format(d)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}

/// One member of a JSON object. A struct, not a tuple: an array of tuples is destroyed through
/// the run time's generic tuple witness, member by member, which cost a parsed body about as much
/// again as parsing it.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSON

    public init(key: String, value: JSON) {
        self.key = key
        self.value = value
    }
}

/// A JSON object: ordered keys, linear look-up (objects here are small).
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [JSONMember]

    public init(members: [JSONMember]) { entries = members }
    public init(_ entries: [(key: String, value: JSON)] = []) {
        self.entries = entries.map { JSONMember(key: $0.key, value: $0.value) }
    }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        entries = elements.map { JSONMember(key: $0.0, value: $0.1) }
    }

    public subscript(key: String) -> JSON? {
        get { index(of: key).map { entries[$0].value } }
        set {
            if let index = index(of: key) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(JSONMember(key: key, value: newValue))
            }
        }
    }

    /// The first member named `key`. The UTF-8 lengths are compared first: free, and most keys of
    /// a body differ in length, where `==` ran its full comparison for every member of a body read
    /// key by key. So a key no longer matches a canonically equivalent spelling of another length
    /// (a Kelvin sign for a `K`), which the vendors' JSON libraries, comparing code points, do not
    /// match either.
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        return entries.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }

    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public func makeIterator() -> Iterator { Iterator(members: entries.makeIterator()) }

    /// The members as `(key, value)` pairs, for `for (key, value) in object`.
    public struct Iterator: IteratorProtocol {
        var members: IndexingIterator<[JSONMember]>
        public mutating func next() -> (key: String, value: JSON)? { members.next().map { ($0.key, $0.value) } }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.entries == rhs.entries }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension JSON {
    public init(_ value: Int) { self = .int(Int64(value)) }
    public init(_ value: String?) { self = value.map(JSON.string) ?? .null }
    public init(_ values: [String]) { self = .array(values.map(JSON.string)) }
}

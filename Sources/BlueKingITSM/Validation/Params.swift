import MockCore

/// A request's business parameters: the JSON body's object merged with the query (query wins, §1.2).
/// `null` counts as absent, as `request.data.get(key)` sees it.
struct Params: Sendable {
    var object: JSONObject
    /// The body when it was JSON but not an object (a list where a dict belongs).
    var nonObjectBody: JSON?

    init(_ object: JSONObject = [:], nonObjectBody: JSON? = nil) {
        self.object = object
        self.nonObjectBody = nonObjectBody
    }

    subscript(key: String) -> JSON? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// Strings as they are, numbers and booleans as text (DRF CharField coercion).
    func string(_ key: String) -> String? { self[key].flatMap(Self.text) }

    static func text(_ value: JSON) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): JSONWriter.format(number)
        case .bool(let flag): flag ? "True" : "False"
        default: nil
        }
    }

    /// An integer id: ints, integral doubles and numeric strings (Django's `int()` cast).
    static func integer(_ value: JSON) -> Int? {
        switch value {
        case .int(let number): Int(number)
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: Int(number)
        case .string(let text): Int(text.trimmingSpaces())
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    /// Python's `not text.strip()`: empty or only whitespace. A visible ASCII byte settles it
    /// without Unicode property look-ups; otherwise the scan stops at the first scalar that is
    /// not whitespace (what `trimmingSpaces` would keep), with no trimmed copy made.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.allSatisfy(\.isSpace)
    }

    /// Python's `len()` of a str: code points, not grapheme clusters.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// Python truthiness.
    static func truthy(_ value: JSON?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let flag)?: flag
        case .int(let number)?: number != 0
        case .double(let number)?: number != 0
        case .string(let text)?: !text.isEmpty
        case .array(let items)?: !items.isEmpty
        case .object(let object)?: !object.isEmpty
        }
    }

    /// Python `repr()` of a JSON value as the view saw it (for ValueError texts).
    static func pythonRepr(_ value: JSON) -> String {
        switch value {
        case .null: "None"
        case .bool(let flag): flag ? "True" : "False"
        case .int(let number): String(number)
        case .double(let number): JSONWriter.format(number)
        case .string(let text): PyError.repr(text)
        case .array(let items): "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
        case .object(let object):
            "{" + object.map { PyError.repr($0.key) + ": " + pythonRepr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// `[{key, value}]` read the way the serializers read it: `item["key"]`, `item["value"]`.
    static func keyValueItems(_ value: JSON) throws(ITSMError) -> [(key: String, value: String)] {
        guard case .array(let items) = value else {
            if case .object = value { throw .unexpected(.text("string indices must be integers")) }
            if case .string = value { throw .unexpected(.text("string indices must be integers")) }
            throw .unexpected(.text("'\(PyError.pythonType(value))' object is not iterable"))
        }
        var pairs: [(key: String, value: String)] = []
        pairs.reserveCapacity(items.count)
        for item in items {
            guard case .object(let object) = item else {
                switch item {
                case .string: throw .unexpected(.text("string indices must be integers"))
                case .array: throw .unexpected(.text("list indices must be integers or slices, not str"))
                default: throw .unexpected(.text("'\(PyError.pythonType(item))' object is not subscriptable"))
                }
            }
            guard let key = object["key"] else { throw .unexpected(.keyError("key")) }
            guard let raw = object["value"] else { throw .unexpected(.keyError("value")) }
            let valueText: String =
                switch raw {
                case .array(let parts): parts.compactMap { Self.text($0) }.joined(separator: ",")
                case .null: ""
                default: Self.text(raw) ?? raw.jsonString
                }
            pairs.append((Self.text(key) ?? key.jsonString, valueText))
        }
        return pairs
    }
}

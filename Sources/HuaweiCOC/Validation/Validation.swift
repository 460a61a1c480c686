import MockCore

/// One body field: its JSON type, whether it is always required, its enumeration and default.
struct Rule: Sendable {
    enum ValueType: Sendable { case string, int, bool }
    let name: String
    let type: ValueType
    var required = false
    var values: [String]? = nil
    var maxLength: Int? = nil
    var defaultValue: StoredValue? = nil
    /// `values`' bytes, compared with a member's bytes.
    var choices = Choices([])

    static func string(
        _ name: String, required: Bool = false, _ values: [String]? = nil, max: Int? = nil,
        default value: String? = nil
    ) -> Rule {
        Rule(
            name: name, type: .string, required: required, values: values, maxLength: max,
            defaultValue: value.map(StoredValue.string), choices: Choices(values ?? []))
    }
    static func int(_ name: String, required: Bool = false) -> Rule { Rule(name: name, type: .int, required: required) }
    static func bool(_ name: String, default value: Bool? = nil) -> Rule {
        Rule(name: name, type: .bool, defaultValue: value.map(StoredValue.bool))
    }

    /// Checks one member. The field's path (`prefix` + name) is only built for an error message
    /// (every create checks dozens of fields); the prefix is an autoclosure that captures no rule,
    /// so nothing is copied. An enumeration compares bytes, as the vendor's code points do (a
    /// canonically equivalent spelling is not the same value).
    @inline(__always)  // in the table loops: a call would copy the rule out of its table first
    func check(_ input: FieldInput, prefix: @autoclosure () -> String = "") throws(COCError) -> CheckedField {
        var field: String { prefix() + name }
        switch (type, input) {
        case (_, .absent): break
        case (.string, .text(let bytes)):
            guard !bytes.isEmpty else { break }
            guard let values else {
                // A character is at least a byte: only a long text is counted.
                if let maxLength, bytes.count > maxLength, String(decoding: bytes, as: UTF8.self).count > maxLength {
                    throw .tooLong(field, maxLength)
                }
                return .given
            }
            guard let index = choices.index(of: bytes) else { throw .notOneOf(field, values) }
            return .choice(index)
        case (.int, .int(let i)): return .int(i)
        case (.bool, .bool(let b)): return .bool(b)
        case (.string, _): throw .wrongType(field, "a string")
        case (.int, _): throw .wrongType(field, "an integer")
        case (.bool, _): throw .wrongType(field, "a boolean")
        }
        if required && defaultValue == nil { throw .missing(field) }
        return defaultValue == nil ? .nothing : .byDefault
    }

    /// What a check keeps, as a value (`given`: the member's own text).
    @inline(__always)  // in the table loops, as `check`
    func stored(_ checked: CheckedField, given: @autoclosure () -> String) -> StoredValue? {
        switch checked {
        case .nothing: nil
        case .given: .string(given())
        // The table's own (immortal) string, so stored tickets share it.
        case .choice(let index): .string(values![index])
        case .int(let i): .int(i)
        case .bool(let b): .bool(b)
        case .byDefault: defaultValue
        }
    }

    /// Checks a member of a parsed tree (`nil`/`null` = absent). Returns what to store, or nil.
    func check(_ value: JSON?, prefix: @autoclosure () -> String = "") throws(COCError) -> StoredValue? {
        switch value {
        case nil, .null?: return stored(try check(.absent, prefix: prefix()), given: "")
        case .int(let i)?: return stored(try check(.int(i), prefix: prefix()), given: "")
        case .bool(let b)?: return stored(try check(.bool(b), prefix: prefix()), given: "")
        case .string(var text)?:
            let checked = try text.withUTF8 { bytes in
                Result { () throws(COCError) in try check(.text(bytes), prefix: prefix()) }
            }.get()
            return stored(checked, given: text)
        case _?: return stored(try check(.other, prefix: prefix()), given: "")
        }
    }
}

/// An enumeration's values as one run of bytes, found by a member's bytes.
struct Choices: Sendable {
    private let bytes: [UInt8]
    /// Where each value ends in `bytes`.
    private let ends: [Int]

    init(_ values: [String]) {
        bytes = values.flatMap(\.utf8)
        var end = 0
        ends = values.map {
            end += $0.utf8.count
            return end
        }
    }

    var count: Int { ends.count }

    func index(of text: UnsafeBufferPointer<UInt8>) -> Int? { ends.indices.first { matches($0, text) } }

    /// Whether the value at `index` is `text`.
    @inline(__always)
    func matches(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == text.count else { return false }
        return bytes.withUnsafeBufferPointer { StringBytes.equal(UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), text) }
    }

    func length(_ index: Int) -> Int { ends[index] - (index == 0 ? 0 : ends[index - 1]) }

    /// The value at `index`'s bytes, read in place.
    func withBytes<Result>(_ index: Int, _ read: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { read(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}

/// A body member as a rule sees it.
enum FieldInput {
    /// Missing, or `null`.
    case absent
    case text(UnsafeBufferPointer<UInt8>)
    case int(Int64)
    case bool(Bool)
    /// A decimal, an array or an object.
    case other
}

/// What a rule keeps of a member: nothing, the member's text as it is, the enumeration's value
/// at an index, a number, a flag, or the rule's default.
enum CheckedField: Equatable {
    case nothing, given, choice(Int), int(Int64), bool(Bool), byDefault
}

/// Reads typed values out of a request body, refusing wrong types with the field's name.
struct BodyReader {
    let body: JSON
    var prefix = ""

    static func object(_ bytes: [UInt8]) throws(COCError) -> BodyReader {
        let parsed: JSON
        do { parsed = try JSONParser.parse(bytes) } catch { throw COCError.brokenJSON }
        guard parsed.objectValue != nil else { throw COCError.notAnObject }
        return BodyReader(body: parsed)
    }

    func string(_ name: String, required: Bool = false, _ values: [String]? = nil, max: Int? = nil) throws(COCError) -> String? {
        guard
            case .string(let s)? = try Rule.string(name, required: required, values, max: max).check(
                body[name], prefix: prefix)
        else { return nil }
        return s
    }

    func int(_ name: String, required: Bool = false) throws(COCError) -> Int64? {
        guard case .int(let i)? = try Rule.int(name, required: required).check(body[name], prefix: prefix) else {
            return nil
        }
        return i
    }

    func bool(_ name: String) throws(COCError) -> Bool? {
        guard case .bool(let b)? = try Rule.bool(name).check(body[name], prefix: prefix) else { return nil }
        return b
    }

    func object(_ name: String) throws(COCError) -> BodyReader? {
        guard let value = body[name], value != .null else { return nil }
        guard value.objectValue != nil else { throw .wrongType(prefix + name, "an object") }
        return BodyReader(body: value, prefix: prefix + name + ".")
    }

    func array(_ name: String) throws(COCError) -> [JSON]? {
        guard let value = body[name], value != .null else { return nil }
        guard let items = value.arrayValue else { throw .wrongType(prefix + name, "an array") }
        return items
    }

    func strings(_ name: String, required: Bool = false, maxCount: Int? = nil, exactly: Int? = nil) throws(COCError) -> [String] {
        guard let items = try array(name) else {
            if required { throw .missing(prefix + name) }
            return []
        }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .wrongType(prefix + name, "an array of strings") }
            result.append(s)
        }
        if required, result.isEmpty { throw .missing(prefix + name) }
        if let maxCount, result.count > maxCount { throw .badCount(prefix + name, "at most \(maxCount) items") }
        if let exactly, !result.isEmpty, result.count != exactly { throw .badCount(prefix + name, "exactly \(exactly) item") }
        return result
    }
}

/// HTTP header fields in arrival order; lookups ignore ASCII case as HTTP requires.
///
/// A parsed request keeps its fields as they arrived (`RawHeaderFields`: one buffer, no string per
/// field); a `String` is made only for a value someone reads. Any change turns them into a list.
public struct Headers: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    private var list: [(name: String, value: String)]
    private var raw: RawHeaderFields?

    public init(_ fields: [(name: String, value: String)] = []) { list = fields }
    public init(dictionaryLiteral elements: (String, String)...) {
        list = elements.map { (name: $0.0, value: $0.1) }
    }
    public init(raw: RawHeaderFields) {
        list = []
        self.raw = raw
    }

    public var fields: [(name: String, value: String)] { raw?.list ?? list }

    /// The fields as the transport read them, if they have not been changed since.
    public var rawFields: RawHeaderFields? { raw }

    public subscript(_ name: String) -> String? {
        // Through `raw?`, which reads the fields in place; `if let` would copy (and retain) them.
        if raw != nil { return raw?.firstIndex(of: name, from: 0).flatMap { raw?.value(at: $0) } }
        for field in list where field.name.equalsIgnoringASCIICase(name) { return field.value }
        return nil
    }

    /// `read` given the first value called `name` as bytes, in place where the fields are as they
    /// arrived (no string is made); nil when there is none.
    public func withValue<Result>(_ name: String, _ read: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        if raw != nil { return raw?.firstIndex(of: name, from: 0).flatMap { raw?.withValue(at: $0, read) } }
        guard var value = list.first(where: { $0.name.equalsIgnoringASCIICase(name) })?.value else { return nil }
        return value.withUTF8(read)
    }

    public func values(_ name: String) -> [String] {
        guard let raw else { return list.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value) }
        var values: [String] = []
        var next = raw.firstIndex(of: name, from: 0)
        while let index = next {
            values.append(raw.value(at: index))
            next = raw.firstIndex(of: name, from: index + 1)
        }
        return values
    }

    public mutating func add(_ name: String, _ value: String) {
        makeList()
        list.append((name, value))
    }

    /// Replaces every field of that name with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        list.append((name, value))
    }

    public mutating func remove(_ name: String) {
        makeList()
        list.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    public var count: Int { raw?.count ?? list.count }
    public var isEmpty: Bool { count == 0 }
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    private mutating func makeList() {
        guard let raw else { return }
        list = raw.list
        self.raw = nil
    }
}

/// Header fields as a transport read them: the bytes of the header section and, per field, where
/// its name and value are.
public struct RawHeaderFields: Sendable {
    public let bytes: [UInt8]
    /// Four offsets into `bytes` per field: name start and end, value start and end.
    private let bounds: [UInt32]

    public init(bytes: [UInt8], bounds: [UInt32]) {
        precondition(bounds.count % 4 == 0, "four bounds per field")
        self.bytes = bytes
        self.bounds = bounds
    }

    public var count: Int { bounds.count / 4 }

    /// The four offsets per field (name start and end, value start and end), in place.
    public func withBounds<Result>(_ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        bounds.withUnsafeBufferPointer(body)
    }

    public func name(at index: Int) -> String { text(bounds[4 * index], bounds[4 * index + 1]) }
    /// The length in bytes of field `index`'s name.
    public func nameLength(at index: Int) -> Int { Int(bounds[4 * index + 1] - bounds[4 * index]) }
    public func value(at index: Int) -> String { text(bounds[4 * index + 2], bounds[4 * index + 3]) }

    /// Field `index`'s value bytes, in place.
    public func withValue<Result>(at index: Int, _ read: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = Int(bounds[4 * index + 2]), end = Int(bounds[4 * index + 3])
        return bytes.withUnsafeBufferPointer { read(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether field `index` is called `name`, ignoring ASCII case, without making a string.
    public func name(at index: Int, equals name: String) -> Bool {
        let start = Int(bounds[4 * index]), end = Int(bounds[4 * index + 1])
        guard name.utf8.count == end - start else { return false }  // most fields differ in length
        return Self.withBytes(of: name) { wanted in
            bytes.withUnsafeBufferPointer { ASCIICase.equal(UnsafeBufferPointer(rebasing: $0[start..<end]), wanted) }
        }
    }

    /// The first field at or after `from` called `name`, ignoring ASCII case. One pass over the
    /// bounds: a field of another length is passed over without touching its bytes.
    public func firstIndex(of name: String, from: Int) -> Int? {
        Self.withBytes(of: name) { wanted in
            bytes.withUnsafeBufferPointer { all in
                bounds.withUnsafeBufferPointer { bounds in
                    var offset = 4 * from
                    while offset < bounds.count {
                        let start = Int(bounds[offset]), end = Int(bounds[offset + 1])
                        if end - start == wanted.count, ASCIICase.equal(UnsafeBufferPointer(rebasing: all[start..<end]), wanted) {
                            return offset / 4
                        }
                        offset += 4
                    }
                    return nil
                }
            }
        }
    }

    /// A name's UTF-8 bytes in place (literals and native strings are contiguous), else copied.
    private static func withBytes<Result>(of name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = name.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(name.utf8).withUnsafeBufferPointer(body)
    }

    var list: [(name: String, value: String)] { (0..<count).map { (name(at: $0), value(at: $0)) } }

    private func text(_ start: UInt32, _ end: UInt32) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]), as: UTF8.self)
        }
    }
}

extension String {
    public func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var a = self, b = other
        return a.withUTF8 { x in b.withUTF8 { y in ASCIICase.equal(x, y) } }
    }

    public func lowercasedASCII() -> String {
        String(decoding: utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// Byte comparison that ignores the case of ASCII letters only, as HTTP field names require.
enum ASCIICase {
    static func equal(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        for index in 0..<x.count where x[index] != y[index] {
            let folded = x[index] | 0x20
            if folded != y[index] | 0x20 || !(folded >= 0x61 && folded <= 0x7A) { return false }
        }
        return true
    }
}

/// A parsed body as a flat list of tokens over its bytes, for a handler that reads a few members
/// and keeps their bytes: no `String`, array or object is made (or freed) for what it reads, where
/// a tree of `JSON` values made one per string and container. Same grammar, limits and errors as
/// `JSONParser` (both are read by `JSONReader`).
///
/// Values are named by their position on the tape; the whole body's value is at `root`. An
/// object's members follow it as key and value, an array's elements follow it, and a container's
/// token says where the value after it starts. A repeated key is kept twice; `member(_:of:)` finds
/// the last one, whose value the tree keeps.
///
/// An immutable class, not a struct of its arrays: a create hands the tape to a dozen functions
/// and closures, and each took a reference count on every array. It owns the token buffer the
/// parse wrote, as written (an array of them was one more allocation and copy per body);
/// unchecked `Sendable` for that pointer, which nothing writes after `parse`.
public final class JSONTape: @unchecked Sendable {
    public enum Kind: UInt8, Sendable { case null, bool, int, double, string, array, object }

    @usableFromInline struct Token: Sendable {
        /// A string's offset (low half) and length; a number's bits; a boolean; a container's count.
        @usableFromInline var payload: UInt64
        /// The position after this value.
        @usableFromInline var end: UInt32
        @usableFromInline var kind: Kind
        @usableFromInline var isASCII = false
        /// A string with escapes is kept unescaped in `unescaped`, not read from the body.
        @usableFromInline var isUnescaped = false
    }

    @usableFromInline let body: [UInt8]
    @usableFromInline let unescaped: [UInt8]
    @usableFromInline let tokens: UnsafeMutablePointer<Token>
    @usableFromInline let tokenCount: Int

    private init(body: [UInt8], unescaped: [UInt8], tokens: (UnsafeMutablePointer<Token>, count: Int)) {
        self.body = body
        self.unescaped = unescaped
        (self.tokens, tokenCount) = tokens
    }

    deinit { tokens.deallocate() }

    /// The token at `position`, which must be on the tape.
    @inlinable
    func token(_ position: Int) -> Token {
        precondition(UInt(bitPattern: position) < UInt(bitPattern: tokenCount), "no such position on the tape")
        return tokens[position]
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONTape {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var reader = JSONReader(bytes: buffer, output: TapeOutput(body: buffer))
            try reader.read()
            return JSONTape(body: bytes, unescaped: reader.output.unescaped, tokens: reader.output.finished())
        }
    }

    @inlinable
    public var root: Int { 0 }

    /// The body's length: no string value is longer, unescaped or not.
    @inlinable
    public var byteCount: Int { body.count }

    @inlinable
    public func kind(at position: Int) -> Kind { token(position).kind }

    @inlinable
    public func bool(at position: Int) -> Bool? { kind(at: position) == .bool ? token(position).payload != 0 : nil }

    @inlinable
    public func int(at position: Int) -> Int64? {
        kind(at: position) == .int ? Int64(bitPattern: token(position).payload) : nil
    }

    /// The number of an object's members or an array's elements.
    @inlinable
    public func count(at position: Int) -> Int {
        kind(at: position) == .object || kind(at: position) == .array ? Int(token(position).payload) : 0
    }

    /// The position of the value after the one at `position` (past a container's contents).
    @inlinable
    public func after(_ position: Int) -> Int { Int(token(position).end) }

    /// The number of a string's (unescaped) UTF-8 bytes; 0 for a value that is not a string.
    @inlinable
    public func utf8Count(at position: Int) -> Int { kind(at: position) == .string ? Int(token(position).payload >> 32) : 0 }

    /// A string's bytes (unescaped) read in place, or nil for a value that is not a string.
    @inlinable
    public func withUTF8<Result, Failure: Error>(
        at position: Int, _ read: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        let token = token(position)
        guard token.kind == .string else { return nil }
        let start = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: token.payload))
        let range = start..<start + Int(token.payload >> 32)
        // Each array read where it is: choosing one into a variable would retain it.
        if token.isUnescaped {
            return try unescaped.withUnsafeBufferPointer { (bytes) throws(Failure) in
                try read(UnsafeBufferPointer(rebasing: bytes[range]))
            }
        }
        return try body.withUnsafeBufferPointer { (bytes) throws(Failure) in
            try read(UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    public func string(at position: Int) -> String? {
        let isASCII = token(position).isASCII
        return withUTF8(at: position) { JSONTreeOutput.text($0, isASCII: isASCII) } ?? nil
    }

    /// An object's members as the positions of their key and value, in the body's order.
    public func members(of object: Int) -> [(key: Int, value: Int)] {
        guard kind(at: object) == .object else { return [] }
        var members: [(key: Int, value: Int)] = []
        members.reserveCapacity(count(at: object))
        var position = object + 1
        for _ in 0..<count(at: object) {
            members.append((position, position + 1))
            position = after(position + 1)
        }
        return members
    }

    /// Calls `visit` with each member's key bytes and value position, in the body's order.
    @inlinable
    public func forEachMember<Failure: Error>(
        of object: Int, _ visit: (UnsafeBufferPointer<UInt8>, Int) throws(Failure) -> Void
    ) throws(Failure) {
        guard kind(at: object) == .object else { return }
        var position = object + 1
        for _ in 0..<count(at: object) {
            let value = position + 1
            _ = try withUTF8(at: position) { (key) throws(Failure) in try visit(key, value) }
            position = after(value)
        }
    }

    /// The value of the last member named `key` (the one a parsed tree keeps).
    public func member(_ key: String, of object: Int) -> Int? {
        guard kind(at: object) == .object else { return nil }
        var key = key
        return key.withUTF8 { name in
            var found: Int?
            var position = object + 1
            for _ in 0..<count(at: object) {
                // The length is on the token: only a key of the same length is read.
                if token(position).payload >> 32 == name.count,
                    withUTF8(at: position, { StringBytes.equal($0, name) }) == true
                {
                    found = position + 1
                }
                position = after(position + 1)
            }
            return found
        }
    }

    /// An array's elements, in order.
    @inlinable
    public func elements(of array: Int) -> [Int] {
        guard kind(at: array) == .array else { return [] }
        var elements: [Int] = []
        elements.reserveCapacity(count(at: array))
        var position = array + 1
        for _ in 0..<count(at: array) {
            elements.append(position)
            position = after(position)
        }
        return elements
    }

    /// The value at `position` as a tree, for a reader that needs one.
    public func json(at position: Int) -> JSON {
        let token = token(position)
        switch token.kind {
        case .null: return .null
        case .bool: return .bool(token.payload != 0)
        case .int: return .int(Int64(bitPattern: token.payload))
        case .double: return .double(Double(bitPattern: token.payload))
        case .string: return .string(string(at: position) ?? "")
        case .array: return .array(elements(of: position).map { json(at: $0) })
        case .object:
            // A repeated key in its first place with its last value, as the tree keeps it.
            var object = JSONObject()
            for (key, value) in members(of: position) { object[string(at: key) ?? ""] = json(at: value) }
            return .object(object)
        }
    }
}

/// Writes the tape's tokens as `JSONReader` reads the values.
private struct TapeOutput: JSONOutput, ~Copyable {
    let body: UnsafeBufferPointer<UInt8>
    /// Written through a pointer: an array append checked uniqueness and capacity on each of the
    /// dozens of tokens a body makes, and so did each count and end set on a container.
    private var tokens: UnsafeMutablePointer<JSONTape.Token>
    /// Whether `finished()` handed the tokens to a tape, which frees them.
    private var handedOver = false
    private var count = 0
    private var capacity: Int
    var unescaped: [UInt8] = []

    init(body: UnsafeBufferPointer<UInt8>) {
        self.body = body
        // About one token per 8 bytes of a typical body: no growth for most.
        capacity = body.count / 8 + 8
        tokens = .allocate(capacity: capacity)
    }

    deinit { if !handedOver { tokens.deallocate() } }

    /// The tokens for the tape to keep and free.
    mutating func finished() -> (UnsafeMutablePointer<JSONTape.Token>, count: Int) {
        handedOver = true
        return (tokens, count)
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<JSONTape.Token>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: tokens, count: count)
        tokens.deallocate()
        (tokens, capacity) = (larger, capacity * 2)
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Void? {
        guard isASCII || StringBytes.isUTF8(bytes) else { return nil }
        let isUnescaped = !isInBody(bytes)
        let start: Int
        if isUnescaped {
            start = unescaped.count
            unescaped.append(contentsOf: bytes)
        } else {
            start = bytes.baseAddress.map { $0 - body.baseAddress! } ?? 0
        }
        append(
            JSONTape.Token(
                payload: UInt64(start) | UInt64(bytes.count) << 32, end: 0, kind: .string, isASCII: isASCII,
                isUnescaped: isUnescaped))
        return ()
    }

    private func isInBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let address = bytes.baseAddress, let base = body.baseAddress else { return bytes.isEmpty }
        return address >= base && address <= base + body.count
    }

    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Void? { string(bytes, isASCII: isASCII) }

    mutating func scalar(_ value: JSON) {
        switch value {
        case .bool(let flag): append(JSONTape.Token(payload: flag ? 1 : 0, end: 0, kind: .bool))
        case .int(let number): append(JSONTape.Token(payload: UInt64(bitPattern: number), end: 0, kind: .int))
        case .double(let number): append(JSONTape.Token(payload: number.bitPattern, end: 0, kind: .double))
        default: append(JSONTape.Token(payload: 0, end: 0, kind: .null))
        }
    }

    private mutating func append(_ token: JSONTape.Token) {
        if count == capacity { grow() }
        var token = token
        token.end = UInt32(count + 1)
        (tokens + count).initialize(to: token)
        count += 1
    }

    mutating func openObject() -> Int { open(.object) }
    mutating func openArray() -> Int { open(.array) }

    private mutating func open(_ kind: JSONTape.Kind) -> Int {
        append(JSONTape.Token(payload: 0, end: 0, kind: kind))
        return count - 1
    }

    mutating func addMember(_ key: consuming Void, _ value: consuming Void, to object: Int) { tokens[object].payload += 1 }
    mutating func addElement(_ value: consuming Void, to array: Int) { tokens[array].payload += 1 }

    mutating func closeObject(_ object: Int) { close(object) }
    mutating func closeArray(_ array: Int) { close(array) }

    private mutating func close(_ container: Int) { tokens[container].end = UInt32(count) }
}

extension JSONTape {
    /// An object's members, laid out for finding one by name many times: each key's length and
    /// first eight bytes sit side by side, so a look-up compares two integers per member, not
    /// bytes, and walks no tokens.
    public struct MemberTable: Sendable {
        private let tape: JSONTape
        private var entries: [(length: Int, head: UInt64, key: Int)] = []

        public init(_ tape: JSONTape, object: Int) {
            self.tape = tape
            entries.reserveCapacity(tape.count(at: object))
            tape.forEachMember(of: object) { key, value in
                entries.append((key.count, Self.head(key), value - 1))
            }
        }

        /// The first eight bytes (fewer for a short key, zero-filled).
        private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            guard let base = bytes.baseAddress.map(UnsafeRawPointer.init), bytes.count >= 8 else {
                var word: UInt64 = 0
                for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * index) }
                return word
            }
            return StringBytes.word(base, at: 0)
        }

        /// The value of the last member named `key` (the one a parsed tree keeps).
        public func member(_ key: String) -> Int? {
            var key = key
            return key.withUTF8 { name in
                let head = Self.head(name)
                return entries.withUnsafeBufferPointer { entries in
                    for entry in entries.reversed() where entry.length == name.count && entry.head == head {
                        if name.count <= 8 || tape.withUTF8(at: entry.key, { StringBytes.equal($0, name) }) == true {
                            return entry.key + 1
                        }
                    }
                    return nil
                }
            }
        }
    }
}

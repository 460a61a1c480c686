/// Why a body is not JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "\(message) at byte \(offset)" }
}

/// Parses bytes into a tree of `JSON` values (`JSONReader` reads them).
public enum JSONParser {
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var reader = JSONReader(bytes: buffer, output: JSONTreeOutput())
            return try reader.read()
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSON { try parse(Array(text.utf8)) }
}

/// Builds the `JSON` tree. Containers collect their members on reusable scratch stacks and move
/// them into an array of exactly their number when they close: no array grows element by element.
struct JSONTreeOutput: JSONOutput, ~Copyable {
    /// The members of the objects being read, innermost last.
    private var members = ScratchStack<JSONMember>(capacity: 16)
    /// Hashes of the keys in `members`, one for one: a repeated key is found by comparing
    /// integers, not strings (an object's keys are checked against each other).
    private var keyHashes = ScratchStack<UInt64>(capacity: 16)
    /// The elements of the arrays being read, innermost last.
    private var elements = ScratchStack<JSON>(capacity: 16)
    /// The keys read whose values are being read, innermost last, with their hashes. Kept here,
    /// not passed back through the reader, so that each moves into its member without a copy.
    private var pendingKeys = ScratchStack<(String, UInt64)>(capacity: 8)

    func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> JSON? {
        guard let text = Self.text(bytes, isASCII: isASCII) else { return nil }
        return .string(text)
    }

    /// Keeps a key and the hash of its bytes for the member its value completes.
    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> Void? {
        guard let text = Self.text(bytes, isASCII: isASCII) else { return nil }
        pendingKeys.push((text, StringBytes.hash(bytes)))
        return ()
    }

    /// ASCII text (most keys and values) needs no UTF-8 check of ours. Up to 15 ASCII bytes fit in
    /// the string value itself, and filling it in place skips the decoder's validating pass.
    @inline(__always)
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String? {
        guard isASCII else { return String(validUTF8: bytes) }
        guard bytes.count <= 15 else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { $0.initialize(fromContentsOf: bytes) }
    }

    func scalar(_ value: JSON) -> JSON { value }

    func openObject() -> Int { members.count }

    mutating func addMember(_ key: consuming Void, _ value: consuming JSON, to first: Int) {
        let (name, hash) = pendingKeys.popLast()
        // A repeated key keeps the last value, as Python's json module does.
        if let existing = member(name, hash: hash, from: first) {
            members[existing].value = value
        } else {
            keyHashes.push(hash)
            members.push(JSONMember(key: name, value: value))
        }
    }

    mutating func closeObject(_ first: Int) -> JSON {
        keyHashes.remove(from: first)
        return .object(JSONObject(members: members.pop(from: first)))
    }

    /// Where the object whose members start at `first` already has `key`.
    private func member(_ key: String, hash: UInt64, from first: Int) -> Int? {
        var index = first
        while index < members.count {
            if keyHashes[index] == hash, members[index].key == key { return index }
            index += 1
        }
        return nil
    }

    func openArray() -> Int { elements.count }

    mutating func addElement(_ value: consuming JSON, to first: Int) { elements.push(value) }

    mutating func closeArray(_ first: Int) -> JSON { .array(elements.pop(from: first)) }
}

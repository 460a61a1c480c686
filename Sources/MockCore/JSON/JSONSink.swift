/// Something a JSON document can be emitted into, one token at a time. A vendor writes a large
/// answer once, generically, and gets both forms from the same code: `JSONStream` (bytes for the
/// wire, no tree built) and `JSONTreeBuilder` (a `JSON` value for filters, events and the admin API).
public protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The next member's key; the value follows (a scalar, an object or an array).
    mutating func key(_ key: String)
    mutating func value(_ value: JSON)
    /// A constant part of an answer: a stream copies its bytes, a tree takes its value.
    mutating func value(_ prerendered: PrerenderedJSON)
    /// A key that needs no escape (a literal of the vendor's layout): a stream copies its bytes.
    mutating func plainKey(_ key: StaticString)
    /// A string value of `count` bytes that need no escape (digits, letters, dashes), spelled by
    /// `spell` in place: a stream writes them straight into its bytes, a tree makes a string.
    mutating func plainString(count: Int, _ spell: (UnsafeMutableBufferPointer<UInt8>) -> Void)

    /// What `record` returns to `replay`: only valid in the sink that recorded it.
    associatedtype Recording
    /// Writes the value `write` emits and keeps it to be repeated with `replay` (a part an
    /// answer contains more than once: a stream copies its bytes instead of writing it again).
    mutating func record(_ write: (inout Self) -> Void) -> Recording
    mutating func replay(_ recording: Recording)
}

extension JSONSink {
    public mutating func value(_ prerendered: PrerenderedJSON) { value(prerendered.tree) }

    public mutating func plainKey(_ key: StaticString) { self.key(key.description) }

    public mutating func plainString(count: Int, _ spell: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        value(
            .string(
                String(unsafeUninitializedCapacity: count) { buffer in
                    spell(buffer)
                    return count
                }))
    }

    public mutating func member(_ key: String, _ value: JSON) {
        self.key(key)
        self.value(value)
    }

    public mutating func string(_ text: String) { value(.string(text)) }
    /// A string, or `null` when there is none.
    public mutating func string(_ text: String?) { value(text.map(JSON.string) ?? .null) }
    public mutating func int(_ number: Int) { value(.int(Int64(number))) }
    public mutating func int(_ number: Int64) { value(.int(number)) }
    public mutating func double(_ number: Double) { value(.double(number)) }
    public mutating func bool(_ flag: Bool) { value(.bool(flag)) }
    public mutating func null() { value(.null) }
}

/// Compact JSON written straight into bytes, exactly as `JSONWriter` would write the same tree
/// (same separators, same string escaping), without building the tree first.
public struct JSONStream: JSONSink {
    private var out: SharedByteSink
    /// Whether the next member or element needs a comma before it.
    private var afterValue = false

    public init(capacity: Int = 1024) { out = SharedByteSink(capacity: capacity) }

    /// The JSON written so far. Mutating: the stream hands over its buffer, cut to the bytes
    /// written, instead of copying them (the stream copies it back if written to again).
    public var bytes: [UInt8] { mutating get { out.take() } }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ key: String) {
        separate()
        JSONWriter.writeString(key, to: &out, escapeNonASCII: false)
        out.append(UInt8(ascii: ":"))
        afterValue = false
    }

    public mutating func value(_ value: JSON) {
        separate()
        JSONWriter.write(value, to: &out, escapeNonASCII: false)
        afterValue = true
    }

    public mutating func value(_ prerendered: PrerenderedJSON) { raw(prerendered.bytes) }

    public mutating func plainKey(_ key: StaticString) {
        separate()
        out.write(atMost: key.utf8CodeUnitCount + 3) { target in
            target[0] = UInt8(ascii: "\"")
            (target + 1).update(from: key.utf8Start, count: key.utf8CodeUnitCount)
            target[key.utf8CodeUnitCount + 1] = UInt8(ascii: "\"")
            target[key.utf8CodeUnitCount + 2] = UInt8(ascii: ":")
            return key.utf8CodeUnitCount + 3
        }
        afterValue = false
    }

    public mutating func plainString(count: Int, _ spell: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        separate()
        out.write(atMost: count + 2) { target in
            target[0] = UInt8(ascii: "\"")
            spell(UnsafeMutableBufferPointer(start: target + 1, count: count))
            target[count + 1] = UInt8(ascii: "\"")
            return count + 2
        }
        afterValue = true
    }

    /// Bytes that already are one JSON value (e.g. a stored, pre-encoded object).
    public mutating func raw(_ encoded: [UInt8]) {
        separate()
        encoded.withUnsafeBufferPointer { out.appendBytes($0) }
        afterValue = true
    }

    public mutating func int(_ number: Int64) {
        separate()
        JSONWriter.writeInteger(number, to: &out)
        afterValue = true
    }

    /// The recorded value's byte range in this stream.
    public mutating func record(_ write: (inout JSONStream) -> Void) -> Range<Int> {
        separate()
        afterValue = false
        let start = out.count
        write(&self)
        return start..<out.count
    }

    public mutating func replay(_ recording: Range<Int>) {
        separate()
        out.appendCopy(of: recording)
        afterValue = true
    }

    private mutating func separate() {
        if afterValue { out.append(UInt8(ascii: ",")) }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        out.append(bracket)
        afterValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        out.append(bracket)
        afterValue = true
    }
}

/// A value that never changes once made (a workflow's field list, say), kept as a tree and as
/// its `JSONWriter` bytes so streams copy it instead of writing it again.
public struct PrerenderedJSON: Sendable {
    public let tree: JSON
    public let bytes: [UInt8]

    public init(_ tree: JSON) {
        self.tree = tree
        bytes = JSONWriter.bytes(tree)
    }
}

/// Builds the `JSON` tree from the same emitting code. Object members keep their order and any
/// repeated key, as a `JSONObject` built from an entry list does.
public struct JSONTreeBuilder: JSONSink {
    private enum Container {
        case object([(key: String, value: JSON)], pendingKey: String?)
        case array([JSON])
    }

    private var stack: [Container] = []
    /// The finished top-level value.
    public private(set) var result: JSON = .null

    public init() {}

    public mutating func beginObject() { stack.append(.object([], pendingKey: nil)) }
    public mutating func beginArray() { stack.append(.array([])) }

    public mutating func endObject() {
        guard case .object(let entries, _)? = stack.popLast() else { preconditionFailure("endObject without beginObject") }
        value(.object(JSONObject(entries)))
    }

    public mutating func endArray() {
        guard case .array(let elements)? = stack.popLast() else { preconditionFailure("endArray without beginArray") }
        value(.array(elements))
    }

    public mutating func record(_ write: (inout JSONTreeBuilder) -> Void) -> JSON {
        var part = JSONTreeBuilder()
        write(&part)
        value(part.result)
        return part.result
    }

    public mutating func replay(_ recording: JSON) { value(recording) }

    public mutating func key(_ key: String) {
        guard case .object(let entries, _)? = stack.popLast() else { preconditionFailure("key outside an object") }
        stack.append(.object(entries, pendingKey: key))
    }

    public mutating func value(_ value: JSON) {
        switch stack.popLast() {
        case nil: result = value
        case .object(var entries, let key)?:
            guard let key else { preconditionFailure("object value without a key") }
            entries.append((key, value))
            stack.append(.object(entries, pendingKey: nil))
        case .array(var elements)?:
            elements.append(value)
            stack.append(.array(elements))
        }
    }
}

extension Response {
    /// A JSON answer whose body is already written (e.g. by a `JSONStream`); the same headers as
    /// `Response.json(_:status:headers:)`.
    public static func json(bytes: [UInt8], status: Int = 200, headers: Headers = [:]) -> Response {
        var allHeaders = headers
        if allHeaders["Content-Type"] == nil { allHeaders.add("Content-Type", "application/json") }
        return Response(status: status, headers: allHeaders, body: bytes)
    }
}

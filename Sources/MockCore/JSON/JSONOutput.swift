/// Writes JSON straight into bytes, for answers made on every request: no `JSON` tree, no
/// intermediate strings. Values go out in the order they are given and the commas are inserted
/// for you; the bytes are exactly what `JSONWriter` writes for the same tree.
///
///     var out = JSONOutput()
///     out.beginObject()
///     out.key("result"); out.bool(true)
///     out.key("data"); out.beginObject(); out.key("sn"); out.string(sn); out.endObject()
///     out.endObject()
///     return .json(out)
public struct JSONOutput: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value or key is not the first of its container.
    private var needsComma = false

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// An object key; the value written next belongs to it.
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        JSONWriter.writeString(name, into: &bytes, escapeNonASCII: false)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ text: String) {
        separate()
        JSONWriter.writeString(text, into: &bytes, escapeNonASCII: false)
    }

    /// A string, or `null` when there is none.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    public mutating func int(_ value: Int) { int(Int64(value)) }

    public mutating func int(_ value: Int64) {
        separate()
        JSONWriter.writeInteger(value, into: &bytes)
    }

    public mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: JSONWriter.format(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A whole value from a tree, for the parts of an answer that already are one.
    public mutating func value(_ json: JSON) {
        separate()
        JSONWriter.write(json, into: &bytes)
    }

    /// Bytes that already are one JSON value (e.g. a stored, pre-encoded object).
    public mutating func raw(_ encoded: [UInt8]) {
        separate()
        bytes.append(contentsOf: encoded)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }
}

extension Response {
    /// An answer whose JSON was written with `JSONOutput`.
    public static func json(_ output: JSONOutput, status: Int = 200, headers: Headers = [:]) -> Response {
        var allHeaders = headers
        if allHeaders["Content-Type"] == nil { allHeaders.add("Content-Type", "application/json") }
        return Response(status: status, headers: allHeaders, body: output.bytes)
    }
}

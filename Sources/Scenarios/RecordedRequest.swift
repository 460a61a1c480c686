import MockCore

/// A request as the journal keeps it: method, target, header fields and body packed into one byte
/// buffer. Recording costs one allocation, and dropping the entry one free, instead of keeping the
/// live request's dozen strings alive until the ring overwrites them on whichever loop thread that is.
struct RecordedRequest: Sendable {
    /// Each string as a 4-byte length then its UTF-8; the body fills the rest.
    private let bytes: [UInt8]
    private let headerCount: Int
    private let bodyTooLarge: Bool

    init(_ request: Request, bodyLimit: Int) {
        let body = request.body.prefix(bodyLimit)
        let fields = request.headers.fields
        var size = 8 + request.method.utf8.count + request.uri.utf8.count + body.count
        for field in fields { size += 8 + field.name.utf8.count + field.value.utf8.count }
        bytes = Array(unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            Self.put(request.method, into: buffer, at: &offset)
            Self.put(request.uri, into: buffer, at: &offset)
            for field in fields {
                Self.put(field.name, into: buffer, at: &offset)
                Self.put(field.value, into: buffer, at: &offset)
            }
            body.withUnsafeBufferPointer {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: $0)
            }
            initialized = size
        }
        headerCount = fields.count
        bodyTooLarge = request.bodyTooLarge
    }

    /// Writes the length of `text` in 4 bytes, then its UTF-8.
    private static func put(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
        var text = text
        let count = text.utf8.count
        for shift in 0..<4 { buffer[offset + shift] = UInt8(truncatingIfNeeded: count >> (8 * shift)) }
        text.withUTF8 { _ = UnsafeMutableBufferPointer(rebasing: buffer[(offset + 4)...]).initialize(fromContentsOf: $0) }
        offset += 4 + count
    }

    /// The request again (without the router's parameters, which the journal never shows).
    var request: Request {
        var offset = 0
        func next() -> String {
            var length = 0
            for shift in 0..<4 { length |= Int(bytes[offset + shift]) << (8 * shift) }
            offset += 4 + length
            return String(decoding: bytes[(offset - length)..<offset], as: UTF8.self)
        }
        let method = next()
        let uri = next()
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(headerCount)
        for _ in 0..<headerCount { fields.append((next(), next())) }
        return Request(
            method: method, uri: uri, headers: Headers(fields), body: Array(bytes[offset...]), bodyTooLarge: bodyTooLarge)
    }
}

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
        var size = 8 + request.method.utf8.count + request.uri.utf8.count + body.count
        for field in request.headers { size += 8 + field.name.utf8.count + field.value.utf8.count }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        Self.append(request.method, to: &bytes)
        Self.append(request.uri, to: &bytes)
        for field in request.headers {
            Self.append(field.name, to: &bytes)
            Self.append(field.value, to: &bytes)
        }
        bytes.append(contentsOf: body)
        self.bytes = bytes
        headerCount = request.headers.fields.count
        bodyTooLarge = request.bodyTooLarge
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: text.utf8)
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

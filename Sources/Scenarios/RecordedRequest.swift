import MockCore

/// A request as the journal keeps it. The transport hands over its header fields as one raw
/// buffer, so keeping them costs a reference, not a copy; only a body over the limit is cut.
struct RecordedRequest: Sendable {
    private let method: String
    private let uri: String
    private let headers: Headers
    private let body: [UInt8]
    private let bodyTooLarge: Bool

    init(_ request: Request, bodyLimit: Int) {
        method = request.method
        uri = request.uri
        headers = request.headers
        body = request.body.count > bodyLimit ? Array(request.body.prefix(bodyLimit)) : request.body
        bodyTooLarge = request.bodyTooLarge
    }

    /// The request again (without the router's parameters, which the journal never shows).
    var request: Request {
        Request(method: method, uri: uri, headers: headers, body: body, bodyTooLarge: bodyTooLarge)
    }
}

import MockCore

/// The API gateway's own errors (huawei-auth.md §4), in front of COC and OSM alike.
public enum APIGError: Error, Sendable, Equatable {
    /// 401: a bad, malformed or unverifiable `SDK-HMAC-SHA256` signature.
    case signatureFailed
    /// 401: neither `Authorization` nor `X-Auth-Token`.
    case tokenMissing
    /// 401: a token the gateway does not know (whitelist mode).
    case tokenInvalid
    /// 401: a known token past its expiry (ISO-8601 text).
    case tokenExpired(expiresAt: String)
    /// 404: no API at this method and path.
    case notFound
    /// 400: a request the gateway cannot parse.
    case badRequest
    /// 413: a body over the limit.
    case tooLarge
    /// 429: throttled.
    case throttled

    var status: Int {
        switch self {
        case .signatureFailed, .tokenMissing, .tokenInvalid, .tokenExpired: 401
        case .notFound: 404
        case .badRequest: 400
        case .tooLarge: 413
        case .throttled: 429
        }
    }

    /// The number after the prefix (`APIGW.0301` → `0301`).
    var number: String {
        switch self {
        case .signatureFailed, .tokenMissing, .tokenInvalid, .tokenExpired: "0301"
        case .notFound: "0101"
        case .badRequest, .tooLarge: "0201"
        case .throttled: "0308"
        }
    }

    var message: String {
        switch self {
        case .signatureFailed: "Incorrect IAM authentication information: verify aksk signature fail"
        case .tokenMissing: "Incorrect IAM authentication information: x-auth-token not found"
        case .tokenInvalid: "Incorrect IAM authentication information: decrypt token fail"
        case .tokenExpired(let expiresAt): "Incorrect IAM authentication information: token expires, expires_at: \(expiresAt)"
        case .notFound: "The API does not exist or has not been published in the environment."
        case .badRequest: "API request error."
        case .tooLarge: "Request entity too large."
        case .throttled:
            "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute"
        }
    }

    /// The envelope, keys in the gateway's order: `error_msg`, `error_code`, `request_id`.
    func body(prefix: String, requestId: String) -> JSON {
        ["error_msg": .string(message), "error_code": .string(prefix + "." + number), "request_id": .string(requestId)]
    }

    /// Scenario names (`apig.throttled`, …) for the error catalog.
    static let catalog: [(name: String, error: APIGError)] = [
        ("apig.unauthorized", .signatureFailed), ("apig.signature_failed", .signatureFailed),
        ("apig.token_missing", .tokenMissing), ("apig.token_invalid", .tokenInvalid),
        ("apig.not_found", .notFound), ("apig.bad_request", .badRequest), ("apig.too_large", .tooLarge),
        ("apig.throttled", .throttled),
    ]
}

/// Gateway defaults the seeds may change.
enum GatewayDefaults {
    static let prefix = "APIGW"
    /// Shared gateways answer `APIGW.…`, dedicated ones `APIG.…` (huawei-auth.md §4).
    static let prefixes = ["APIGW", "APIG"]
    static let contentType = "application/json;charset=UTF-8"
}

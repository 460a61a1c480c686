import Crypto
import MockCore

/// The parts of `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
struct AuthorizationHeader: Sendable, Equatable {
    let accessKey: String
    /// Spelled only when asked for: `--auth strict` verifies with them, open mode reads the AK alone.
    private let verifiedParts: (signedHeaders: String, signature: String)?

    var signedHeaders: String { verifiedParts?.signedHeaders ?? "" }
    var signature: String { verifiedParts?.signature ?? "" }

    static let algorithm = "SDK-HMAC-SHA256"

    init?(_ value: String) {
        var text = value
        guard let header = text.withUTF8({ Self(bytes: $0, withSignature: true) }) else { return nil }
        self = header
    }

    /// huawei-auth.md §2.2 step 1, lenient about spaces after the commas. Nil when malformed or
    /// another algorithm. Parsed in place over the header's bytes (it runs on every Huawei
    /// request): only the parts kept become strings.
    init?(bytes: UnsafeBufferPointer<UInt8>, withSignature: Bool) {
        guard let (access, headers, hexSignature) = Self.parse(bytes) else { return nil }
        func part(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        accessKey = part(access)
        verifiedParts = withSignature ? (part(headers), part(hexSignature)) : nil
    }

    /// Equal when the three parts are (however the headers were spaced).
    static func == (a: AuthorizationHeader, b: AuthorizationHeader) -> Bool {
        a.accessKey == b.accessKey && a.signedHeaders == b.signedHeaders && a.signature == b.signature
    }

    /// One pass over the parts: each runs to the next comma, its first `=` splits the name from
    /// the value. Names are told apart by their length first.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>, Range<Int>)? {
        let whole = trimmed(bytes, 0..<bytes.count)
        let algorithmLength = algorithm.utf8.count
        guard whole.count > algorithmLength, equal(bytes, at: whole.lowerBound, algorithm),
            bytes[whole.lowerBound + algorithmLength] == UInt8(ascii: " ")
        else { return nil }
        var access: Range<Int>?, headers: Range<Int>?, hexSignature: Range<Int>?
        var index = whole.lowerBound + algorithmLength + 1
        while index < whole.upperBound {
            let partStart = index
            let partEnd =
                StringBytes.firstIndex(of: UInt8(ascii: ","), in: bytes, partStart..<whole.upperBound) ?? whole.upperBound
            let equals = StringBytes.firstIndex(of: UInt8(ascii: "="), in: bytes, partStart..<partEnd)
            index = partEnd + 1
            if partEnd == partStart { continue }  // empty parts are skipped, as a split omits them
            let pair = trimmed(bytes, partStart..<partEnd)
            guard let equals else { return nil }
            let fieldValue = (equals + 1)..<pair.upperBound
            switch equals - pair.lowerBound {
            case 6 where equal(bytes, at: pair.lowerBound, "Access"): access = fieldValue
            case 13 where equal(bytes, at: pair.lowerBound, "SignedHeaders"): headers = fieldValue
            case 9 where equal(bytes, at: pair.lowerBound, "Signature"): hexSignature = fieldValue
            default: break
            }
        }
        guard let access, !access.isEmpty, let headers, !headers.isEmpty, let hexSignature, !hexSignature.isEmpty
        else { return nil }
        for position in hexSignature {
            let byte = bytes[position]
            guard byte &- 0x30 < 10 || byte &- 0x61 < 6 else { return nil }  // 0-9, a-f
        }
        return (access, headers, hexSignature)
    }

    /// Whether `word`'s bytes stand at `start` (callers know they fit).
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: String) -> Bool {
        word.utf8.withContiguousStorageIfAvailable { wanted in
            wanted.indices.allSatisfy { bytes[start + $0] == wanted[$0] }
        } ?? bytes[start..<start + word.utf8.count].elementsEqual(word.utf8)
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        var start = range.lowerBound, end = range.upperBound
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}

/// `SDK-HMAC-SHA256` exactly as the official SDK computes it (huawei-auth.md §2.1), rebuilt from
/// what was received (§2.2).
enum Signer {
    static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// huawei-auth.md §2.2 step 3 (APIG FAQ): ±15 minutes around the server clock.
    static let maxSkew: Int64 = 15 * 60 * 1000

    /// Percent-decodes the raw path, re-encodes each segment, and ends it with `/`.
    static func canonicalURI(_ rawPath: String) -> String? {
        var segments: [String] = []
        for segment in rawPath.split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = PercentEncoding.decode(String(segment)) else { return nil }
            segments.append(PercentEncoding.encode(decoded))
        }
        let joined = segments.joined(separator: "/")
        return joined.hasSuffix("/") ? joined : joined + "/"
    }

    /// Pairs decoded without `+` → space, re-encoded, sorted by key then value in byte order.
    static func canonicalQuery(_ rawQuery: String, lowercaseKeys: Bool = false) -> String? {
        var pairs: [(key: String, value: String)] = []
        for item in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = PercentEncoding.decode(String(parts[0])),
                let value = PercentEncoding.decode(parts.count > 1 ? String(parts[1]) : "")
            else { return nil }
            let encodedKey = PercentEncoding.encode(lowercaseKeys ? key.lowercasedASCII() : key)
            pairs.append((encodedKey, PercentEncoding.encode(value)))
        }
        pairs.sort { a, b in
            a.key == b.key
                ? Array(a.value.utf8).lexicographicallyPrecedes(b.value.utf8)
                : Array(a.key.utf8).lexicographicallyPrecedes(b.key.utf8)
        }
        return pairs.map { $0.key + "=" + $0.value }.joined(separator: "&")
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func payloadHash(_ request: Request) -> String {
        if request.body.isEmpty { return emptyBodyHash }
        if let declared = request.headers["X-Sdk-Content-Sha256"]?.trimmingSpaces(), declared == unsignedPayload {
            return unsignedPayload
        }
        return sha256Hex(request.body)
    }

    /// The CanonicalRequest of §2.1 step 5; nil when a signed header is missing or the URI is broken.
    static func canonicalRequest(_ request: Request, signedHeaders: String, lowercaseQueryKeys: Bool = false) -> String? {
        guard let uri = canonicalURI(request.rawPath),
            let query = canonicalQuery(request.rawQuery, lowercaseKeys: lowercaseQueryKeys)
        else { return nil }
        var lines = [request.method.uppercased(), uri, query]
        for name in signedHeaders.split(separator: ";") {
            guard let value = request.headers[String(name)] else { return nil }
            lines.append(String(name).lowercasedASCII() + ":" + value.trimmingSpaces())
        }
        lines.append("")
        lines.append(signedHeaders)
        lines.append(payloadHash(request))
        return lines.joined(separator: "\n")
    }

    static func stringToSign(canonicalRequest: String, date: String) -> String {
        AuthorizationHeader.algorithm + "\n" + date + "\n" + sha256Hex(Array(canonicalRequest.utf8))
    }

    static func signature(stringToSign: String, secretKey: String) -> String {
        let key = SymmetricKey(data: Array(secretKey.utf8))
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// `20261123T115138Z` → the instant; nil when not in that exact form.
    static func parseSdkDate(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in b[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilTime.days(year: year, month: month, day: day)
        return Timestamp(seconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// Full verification (§2.2 steps 3–6). `now` nil skips the skew check (replaying fixed vectors).
    static func verify(_ request: Request, authorization: AuthorizationHeader, secretKey: String, now: Timestamp?) -> Bool {
        guard let date = request.headers["X-Sdk-Date"]?.trimmingSpaces(), let signedAt = parseSdkDate(date) else {
            return false
        }
        if let now, abs(now.milliseconds - signedAt.milliseconds) > maxSkew { return false }
        let attempts = request.rawQuery.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? [false, true] : [false]
        for lowercaseKeys in attempts {  // §2.2 step 6: Go SDKs sign lower-cased query keys
            guard
                let canonical = canonicalRequest(
                    request, signedHeaders: authorization.signedHeaders, lowercaseQueryKeys: lowercaseKeys)
            else { return false }
            let expected = signature(stringToSign: stringToSign(canonicalRequest: canonical, date: date), secretKey: secretKey)
            if constantTimeEquals(expected, authorization.signature) { return true }
        }
        return false
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}

/// The `huawei` scenario section: `accounts: [{domain_id, domain_name?, ak, sk}]`,
/// `tokens: [{token, domain_id?, expires_at?}]`, `token_mode: any|whitelist`, `gateway_prefix: APIGW|APIG`.
enum CredentialSeed {
    static func validate(_ section: JSON) -> [FieldError] {
        guard let object = section.objectValue else { return [FieldError(path: [], message: "must be a mapping")] }
        var errors: [FieldError] = []
        func need(_ value: JSON?, _ path: [String], optional: Bool = false) {
            if value == nil || value == .null {
                if !optional { errors.append(FieldError(path: path, message: "is required")) }
            } else if value?.stringValue?.isEmpty != false {
                errors.append(FieldError(path: path, message: "must be a non-empty string"))
            }
        }
        for (key, value) in object {
            switch key {
            case "accounts", "tokens":
                guard let items = value.arrayValue else {
                    errors.append(FieldError(path: [key], message: "must be a list")); continue
                }
                for (index, item) in items.enumerated() {
                    let path = [key, "[\(index)]"]
                    guard item.objectValue != nil else {
                        errors.append(FieldError(path: path, message: "must be a mapping")); continue
                    }
                    if key == "accounts" {
                        for field in ["domain_id", "ak", "sk"] { need(item[field], path + [field]) }
                        need(item["domain_name"], path + ["domain_name"], optional: true)
                    } else {
                        need(item["token"], path + ["token"])
                        need(item["domain_id"], path + ["domain_id"], optional: true)
                        if let expiry = item["expires_at"], expiry != .null,
                            expiry.stringValue.flatMap(Timestamp.init(iso8601:)) == nil
                        {
                            errors.append(FieldError(path: path + ["expires_at"], message: "must be an ISO-8601 time"))
                        }
                    }
                }
            case "token_mode":
                if value.stringValue.flatMap(TokenMode.init(rawValue:)) == nil {
                    errors.append(FieldError(path: [key], message: "must be any or whitelist"))
                }
            case "gateway_prefix":
                if !GatewayDefaults.prefixes.contains(value.stringValue ?? "") {
                    errors.append(
                        FieldError(path: [key], message: "must be one of " + GatewayDefaults.prefixes.joined(separator: ", ")))
                }
            default: errors.append(FieldError(path: [key], message: "unknown key"))
            }
        }
        return errors
    }

    /// Built-ins plus every section's accounts and tokens; later sections win for the switches.
    static func apply(_ sections: [JSON], to base: Credentials) -> Credentials {
        var result = base
        for section in sections {
            for item in section["accounts"]?.arrayValue ?? [] {
                guard let domain = item["domain_id"]?.stringValue, let ak = item["ak"]?.stringValue,
                    let sk = item["sk"]?.stringValue
                else { continue }
                result.accounts.append(
                    Account(
                        domainId: domain, domainName: item["domain_name"]?.stringValue ?? domain,
                        accessKey: ak, secretKey: sk))
            }
            for item in section["tokens"]?.arrayValue ?? [] {
                guard let token = item["token"]?.stringValue else { continue }
                let expiry = item["expires_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))?.milliseconds
                result.tokens.append(
                    KnownToken(
                        token: token,
                        domainId: item["domain_id"]?.stringValue
                            ?? result.defaultAccount.domainId, expiresAt: expiry))
            }
            if let mode = section["token_mode"]?.stringValue.flatMap(TokenMode.init(rawValue:)) { result.tokenMode = mode }
            if let prefix = section["gateway_prefix"]?.stringValue { result.prefix = prefix }
        }
        return result
    }
}

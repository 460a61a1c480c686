import MockCore

/// One API call as the routes see it: which layer it came through, its parameters and its user.
struct Call: Sendable {
    /// ESB paths (`/api/c/compapi/...`) answer with `request_id` and require a user (§2.2, §3.3).
    var esb: Bool
    var params: Params
    var user: String
    var requestId: String?
    var namespace: String
}

/// Credential extraction and the ESB checks (bk-itsm.md §2).
enum Credentials {
    static let header = "X-Bkapi-Authorization"

    /// The request's parameters: the JSON body (whatever its Content-Type) under the query.
    /// A broken body is reported only by the endpoints that read one.
    static func params(_ request: Request) -> (Params, bodyError: JSONParseError?) {
        var object = JSONObject()
        var nonObject: JSON?
        var bodyError: JSONParseError?
        if !request.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            do {
                let body = try request.jsonBody()
                if case .object(let given) = body { object = given } else { nonObject = body }
            } catch {
                bodyError = error
            }
        }
        for item in request.queryItems { object[item.name] = .string(item.value) }
        return (Params(object, nonObjectBody: nonObject), bodyError)
    }

    struct Supplied: Sendable {
        var appCode: String?
        var appSecret: String?
        var user: String?
    }

    /// The credential keys a request may carry (§2.1), each pair in precedence order.
    enum Key: Int, CaseIterable, Sendable {
        case bkAppCode, appCode, bkAppSecret, appSecret, bkUsername, username, bkToken, accessToken

        static let names = [
            "bk_app_code", "app_code", "bk_app_secret", "app_secret", "bk_username", "username", "bk_token", "access_token",
        ]
        var name: String { Self.names[rawValue] }
    }

    /// The non-empty value found for each `Key` (by raw value), nil where none was.
    struct Found: Sendable, Equatable {
        var values = [String?](repeating: nil, count: Key.allCases.count)
        subscript(_ key: Key) -> String? {
            get { values[key.rawValue] }
            set { values[key.rawValue] = newValue }
        }
    }

    /// `X-Bkapi-Authorization` first, then the params; null and empty values ignored (§2.1).
    /// Clients send the same header on every call, so its parse is cached per header text, as
    /// values by key position (no per-request dictionary look-ups).
    static func identity(
        _ request: Request, params: Params, headerCache: BoundedCache<String, Found>
    ) throws(ITSMError) -> Supplied {
        var found: Found
        if let raw = request.headers[header] {
            found = try headerCache.value(for: raw, compute: headerValues)
        } else {
            found = Found()
        }
        for key in Key.allCases where found[key] == nil {
            if let text = params.string(key.name), !text.isEmpty { found[key] = text }
        }
        let tokenUser = (found[.bkToken] ?? found[.accessToken]).map { _ in Identity.tokenUser }
        return Supplied(
            appCode: found[.bkAppCode] ?? found[.appCode], appSecret: found[.bkAppSecret] ?? found[.appSecret],
            user: found[.bkUsername] ?? found[.username] ?? tokenUser)
    }

    /// The header's non-empty values, the first of each key; a header that is not a JSON object
    /// is `1306406` (§2.1).
    static func headerValues(_ raw: String) throws(ITSMError) -> Found {
        guard let parsed = try? JSONParser.parse(Array(raw.utf8)), case .object(let object) = parsed else {
            throw .esbBadAuthorizationHeader
        }
        var found = Found()
        for (name, value) in object {
            guard let index = Key.names.firstIndex(of: name), let key = Key(rawValue: index), found[key] == nil else { continue }
            if let text = Params.text(value), !text.isEmpty { found[key] = text }
        }
        return found
    }

    /// The ESB's app and user checks in order (§2.2); `apps` is nil in `--auth open`.
    static func check(_ identity: Supplied, requireUser: Bool, apps: [String: String]?) throws(ITSMError) -> String {
        guard let code = identity.appCode else { throw .esbCommon(CredentialMessage.appCodeMissing) }
        guard let secret = identity.appSecret else { throw .esbCommon(CredentialMessage.appSecretMissing) }
        if let apps {
            guard let expected = apps[code] else { throw .esbCommon(CredentialMessage.unknownApp(code)) }
            guard expected == secret else { throw .esbCommon(CredentialMessage.secretMismatch(code)) }
        }
        guard let user = identity.user else {
            if requireUser { throw .esbCommon(CredentialMessage.noUser) }
            return Identity.tokenUser
        }
        return user
    }
}

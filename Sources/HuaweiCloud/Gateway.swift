import MockCore

/// Who a request authenticated as: the AK of its signature or its token, and the account
/// (domain) and project it acts in.
public struct HuaweiCaller: Sendable, Equatable {
    /// The AK of an `SDK-HMAC-SHA256` signature; nil for `X-Auth-Token` requests.
    public var accessKey: String?
    /// The account (domain) id: the AK's account in `--auth strict`, else `X-Domain-Id` if sent,
    /// else the AK's account, else the built-in `mockdomainid0001`.
    public var domainId: String
    /// `X-Project-Id` (sent with BasicCredentials), if any.
    public var projectId: String?
    /// The `X-Auth-Token` used, if any.
    public var token: String?
    /// The request's namespace (`X-Mock-Namespace`), read once by the gateway for the request id
    /// and handed on, so a route need not search the headers for it again.
    public var namespace: String = TicketMock.defaultNamespace
}

/// The API gateway in front of COC and OSM (huawei-auth.md): authentication, the APIG error
/// envelopes and the headers every answer carries. COC and OSM wrap their routes with it:
///
///     router.add("POST", "/v1/{ticket_type}/tickets", api: "huawei_coc.create_ticket",
///                gateway.protect { request, caller in … })
///     router.add("*", "/v1/{rest...}", api: "huawei_coc.not_found", gateway.notFound)
public struct HuaweiGateway: Sendable {
    let context: EmulatorContext
    let credentials: CredentialStore
    /// The default namespace's request-id stream, kept: every answer draws from it.
    private let defaultRequestIds: IdStream

    init(context: EmulatorContext, credentials: CredentialStore) {
        self.context = context
        self.credentials = credentials
        defaultRequestIds = context.ids.stream(named: Self.defaultRequestIdStream)
    }

    /// Authenticates (§2.2, §3) and calls `handler` with the caller, or answers 401 `APIGW.0301`.
    /// Either way the answer gets `X-Request-Id` and the gateway's `Content-Type`.
    public func protect(_ handler: @escaping @Sendable (Request, HuaweiCaller) -> Response) -> Handler {
        { request in
            let namespace = request.namespace
            let caller: HuaweiCaller
            do throws(APIGError) { caller = try authenticate(request, namespace: namespace) } catch {
                return self.error(error, for: request, namespace: namespace)
            }
            return finish(handler(request, caller), namespace: namespace)
        }
    }

    /// Stamps `X-Request-Id` and the gateway's `Content-Type` on an answer that lacks them
    /// (JSON answers get `application/json;charset=UTF-8`; other content types are kept).
    public func finish(_ response: consuming Response, for request: Request) -> Response {
        finish(response, namespace: request.namespace)
    }

    /// The response is taken, not borrowed: changed in place, it is not copied first.
    func finish(_ response: consuming Response, namespace: String) -> Response {
        var answer = response
        // The usual answer, `Response.json`'s lone Content-Type, gets both headers in one go
        // (what the general path below makes of it, without its searches and removal).
        if answer.headers.fields.count == 1, answer.headers.fields[0] == ("Content-Type", "application/json") {
            answer.headers = gatewayHeaders(requestId: requestId(namespace))
            return answer
        }
        let type = answer.headers["Content-Type"]
        if type == nil || type == "application/json" { answer.headers.set("Content-Type", GatewayDefaults.contentType) }
        if answer.headers["X-Request-Id"] == nil { answer.headers.add("X-Request-Id", requestId(namespace)) }
        return answer
    }

    /// The gateway's `Content-Type` and the request id, as one list (no dictionary literal to map).
    private func gatewayHeaders(requestId: String) -> Headers {
        Headers([(name: "Content-Type", value: GatewayDefaults.contentType), (name: "X-Request-Id", value: requestId)])
    }

    /// The APIG envelope `{"error_msg", "error_code", "request_id"}` with its status and headers.
    public func error(_ error: APIGError, for request: Request) -> Response {
        self.error(error, for: request, namespace: request.namespace)
    }

    func error(_ error: APIGError, for request: Request, namespace: String) -> Response {
        let id = requestId(namespace)
        let body = error.body(prefix: credentials.credentials.prefix, requestId: id)
        return .json(body, status: error.status, headers: gatewayHeaders(requestId: id))
    }

    /// 404 `APIGW.0101`, for a service's catch-all routes (no authentication first, as APIG
    /// looks the API up before checking credentials).
    public var notFound: Handler { { request in error(.notFound, for: request) } }

    /// 413 `APIGW.0201`, for `VendorEmulator.payloadTooLarge`.
    public func payloadTooLarge(_ request: Request) -> Response { error(.tooLarge, for: request) }

    /// `apig.unauthorized`, `apig.not_found`, `apig.too_large`, `apig.throttled`, … for a
    /// service's `errorCatalog`.
    public var errorCatalog: [String: @Sendable (Request) -> Response] {
        var catalog: [String: @Sendable (Request) -> Response] = [:]
        for entry in APIGError.catalog {
            let apigError = entry.error
            catalog[entry.name] = { request in error(apigError, for: request) }
        }
        return catalog
    }

    private func requestId(_ namespace: String) -> String {
        guard namespace == TicketMock.defaultNamespace else { return context.ids.hex(namespace + "#request-id", count: 32) }
        return IdSource.hex(from: defaultRequestIds, count: 32)
    }

    private static let defaultRequestIdStream = TicketMock.defaultNamespace + "#request-id"

    /// huawei-auth.md §4 mapping: the signature first, then the token, else "not found".
    func authenticate(_ request: Request, namespace: String) throws(APIGError) -> HuaweiCaller {
        let strict = context.settings.authMode == .strict
        let projectId = nonEmpty(request.headers["X-Project-Id"]?.trimmingSpaces())
        let declaredDomain = request.headers["X-Domain-Id"]?.trimmingSpaces()
        let sent = request.headers.withValue("Authorization") { AuthorizationHeader(bytes: $0, withSignature: strict) }
        if let sent {
            guard let authorization = sent else { throw .signatureFailed }
            if strict {
                guard let account = credentials.account(accessKey: authorization.accessKey),
                    Signer.verify(request, authorization: authorization, secretKey: account.secretKey, now: context.clock.now())
                else { throw .signatureFailed }
                return HuaweiCaller(
                    accessKey: account.accessKey, domainId: account.domainId, projectId: projectId, namespace: namespace)
            }
            let accessKey = authorization.accessKey  // spelled once: the domain look-up and the caller share it
            let domain = nonEmpty(declaredDomain) ?? credentials.domainId(accessKey: accessKey)
            return HuaweiCaller(accessKey: accessKey, domainId: domain, projectId: projectId, namespace: namespace)
        }
        let known = credentials.credentials
        guard let token = nonEmpty(request.headers["X-Auth-Token"]?.trimmingSpaces()) else { throw .tokenMissing }
        if let entry = credentials.token(token) {
            if let expiry = entry.expiresAt, expiry <= context.clock.now().milliseconds {
                let text = Timestamp(milliseconds: expiry).civil().iso8601(fractionDigits: 3)
                throw .tokenExpired(expiresAt: text)
            }
            return HuaweiCaller(domainId: entry.domainId, projectId: projectId, token: token, namespace: namespace)
        }
        if strict || known.tokenMode == .whitelist { throw .tokenInvalid }
        let domain = nonEmpty(declaredDomain) ?? known.defaultAccount.domainId
        return HuaweiCaller(domainId: domain, projectId: projectId, token: token, namespace: namespace)
    }

    private func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
}

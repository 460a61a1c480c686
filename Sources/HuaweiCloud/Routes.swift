import MockCore

/// The IAM and STS stubs a region-based client calls before its first request (huawei-auth.md §6.2,
/// §3), answered on the same listener as COC and OSM.
struct IAMRoutes {
    let gateway: HuaweiGateway
    let credentials: CredentialStore
    let clock: MockClock
    let ids: IdSource

    /// Lifetime of a token from `POST /v3/auth/tokens` (IAM's default: 24 hours).
    static let tokenLifetime: Int64 = 24 * 3600 * 1000

    func register(into router: inout Router) {
        router.add("GET", "/v3/auth/domains", api: "huawei.keystone_list_auth_domains", gateway.protect(domains))
        router.add("GET", "/v3/projects", api: "huawei.keystone_list_projects", gateway.protect(projects))
        router.add("GET", "/v5/caller-identity", api: "huawei.show_caller_identity", gateway.protect(callerIdentity))
        router.add("POST", "/v3/auth/tokens", api: "huawei.keystone_create_user_token_by_password", createToken)
        router.add("*", ["/v3/{rest...}", "/v5/{rest...}"], api: "huawei.not_found", gateway.notFound)
    }

    private var traceHeaders: Headers { ["X-IAM-Trace-Id": ids.hex("#iam-trace", count: 32)] }

    /// `{"domains": [{"id", "name", "enabled"}]}`: the caller's account; the SDK takes `domains[0].id`.
    func domains(_ request: Request, _ caller: HuaweiCaller) -> Response {
        let name = credentials.credentials.account(domainId: caller.domainId)?.domainName ?? caller.domainId
        let domain: JSON = ["id": .string(caller.domainId), "name": .string(name), "enabled": true, "description": ""]
        return .json(["domains": [domain]], headers: traceHeaders)
    }

    /// One project per known region, filtered by `name`; the SDK needs exactly one.
    func projects(_ request: Request, _ caller: HuaweiCaller) -> Response {
        let wanted = request.query("name")
        let found: [JSON] = Regions.projects.filter { wanted == nil || $0.region == wanted }.map { project in
            [
                "id": .string(project.id), "name": .string(project.region), "domain_id": .string(caller.domainId),
                "enabled": true, "is_domain": false, "parent_id": .string(caller.domainId), "description": "",
            ]
        }
        return .json(
            ["projects": .array(found), "links": ["self": "/v3/projects", "next": nil, "previous": nil]],
            headers: traceHeaders)
    }

    /// STS `GetCallerIdentity`: `{"account_id": …}`.
    func callerIdentity(_ request: Request, _ caller: HuaweiCaller) -> Response {
        .json(["account_id": .string(caller.domainId), "principal_id": .string(caller.accessKey ?? caller.domainId)])
    }

    /// 201 with the token in `X-Subject-Token`; any JSON body is accepted (huawei-auth.md §3 [mock]).
    @Sendable func createToken(_ request: Request) -> Response {
        guard let body = try? request.jsonBody(), body.objectValue != nil else {
            return gateway.error(.badRequest, for: request)
        }
        let known = credentials.credentials
        let user = body["auth"]?["identity"]?["password"]?["user"]
        let domainId = user?["domain"]?["id"]?.stringValue
        let domainName = user?["domain"]?["name"]?.stringValue
        let account =
            domainId.flatMap(known.account(domainId:))
            ?? known.accounts.last { $0.domainName == domainName } ?? known.defaultAccount
        let now = clock.now().milliseconds
        let token = KnownToken(
            token: "MII" + ids.hex(request.namespace + "#token", count: 96),
            domainId: account.domainId, expiresAt: now + Self.tokenLifetime)
        credentials.issue(token)
        let iso = { (ms: Int64) in Timestamp(milliseconds: ms).civil().iso8601(fractionDigits: 3) }
        let answer: JSON = [
            "token": [
                "expires_at": .string(iso(now + Self.tokenLifetime)), "issued_at": .string(iso(now)),
                "methods": ["password"],
                "user": [
                    "domain": ["id": .string(account.domainId), "name": .string(account.domainName)],
                    "id": .string(account.domainId), "name": JSON(user?["name"]?.stringValue ?? account.domainName),
                ],
            ]
        ]
        return gateway.finish(.json(answer, status: 201, headers: ["X-Subject-Token": token.token]), for: request)
    }
}

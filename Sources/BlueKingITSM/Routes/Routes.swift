import MockCore

/// One ITSM API: its ESB name, whether it reads a JSON body, and whether its view has
/// `catch_openapi_exception` (§4.3) or falls to the DRF handler with string codes (§4.5).
struct Endpoint: Sendable {
    var name: String
    var path: String
    var readsBody: Bool
    var wrapped: Bool
    var gatewayOnly: Bool
    var run: @Sendable (Endpoints, Call) throws -> Answer

    init(
        name: String, path: String, readsBody: Bool, wrapped: Bool, gatewayOnly: Bool = false,
        answer: @escaping @Sendable (Endpoints, Call) throws -> Answer
    ) {
        self.name = name
        self.path = path
        self.readsBody = readsBody
        self.wrapped = wrapped
        self.gatewayOnly = gatewayOnly
        run = answer
    }

    init(
        name: String, path: String, readsBody: Bool, wrapped: Bool, gatewayOnly: Bool = false,
        run: @escaping @Sendable (Endpoints, Call) throws -> JSON
    ) {
        self.init(name: name, path: path, readsBody: readsBody, wrapped: wrapped, gatewayOnly: gatewayOnly) {
            .tree(try run($0, $1))
        }
    }
}

/// An endpoint's `data`: a tree, or written straight into the envelope's bytes (hot, large answers).
enum Answer {
    case tree(JSON)
    case written((inout JSONStream) -> Void)
}

/// Paths → handlers (bk-itsm.md §1.2, §5). Handlers are thin: parse, one backend call, encode.
struct Routes: Sendable {
    let backend: Backend

    static let esbPrefixes = ["/api/c/compapi/v2/itsm", "/api/c/compapi/itsm"]
    static let gatewayPrefix = "/{prefix...}/v2/itsm"

    static let endpoints: [Endpoint] = [
        Endpoint(
            name: "create_ticket", path: "create_ticket", readsBody: true, wrapped: true, answer: { try $0.createTicket($1) }),
        Endpoint(
            name: "get_ticket_status", path: "get_ticket_status", readsBody: false, wrapped: false,
            answer: { try $0.ticketStatus($1) }),
        Endpoint(name: "get_ticket_info", path: "get_ticket_info", readsBody: false, wrapped: false) { try $0.ticketInfo($1) },
        Endpoint(name: "get_ticket_logs", path: "get_ticket_logs", readsBody: false, wrapped: false) { try $0.ticketLogs($1) },
        Endpoint(name: "get_tickets", path: "get_tickets", readsBody: true, wrapped: false) { try $0.tickets($1) },
        Endpoint(name: "operate_ticket", path: "operate_ticket", readsBody: true, wrapped: true) { try $0.operateTicket($1) },
        Endpoint(name: "operate_node", path: "operate_node", readsBody: true, wrapped: true) { try $0.operateNode($1) },
        Endpoint(name: "ticket_approval_result", path: "ticket_approval_result", readsBody: true, wrapped: false) {
            try $0.approvalResult($1)
        },
        Endpoint(name: "token_verify", path: "token/verify", readsBody: true, wrapped: true) { try $0.tokenVerify($1) },
        Endpoint(name: "callback_failed_ticket", path: "callback_failed_ticket", readsBody: false, wrapped: true) {
            try $0.callbackFailed($1)
        },
        Endpoint(name: "comment_ticket", path: "comment_ticket", readsBody: true, wrapped: true) { try $0.comment($1) },
        Endpoint(name: "get_services", path: "get_services", readsBody: false, wrapped: true) { try $0.services($1) },
        Endpoint(name: "get_service_detail", path: "get_service_detail", readsBody: false, wrapped: true) {
            try $0.serviceDetail($1)
        },
        Endpoint(name: "get_service_catalogs", path: "get_service_catalogs", readsBody: false, wrapped: true) {
            try $0.catalogs($1)
        },
        Endpoint(name: "get_service_roles", path: "get_service_roles", readsBody: false, wrapped: true) {
            try $0.serviceRoles($1)
        },
        Endpoint(name: "get_workflow_detail", path: "get_workflow_detail", readsBody: false, wrapped: false) {
            try $0.workflowDetail($1)
        },
        Endpoint(name: "create_service_catalog", path: "create_service_catalog", readsBody: true, wrapped: true) {
            try $0.createCatalog($1)
        },
        Endpoint(name: "import_service", path: "import_service", readsBody: true, wrapped: true) {
            try $0.importService($1, update: false)
        },
        Endpoint(name: "update_service", path: "update_service", readsBody: true, wrapped: true) {
            try $0.importService($1, update: true)
        },
        Endpoint(name: "approve", path: "approve", readsBody: true, wrapped: true, gatewayOnly: true) { try $0.approve($1) },
        Endpoint(name: "proceed_approval", path: "proceed_approval", readsBody: true, wrapped: true, gatewayOnly: true) {
            try $0.proceedApproval($1)
        },
        Endpoint(name: "get_approver", path: "get_approver", readsBody: false, wrapped: true, gatewayOnly: true) {
            try $0.approver($1)
        },
        Endpoint(
            name: "get_approve_node_result", path: "get_approve_node_result", readsBody: false, wrapped: true, gatewayOnly: true
        ) {
            try $0.approveNodeResult($1)
        },
        Endpoint(name: "get_tickets_by_user", path: "get_tickets_by_user", readsBody: false, wrapped: true, gatewayOnly: true) {
            try $0.ticketsByUser($1)
        },
        Endpoint(name: "add_follower", path: "add_follower", readsBody: true, wrapped: true, gatewayOnly: true) {
            try $0.addFollower($1)
        },
        Endpoint(name: "edit_field", path: "edit_field", readsBody: true, wrapped: false, gatewayOnly: true) {
            try $0.editField($1)
        },
    ]

    func register(into router: inout Router) {
        let endpoints = Endpoints(backend: backend)
        for endpoint in Self.endpoints {
            let api = "bk_itsm." + endpoint.name
            if !endpoint.gatewayOnly {
                for prefix in Self.esbPrefixes {
                    router.add("*", "\(prefix)/\(endpoint.path)", api: api, handler(endpoint, esb: true, endpoints))
                }
            }
            router.add("*", "\(Self.gatewayPrefix)/\(endpoint.path)", api: api, handler(endpoint, esb: false, endpoints))
        }
        // The gateway resource of comment_ticket is named `comment` (§1.2).
        if let comment = Self.endpoints.first(where: { $0.name == "comment_ticket" }) {
            router.add(
                "*", "\(Self.gatewayPrefix)/comment", api: "bk_itsm.comment_ticket", handler(comment, esb: false, endpoints))
        }
        // `get_all_tickets` is a gateway GET resource backed by get_tickets (§5).
        if let all = Self.endpoints.first(where: { $0.name == "get_tickets" }) {
            router.add(
                "*", "\(Self.gatewayPrefix)/get_all_tickets", api: "bk_itsm.get_tickets", handler(all, esb: false, endpoints))
        }
        // The ITSM backend paths behind the ESB and gateway answer 403 without a JWT (§1.1, §1.2 [mock]).
        for endpoint in Self.endpoints {
            let gateway = handler(endpoint, esb: false, endpoints)
            // proceed_approval has no `@custom_apigw_required` (§5).
            let open = endpoint.name == "proceed_approval"
            let guarded: Handler = { request in
                request.headers["X-Bkapi-JWT"] == nil && !open ? Envelope.gatewayRequired : gateway(request)
            }
            for prefix in ["/openapi/{group}", "/o/bk_itsm/openapi/{group}"] {
                router.add("*", "\(prefix)/\(endpoint.path)", api: "bk_itsm." + endpoint.name, guarded)
            }
        }
        let unknown = notFound
        for prefix in Self.esbPrefixes { router.add("*", "\(prefix)/{rest...}", api: "bk_itsm.not_found", unknown) }
        router.add("*", "/api/c/compapi/{rest...}", api: "bk_itsm.not_found", unknown)
        router.add("*", "\(Self.gatewayPrefix)/{rest...}", api: "bk_itsm.not_found", unknown)
    }

    /// An unregistered component (§4.6 [mock]): 1306404, HTTP 200; `request_id` on ESB paths only.
    var notFound: Handler {
        let backend = backend
        return { request in
            let requestId = BlueKingITSMEmulator.isESB(request) ? backend.context.ids.hex(request.namespace, count: 32) : nil
            return .json(ITSMError.esbComponentNotFound.body(requestId: requestId))
        }
    }

    func handler(_ endpoint: Endpoint, esb: Bool, _ endpoints: Endpoints) -> Handler {
        let backend = backend
        return { request in
            let namespace = request.namespace
            let requestId = esb ? backend.context.ids.hex(namespace, count: 32) : nil
            do {
                let call = try Self.call(
                    request, esb: esb, endpoint: endpoint, backend: backend, requestId: requestId, namespace: namespace)
                let answer = try endpoint.run(endpoints, call)
                var out = JSONStream(capacity: 2048)
                Envelope.writeSuccess(requestId: requestId, into: &out) { out in
                    switch answer {
                    case .tree(let data): out.value(data)
                    case .written(let write): write(&out)
                    }
                }
                return .json(bytes: out.bytes)
            } catch let error as ITSMError {
                return .json(error.body(requestId: requestId))
            } catch {
                return .json(ITSMError.unexpected(.text("\(error)")).body(requestId: requestId))
            }
        }
    }

    /// `namespace` is the request's, read once by the handler (a header search each time).
    static func call(
        _ request: Request, esb: Bool, endpoint: Endpoint, backend: Backend, requestId: String?, namespace: String
    ) throws(ITSMError) -> Call {
        let (params, bodyError) = Credentials.params(request)
        let supplied = try Credentials.identity(request, params: params, headerCache: backend.credentialHeaders)
        let (apps, options) = backend.partition(namespace).data.withLock { ($0.apps, $0.options) }
        let strict = backend.context.settings.authMode == .strict
        let user = try Credentials.check(supplied, requireUser: esb && options.requireUserOnESB, apps: strict ? apps : nil)
        if endpoint.readsBody, let bodyError {
            let text = "JSON parse error - " + pythonJSONMessage(bodyError, body: request.body)
            throw endpoint.wrapped ? .unexpected(.text(text)) : .plain(code: "SERVER_500_ERROR", message: text)
        }
        // `request.data.get(...)` on a list body is an AttributeError (§4.3 row 5).
        if endpoint.readsBody, let body = params.nonObjectBody {
            let error = PyError.noAttribute(body, "get")
            throw endpoint.wrapped ? .unexpected(error) : .plain(code: "SERVER_500_ERROR", message: error.text)
        }
        return Call(esb: esb, params: params, user: user, requestId: requestId, namespace: namespace)
    }

    /// Python's `json` message for the first problem: `Expecting value: line 1 column 1 (char 0)`
    /// (the message kinds of `json.decoder`; positions as this parser found them).
    static func pythonJSONMessage(_ error: JSONParseError, body: [UInt8]) -> String {
        let offset = min(error.offset, body.count)
        var line = 1
        var column = 1
        var chars = 0
        for byte in body[..<offset] {
            if byte & 0xC0 == 0x80 { continue }
            chars += 1
            if byte == 10 { line += 1; column = 1 } else { column += 1 }
        }
        let text: String =
            switch error.message {
            case "expected a key": "Expecting property name enclosed in double quotes"
            case "expected ':'": "Expecting ':' delimiter"
            case "expected ',' or '}'", "expected ',' or ']'": "Expecting ',' delimiter"
            case "unexpected data after the value": "Extra data"
            case "unterminated string": "Unterminated string starting at"
            case "control character in string": "Invalid control character at"
            case "invalid escape": "Invalid \\escape"
            default: "Expecting value"
            }
        return "\(text): line \(line) column \(column) (char \(chars))"
    }
}

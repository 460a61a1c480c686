import MockCore

/// The `/_mock/` control API: health, reset, the tickets each vendor holds, the actions of the
/// people behind the APIs, and the callbacks sent.
public struct AdminAPI: Sendable {
    let context: EmulatorContext
    let vendors: [any VendorEmulator]
    let startedAt: Timestamp

    public init(context: EmulatorContext, vendors: [any VendorEmulator]) {
        self.context = context
        self.vendors = vendors
        startedAt = Timestamp.systemNow()
    }

    public func register(into router: inout Router) {
        router.add("GET", "/_mock/health", api: "admin.health") { _ in health() }
        add(&router, "POST", "/_mock/reset", "admin.reset", reset)
        add(&router, "GET", "/_mock/tickets", "admin.tickets", listTickets)
        add(&router, "GET", "/_mock/tickets/{vendor}/{id}", "admin.ticket", showTicket)
        add(&router, "POST", "/_mock/tickets/{vendor}/{id}/actions", "admin.ticket_action", performAction)
        add(&router, "GET", "/_mock/callbacks", "admin.callbacks", listCallbacks)
        router.add("*", "/_mock/{rest...}", api: "admin.not_found") { GenericErrors.notFound($0) }
    }

    /// Registers an admin route behind the admin token, when one is set.
    func add(_ router: inout Router, _ method: String, _ path: String, _ api: String, _ handler: @escaping Handler) {
        let token = context.settings.adminToken
        router.add(method, path, api: api) { request in
            if let token, !AdminAuth.accepts(request, token: token) { return AdminErrors.unauthorized() }
            return handler(request)
        }
    }

    func health() -> Response {
        let uptime = Double((Timestamp.systemNow() - startedAt).milliseconds) / 1000
        // Written straight to bytes: health checks come often, and the answer is tiny.
        var out = JSONStream(capacity: 64)
        out.beginObject()
        out.key("status")
        out.string("ok")
        out.key("version")
        out.string(TicketMock.version)
        out.key("uptime_s")
        out.double(uptime)
        out.endObject()
        return .json(bytes: out.bytes)
    }

    func reset(_ request: Request) -> Response {
        let scope = request.query("namespace") ?? request.headers[TicketMock.namespaceHeader]
        context.reset(namespace: scope)
        return .json(["reset": true, "namespace": JSON(scope)])
    }

    func vendor(named name: String) -> (any VendorEmulator)? { vendors.first { $0.name == name } }

    func listTickets(_ request: Request) -> Response {
        let wanted = request.query("vendor")
        if let wanted, vendor(named: wanted) == nil { return AdminErrors.unknownVendor(wanted, known: vendors.map(\.name)) }
        var tickets: [JSON] = []
        for vendor in vendors where wanted == nil || vendor.name == wanted {
            tickets += vendor.tickets(namespace: request.namespace).map { ticket in
                var entry = ticket
                if entry["vendor"] == nil { entry["vendor"] = .string(vendor.name) }
                return entry
            }
        }
        return .json(["namespace": .string(request.namespace), "count": JSON(tickets.count), "tickets": .array(tickets)])
    }

    func showTicket(_ request: Request) -> Response {
        let name = request.parameters["vendor"] ?? "", id = request.parameters["id"] ?? ""
        guard let vendor = vendor(named: name) else { return AdminErrors.unknownVendor(name, known: vendors.map(\.name)) }
        guard let ticket = vendor.ticket(id: id, namespace: request.namespace) else {
            return AdminErrors.unknownTicket(vendor: name, id: id)
        }
        return .json(ticket)
    }

    func performAction(_ request: Request) -> Response {
        let name = request.parameters["vendor"] ?? "", id = request.parameters["id"] ?? ""
        guard let vendor = vendor(named: name) else { return AdminErrors.unknownVendor(name, known: vendors.map(\.name)) }
        let action: JSON
        do { action = try request.jsonBody() } catch { return AdminErrors.badJSON(error) }
        guard action.objectValue != nil else { return AdminErrors.invalid("the body must be a JSON object") }
        do {
            return .json(try vendor.perform(action: action, ticketId: id, namespace: request.namespace))
        } catch {
            return AdminErrors.action(error, vendor: vendor)
        }
    }

    func listCallbacks(_ request: Request) -> Response {
        let attempts = context.callbacks.list(namespace: request.namespace)
        return .json(["count": JSON(attempts.count), "callbacks": .array(attempts.map(\.json))])
    }
}

enum AdminAuth {
    static func accepts(_ request: Request, token: String) -> Bool {
        request.headers["X-Mock-Admin-Token"] == token || request.headers["Authorization"] == "Bearer \(token)"
    }
}

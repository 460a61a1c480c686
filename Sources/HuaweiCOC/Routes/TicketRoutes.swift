import HuaweiCloud
import MockCore

/// `/v1/{ticket_type}/…` and `/v2/changes/…` (huawei-coc.md §3.1). Each route: parse, one model
/// call, encode.
struct TicketRoutes {
    let service: COCService
    let gateway: HuaweiGateway
    var model: COCModel { service.model }

    func register(into router: inout Router) {
        let api = { (name: String) in "huawei_coc." + name }
        router.add(
            "POST", "/v1/{ticket_type}/tickets", api: api("create_ticket"),
            wrapTicket(create, capacity: 512) { $0.writeCreated(into: &$1) })
        router.add("GET", "/v1/{ticket_type}/tickets/{ticket_id}", api: api("show_ticket_info"), wrapDetail(show))
        router.add("PUT", "/v1/{ticket_type}/tickets/{ticket_id}", api: api("update_ticket"), wrap(update))
        router.add("PUT", "/v2/changes/{ticket_id}", api: api("update_change"), wrap(update))
        router.add("DELETE", "/v1/{ticket_type}/tickets/{ticket_id}", api: api("delete_ticket_info"), wrap(delete))
        router.add("POST", "/v1/{ticket_type}/actions", api: api("execute_ticket_action"), wrap(action))
        router.add("POST", "/v1/{ticket_type}/list-tickets", api: api("list_tickets"), wrap(list))
        router.add("POST", "/v1/{ticket_type}/list-histories", api: api("list_ticket_operation_histories"), wrap(histories))
        router.add(
            "POST", "/v1/external/{ticket_type}/list-histories", api: api("list_coc_ticket_operation_histories"),
            wrap(histories))
        router.add(
            "GET", "/v1/{ticket_type}/tickets/{ticket_id}/list-sub-tickets", api: api("list_sub_tickets"),
            wrap(subTickets))
        router.add("POST", "/v1/external/issues/create", api: api("create_coc_issues"), wrap(createExternalIssue))
        router.add("GET", "/v1/external/issues/{ticket_id}", api: api("show_coc_issues_detail"), wrapDetail(show))
    }

    /// Authenticates, runs the body, renders the success or COC error envelope.
    func wrap(_ body: @escaping @Sendable (Request, HuaweiCaller) throws(COCError) -> JSON) -> Handler {
        gateway.protect { request, caller in
            do throws(COCError) { return Envelope.success(try body(request, caller)) } catch {
                return Envelope.failure(error, for: request)
            }
        }
    }

    /// `wrap` for the detail answers, whose data comes rendered (`COCModel.detail`).
    func wrapDetail(_ find: @escaping @Sendable (Request, HuaweiCaller) throws(COCError) -> [UInt8]) -> Handler {
        gateway.protect { request, caller in
            do throws(COCError) {
                let data = try find(request, caller)
                return Envelope.success(capacity: data.count + 128) { $0.raw(data) }
            } catch {
                return Envelope.failure(error, for: request)
            }
        }
    }

    /// `wrap` for an answer about one ticket, written straight to bytes.
    func wrapTicket(
        _ find: @escaping @Sendable (Request, HuaweiCaller) throws(COCError) -> Ticket, capacity: Int,
        render: @escaping @Sendable (Ticket, inout JSONStream) -> Void
    ) -> Handler {
        gateway.protect { request, caller in
            do throws(COCError) {
                let ticket = try find(request, caller)
                return Envelope.success(capacity: capacity) { render(ticket, &$0) }
            } catch {
                return Envelope.failure(error, for: request)
            }
        }
    }

    static func kind(_ request: Request) throws(COCError) -> TicketKind { try kind(request.parameters["ticket_type"] ?? "") }

    static func kind(_ value: String) throws(COCError) -> TicketKind {
        guard let kind = TicketKind(rawValue: value) else { throw COCError.ticketType(value) }
        return kind
    }

    /// Looks a path id up: unknown → `COC.00067003`. list-sub-tickets is documented with
    /// ticket_type `hosting_change_tenant` (huawei-coc.md §3.1), so that one is let through too.
    func existing(_ request: Request, alsoAllowing alias: String? = nil) throws(COCError) -> Ticket {
        if let type = request.parameters["ticket_type"], type != alias { _ = try Self.kind(type) }
        guard let ticket = model.ticket(request.parameters["ticket_id"] ?? "", namespace: request.namespace) else {
            throw COCError.unknownTicket
        }
        return ticket
    }

    @Sendable func create(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> Ticket {
        let kind = try Self.kind(request)
        let body: JSONTape
        do { body = try JSONTape.parse(request.body) } catch { throw COCError.brokenJSON }
        let fields = try CreateRules.validate(body, kind: kind)
        return service.create(
            kind: kind, fields: fields, creator: caller.user, domainId: caller.domainId,
            updates: caller.projectUpdate, namespace: caller.namespace)
    }

    @Sendable func show(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> [UInt8] {
        if let type = request.parameters["ticket_type"] { _ = try Self.kind(type) }
        guard let found = model.detail(request.parameters["ticket_id"] ?? "", namespace: caller.namespace) else {
            throw COCError.unknownTicket
        }
        return found.bytes
    }

    @Sendable func update(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        _ = try existing(request)
        let reader = try BodyReader.object(request.body)
        let parsed = try ActionNames.parseUpdate(reader)
        let ticket = try service.update(
            request.parameters["ticket_id"] ?? "", parsed, by: caller.user, params: reader.body,
            namespace: caller.namespace)
        return ["ticket_id": .string(ticket.ticketId), "phase": .string(ticket.state.text)]
    }

    @Sendable func delete(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        try model.delete(try existing(request).ticketId, namespace: caller.namespace)
        return [:]
    }

    @Sendable func action(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let kind = try Self.kind(request)
        let reader = try BodyReader.object(request.body)
        let ticketId = try reader.string("ticket_id", required: true)!
        let name = try reader.string("action", required: true)!
        let userId = try reader.string("user_id")
        _ = try reader.string("task_id")
        let params = try reader.object("params") ?? BodyReader(body: [:], prefix: "params.")
        guard let ticket = model.ticket(ticketId, namespace: caller.namespace), ticket.kind == kind else {
            throw COCError.unknownTicket
        }
        let parsed = try ActionNames.parse(name, params: params, kind: kind)
        _ = try service.act(
            ticketId, parsed, by: userId ?? caller.user, assignTo: userId, params: params.body,
            namespace: caller.namespace)
        return [:]
    }

    @Sendable func list(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let kind = try Self.kind(request)
        let (filters, page, perPage) = try ExternalRules.list(try BodyReader.object(request.body))
        let details = model.tickets(namespace: caller.namespace, kind: kind).reversed().lazy.map(\.detail)
            .filter { detail in filters.allSatisfy { $0.matches(detail[$0.field]) } }
        let all = Array(details)
        let slice = all.dropFirst((page - 1) * perPage).prefix(perPage)
        return ["tickets": .array(Array(slice)), "total": .int(Int64(all.count))]
    }

    @Sendable func histories(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let type = request.parameters["ticket_type"] ?? ""
        let (filters, _, _) = try ExternalRules.list(try BodyReader.object(request.body))
        if type == "incident" {
            let entries = model.incidents(namespace: caller.namespace)
                .filter { i in filters.allSatisfy { $0.matches($0.field == "ticket_id" ? .string(i.number) : i.detail[$0.field]) }
                }
                .flatMap { i in i.history.map { $0.json(ticketId: i.number) } }
            return ["histories": .array(entries), "total": .int(Int64(entries.count))]
        }
        let kind = try Self.kind(request)
        let entries = model.tickets(namespace: caller.namespace, kind: kind)
            .filter { t in filters.allSatisfy { $0.matches(t.detail[$0.field]) } }
            .flatMap(\.historyJSON)
        return ["histories": .array(entries), "total": .int(Int64(entries.count))]
    }

    @Sendable func subTickets(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let ticket = try existing(request, alsoAllowing: "hosting_change_tenant")
        let limit = try QueryRules.int(request, "limit", default: 100, range: 1...1000)
        let type = request.query("type")
        var items = ticket.subTicketsJSON.filter { type == nil || $0["target_type"]?.stringValue == type }
        if let marker = request.query("marker"), let at = items.firstIndex(where: { $0["id"]?.stringValue == marker }) {
            items = Array(items[(at + 1)...])
        }
        return ["sub_tickets": .array(Array(items.prefix(limit))), "total": .int(Int64(items.count))]
    }

    @Sendable func createExternalIssue(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let (fields, extra) = try ExternalRules.externalIssue(try BodyReader.object(request.body))
        let ticket = service.create(
            kind: .issue, fields: fields, creator: caller.user,
            domainId: caller.domainId, updates: extra + caller.projectUpdate, namespace: caller.namespace)
        return ["ticket_id": .string(ticket.ticketId)]
    }
}

extension HuaweiCaller {
    /// Who the ticket records as creator or operator: the AK, else the account.
    var user: String { accessKey ?? domainId }

    /// `X-Project-Id` (BasicCredentials) is recorded on the ticket as `project_id` (huawei-auth.md §8).
    var projectUpdate: [(String, StoredValue)] { projectId.map { [("project_id", .string($0))] } ?? [] }
}

/// Query parameters with their types checked.
enum QueryRules {
    static func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws(COCError) -> Int {
        guard let text = request.query(name), !text.isEmpty else { return value }
        guard let number = Int(text) else { throw COCError.wrongType(name, "an integer") }
        guard range.contains(number) else {
            throw COCError.invalidParameter("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}

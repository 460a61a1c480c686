import HuaweiCloud
import MockCore

/// Incidents (huawei-coc.md §3.2, §5.4, §5.5, §7.3) and attachments.
struct IncidentRoutes {
    let service: COCService
    let tickets: TicketRoutes
    var model: COCModel { service.model }

    func register(into router: inout Router) {
        let api = { (name: String) in "huawei_coc." + name }
        let wrap = tickets.wrap
        router.add("POST", "/v1/external/incident/create", api: api("create_coc_incident"), wrap(create))
        router.add("POST", "/v1/external/incident/handle", api: api("handle_coc_incident"), wrap(handle))
        router.add("GET", "/v1/external/incident/{incident_num}", api: api("show_coc_incident_detail"), wrap(show))
        router.add("GET", "/v1/incident-tickets", api: api("list_incident_simple_tickets"), wrap(simpleList))
        router.add("POST", "/v2/incidents/list", api: api("list_incidents"), wrap(list))
        router.add("POST", "/v2/incidents/{incident_num}/actions", api: api("handle_incident"), wrap(handleV2))
        router.add("POST", "/v2/incidents/{incident_num}/histories", api: api("list_incidents_histories"), wrap(histories))
        router.add("GET", "/v2/incidents/{incident_num}/tasks", api: api("show_incident_task"), wrap(tasks))
        router.add("POST", "/v1/{ticket_type}/attachments", api: api("create_attachment"), tickets.gateway.protect(upload))
        router.add(
            "POST", "/v1/external/incident/attachments", api: api("create_external_coc_attachment"),
            tickets.gateway.protect(upload))
        router.add(
            "GET", "/v1/{ticket_type}/attachments/{doc_id}", api: api("download_attachment"),
            tickets.gateway.protect(download))
    }

    func existing(_ request: Request) throws(COCError) -> Incident {
        guard let incident = model.incident(request.parameters["incident_num"] ?? "", namespace: request.namespace) else {
            throw COCError.unknownTicket
        }
        return incident
    }

    @Sendable func create(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let parsed = try ExternalRules.incident(try BodyReader.object(request.body))
        let incident = service.createIncident(
            parsed, creator: caller.user, domainId: caller.domainId, namespace: caller.namespace)
        return ["incident_num": .string(incident.number)]
    }

    @Sendable func handle(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let body = try BodyReader.object(request.body)
        let number = try body.string("incident_num", required: true)!
        let user = try body.string("operator", required: true)!
        let key = try body.string("operate_key", required: true, ExternalRules.operateKeys)!
        let parameter = try body.object("parameter") ?? BodyReader(body: [:], prefix: "parameter.")
        guard model.incident(number, namespace: caller.namespace) != nil else { throw COCError.unknownTicket }
        let (command, extra) = try ExternalRules.incidentCommand(key, parameter: parameter)
        _ = try service.handleIncident(
            number, command, extra: extra, by: user, params: parameter.body, namespace: caller.namespace)
        return [:]
    }

    @Sendable func handleV2(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let incident = try existing(request)
        let body = try BodyReader.object(request.body)
        _ = try body.string("task_id", required: true)
        let key = try body.string("action", required: true, ExternalRules.operateKeys)!
        let params = try body.object("params") ?? BodyReader(body: [:], prefix: "params.")
        let (command, extra) = try ExternalRules.incidentCommand(key, parameter: params)
        _ = try service.handleIncident(
            incident.number, command, extra: extra, by: caller.user, params: params.body,
            namespace: caller.namespace)
        return [:]
    }

    @Sendable func show(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON { try existing(request).detail }

    /// `offset` is a page number from 1 (huawei-coc.md §3.2).
    @Sendable func simpleList(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let page = try QueryRules.int(request, "offset", default: 1, range: 1...Int(Int32.max))
        let limit = try QueryRules.int(request, "limit", default: 10, range: 1...1000)
        let all = model.incidents(namespace: caller.namespace).reversed().map(\.detail)
        return ["total": .int(Int64(all.count)), "list": .array(Array(all.dropFirst((page - 1) * limit).prefix(limit)))]
    }

    @Sendable func list(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let (filters, page, perPage) = try ExternalRules.list(try BodyReader.object(request.body))
        let all = model.incidents(namespace: caller.namespace).reversed().map(\.detail)
            .filter { detail in filters.allSatisfy { $0.matches(detail[$0.field]) } }
        return ["total": .int(Int64(all.count)), "list": .array(Array(all.dropFirst((page - 1) * perPage).prefix(perPage)))]
    }

    @Sendable func histories(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let incident = try existing(request)
        let info: [JSON] = incident.history.map { entry in
            [
                "action": .string(entry.action), "action_name_zh": .string(entry.action), "action_name_en": .string(entry.action),
                "operator": .string(entry.operatorId), "status": .string(entry.status), "start_time": .int(entry.time),
                "stop_time": .int(entry.time), "comment": "", "enum_data_list": [],
            ]
        }
        return ["total": .int(Int64(info.count)), "info": .array(info)]
    }

    /// The operations open in the current status, as `ShowIncidentTask` lists them.
    @Sendable func tasks(_ request: Request, _ caller: HuaweiCaller) throws(COCError) -> JSON {
        let incident = try existing(request)
        let commands: [IncidentCommand] = [.accept, .commitSolution, .confirm(true)]
        let open = commands.filter { $0.transition.from == incident.status }
        return .array(
            open.map { command in
                [
                    "type": "USER_TASK", "key": .string(command.key), "name": .string(command.key), "state": "active",
                    "operations": [["task_id": .string(incident.id + "-" + command.key), "key": .string(command.key)]],
                ]
            })
    }

    @Sendable func upload(_ request: Request, _ caller: HuaweiCaller) -> Response {
        guard let file = Multipart.file(request, field: "file") else {
            return Envelope.failure(COCError.missingFile, for: request)
        }
        let id = model.storeAttachment(file, namespace: caller.namespace)
        return Envelope.attachment(["doc_id": .string(id), "doc_name": .string(file.name)])
    }

    @Sendable func download(_ request: Request, _ caller: HuaweiCaller) -> Response {
        guard let file = model.attachment(request.parameters["doc_id"] ?? "", namespace: caller.namespace) else {
            return Envelope.failure(COCError.unknownTicket, for: request)
        }
        return Response(
            status: 200,
            headers: [
                "Content-Type": file.contentType,
                "Content-Disposition": "attachment; filename=\"\(file.name)\"",
            ], body: file.bytes)
    }
}

/// Just enough `multipart/form-data` to take one named file part out of an upload.
enum Multipart {
    static func file(_ request: Request, field: String) -> Attachment? {
        guard let type = request.headers["Content-Type"], let range = type.firstRange(of: "boundary=") else { return nil }
        var boundary = String(type[range.upperBound...].prefix { $0 != ";" }).trimmingSpaces()
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
            boundary = String(boundary.dropFirst().dropLast())
        }
        let delimiter = Array(("--" + boundary).utf8)
        let body = request.body
        var parts: [Range<Int>] = []
        var start: Int? = nil
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<index + delimiter.count].elementsEqual(delimiter) {
                if let s = start { parts.append(s..<max(s, index - 2)) }
                index += delimiter.count
                while index < body.count, body[index] != 0x0A { index += 1 }
                start = index + 1
            } else {
                index += 1
            }
        }
        for part in parts {
            let bytes = Array(body[part])
            guard let split = headerEnd(bytes) else { continue }
            let head = String(decoding: bytes[..<split], as: UTF8.self)
            guard head.contains("name=\"\(field)\"") else { continue }
            let name =
                head.firstRange(of: "filename=\"").map { r in String(head[r.upperBound...].prefix { $0 != "\"" }) } ?? field
            let type =
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
                .map { String($0.dropFirst("content-type:".count)).trimmingSpaces() } ?? "application/octet-stream"
            return Attachment(name: name, contentType: type, bytes: Array(bytes[(split + 4)...]))
        }
        return nil
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}

import MockCore

/// War-room, alarm and authorizable-ticket calls: outside the emulated scope, answered with the
/// success envelope and an empty `data` as huawei-coc.md §3.2 [mock] allows (bodies must still be
/// JSON objects).
struct StubRoutes {
    let tickets: TicketRoutes

    static let stubs: [(method: String, path: String, api: String, data: JSON)] = [
        ("POST", "/v1/alarm-mgmt/alarms-linked-incident", "transfer_alarm_to_incident", []),
        ("POST", "/v1/external/warrooms", "create_war_room", [:]),
        ("POST", "/v1/external/warrooms/list", "list_war_rooms", [:]),
        ("GET", "/v1/alarm-mgmt/alarm/{alarm_id}", "show_alarm", [:]),
        ("GET", "/v1/alarm-mgmt/alarm/{alarm_id}/handle-histories", "list_alarm_handle_histories", [:]),
        ("POST", "/v1/alarm-mgmt/alarm/{alarm_id}/auto-process", "handler_alarm", [:]),
        ("POST", "/v1/alarm-mgmt/alarms/cancel", "clear_alarm", [:]),
        ("POST", "/v1/external/list/authorizable-tickets", "list_authorizable_tickets_external", [:]),
    ]

    func register(into router: inout Router) {
        for stub in Self.stubs {
            let data = stub.data, method = stub.method
            router.add(
                stub.method, stub.path, api: "huawei_coc." + stub.api,
                tickets.wrap { request, _ throws(COCError) in
                    if method == "POST" { _ = try BodyReader.object(request.body) }
                    return data
                })
        }
    }
}

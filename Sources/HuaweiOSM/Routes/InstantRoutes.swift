import HuaweiCloud
import MockCore

/// The console's instant-message polling and attachment URLs (huawei-osm.md §3.1, §3.3): enough for
/// a client that calls them to get well-typed answers. New/unread polling reports nothing new.
struct InstantRoutes {
    let service: OSMService
    let routes: OSMRoutes

    func register(into router: inout Router) {
        let service = service
        routes.add(&router, "GET", "/cases/{case_id}/instant-messages/more", "list_more_instant_messages") {
            request, caller throws(OSMError) in
            let limit = try ListQueryRules.page(request).limit
            let before = try request.query("create_time").flatMap(ListQueryRules.time)
            let snapshot = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            let older = CaseViews.messages(snapshot).filter { before == nil || $0.message.createdAt < before! }
            return ["count": JSON(older.count), "message_list": .array(older.suffix(limit).map(CaseViews.listMessage))]
        }
        routes.add(&router, "GET", "/cases/instant-messages", "list_new_instant_messages") { _, _ throws(OSMError) in
            ["imstatus": [], "immsg": [], "last_message_time_id": ""]
        }
        routes.add(&router, "GET", "/cases/instant-messages/unread", "list_unread_new_instant_messages") {
            _, _ throws(OSMError) in
            ["imunread": []]
        }
        routes.add(&router, "POST", "/cases/{case_id}/instant-messages/unread", "update_new_instant_messages_read") {
            request, caller throws(OSMError) in
            _ = try service.detail(request.caseId, namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        router.add(
            "GET", "/osm/incidentservice/api/v1/queryincident", api: "huawei_osm.list_order_incident",
            routes.gateway.protect { request, caller in
                do throws(OSMError) {
                    let found = service.list(
                        try ListQueryRules.legacyFilter(request), namespace: caller.namespace, domain: caller.domainId)
                    let catalog = service.catalog(caller.namespace), language = Language(header: request.headers["X-Language"])
                    return .json([
                        "totalCount": JSON(found.total),
                        "incidentInfoList": .array(
                            found.page.map { CaseViews.legacyItem($0, catalog: catalog, language: language) }),
                    ])
                } catch { return error.response }
            })
        routes.add(&router, "GET", "/carbon-copy-emails", "list_case_cc_emails") { _, _ throws(OSMError) in
            ["mc_email_infos": []]
        }
        routes.add(&router, "GET", "/accessorys/{accessory_id}/access-url", "show_download_accessory_url") {
            request, caller throws(OSMError) in
            let file = try service.accessory(
                request.parameters["accessory_id"] ?? "", namespace: caller.namespace, domain: caller.domainId)
            return ["accessory_url": .string(url(file.id))]
        }
        routes.add(&router, "GET", "/accessorys/access-urls", "list_accessory_access_urls") { request, caller throws(OSMError) in
            let ids = (request.query("accessory_ids") ?? "").split(separator: ",").map(String.init)
            guard !ids.isEmpty else { throw .invalidParam }
            var urls: [JSON] = []
            for id in ids {
                let file = try service.accessory(id, namespace: caller.namespace, domain: caller.domainId)
                urls.append([
                    "accessory_id": .string(file.id), "accessory_name": .string(file.name),
                    "accessory_url": .string(url(file.id)),
                ])
            }
            return ["accessory_urls": .array(urls)]
        }
    }

    /// Where the download route serves an attachment.
    func url(_ id: String) -> String { service.context.settings.publicURL + OSMRoutes.base + "/accessorys/" + id }
}

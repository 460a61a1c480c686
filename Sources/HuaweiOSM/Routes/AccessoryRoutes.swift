import HuaweiCloud
import MockCore

/// Attachment uploads and downloads, and verification codes (huawei-osm.md §3.3, §3.4).
struct AccessoryRoutes {
    let service: OSMService
    let routes: OSMRoutes

    func register(into router: inout Router) {
        let service = service
        routes.add(&router, "POST", "/accessorys", "upload_accessory") { request, caller throws(OSMError) in
            guard let form = MultipartForm(contentType: request.headers["Content-Type"], body: request.body),
                let file = form.part("file")
            else { throw .invalidParam }
            var from = "incident"
            if let formData = form.part("form_data") {
                let fields = try Fields(body: formData.data)
                from = try fields.string("accessory_from", max: 32)
                if from.isEmpty { from = "incident" }
            }
            let settings = service.catalog(caller.namespace).settings
            let name = file.filename ?? ""
            try AccessoryRules.check(name: name, from: from, size: file.data.count, settings: settings)
            let id = service.storeAccessory(
                name: name, from: from, data: file.data, namespace: caller.namespace, domain: caller.domainId)
            return ["accessory_id": .string(id)]
        }
        routes.add(&router, "POST", "/accessorys/json-format-content", "upload_json_accessories") {
            request, caller throws(OSMError) in
            let upload = try JSONAccessory(body: request.body, settings: service.catalog(caller.namespace).settings)
            let id = service.storeAccessory(
                name: upload.name, from: upload.from, data: upload.data, namespace: caller.namespace, domain: caller.domainId)
            return ["accessory_id": .string(id)]
        }
        routes.add(&router, "GET", "/accessorys/limits", "show_accessory_limits") { _, caller throws(OSMError) in
            let settings = service.catalog(caller.namespace).settings
            return [
                "accessory_limit": [
                    "limit_count": .string(String(settings.accessoryLimitCount)),
                    "limit_size": .string(String(settings.accessoryLimitSize)),
                    "limit_file_type": .string(settings.accessoryFileTypes),
                ]
            ]
        }
        router.add(
            "GET", OSMRoutes.base + "/accessorys/{accessory_id}", api: "huawei_osm.download_accessories",
            routes.gateway.protect { request, caller in
                do throws(OSMError) {
                    let file = try service.accessory(
                        request.parameters["accessory_id"] ?? "", namespace: caller.namespace, domain: caller.domainId)
                    return Response(
                        status: 200,
                        headers: [
                            "Content-Type": "application/octet-stream",
                            "Content-Disposition": "attachment; filename=\"\(file.name)\"",
                        ], body: file.data)
                } catch { return error.response }
            })
        routes.add(&router, "DELETE", "/accessorys/{accessory_id}", "delete_accessories") { request, caller throws(OSMError) in
            try service.deleteAccessory(
                request.parameters["accessory_id"] ?? "", namespace: caller.namespace, domain: caller.domainId)
            return [:]
        }
        registerVerification(into: &router)
    }

    private func registerVerification(into router: inout Router) {
        let service = service
        routes.add(&router, "POST", "/verifycodes/send", "send_verify_codes") { request, caller throws(OSMError) in
            let contact = try ContactRef(Fields(body: request.body), areaCodeRequired: true)
            let code = service.sendCode(contact, namespace: caller.namespace, domain: caller.domainId)
            return ["mock_verify_code": .string(code)]
        }
        routes.add(&router, "POST", "/verifycodes", "check_verify_codes") { request, caller throws(OSMError) in
            let fields = try Fields(body: request.body)
            let code = try fields.required("verify_code", max: 6)
            let contact = try ContactRef(fields, areaCodeRequired: false)
            let verified = try service.checkCode(contact, code: code, namespace: caller.namespace, domain: caller.domainId)
            return ["verified_id": .string(verified.verifiedId)]
        }
        routes.add(&router, "GET", "/verifycodes/need-verify", "check_need_verify") { request, caller throws(OSMError) in
            let contact = try ContactRef(query: request)
            let known = service.verifiedContacts(namespace: caller.namespace, domain: caller.domainId)
                .first { $0.way == contact.way && $0.value == contact.value }
            return [
                "need_verify_code": JSON(known == nil ? 1 : 0),
                "expire_time": known.map { CaseViews.iso($0.expiresAt) } ?? .null,
            ]
        }
        routes.add(&router, "GET", "/verifycodes/has-verified", "list_has_verified_contacts") {
            request, caller throws(OSMError) in
            let page = try ListQueryRules.page(request)
            var contacts = service.verifiedContacts(namespace: caller.namespace, domain: caller.domainId)
            if let way = request.query("contact_way"), !way.isEmpty { contacts = contacts.filter { String($0.way) == way } }
            if let value = request.query("contact_value"), !value.isEmpty { contacts = contacts.filter { $0.value == value } }
            if let id = request.query("verified_id"), !id.isEmpty { contacts = contacts.filter { $0.verifiedId == id } }
            let list: [JSON] = contacts.paged(page).map {
                [
                    "contact_way": JSON($0.way), "contact_value": .string($0.value), "area_code": .string($0.areaCode),
                    "verified_id": .string($0.verifiedId),
                ]
            }
            return ["count": JSON(contacts.count), "contact_list": .array(list)]
        }
    }
}

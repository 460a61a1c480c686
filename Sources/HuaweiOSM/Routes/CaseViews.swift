import MockCore

/// The JSON shapes of huawei-osm.md §5, built from store values only when answering. Types are
/// the SDK's: ints as JSON ints, datetimes as ISO 8601 UTC strings.
enum CaseViews {
    static func iso(_ millis: Int64) -> JSON { .string(Timestamp(milliseconds: millis).civil().iso8601()) }

    static func name<T>(_ list: [T], _ index: UInt16, _ language: Language, _ get: (T) -> LocalizedName) -> String {
        guard index != Catalog.none, Int(index) < list.count else { return "" }
        return get(list[Int(index)]).text(language)
    }

    static func dcName(_ record: CaseRecord, _ catalog: Catalog, _ language: Language) -> String {
        catalog.dataCenter(record.regionId)?.name.text(language) ?? record.regionId
    }

    static func incidentTypeName(_ record: CaseRecord, _ catalog: Catalog, _ language: Language) -> String {
        if record.subType != Catalog.none { return name(catalog.subTypes, record.subType, language, \.name) }
        guard record.productCategory != Catalog.none else { return "" }
        let product = catalog.productCategories[Int(record.productCategory)].id
        return catalog.subType(containing: product)?.name.text(language) ?? ""
    }

    /// `incident_detail_info` (§5.1).
    static func detail(_ snapshot: CaseSnapshot, catalog: Catalog, language: Language) -> JSON {
        var tree = JSONTreeBuilder()
        writeDetail(DetailSource(snapshot), catalog: catalog, language: language, into: &tree)
        return tree.result
    }

    /// The detail member by member: show streams it to bytes, the admin view takes it as a tree.
    /// It reads the case only through `source`, which is what a cached rendering is checked by.
    static func writeDetail<Sink: JSONSink>(_ source: DetailSource, catalog: Catalog, language: Language, into out: inout Sink) {
        let record = source.record
        let domain = JSON.string(source.domainId)
        out.beginObject()
        out.member("incident_id", .string(record.id))
        out.member("status", JSON(record.status.code))
        out.member("judgement", .string(source.judgement))
        out.member("xcustomer_id", domain)
        out.member("xcustomer_name", .string(DomainNames.name(source.domainId)))
        out.member("customer_id", domain)
        out.member("business_type_name", .string(name(catalog.businessTypes, record.businessType, language, \.name)))
        out.member("incident_type_name", .string(incidentTypeName(record, catalog, language)))
        out.member("dc_name", .string(dcName(record, catalog, language)))
        out.member("simple_description", .string(record.description))
        out.member("source_name", "API")
        out.member("severity_name", .string(name(catalog.severities, record.severity, language, \.name)))
        out.member("create_time", iso(record.createdAt))
        out.key("message_list")
        out.beginArray()
        writeDetailMessage(firstMessage(record, domainId: source.domainId), first: true, into: &out)
        for message in source.messages { writeDetailMessage(message, first: false, into: &out) }
        out.endArray()
        out.member("incident_satisfaction", .array(satisfaction(source.satisfaction, catalog: catalog, language: language)))
        out.member("business_ownership", 0)
        out.member("resolve_time", JSON(Int(source.resolvedAt.map { ($0 - record.createdAt) / 1000 } ?? 0)))
        out.key("ext_info")
        out.beginObject()
        out.member("area_code", .string(record.areaCode))
        out.member("remind_mobile", .string(record.remindMobile))
        out.member("remind_mail", .string(record.remindMail))
        out.member("contact_type", "")
        out.member("remind_time", .string(record.remindTime))
        out.member("cc_email", "")
        out.member("commodity_id", "")
        out.endObject()
        out.endObject()
    }

    /// `IncidentInfoV2` (§5.2).
    static func listItem(_ snapshot: CaseSnapshot, catalog: Catalog, language: Language) -> JSON {
        let record = snapshot.record
        let extras = snapshot.extras
        return [
            "xcustomer_id": .string(snapshot.domainId), "xcustomer_name": .string(DomainNames.name(snapshot.domainId)),
            "status": JSON(record.status.code), "incident_id": .string(record.id),
            "business_type_name": .string(name(catalog.businessTypes, record.businessType, language, \.name)),
            "incident_type_name": .string(incidentTypeName(record, catalog, language)),
            "product_category_name": .string(name(catalog.productCategories, record.productCategory, language, \.name)),
            "incident_service_type": "", "customer_id": .string(snapshot.domainId),
            "dc_name": .string(dcName(record, catalog, language)), "simple_description": .string(record.description),
            "root_cause": .string(extras?.rootCause ?? ""), "resolution": .string(extras?.resolution ?? ""),
            "create_time": iso(record.createdAt),
            "confirmed_time": (extras?.confirmedAt).map(iso) ?? .null,
            "label_list": .array(snapshot.labels.map(label)),
        ]
    }

    /// The legacy list's camelCase `IncidentInfo`.
    static func legacyItem(_ snapshot: CaseSnapshot, catalog: Catalog, language: Language) -> JSON {
        let record = snapshot.record
        return [
            "incidentId": .string(record.id), "type": JSON(Int(catalog.businessTypes[Int(record.businessType)].caseType) ?? 0),
            "businessTypeName": .string(name(catalog.businessTypes, record.businessType, language, \.name)),
            "incidentTypeName": .string(incidentTypeName(record, catalog, language)), "customerId": .string(snapshot.domainId),
            "xcustomerId": .string(snapshot.domainId), "xcustomerName": .string(DomainNames.name(snapshot.domainId)),
            "dcName": .string(dcName(record, catalog, language)), "simpleDescribe": .string(record.description),
            "status": JSON(record.status.code), "createTime": iso(record.createdAt), "gray": false,
            "labelList": .array(
                snapshot.labels.map { ["labelId": JSON($0.id), "name": .string($0.name), "color": .string($0.color)] }),
        ]
    }

    static func label(_ label: Label) -> JSON {
        ["label_id": JSON(label.id), "name": .string(label.name), "color": .string(label.color)]
    }

    /// The first message is the description (§5.3 [mock]); then the later ones in order.
    static func messages(_ snapshot: CaseSnapshot) -> [(message: CaseMessage, first: Bool)] {
        [(firstMessage(snapshot.record, domainId: snapshot.domainId), true)]
            + (snapshot.extras?.messages ?? []).map { ($0, false) }
    }

    static func firstMessage(_ record: CaseRecord, domainId: String) -> CaseMessage {
        CaseMessage(
            id: firstMessageId(record.key), author: .customer, content: record.description, createdAt: record.createdAt,
            replier: domainId, replierName: DomainNames.name(domainId), accessoryIds: record.accessoryIds)
    }

    /// A stable UUID-shaped id for the description message.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `00000000-` then the key's 64 bits as 24 zero-padded hex digits in 4-4-4-12 groups. Written
    /// over bytes: it runs for every detail answer, and Character slicing was most of its cost.
    static func firstMessageId(_ key: Int64) -> String {
        String(unsafeUninitializedCapacity: firstMessageTemplate.count) { bytes in
            _ = bytes.initialize(from: firstMessageTemplate)
            var value = UInt64(bitPattern: key)
            var position = firstMessageTemplate.count - 1
            while value != 0 {
                if bytes[position] == UInt8(ascii: "-") { position -= 1 }
                bytes[position] = hexDigits[Int(value & 0xF)]
                value >>= 4
                position -= 1
            }
            return firstMessageTemplate.count
        }
    }

    /// The first message id's zeros, its key's hex digits written over them from the right.
    private static let firstMessageTemplate = Array("00000000-0000-0000-0000-000000000000".utf8)

    static func accessories(_ ids: [String]) -> JSON {
        .array(ids.map { ["accessory_id": .string($0), "file_actual_name": .string($0)] })
    }

    static func writeDetailMessage<Sink: JSONSink>(_ m: CaseMessage, first: Bool, into out: inout Sink) {
        out.beginObject()
        out.member("type", JSON(Int(m.author.rawValue)))
        out.member("replier", .string(m.replier))
        out.member("content", .string(m.content))
        out.member("message_id", .string(m.id))
        out.member("replier_name", .string(m.replierName))
        out.member("create_time", iso(m.createdAt))
        out.member("is_first_message", JSON(first ? 1 : 0))
        out.member("accessory_list", accessories(m.accessoryIds))
        out.endObject()
    }

    /// `list_messages` items (§5.3).
    static func listMessage(_ item: (message: CaseMessage, first: Bool)) -> JSON {
        let m = item.message
        return [
            "type": JSON(Int(m.author.rawValue)), "replier_type": JSON(Int(m.author.rawValue)),
            "replier": .string(m.replier), "content": .string(m.content), "create_time": iso(m.createdAt),
            "replier_name": .string(m.replierName), "is_first_message": JSON(item.first ? 1 : 0),
            "iam_user_type": 0, "accessory_list": accessories(m.accessoryIds), "message_id": .string(m.id),
        ]
    }

    static func satisfaction(_ entries: [(id: Int, value: Int)], catalog: Catalog, language: Language) -> [JSON] {
        entries.map { entry in
            let dimension = catalog.satisfactionDimensions.first { $0.id == entry.id }
            return [
                "value": JSON(dimension?.value ?? 5), "satisfaction_id": JSON(entry.id),
                "satisfaction_value": JSON(entry.value), "satisfaction_name": .string(dimension?.name.text(language) ?? ""),
                "per_value": JSON(dimension?.perValue ?? 5), "sat_category_id": .string(dimension?.categoryId ?? ""),
                "sat_category_name": .string(language == .english ? "Service satisfaction" : "服务满意度"),
            ]
        }
    }

    /// The operate log: the creation, then every later operation.
    static func logs(_ snapshot: CaseSnapshot) -> [JSON] {
        let record = snapshot.record
        let created = OperateLog(
            id: firstMessageId(record.key).replacingFirstGroup("00000001"), type: .create, byHuawei: false,
            operatorId: snapshot.domainId, operatorName: DomainNames.name(snapshot.domainId),
            description: OperateType.create.description, at: record.createdAt)
        return ([created] + (snapshot.extras?.logs ?? [])).map { log in
            [
                "incident_log_id": .string(log.id), "incident_id": .string(record.id), "operate_type": JSON(log.type.rawValue),
                "operator_type": JSON(log.byHuawei ? 1 : 0), "operator_id": .string(log.operatorId),
                "operator_name": .string(log.operatorName), "operate_desc": .string(log.description),
                "operate_time": .string(Timestamp(milliseconds: log.at).civil().dateTimeText),
                "timestamp_operate_time": iso(log.at),
            ]
        }
    }

    /// The case as the admin API and scenario `where` filters see it: the detail plus the fields
    /// a filter may want (ids, not only names).
    static func ticket(_ snapshot: CaseSnapshot, catalog: Catalog) -> JSON {
        guard case .object(var object) = detail(snapshot, catalog: catalog, language: .chinese) else { return .null }
        let record = snapshot.record
        object["vendor"] = .string(OSMService.vendor)
        object["id"] = .string(record.id)
        object["business_type_id"] = .string(catalog.businessTypes[Int(record.businessType)].id)
        object["region_id"] = .string(record.regionId)
        object["label_list"] = .array(snapshot.labels.map(label))
        return .object(object)
    }
}

extension String {
    /// Replaces the first dash-separated group (for ids derived from another id).
    fileprivate func replacingFirstGroup(_ group: String) -> String {
        guard let dash = firstIndex(of: "-") else { return self }
        return group + self[dash...]
    }
}

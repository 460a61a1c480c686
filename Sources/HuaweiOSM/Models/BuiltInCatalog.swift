/// The preloaded configuration (huawei-osm.md §10): the ids of the observed SDK request (§8)
/// succeed verbatim, and the rest reads like the real console's lists.
extension Catalog {
    static let builtIn = Catalog(
        subTypes: [
            SubType(
                id: "sub-1", name: LocalizedName(zh: "技术支持", en: "Technical support"),
                productCategoryIds: ["prod-1", "prod-2", "prod-3", "prod-4"]),
            SubType(
                id: "sub-2", name: LocalizedName(zh: "账务与收费", en: "Billing and payment"),
                productCategoryIds: ["prod-5"]),
        ],
        productCategories: [
            product(
                "prod-1", "弹性云服务器", "Elastic Cloud Server", "ECS", "云服务器的创建、登录、性能与网络问题",
                "Creating, logging in to, and networking of cloud servers"),
            product(
                "prod-2", "对象存储服务", "Object Storage Service", "OBS", "桶与对象的上传、下载、权限问题",
                "Uploading, downloading and permissions of buckets and objects"),
            product(
                "prod-3", "云数据库 RDS", "Relational Database Service", "RDS", "数据库实例的连接、备份与性能问题",
                "Connections, backups and performance of DB instances"),
            product(
                "prod-4", "虚拟私有云", "Virtual Private Cloud", "VPC", "子网、安全组与弹性公网IP问题",
                "Subnets, security groups and EIPs"),
            product(
                "prod-5", "费用账单", "Billing Center", "BSS", "账单、退订与发票问题", "Bills, unsubscriptions and invoices",
                supportPlan: false),
        ],
        businessTypes: [
            BusinessType(
                id: "bt-1", name: LocalizedName(zh: "故障", en: "Fault"), caseType: "5", canUseSupportPlan: true,
                productCategoryIds: ["prod-1", "prod-2", "prod-3", "prod-4"],
                severityIds: ["sev-1", "sev-2"]),
            BusinessType(
                id: "bt-2", name: LocalizedName(zh: "咨询", en: "Consultation"), caseType: "0",
                canUseSupportPlan: true, productCategoryIds: ["prod-1", "prod-2", "prod-3", "prod-4"],
                severityIds: ["sev-1"]),
            BusinessType(
                id: "bt-3", name: LocalizedName(zh: "性能问题", en: "Performance issue"), caseType: "5",
                canUseSupportPlan: true, productCategoryIds: ["prod-1", "prod-3"],
                severityIds: ["sev-1", "sev-2", "sev-3"]),
            BusinessType(
                id: "bt-4", name: LocalizedName(zh: "账单咨询", en: "Billing question"), caseType: "0",
                canUseSupportPlan: false, productCategoryIds: ["prod-5"], severityIds: ["sev-1"]),
        ],
        severities: [
            Severity(id: "sev-1", name: LocalizedName(zh: "一般", en: "Normal")),
            Severity(id: "sev-2", name: LocalizedName(zh: "严重", en: "Major")),
            Severity(id: "sev-3", name: LocalizedName(zh: "紧急", en: "Critical")),
        ],
        dataCenters: [
            DataCenter(id: "cn-north-4", name: LocalizedName(zh: "华北-北京四", en: "CN North-Beijing4"), type: 0, isSensitive: 0),
            DataCenter(id: "cn-south-1", name: LocalizedName(zh: "华南-广州", en: "CN South-Guangzhou"), type: 0, isSensitive: 0),
            DataCenter(
                id: "ap-southeast-3", name: LocalizedName(zh: "亚太-新加坡", en: "AP-Singapore"), type: 0,
                isSensitive: 0),
        ],
        templates: [
            CaseTemplate(
                id: "tpl-1", businessTypeId: "bt-1", name: LocalizedName(zh: "云服务器无法启动", en: "Server does not start"),
                content: LocalizedName(
                    zh: "实例ID：\n问题开始时间：\n问题现象：\n已尝试的操作：",
                    en: "Instance ID:\nStarted at:\nSymptoms:\nWhat you tried:")),
            CaseTemplate(
                id: "tpl-2", businessTypeId: "bt-1", name: LocalizedName(zh: "网络不通", en: "Network unreachable"),
                content: LocalizedName(
                    zh: "源地址：\n目的地址：\n端口：\nping/traceroute结果：",
                    en: "Source:\nDestination:\nPort:\nping/traceroute output:")),
            CaseTemplate(
                id: "tpl-3", businessTypeId: "bt-2", name: LocalizedName(zh: "产品咨询", en: "Product question"),
                content: LocalizedName(zh: "咨询的产品：\n问题描述：", en: "Product:\nQuestion:")),
        ],
        extendsParams: [
            ExtendsParam(
                businessTypeId: "bt-1", key: "instance_id", name: LocalizedName(zh: "实例ID", en: "Instance ID"),
                tips: LocalizedName(zh: "请填写出现问题的实例ID", en: "The ID of the affected instance"),
                required: 0, length: 64, type: 0, selectItems: ""),
            ExtendsParam(
                businessTypeId: "bt-1", key: "occur_time", name: LocalizedName(zh: "问题发生时间", en: "Occurred at"),
                tips: LocalizedName(zh: "格式：yyyy-MM-dd HH:mm", en: "Format: yyyy-MM-dd HH:mm"),
                required: 0, length: 32, type: 0, selectItems: ""),
        ],
        satisfactionDimensions: [
            dimension(1, "响应速度", "Response speed", "工程师响应是否及时", "How quickly the engineer responded"),
            dimension(2, "专业能力", "Expertise", "问题是否得到专业解决", "How well the problem was solved"),
            dimension(3, "服务态度", "Attitude", "沟通是否耐心礼貌", "How courteous the engineer was"),
        ],
        areaCodes: [
            AreaCode(id: 1, code: "86", name: LocalizedName(zh: "中国大陆", en: "Chinese mainland")),
            AreaCode(id: 2, code: "852", name: LocalizedName(zh: "中国香港", en: "Hong Kong (China)")),
            AreaCode(id: 3, code: "65", name: LocalizedName(zh: "新加坡", en: "Singapore")),
            AreaCode(id: 4, code: "1", name: LocalizedName(zh: "美国", en: "United States")),
        ],
        settings: OSMSettings())

    private static func product(
        _ id: String, _ zh: String, _ en: String, _ acronym: String, _ descZh: String, _ descEn: String,
        supportPlan: Bool = true
    ) -> ProductCategory {
        ProductCategory(
            id: id, name: LocalizedName(zh: zh, en: en), description: LocalizedName(zh: descZh, en: descEn),
            acronym: acronym, canUseSupportPlan: supportPlan)
    }

    private static func dimension(_ id: Int, _ zh: String, _ en: String, _ descZh: String, _ descEn: String)
        -> SatisfactionDimension
    {
        SatisfactionDimension(
            id: id, name: LocalizedName(zh: zh, en: en), description: LocalizedName(zh: descZh, en: descEn),
            value: 5, perValue: 5, categoryId: "sat-cat-1")
    }
}

import MockCore

/// The data preloaded in every partition (bk-itsm.md §16.1, §16.2).
enum Builtins {
    static let builtinServiceId = 17
    static let builtinCatalogKey = "approve_service_catalog"

    static let catalogs: [Catalog] = [
        Catalog(id: 1, key: "root", name: "根目录", level: 0, parentId: nil),
        Catalog(id: 2, key: "approve_service_catalog", name: "内置审批目录", level: 1, parentId: 1),
        Catalog(id: 3, key: "general", name: "通用服务", level: 1, parentId: 1),
    ]

    static let services: [Service] = [
        Service(ServiceDefinition(id: 1, name: "账号开通申请", catalogId: 3, workflowId: 5)),
        Service(ServiceDefinition(id: 2, name: "通用两级审批", catalogId: 3, workflowId: 5)),
        Service(ServiceDefinition(id: 17, name: "内置审批服务", displayType: "INVISIBLE", catalogId: 2, workflowId: 17)),
    ]

    static let workflows: [Workflow] = [generalApproval, builtinApproval]

    static let approvalChoices = [Choice(key: "true", name: "通过"), Choice(key: "false", name: "拒绝")]

    /// The three approval fields of an approval node (§15.1): result, approval remark, rejection remark.
    static func approvalFields(ids: (Int, Int, Int), keys: (String, String, String), state: Int, workflow: Int) -> [FieldDef] {
        [
            FieldDef(
                id: ids.0, key: keys.0, type: "RADIO", name: "审批意见", validateType: "REQUIRE", choices: approvalChoices,
                meta: ["code": "APPROVE_RESULT"], defaultValue: "true", stateId: state, workflowId: workflow),
            FieldDef(
                id: ids.1, key: keys.1, type: "TEXT", name: "备注", validateType: "OPTION", hiddenWhen: (ids.0, "false"),
                stateId: state, workflowId: workflow),
            FieldDef(
                id: ids.2, key: keys.2, type: "TEXT", name: "备注", validateType: "REQUIRE", hiddenWhen: (ids.0, "true"),
                stateId: state, workflowId: workflow),
        ]
    }

    /// 内置审批流 (§16.2): 405 → 406 → 407 → 408.
    static let builtinApproval = Workflow(
        WorkflowDefinition(
            id: 17, name: "内置审批流", flowType: "internal", versionNumber: "20201109144419",
            states: [
                StateDef(id: 405, name: "开始", type: .start),
                StateDef(id: 406, name: "提单", type: .normal, fieldIds: [1701, 1702, 1703]),
                StateDef(
                    id: 407, name: "内置审批节点", type: .approval, processorsType: "VARIABLE", processors: "APPROVER",
                    fieldIds: [1704, 1705, 1706]),
                StateDef(id: 408, name: "结束", type: .end),
            ],
            transitions: [
                TransitionDef(id: 171, from: 405, to: 406), TransitionDef(id: 172, from: 406, to: 407),
                TransitionDef(id: 173, from: 407, to: 408),
            ],
            fields: [
                FieldDef(
                    id: 1701, key: "title", type: "STRING", name: "标题", validateType: "REQUIRE", stateId: 406, workflowId: 17),
                FieldDef(
                    id: 1702, key: "APPROVER", type: "MEMBERS", name: "审批人", validateType: "REQUIRE", stateId: 406, workflowId: 17
                ),
                FieldDef(
                    id: 1703, key: "APPROVAL_CONTENT", type: "TEXT", name: "审批内容", validateType: "REQUIRE", stateId: 406,
                    workflowId: 17),
            ]
                + approvalFields(
                    ids: (1704, 1705, 1706),
                    keys: (
                        "d5a9073de22acdb23c17563838604c41", "e715b3a70e929e1261ba25645a9cc807", "f4541bddfb28b1c65f8241baee64e4db"
                    ),
                    state: 407, workflow: 17)))

    /// 一般审批流程 (§15.2), upstream ids and keys.
    static let generalApproval = Workflow(
        WorkflowDefinition(
            id: 5, name: "一般审批流程", flowType: "other",
            states: [
                StateDef(id: 20, name: "开始", type: .start),
                StateDef(id: 21, name: "提单", type: .normal, fieldIds: [39, 42, 43, 44]),
                StateDef(
                    id: 24, name: "负责人审批", type: .approval, processorsType: "VARIABLE", processors: "ZHIDINGSHENPIREN",
                    canDeliver: true, fieldIds: [45, 46, 47]),
                StateDef(
                    id: 25, name: "管理员审批", type: .approval, processorsType: "PERSON", processors: "admin",
                    fieldIds: [48, 49, 50]),
                StateDef(id: 22, name: "结束", type: .end),
            ],
            transitions: [
                TransitionDef(id: 24, from: 20, to: 21), TransitionDef(id: 28, from: 21, to: 24),
                TransitionDef(id: 30, from: 24, to: 25, name: "通过", whenResult: "true"),
                TransitionDef(id: 31, from: 24, to: 22, name: "拒绝", whenResult: "false"),
                TransitionDef(id: 32, from: 25, to: 22),
            ],
            fields: [
                FieldDef(id: 39, key: "title", type: "STRING", name: "标题", validateType: "REQUIRE", stateId: 21, workflowId: 5),
                FieldDef(
                    id: 42, key: "apply_content", type: "TEXT", name: "申请内容", validateType: "REQUIRE", stateId: 21, workflowId: 5),
                FieldDef(
                    id: 43, key: "apply_reason", type: "TEXT", name: "申请理由", validateType: "REQUIRE", stateId: 21, workflowId: 5),
                FieldDef(
                    id: 44, key: "ZHIDINGSHENPIREN", type: "MEMBERS", name: "指定审批人", validateType: "REQUIRE", stateId: 21,
                    workflowId: 5),
            ]
                + approvalFields(
                    ids: (45, 46, 47),
                    keys: (
                        "27924a83a1b9d239086e9724264a53e3", "63f03ddeb567ba12dd711db71ee46e66", "71f9445928b83fd2aec3c2e0deea4889"
                    ),
                    state: 24, workflow: 5)
                + approvalFields(
                    ids: (48, 49, 50),
                    keys: (
                        "a00592c80f7febec616849b177a6cf5d", "94c49c3a5047dda38ed1e07fb53c025d", "3d1fbe249001dd755c075418904be892"
                    ),
                    state: 25, workflow: 5)))
}

/// Identity defaults (§16.3).
enum Identity {
    static let demoApp = (code: "demo-app", secret: "demo-secret")
    static let tokenUser = "admin"
    static let systemAccount = "admin"
    static let ticketManagers = ["admin"]
    static let itsmAppCode = "bk_itsm"
    static let itsmSecret = "8c6d2a4e-1f3b-4c5d-9e7f-0a1b2c3d4e5f"
    static let callbackAESKey = "APPROVAL_RESULT"
    /// Asia/Shanghai (§3.4).
    static let utcOffset = 8 * 3600
}

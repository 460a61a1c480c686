import MockCore

/// The support engineer's side (huawei-osm.md §7, "mock control only"), reached through the admin
/// API and scenario lifecycles: `{"action": "accept" | "reply" | "message" | "propose" | "complete" |
/// "status" | "pause" | "resume" | "invalidate", …}`.
enum EngineerAction: String, CaseIterable {
    case accept, reply, message, propose, complete, status, pause, resume, invalidate

    static let names: [String] = allCases.map(\.rawValue)
}

/// A parsed engineer action: the state-machine event, the message it posts and the log it writes.
struct EngineerStep {
    var event: CaseEvent
    var message: String?
    var logType: OperateType
    var resolution: String?
    var rootCause: String?

    /// Reads `{"action": …}` with its arguments; wrong shapes are `invalid`.
    init(_ action: JSON) throws(ActionError) {
        guard let name = action["action"]?.stringValue else { throw ActionError(.invalid, "\"action\" must be a string") }
        guard let kind = EngineerAction(rawValue: name) else {
            throw ActionError(.unknownAction, "unknown huawei_osm action '\(name)'")
        }
        // `{"action": "message", "value": "…"}` is the scalar form a scenario's `do: {message: …}` takes.
        let content = try Self.string(action, "content")
        let scalar = Self.kindTakesText(name) ? try Self.string(action, "value") : nil
        let text = try Self.string(action, "message") ?? content ?? scalar
        resolution = try Self.string(action, "resolution")
        rootCause = try Self.string(action, "root_cause")
        message = text
        switch kind {
        case .accept:
            event = .accept
            logType = .accept
            message = text ?? "您好，您的工单已受理，工程师正在处理中。"
        case .message where action["status"] == nil:
            guard text != nil else { throw ActionError(.invalid, "message needs a \"message\" (or \"value\")") }
            event = .engineerMessage
            logType = .reply
        case .reply, .message:
            guard text != nil else { throw ActionError(.invalid, "\(name) needs a \"message\"") }
            var target = CaseStatus.awaitingFeedback
            if let value = action["status"] {
                guard let code = value.intValue, let status = CaseStatus(code: code),
                    status == .awaitingFeedback || status == .awaitingConfirmation || status == .processing
                else { throw ActionError(.invalid, "\"status\" after a reply must be 1, 2 or 17") }
                target = status
            }
            event = .reply(target)
            logType = .reply
        case .propose:
            event = .propose
            logType = .propose
            message = text ?? resolution ?? "我们已提供解决方案，请确认问题是否已解决。"
        case .complete:
            event = .complete
            logType = .complete
        case .status:
            guard let code = (action["value"] ?? action["status"])?.intValue, let status = CaseStatus(code: code) else {
                throw ActionError(.invalid, "\"value\" must be one of 0, 1, 2, 3, 4, 5, 12, 17")
            }
            event = .setStatus(status)
            logType = .statusChange
        case .pause:
            event = .pause
            logType = .statusChange
        case .resume:
            event = .resume
            logType = .statusChange
        case .invalidate:
            event = .invalidate
            logType = .statusChange
        }
    }

    private static func kindTakesText(_ name: String) -> Bool { name == "message" || name == "reply" || name == "propose" }

    static func string(_ action: JSON, _ key: String) throws(ActionError) -> String? {
        switch action[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw ActionError(.invalid, "\"\(key)\" must be a string")
        }
    }
}

/// Applies engineer steps to cases of any account.
struct EngineerDesk {
    let service: OSMService
    static let engineerId = "huawei_engineer"
    static let engineerName = "华为云技术支持"

    func perform(_ action: JSON, caseId: String, namespace: String) throws(ActionError) -> CaseSnapshot {
        let step = try EngineerStep(action)
        let by = try EngineerStep.string(action, "by") ?? Self.engineerName
        let context = service.context
        let time = context.clock.now().milliseconds
        let message = step.message.map {
            CaseMessage(
                id: context.ids.uuid(namespace), author: .huawei, content: $0, createdAt: time,
                replier: Self.engineerId, replierName: by, accessoryIds: [])
        }
        let log = OperateLog(
            id: context.ids.uuid(namespace), type: step.logType, byHuawei: true, operatorId: Self.engineerId,
            operatorName: by, description: step.message ?? step.logType.description, at: time)
        let result: (snapshot: CaseSnapshot, statusChanged: Bool)
        do {
            result = try service.partition(namespace).book.withLock { book throws(OSMError) in
                guard let index = book.locate(caseId, domain: nil) else { throw .caseNotFound }
                var outcome = try book.apply(step.event, at: index, log: log, message: message)
                let key = book.cases[index].key
                if step.event == .accept { book.extras[key, default: CaseExtras()].confirmedAt = time }
                if let resolution = step.resolution { book.extras[key, default: CaseExtras()].resolution = resolution }
                if let cause = step.rootCause { book.extras[key, default: CaseExtras()].rootCause = cause }
                outcome.snapshot = book.snapshot(at: index)
                return outcome
            }
        } catch {
            switch error {
            case .caseNotFound: throw ActionError(.unknownTicket, "No huawei_osm case '\(caseId)' in this namespace.")
            default:
                throw ActionError(
                    .notAllowed,
                    "\(action["action"]?.stringValue ?? "") is not allowed in status \(currentStatus(caseId, namespace))")
            }
        }
        if let message {
            service.emit(
                "message_added", result.snapshot, namespace: namespace,
                details: ["message_id": .string(message.id), "type": 1])
        }
        if result.statusChanged { service.emitStatus(result.snapshot, namespace: namespace) }
        return result.snapshot
    }

    private func currentStatus(_ caseId: String, _ namespace: String) -> String {
        (try? service.detail(caseId, namespace: namespace, domain: nil)).map { String($0.record.status.code) } ?? "?"
    }
}

import MockCore
import Synchronization

/// The operations of one emulator over its partitions: each runs validation and the state machine
/// under the partition lock, then emits events and sends callbacks outside it.
final class Backend: Sendable {
    static let vendor = "bk_itsm"
    let context: EmulatorContext
    let presenter: Presenter
    private let catalogue = Mutex(Catalogue())
    /// `X-Bkapi-Authorization` texts already parsed (`Credentials.identity`).
    let credentialHeaders = BoundedCache<String, Credentials.Found>()

    init(context: EmulatorContext) {
        self.context = context
        presenter = Presenter(publicURL: context.settings.publicURL)
    }

    func partition(_ namespace: String) -> Partition {
        context.store.partition(vendor: Self.vendor, namespace: namespace) {
            var data = PartitionData(catalog: catalogue.withLock { $0 })
            data.transformWorkflows(Presenter.prepared)
            return Partition(data)
        }
    }

    func replaceCatalogue(_ new: Catalogue) { catalogue.withLock { $0 = new } }

    var now: Int64 { context.clock.now().milliseconds }

    /// yyyyMMdd in Asia/Shanghai, for the sn day counter (§13).
    func day(_ milliseconds: Int64) -> Int {
        let civil = Timestamp(milliseconds: milliseconds).civil(utcOffsetSeconds: Identity.utcOffset)
        return civil.year * 10_000 + civil.month * 100 + civil.day
    }

    /// Reads under the lock.
    func read<T>(_ namespace: String, _ body: (PartitionData) throws(ITSMError) -> T) throws(ITSMError) -> T {
        try Self.read(partition(namespace), body)
    }

    /// Reads one partition under its lock.
    static func read<T>(_ partition: Partition, _ body: (PartitionData) throws(ITSMError) -> T) throws(ITSMError) -> T {
        let result: Result<T, ITSMError> = partition.data.withLock { data in
            do throws(ITSMError) { return .success(try body(data)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Finds a ticket by sn and applies `change` to it; effects are dispatched after the lock.
    @discardableResult
    func mutate(
        _ namespace: String, sn: String?,
        _ change: (inout Ticket, Workflow, Int64, Options) throws(ITSMError) -> Effects
    ) throws(ITSMError) -> Ticket {
        let time = now
        let result: Result<(Ticket, Effects, Workflow?, String), ITSMError> = partition(namespace).data.withLock { data in
            guard let sn, let index = data.ticket(sn: sn) else { return .failure(.ticketNotFound) }
            guard let workflow = data.workflow(of: data.tickets[index]) else { return .failure(.serviceNotFound) }
            var copy = data.tickets[index]
            do throws(ITSMError) {
                let effects = try change(&copy, workflow, time, data.options)
                data.tickets[index] = copy
                return .success((copy, effects, workflow, data.services[Int(copy.serviceId)]?.name ?? ""))
            } catch {
                return .failure(error)
            }
        }
        let (ticket, effects, workflow, serviceName) = try result.get()
        dispatch(effects, ticket: ticket, workflow: workflow, serviceName: serviceName, namespace: namespace)
        return ticket
    }

    /// What a create answers with (§6.3): the new ticket's id and sn.
    struct Created: Sendable {
        var id: Int
        var sn: SerialNumber
    }

    /// The ticket and what its start did, taken out of the lock only for a listener or a
    /// callback: a copy of a ticket retains each of its parts.
    private struct Started {
        var created: Created
        var ticket: Ticket?
        var effects: Effects
        var workflow: Workflow
        var serviceName: String
    }

    func createTicket(_ params: Params, user: String, namespace: String) throws(ITSMError) -> Created {
        let time = now
        let today = day(time)
        let partition = partition(namespace)
        let events = context.events
        let listened =
            events.isObserved("bk_itsm.ticket_created") || events.isObserved("bk_itsm.node_entered")
            || events.isObserved("bk_itsm.status_reached")
        // Validated outside the lock (the loop threads would wait on each other), against the
        // catalogue as it was; checked again inside only if the catalogue changed meanwhile.
        let view = partition.data.withLock { $0.catalogueView }
        var validation: Result<NewTicket, ITSMError>? = Result { () throws(ITSMError) in
            try CreateTicketValidation.validate(params, user: user, catalogue: view)
        }
        let result: Result<Started, ITSMError> = partition.data.withLock { data in
            let new: NewTicket
            do throws(ITSMError) {
                new =
                    data.catalogueVersion == view.version
                    ? try validation.take()!.get()  // moved out, not copied
                    : try CreateTicketValidation.validate(params, user: user, catalogue: data.catalogueView)
            } catch {
                return .failure(error)
            }
            let sn = data.nextSN(serviceType: new.service.serviceType, day: today)
            var ticket = Ticket(
                id: data.tickets.count + 1, sn: sn, serviceId: Int32(new.service.id), workflowId: Int32(new.workflow.id),
                catalogId: Int32(new.service.catalogId), title: new.title, creator: new.creator, status: .running,
                createAt: time, updateAt: time, updatedBy: [], fields: new.fields, callback: new.callback,
                stateProcessors: new.stateProcessors, projectKey: new.projectKey)
            let effects = ticket.start(workflow: new.workflow)
            let kept: Ticket? = listened || (effects.callback && ticket.callback != nil) ? ticket : nil
            let created = Created(id: ticket.id, sn: ticket.sn)
            data.insert(consume ticket)
            return .success(
                Started(created: created, ticket: kept, effects: effects, workflow: new.workflow, serviceName: new.service.name))
        }
        let started: Started
        switch consume result {  // the payload moved out, not copied as `get()` would
        case .success(let value): started = value
        case .failure(let error): throw error
        }
        if let ticket = started.ticket {
            emit(
                "bk_itsm.ticket_created", ticket: ticket, workflow: started.workflow, serviceName: started.serviceName,
                namespace: namespace, details: [:])
            dispatch(
                started.effects, ticket: ticket, workflow: started.workflow, serviceName: started.serviceName,
                namespace: namespace)
        }
        return started.created
    }

    /// Applies a validated node operation to the ticket.
    static func apply(_ operation: NodeOperation, by user: String, to ticket: inout Ticket, workflow: Workflow, at time: Int64)
        -> Effects
    {
        switch operation {
        case .submit(let node, let result, let remark, let values):
            return ticket.submit(
                node: node, by: user, result: result, remark: remark, values: values, workflow: workflow, at: time)
        case .terminate(let node):
            return ticket.terminateNode(node, by: user, at: time)
        case .claim(let node):
            ticket.claim(node, by: user, at: time)
        case .distribute(let node, let processors, let type):
            ticket.reassign(node, to: processors, type: type, by: user, deliver: false, at: time)
        case .deliver(let node, let processors, let type):
            ticket.reassign(node, to: processors, type: type, by: user, deliver: true, at: time)
        }
        return Effects()
    }

    static func apply(_ operation: TicketOperation, by user: String, to ticket: inout Ticket, at time: Int64) -> Effects {
        switch operation {
        case .suspend(let message): ticket.suspend(by: user, message: message, at: time)
        case .unsuspend: ticket.unsuspend(by: user, at: time)
        case .withdraw: ticket.withdraw(by: user, at: time)
        case .terminate: ticket.terminate(by: user, at: time)
        }
    }

    // MARK: effects

    func workflowServiceName(_ ticket: Ticket, _ namespace: String) -> String {
        partition(namespace).data.withLock { $0.services[Int(ticket.serviceId)]?.name ?? "" }
    }

    func dispatch(_ effects: Effects, ticket: Ticket, workflow: Workflow?, serviceName: String, namespace: String) {
        let observed =
            (!effects.nodesEntered.isEmpty && context.events.isObserved("bk_itsm.node_entered"))
            || (!effects.statusesReached.isEmpty && context.events.isObserved("bk_itsm.status_reached"))
        if observed {
            // The ticket view is built once, only when someone listens, and shared by this change's events.
            let view = AdminView.ticket(ticket, workflow: workflow, serviceName: serviceName, presenter: presenter)
            let sn = ticket.sn.text
            for node in effects.nodesEntered {
                emit(
                    "bk_itsm.node_entered", view: view, sn: sn, namespace: namespace,
                    details: ["state_id": JSON(node.id), "name": .string(node.name)])
            }
            for status in effects.statusesReached {
                emit("bk_itsm.status_reached", view: view, sn: sn, namespace: namespace, details: ["status": .string(status)])
            }
        }
        if effects.callback, let target = ticket.callback {
            sendCallback(ticket, target: target, workflow: workflow, namespace: namespace)
        }
    }

    func emit(_ name: String, ticket: Ticket, workflow: Workflow?, serviceName: String, namespace: String, details: JSONObject) {
        guard context.events.isObserved(name) else { return }
        emit(
            name, view: AdminView.ticket(ticket, workflow: workflow, serviceName: serviceName, presenter: presenter),
            sn: ticket.sn.text, namespace: namespace, details: details)
    }

    func emit(_ name: String, view: @autoclosure () -> JSON, sn: String, namespace: String, details: JSONObject) {
        guard context.events.isObserved(name) else { return }
        context.events.emit(
            DomainEvent(name: name, namespace: namespace, ticketId: sn, ticket: view(), details: .object(details)))
    }

    /// The callback request (§12.2), fields in the vendor's order, `meta.headers` sent.
    func sendCallback(_ ticket: Ticket, target: CallbackTarget, workflow: Workflow?, namespace: String) {
        var iv: [UInt8] = []
        for _ in 0..<2 {
            let word = context.ids.next(namespace)
            for shift in stride(from: 0, to: 64, by: 8) { iv.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        let payload: JSON = [
            "title": .string(ticket.title), "current_status": .string(ticket.status.text), "sn": .string(ticket.sn.text),
            "ticket_url": .string(presenter.notifyURL(ticket.id)), "update_at": .string(Presenter.pythonTime(ticket.updateAt)),
            "updated_by": .string(ticket.updatedBy.isEmpty ? "" : "," + ticket.updatedBy.joined(separator: ",") + ","),
            "approve_result": .bool(ticket.approveResult), "token": .string(CallbackToken().make(iv: iv)),
            "last_approver": .string(Presenter.lastApprover(ticket, workflow: workflow)),
        ]
        var headers = Headers()
        for header in target.headers { headers.add(header.name, header.value) }
        let sn = ticket.sn.text
        let partition = partition(namespace)
        let clock = context.clock
        context.callbacks.post(
            namespace: namespace, vendor: Self.vendor, ticketId: sn, url: target.url, headers: headers, payload: payload,
            body: PythonJSON.dumps(payload),
            succeeded: Self.callbackSucceeded,
            completion: { ok in
                guard !ok else { return }
                partition.data.withLock { $0.markCallbackFailed(sn, at: clock.now().seconds) }
            })
    }

    /// HTTP 200 or 201 with a JSON body whose `code == 0` (§12.2).
    @Sendable static func callbackSucceeded(_ result: OutboundResult) -> Bool {
        guard let status = result.status, status == 200 || status == 201,
            let body = try? JSONParser.parse(result.body), let code = body["code"]
        else { return false }
        switch code {
        case .int(let value): return value == 0
        case .double(let value): return value == 0
        case .bool(let value): return !value
        default: return false
        }
    }
}

import MockCore

/// Everything `CaseViews.writeDetail` reads of a case, and all it is given of it: a rendered
/// detail is reused only while its source compares equal to the case as it reads now. So no
/// change to a case (status, messages, score, contact, engineer steps, …) can be answered with a
/// stale detail, and none has to remember to invalidate it. Equal strings and arrays that share
/// storage compare by identity, so the check costs a few hundred instructions, not a render.
struct DetailSource: Sendable, Equatable {
    var record: CaseRecord
    var domainId: String
    var judgement: String
    var messages: [CaseMessage]
    var satisfaction: [(id: Int, value: Int)]
    var resolvedAt: Int64?

    init(_ snapshot: CaseSnapshot) {
        record = snapshot.record
        domainId = snapshot.domainId
        judgement = snapshot.extras?.judgement ?? ""
        messages = snapshot.extras?.messages ?? []
        satisfaction = snapshot.extras?.satisfaction ?? []
        resolvedAt = snapshot.extras?.resolvedAt
    }

    static func == (a: DetailSource, b: DetailSource) -> Bool {
        a.record == b.record && a.domainId == b.domainId && a.judgement == b.judgement && a.messages == b.messages
            && a.satisfaction.elementsEqual(b.satisfaction) { $0 == $1 } && a.resolvedAt == b.resolvedAt
    }
}

/// A detail's cache key: the case and the language it was written in (the catalog is the
/// partition's own and never changes).
struct DetailKey: Hashable, Sendable {
    var caseKey: Int64
    var language: Language
}

/// `incident_detail_info` as bytes, with the source it was written from.
struct RenderedDetail: Sendable {
    var source: DetailSource
    var bytes: [UInt8]
}

import MockCore

/// Everything `CaseViews.writeDetail` reads of a case, and all it is given of it: the source a
/// kept detail is checked by (`RenderingCache`), so no change to a case (status, messages,
/// score, contact, engineer steps, …) is answered with a stale detail.
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

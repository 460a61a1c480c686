import MockCore
import Testing

@testable import Scenarios

/// The journal keeps a transport's requests as bytes in reused slots (RequestSlots.swift).
@Suite struct RequestSlotsTests {
    /// A request as EventHTTP hands it over: method and target inside the raw head, fields by bounds.
    static func transported(
        _ method: String, _ target: String, fields: [(String, String)], body: String = "", leadingEmptyLine: Bool = false
    ) -> Request {
        var head = Array((leadingEmptyLine ? "\r\n" : "").utf8) + Array("\(method) \(target) HTTP/1.1\r\n".utf8)
        var bounds: [UInt32] = []
        for (name, value) in fields {
            bounds.append(UInt32(head.count))
            head += Array(name.utf8)
            bounds.append(UInt32(head.count))
            head += Array(": ".utf8)
            bounds.append(UInt32(head.count))
            head += Array(value.utf8)
            bounds.append(UInt32(head.count))
            head += Array("\r\n".utf8)
        }
        head += Array("\r\n".utf8)
        return Request(
            method: method, uri: target, headers: Headers(raw: RawHeaderFields(bytes: head, bounds: bounds)),
            body: Array(body.utf8))
    }

    static func expectSame(_ got: Request, _ sent: Request, body: String) {
        #expect(got.method == sent.method)
        #expect(got.uri == sent.uri)
        #expect(got.headers.fields.map { "\($0.name)=\($0.value)" } == sent.headers.fields.map { "\($0.name)=\($0.value)" })
        #expect(String(decoding: got.body, as: UTF8.self) == body)
        #expect(got.headers.rawFields != nil)
    }

    @Test func aTransportedRequestComesBackFromItsSlot() {
        var slots = RequestSlots(count: 4)
        let sent = Self.transported(
            "POST", "/v1/change/tickets?x=1", fields: [("Host", "h"), ("X-Sdk-Date", "20260105T090000Z")],
            body: #"{"title":"t"}"#, leadingEmptyLine: true)
        let stored = slots.store(sent, bodyLimit: 16, in: 3)
        guard case .inSlot = stored else { Issue.record("expected the slot, got \(stored)"); return }
        Self.expectSame(slots.request(stored, in: 3), sent, body: #"{"title":"t"}"#)
    }

    @Test func theBodyIsCutAtTheLimitAndTheFlagKept() {
        var slots = RequestSlots(count: 4)
        var sent = Self.transported("POST", "/a", fields: [("Host", "h")], body: "0123456789")
        sent.bodyTooLarge = true
        // Stored first: an argument that changes `slots` would not reach a call already holding it.
        let stored = slots.store(sent, bodyLimit: 4, in: 0)
        let back = slots.request(stored, in: 0)
        #expect(String(decoding: back.body, as: UTF8.self) == "0123")
        #expect(back.bodyTooLarge)
    }

    @Test func aRequestLargerThanASlotKeepsItsOwnBytes() {
        var slots = RequestSlots(count: 4)
        let body = String(repeating: "x", count: RequestSlots.slotBytes)
        let large = Self.transported("PUT", "/big", fields: [("Host", "h")], body: body)
        let stored = slots.store(large, bodyLimit: 16 * 1024, in: 0)
        guard case .own = stored else { Issue.record("expected its own bytes, got \(stored)"); return }
        // Reusing the slot does not touch it.
        _ = slots.store(Self.transported("GET", "/small", fields: []), bodyLimit: 16, in: 0)
        Self.expectSame(slots.request(stored, in: 0), large, body: body)
    }

    @Test func aReusedSlotHoldsOnlyTheNewRequest() {
        var slots = RequestSlots(count: 4)
        _ = slots.store(
            Self.transported("POST", "/first/long/target", fields: [("A", "1"), ("B", "2")], body: "abcdef"), bodyLimit: 64, in: 1
        )
        let second = Self.transported("GET", "/s", fields: [("C", "3")])
        let stored = slots.store(second, bodyLimit: 64, in: 1)
        Self.expectSame(slots.request(stored, in: 1), second, body: "")
    }

    @Test func aRequestBuiltInCodeOrChangedIsKeptAsItIs() {
        var slots = RequestSlots(count: 4)
        let built = Request(method: "GET", uri: "/x", headers: ["Host": "h"])
        guard case .request = slots.store(built, bodyLimit: 16, in: 0) else { Issue.record("expected the request"); return }
        // A target rewritten after parsing no longer matches the head's bytes.
        var rewritten = Self.transported("GET", "/original", fields: [("Host", "h")])
        rewritten.uri = "/rewritten"
        let stored = slots.store(rewritten, bodyLimit: 16, in: 0)
        guard case .request = stored else { Issue.record("expected the request, got \(stored)"); return }
        #expect(slots.request(stored, in: 0).uri == "/rewritten")
    }

    @Test func theJournalKeepsTheNewestTransportedRequestsThroughManyLaps() {
        let journal = Journal(capacity: 5)
        let time = Timestamp(milliseconds: 0)
        for index in 1...200 {
            let request = Self.transported("POST", "/t/\(index)", fields: [("N", "\(index)")], body: "body \(index)")
            journal.record(request, api: "a.b", status: 200, durationMs: 1, fault: nil, time: time)
        }
        let entries = journal.entries()
        #expect(entries.map(\.id) == Array(196...200))
        #expect(entries.map(\.request.uri) == (196...200).map { "/t/\($0)" })
        #expect(entries.map { String(decoding: $0.request.body, as: UTF8.self) } == (196...200).map { "body \($0)" })
        #expect(entries.map { $0.request.headers["N"] } == (196...200).map { "\($0)" })
    }

    @Test func entriesKeptByANamespaceClearSurviveLaterRecords() {
        let journal = Journal(capacity: 8)
        let time = Timestamp(milliseconds: 0)
        func record(_ namespace: String, _ index: Int) {
            let request = Self.transported(
                "POST", "/t/\(index)", fields: [(TicketMock.namespaceHeader, namespace)], body: "\(namespace) \(index)")
            journal.record(request, api: "a.b", status: 200, durationMs: 1, fault: nil, time: time)
        }
        for index in 1...8 { record(index % 2 == 0 ? "a" : "b", index) }
        journal.clear(namespace: "a")
        for index in 9...10 { record("a", index) }
        let bodies = journal.entries().map { String(decoding: $0.request.body, as: UTF8.self) }
        #expect(bodies == ["b 1", "b 3", "b 5", "b 7", "a 9", "a 10"])
    }
}

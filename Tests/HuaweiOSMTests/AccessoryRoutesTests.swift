import MockCore
import Testing
import TestSupport
@testable import HuaweiOSM

/// Attachments (multipart and JSON-base64) and verification codes (huawei-osm.md §3.3, §3.4, §8).
@Suite struct AccessoryRoutesTests {
    static let boundary = "67fa5517b8e64b6d8d4b487548ae6bbb"

    /// The official client's multipart upload (§8): `form_data` first, then `file`.
    static func multipart(filename: String = "a.txt", content: String = "hello osm", from: String = "incident") -> [UInt8] {
        let text =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"form_data\"\r\n\r\n{\"accessory_from\":\"\(from)\"}\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
            + "Content-Type: text/plain\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        return Array(text.utf8)
    }

    func upload(_ h: Harness, _ body: [UInt8]) throws -> TestResponse {
        var headers = Harness.signed
        headers.add("Content-Type", "multipart/form-data; boundary=\(Self.boundary)")
        headers.add("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
        return try h.client.post("/v2/servicerequest/accessorys", body: body, headers: headers)
    }

    @Test func multipartUploadAndDownload() throws {
        let h = Harness()
        let id = try upload(h, Self.multipart()).json["accessory_id"]?.stringValue ?? ""
        #expect(id.utf8.count == 32)
        let file = try h.get("/accessorys/\(id)")
        #expect(file.text == "hello osm")
        #expect(file.headers["Content-Disposition"] == "attachment; filename=\"a.txt\"")
        #expect(try h.send("DELETE", "/accessorys/\(id)").json == [:])
        #expect(try h.get("/accessorys/\(id)").json == Expect.invalidParam)
    }

    @Test func multipartErrors() throws {
        let h = Harness()
        #expect(try upload(h, Self.multipart(filename: "run.exe")).json == Expect.invalidParam)
        #expect(try upload(h, Self.multipart(from: "elsewhere")).json == Expect.invalidParam)
        #expect(try upload(h, Self.multipart(content: "")).json == Expect.invalidParam)
        #expect(try upload(h, Array("not multipart".utf8)).json == Expect.invalidParam)
        #expect(try h.post("/accessorys", ["file": "x"]).json == Expect.invalidParam)
    }

    @Test func jsonBase64Upload() throws {
        let h = Harness()
        let body: JSON = [
            "accessory_name": "log.txt", "accessory_from": "message", "upload_type": 0,
            "accessory_data": .string(Base64.encode(Array("kernel panic".utf8))),
        ]
        let id = try h.post("/accessorys/json-format-content", body).json["accessory_id"]?.stringValue ?? ""
        #expect(try h.get("/accessorys/\(id)").text == "kernel panic")
        var bad = body
        bad["accessory_data"] = "***"
        #expect(try h.post("/accessorys/json-format-content", bad).json == Expect.invalidParam)
        bad = body
        bad["upload_type"] = 2
        #expect(try h.post("/accessorys/json-format-content", bad).json == Expect.typeZeroOrOne)
        bad = body
        bad["accessory_name"] = .null
        #expect(try h.post("/accessorys/json-format-content", bad).json == Expect.invalidParam)
        #expect(try h.post("/accessorys/json-format-content", raw: "{").json == Expect.invalidParam)
    }

    @Test func sizeLimit() throws {  // §10: 10 MB per file → OSM.01010005
        #expect(throws: OSMError.accessorySizeLimit) {
            try AccessoryRules.check(name: "a.zip", from: "incident", size: 10 * 1024 * 1024 + 1, settings: OSMSettings())
        }
    }

    @Test func base64() {
        #expect(Base64.decode("aGVsbG8=") == Array("hello".utf8))
        #expect(Base64.decode("aGVsbG8") == Array("hello".utf8))
        #expect(Base64.decode("a=b") == nil)
        #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
    }

    @Test func verificationCodes() throws {  // §3.4
        let h = Harness()
        let sent = try h.post("/verifycodes/send", ["contact_value": "13900000000", "contact_way": 0, "area_code": "86"]).json
        let code = sent["mock_verify_code"]?.stringValue ?? ""
        #expect(code.utf8.count == 6)
        #expect(try h.get("/verifycodes/need-verify?contact_value=13900000000&contact_way=0").json["need_verify_code"] == 1)
        #expect(
            try h.post("/verifycodes", ["verify_code": "000000x", "contact_value": "13900000000", "contact_way": 0]).json
                == Expect.invalidParam)
        let wrong = code == "111111" ? "222222" : "111111"
        #expect(
            try h.post("/verifycodes", ["verify_code": .string(wrong), "contact_value": "13900000000", "contact_way": 0]).json
                == Expect.verification)
        let checked = try h.post(
            "/verifycodes", ["verify_code": .string(code), "contact_value": "13900000000", "contact_way": 0]
        ).json
        let verifiedId = checked["verified_id"]?.stringValue ?? ""
        #expect(verifiedId.utf8.count == 32)
        #expect(try h.get("/verifycodes/need-verify?contact_value=13900000000&contact_way=0").json["need_verify_code"] == 0)
        let list = try h.get("/verifycodes/has-verified?contact_way=0").json
        #expect(list["count"] == 1)
        #expect(list["contact_list"]?[0]?["verified_id"] == .string(verifiedId))
        #expect(
            try h.post("/verifycodes/send", ["contact_value": "x", "contact_way": 3, "area_code": "86"]).json
                == Expect.typeZeroOrOne)
        #expect(try h.post("/verifycodes/send", ["contact_value": "x", "contact_way": 0]).json == Expect.invalidParam)
    }

    @Test func strictVerificationChecksTheCreateHeaders() throws {  // §4.1 verified ids
        let h = Harness(seeds: [["settings": ["strict_verification": true]]])
        #expect(
            try h.post("/cases", Harness.observedBody, headers: ["x-phone-verifiedid": "unknown"]).json == Expect.verification)
        let code =
            try h.post("/verifycodes/send", ["contact_value": "13800000000", "contact_way": 0, "area_code": "86"])
            .json["mock_verify_code"]?.stringValue ?? ""
        let verifiedId =
            try h.post("/verifycodes", ["verify_code": .string(code), "contact_value": "13800000000", "contact_way": 0])
            .json["verified_id"]?.stringValue ?? ""
        #expect(
            try h.post("/cases", Harness.observedBody, headers: ["x-phone-verifiedid": .init(verifiedId)]).json["incident_id"]
                != nil)
        #expect(h.caseCount == 1)
    }
}

/// Instant-message polling and attachment URLs (huawei-osm.md §3.1, §3.3).
@Suite struct InstantRoutesTests {
    @Test func pollingAndURLs() throws {
        let h = Harness()
        let id = try h.createCase()
        _ = try h.post("/cases/\(id)/message", ["message": ["content": "second"]])
        #expect(try h.get("/cases/\(id)/instant-messages/more?limit=1").json["message_list"]?[0]?["content"] == "second")
        #expect(try h.get("/cases/\(id)/instant-messages/more?create_time=2026-01-05T09:00:00Z").json["count"] == 0)
        #expect(try h.get("/cases/instant-messages").json == ["imstatus": [], "immsg": [], "last_message_time_id": ""])
        #expect(try h.get("/cases/instant-messages/unread").json == ["imunread": []])
        #expect(try h.post("/cases/CS20990101000001/instant-messages/unread", [:]).json == Expect.notFound)
        let body: JSON = ["accessory_name": "a.png", "accessory_from": "incident", "accessory_data": "aGk="]
        let accessory = try h.post("/accessorys/json-format-content", body).json["accessory_id"]?.stringValue ?? ""
        #expect(
            try h.get("/accessorys/\(accessory)/access-url").json["accessory_url"]
                == .string("http://127.0.0.1:8080/v2/servicerequest/accessorys/\(accessory)"))
        #expect(
            try h.get("/accessorys/access-urls?accessory_ids=\(accessory)").json["accessory_urls"]?[0]?["accessory_name"]
                == "a.png")
        #expect(try h.get("/accessorys/access-urls?accessory_ids=nope").json == Expect.invalidParam)
    }
}

@testable import BlueKingITSM
import MockCore
import Testing

/// Paths and credentials over the in-process transport (bk-itsm.md §1.2, §2).
@Suite struct CredentialsTests {
    let h = Harness()

    // §1.2: every path variant reaches the same endpoint.
    @Test(arguments: [
        "/api/c/compapi/v2/itsm/get_service_catalogs/", "/api/c/compapi/itsm/get_service_catalogs/",
        "//api/c/compapi/v2/itsm/get_service_catalogs/", "/api/bk-itsm/prod/v2/itsm/get_service_catalogs/",
        "/api/c/compapi/v2/itsm/get_service_catalogs",
    ])
    func pathVariants(path: String) throws {
        let answer = try h.client.get(path, headers: Harness.auth).json
        #expect(answer["result"] == true)
        #expect(answer["data"]?[0]?["key"] == "root")
    }

    // §3.3: request_id on ESB paths only.
    @Test func requestIdOnlyOnESB() throws {
        let esb = try h.client.get("/api/c/compapi/v2/itsm/get_services/", headers: Harness.auth).json
        #expect(esb["request_id"]?.stringValue?.count == 32)
        let gateway = try h.client.get("/api/bk-itsm/prod/v2/itsm/get_services/", headers: Harness.auth).json
        #expect(gateway["request_id"] == nil)
    }

    // §1.2: token/verify at its real path; comment under its gateway name.
    @Test func specialPaths() throws {
        let verify = try h.client.post("/api/c/compapi/v2/itsm/token/verify/", json: ["token": "abc"], headers: Harness.auth).json
        #expect(verify["data"]?["is_passed"] == false)
        let comment = try h.client.post(
            "/api/bk-itsm/prod/v2/itsm/comment/", json: ["sn": "X", "stars": 5], headers: Harness.auth
        ).json
        #expect(comment.code == 3900022)
    }

    // §4.6 [mock]: unknown component → 1306404, HTTP 200.
    @Test func unknownComponent() throws {
        let response = try h.client.get("/api/c/compapi/v2/itsm/no_such_api/", headers: Harness.auth)
        #expect(response.status == 200)
        #expect(response.json.code == 1306404)
        #expect(response.json.message == "Not found, component class not found")
        let gateway = try h.client.get("/api/bk-itsm/prod/v2/itsm/no_such_api/", headers: Harness.auth).json
        #expect(gateway.code == 1306404)
        #expect(gateway["request_id"] == nil)
        // Gateway-only APIs are not ESB components.
        #expect(try h.client.post("\(Harness.esb)/approve/", json: [:], headers: Harness.auth).json.code == 1306404)
    }

    // §2.2: the check order and messages.
    @Test func credentialErrors() throws {
        func call(_ headers: Headers, query: String = "") throws -> JSON {
            try h.client.get("/api/c/compapi/v2/itsm/get_services/\(query)", headers: headers).json
        }
        #expect(try call([:]).message == "APP Code [bk_app_code] cannot be empty")
        #expect(try call([:]).code == 1306000)
        #expect(
            try call(["X-Bkapi-Authorization": #"{"bk_app_code": "a"}"#]).message == "APP Secret [bk_app_secret] cannot be empty")
        #expect(
            try call(["X-Bkapi-Authorization": #"{"bk_app_code": "a", "bk_app_secret": "s"}"#]).message
                == "User authentication failed, please provide a valid user identity, such as bk_token, bk_username")
        let bad = try call(["X-Bkapi-Authorization": "not json"])
        #expect(bad.code == 1306406)
        #expect(bad.message == "Parameters error, request header X-Bkapi-Authorization is not a valid JSON format string")
        #expect(bad["request_id"]?.stringValue?.count == 32)
        // Query credentials, aliases, bk_token as the user; null values ignored.
        #expect(try call([:], query: "?bk_app_code=a&bk_app_secret=s&bk_username=u")["result"] == true)
        #expect(try call([:], query: "?app_code=a&app_secret=s&username=u")["result"] == true)
        #expect(
            try call(["X-Bkapi-Authorization": #"{"bk_app_code": "a", "bk_app_secret": "s", "bk_token": "t"}"#])["result"] == true
        )
        #expect(
            try call(["X-Bkapi-Authorization": #"{"bk_app_code": "a", "bk_app_secret": "s", "bk_token": null}"#]).code == 1306000)
    }

    // §2.3: credentials merged into a POST body (bk-itsm-sdk), no Content-Type (legacy SDK).
    @Test func bodyCredentials() throws {
        var body = Harness.builtinBody()
        if case .object(var object) = body {
            object["bk_app_code"] = "demo-app"
            object["bk_app_secret"] = "demo-secret"
            object["bk_token"] = .null
            object["bk_username"] = "admin"
            body = .object(object)
        }
        let answer = try h.client.send(
            Request(method: "POST", uri: "//api/c/compapi/v2/itsm/create_ticket/", body: body.jsonBytes)
        ).json
        #expect(answer["result"] == true)
        #expect(answer["data"]?["sn"] == "REQ20240101000001")
    }

    // §16.4: the gateway needs no user; failures there have no request_id.
    @Test func gatewayCredentials() throws {
        let ok = try h.client.get(
            "/api/bk-itsm/prod/v2/itsm/get_services/",
            headers: ["X-Bkapi-Authorization": #"{"bk_app_code": "a", "bk_app_secret": "s"}"#]
        ).json
        #expect(ok["result"] == true)
        let missing = try h.client.get("/api/bk-itsm/prod/v2/itsm/get_services/").json
        #expect(missing.code == 1306000)
        #expect(missing["request_id"] == nil)
    }

    // §16.3: --auth strict checks registered apps.
    @Test func strictMode() throws {
        let strict = Harness(auth: .strict)
        func call(_ code: String, _ secret: String) throws -> JSON {
            try strict.client.get(
                "/api/c/compapi/v2/itsm/get_services/",
                headers: [
                    "X-Bkapi-Authorization": #"{"bk_app_code": "\#(code)", "bk_app_secret": "\#(secret)", "bk_username": "u"}"#
                ]
            ).json
        }
        #expect(try call("demo-app", "demo-secret")["result"] == true)
        #expect(
            try call("nope", "x").message
                == "Invalid APP Code [bk_app_code=nope], please confirm if the APP Code has been registered")
        #expect(
            try call("demo-app", "wrong").message
                == "APP Secret verification failed, pelase confirm if the APP Secret and APP Code [bk_app_code=demo-app] match")
    }

    // §2.1, §2.2: the header's parse is cached per header text, so a changed header is checked
    // afresh: a wrong secret, a dropped user or a broken header after a good one still fails.
    @Test func cachedHeaderParseLetsNoChangedCredentialThrough() throws {
        let strict = Harness(auth: .strict)
        func call(_ header: String) throws -> JSON {
            try strict.client.get("/api/c/compapi/v2/itsm/get_services/", headers: ["X-Bkapi-Authorization": header]).json
        }
        let good = #"{"bk_app_code": "demo-app", "bk_app_secret": "demo-secret", "bk_username": "u"}"#
        for _ in 0..<2 { #expect(try call(good)["result"] == true) }
        #expect(try call(#"{"bk_app_code": "demo-app", "bk_app_secret": "wrong", "bk_username": "u"}"#).code == 1306000)
        #expect(try call(#"{"bk_app_code": "demo-app", "bk_app_secret": "demo-secret"}"#).message == CredentialMessage.noUser)
        #expect(try call("{broken").code == 1306406)
        #expect(try call(good)["result"] == true)
        var expected = Credentials.Found()
        expected[.bkAppCode] = "demo-app"
        expected[.bkAppSecret] = "demo-secret"
        expected[.bkUsername] = "u"
        #expect(try Credentials.headerValues(good) == expected)
        #expect(strict.emulator.backend.credentialHeaders.count == 3)
    }
}

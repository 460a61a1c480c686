import MockCore
import TestSupport
import Testing

@testable import HuaweiCloud

/// An in-process Huawei listener: the IAM stubs plus one protected test route.
struct Harness {
    let context: EmulatorContext
    let huawei: HuaweiCloud
    let client: TestClient

    init(auth: AuthMode = .open, seeds: [JSON] = [], frozenAt: String = "2026-11-23T11:52:00Z") {
        context = EmulatorContext(settings: Settings(authMode: auth), timers: ManualTimers(), outbound: RecordingOutbound())
        context.clock.freeze(at: Timestamp(iso8601: frozenAt)!)
        huawei = HuaweiCloud(context: context)
        huawei.applySeeds(seeds)
        var router = Router()
        huawei.register(into: &router)
        router.add(
            "GET", "/probe", api: "huawei.probe",
            huawei.gateway.protect { _, caller in
                .json([
                    "ak": JSON(caller.accessKey), "domain": .string(caller.domainId), "project": JSON(caller.projectId),
                    "token": JSON(caller.token),
                ])
            })
        let dispatcher = Dispatcher(router: router, vendors: [huawei], logger: context.logger)
        client = .inProcess { dispatcher.handle($0) }
    }
}

let wellFormed: Headers = [
    "Authorization": "SDK-HMAC-SHA256 Access=ANYAK, SignedHeaders=host;x-sdk-date, Signature=00ff",
    "X-Sdk-Date": "20261123T115138Z", "Host": "h",
]

func expectAPIG(_ response: TestResponse, _ status: Int, _ code: String, _ message: String) {
    #expect(response.status == status)
    #expect(response.json["error_code"] == .string(code))
    #expect(response.json["error_msg"] == .string(message))
    let id = response.headers["X-Request-Id"] ?? ""
    #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
    #expect(response.json["request_id"] == .string(id))
    #expect(response.json.objectValue?.keys == ["error_msg", "error_code", "request_id"])
    #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
}

let badSignature = "Incorrect IAM authentication information: verify aksk signature fail"
let noToken = "Incorrect IAM authentication information: x-auth-token not found"

@Suite struct GatewayTests {
    // huawei-auth.md §4: no credentials at all.
    @Test(arguments: [AuthMode.open, .strict])
    func missingCredentials(auth: AuthMode) throws {
        expectAPIG(try Harness(auth: auth).client.get("/probe"), 401, "APIGW.0301", noToken)
    }

    // huawei-auth.md §8: open mode accepts any well-formed signature without checking the secret.
    @Test func openAcceptsWellFormed() throws {
        let response = try Harness().client.get("/probe", headers: wellFormed)
        #expect(response.status == 200)
        #expect(response.json["ak"] == "ANYAK")
        #expect(response.json["domain"] == "mockdomainid0001")
        #expect(response.headers["X-Request-Id"]?.count == 32)
        #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
    }

    // huawei-auth.md §4: malformed Authorization or another algorithm → signature failure, in both modes.
    @Test(arguments: [AuthMode.open, .strict])
    func malformedAuthorization(auth: AuthMode) throws {
        for value in ["SDK-HMAC-SM3 Access=A, SignedHeaders=host, Signature=00", "SDK-HMAC-SHA256 Access=A", "Basic abc"] {
            let response = try Harness(auth: auth).client.get("/probe", headers: ["Authorization": value])
            expectAPIG(response, 401, "APIGW.0301", badSignature)
        }
    }

    // huawei-auth.md §1: X-Domain-Id / X-Project-Id are recorded as the caller's domain and project.
    @Test func identityHeaders() throws {
        var headers = wellFormed
        headers.add("X-Domain-Id", "dom9")
        headers.add("X-Project-Id", "proj0123")
        let response = try Harness().client.get("/probe", headers: headers)
        #expect(response.json["domain"] == "dom9")
        #expect(response.json["project"] == "proj0123")
    }

    // huawei-auth.md §2.5 vector 3 replayed in strict mode with the clock at its date.
    @Test func strictVerifiesTheSDKVector() throws {
        let harness = Harness(auth: .strict, frozenAt: "2026-11-23T11:52:08Z")
        let response = try harness.client.send(Vectors.v3.request)
        #expect(response.status == 200)
        #expect(response.json["domains"]?[0]?["id"] == "mockdomainid0001")
        #expect(response.headers["X-IAM-Trace-Id"] != nil)
        #expect(response.headers["X-Request-Id"]?.count == 32)
    }

    // huawei-auth.md §4 mapping: wrong SK, unknown AK, stale date, a missing signed header.
    @Test func strictRejections() throws {
        let harness = Harness(auth: .strict, frozenAt: "2026-11-23T11:52:08Z")
        let base = Request(method: "GET", uri: "/probe", headers: ["Host": "h", "X-Sdk-Date": "20261123T115208Z"])
        #expect(try harness.client.send(Vectors.sign(base)).status == 200)
        expectAPIG(try harness.client.send(Vectors.sign(base, sk: "wrong")), 401, "APIGW.0301", badSignature)
        expectAPIG(try harness.client.send(Vectors.sign(base, ak: "UNKNOWNAK")), 401, "APIGW.0301", badSignature)
        var stale = base
        stale.headers.set("X-Sdk-Date", "20261123T110000Z")
        expectAPIG(try harness.client.send(Vectors.sign(stale)), 401, "APIGW.0301", badSignature)
        var dropped = Vectors.sign(base)
        dropped.headers.remove("Host")
        expectAPIG(try harness.client.send(dropped), 401, "APIGW.0301", badSignature)
        let late = Harness(auth: .strict, frozenAt: "2026-11-23T12:10:00Z")
        expectAPIG(try late.client.send(Vectors.v3.request), 401, "APIGW.0301", badSignature)
    }

    // Seeded accounts verify in strict mode and give the caller their domain.
    @Test func seededAccount() throws {
        let harness = Harness(auth: .strict, seeds: [["accounts": [["domain_id": "d1", "ak": "AK1", "sk": "SK1"]]]])
        let base = Request(method: "GET", uri: "/probe", headers: ["Host": "h", "X-Sdk-Date": "20261123T115208Z"])
        let response = try harness.client.send(Vectors.sign(base, ak: "AK1", sk: "SK1"))
        #expect(response.json["domain"] == "d1")
        #expect(try harness.client.send(Vectors.sign(base)).status == 200)  // the built-in stays
    }

    // huawei-auth.md §3: any token in open mode; only known ones in strict mode; expiry.
    @Test func tokens() throws {
        let open = try Harness().client.get("/probe", headers: ["X-Auth-Token": "anything"])
        #expect(open.status == 200)
        #expect(open.json["token"] == "anything")
        let strict = Harness(
            auth: .strict,
            seeds: [
                [
                    "tokens": [
                        ["token": "good", "domain_id": "d7"], ["token": "old", "expires_at": "2026-01-01T00:00:00Z"],
                    ]
                ]
            ])
        #expect(try strict.client.get("/probe", headers: ["X-Auth-Token": "good"]).json["domain"] == "d7")
        expectAPIG(
            try strict.client.get("/probe", headers: ["X-Auth-Token": "nope"]), 401, "APIGW.0301",
            "Incorrect IAM authentication information: decrypt token fail")
        expectAPIG(
            try strict.client.get("/probe", headers: ["X-Auth-Token": "old"]), 401, "APIGW.0301",
            "Incorrect IAM authentication information: token expires, expires_at: 2026-01-01T00:00:00.000Z")
        let whitelist = Harness(seeds: [["token_mode": "whitelist"]])
        #expect(try whitelist.client.get("/probe", headers: ["X-Auth-Token": "x"]).status == 401)
    }

    // huawei-auth.md §3 [mock]: POST /v3/auth/tokens issues a token the gateway then accepts.
    @Test func issuedToken() throws {
        let harness = Harness(auth: .strict)
        let created = try harness.client.post("/v3/auth/tokens", json: ["auth": ["identity": ["methods": ["password"]]]])
        #expect(created.status == 201)
        let token = try #require(created.headers["X-Subject-Token"])
        #expect(created.json["token"]?["user"]?["domain"]?["id"] == "mockdomainid0001")
        #expect(created.json["token"]?["expires_at"] == "2026-11-24T11:52:00.000Z")
        #expect(try harness.client.get("/probe", headers: ["X-Auth-Token": token]).status == 200)
        expectAPIG(try harness.client.post("/v3/auth/tokens", text: "{nope"), 400, "APIGW.0201", "API request error.")
        harness.context.reset()
        #expect(try harness.client.get("/probe", headers: ["X-Auth-Token": token]).status == 401)
    }

    // huawei-auth.md §6.2: one project per region by name; none for an unknown region.
    @Test func projects() throws {
        let client = Harness().client
        let one = try client.get("/v3/projects?name=cn-north-4", headers: wellFormed)
        #expect(one.json["projects"]?.arrayValue?.count == 1)
        let id = one.json["projects"]?[0]?["id"]?.stringValue ?? ""
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
        #expect(try client.get("/v3/projects?name=xx-nowhere-1", headers: wellFormed).json["projects"] == [])
        #expect(try client.get("/v3/projects", headers: wellFormed).json["projects"]?.arrayValue?.count == 3)
        expectAPIG(try client.get("/v3/projects"), 401, "APIGW.0301", noToken)
    }

    // huawei-auth.md §6.2: STS caller identity.
    @Test func callerIdentity() throws {
        let response = try Harness().client.get("/v5/caller-identity", headers: wellFormed)
        #expect(response.json["account_id"] == "mockdomainid0001")
    }

    // huawei-auth.md §4: unknown API under a known prefix, oversized body, throttling, prefix switch.
    @Test func gatewayErrors() throws {
        let harness = Harness()
        expectAPIG(
            try harness.client.get("/v3/nothing/here"), 404, "APIGW.0101",
            "The API does not exist or has not been published in the environment.")
        expectAPIG(
            try harness.client.send(Request(method: "DELETE", uri: "/v3/auth/domains")), 404, "APIGW.0101",
            "The API does not exist or has not been published in the environment.")
        let big = Request(method: "POST", uri: "/v3/auth/tokens", headers: wellFormed, bodyTooLarge: true)
        expectAPIG(try harness.client.send(big), 413, "APIGW.0201", "Request entity too large.")
        let throttled = harness.huawei.errorCatalog["apig.throttled"]!(Request(method: "GET", uri: "/x"))
        #expect(throttled.status == 429)
        #expect((try? JSONParser.parse(throttled.body))?["error_code"] == "APIGW.0308")
        for name in ["apig.unauthorized", "apig.not_found", "apig.too_large", "apig.throttled"] {
            #expect(harness.huawei.errorCatalog[name] != nil)
        }
        let exclusive = Harness(seeds: [["gateway_prefix": "APIG"]])
        #expect(try exclusive.client.get("/probe").json["error_code"] == "APIG.0301")
    }
}

/// huawei-auth.md §4: every answer leaves the gateway with its JSON Content-Type and an
/// `X-Request-Id`; the usual answer's short cut gives what the general path gives.
@Suite struct GatewayFinishTests {
    let h = Harness()
    let request = Request(method: "GET", uri: "/probe")

    @Test func aPlainJSONAnswerGetsBothHeadersInOrder() {
        let answer = h.huawei.gateway.finish(.json(bytes: [0x7B, 0x7D]), for: request)
        #expect(answer.headers.fields.map(\.name) == ["Content-Type", "X-Request-Id"])
        #expect(answer.headers["Content-Type"] == "application/json;charset=UTF-8")
        #expect(answer.headers["X-Request-Id"]?.count == 32)
        #expect(answer.body == [0x7B, 0x7D])
    }

    @Test func otherAnswersKeepWhatTheyHave() {
        let text = h.huawei.gateway.finish(
            Response(status: 200, headers: ["Content-Type": "text/plain", "X-Request-Id": "mine"], body: []), for: request)
        #expect(text.headers.fields.map(\.value) == ["text/plain", "mine"])
        let extra = h.huawei.gateway.finish(.json(bytes: [], headers: ["X-Extra": "1"]), for: request)
        #expect(extra.headers.fields.map(\.name) == ["X-Extra", "Content-Type", "X-Request-Id"])
    }
}

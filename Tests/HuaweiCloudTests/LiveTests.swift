import MockCore
import TestSupport
import Testing

/// huawei-auth.md §2.2 and §6.2 against the real binary in `--auth strict`, signed with the clock's time.
@Suite(.serialized) struct LiveTests {
    var sdkDate: String {
        let text = Timestamp.systemNow().civil().compactDateTime
        return String(text.prefix(8)) + "T" + String(text.dropFirst(8)) + "Z"
    }

    @Test func strictIAM() throws {
        let server = try ServerProcess.start(["--auth", "strict"])
        defer { server.stop() }
        let request = Request(
            method: "GET", uri: "/v3/auth/domains",
            headers: ["Host": "127.0.0.1:\(server.port)", "X-Sdk-Date": sdkDate])
        let good = try server.client.send(Vectors.sign(request))
        #expect(good.status == 200)
        #expect(good.json["domains"]?[0]?["id"] == "mockdomainid0001")
        let bad = try server.client.send(Vectors.sign(request, sk: "wrong"))
        #expect(bad.status == 401)
        #expect(bad.json["error_code"] == "APIGW.0301")
        #expect(bad.headers["X-Request-Id"] == bad.json["request_id"]?.stringValue)
        let projects = try server.client.send(
            Vectors.sign(
                Request(
                    method: "GET", uri: "/v3/projects", headers: ["Host": "127.0.0.1:\(server.port)", "X-Sdk-Date": sdkDate])))
        #expect(projects.json["projects"]?.arrayValue?.count == 3)
    }
}

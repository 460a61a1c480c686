import MockCore
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The real executable, started on an ephemeral port.
@Suite(.serialized) struct ServeCommandTests {
    @Test func answersHealthAndStopsCleanlyOnSIGTERM() throws {
        let server = try ServerProcess.start()
        let health = try server.client.get("/_mock/health")
        #expect(health.status == 200)
        #expect(health.json["status"] == "ok")
        #expect(health.json["version"]?.stringValue?.isEmpty == false)
        let start = ContinuousClock.now
        #expect(server.stop(signal: SIGTERM) == 0)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(server.log.contains("stopped"))
    }

    @Test func sigtermAnswersRequestsInFlightThenExitsZero() throws {
        var template = Array("/tmp/ticketmock-slow-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let yaml = "name: slow-health\nfaults:\n  - match: {api: admin.health}\n    respond: {delay: 600ms}\n"
        _ = Array(yaml.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let server = try ServerProcess.start(["--scenario", path])
        let connections = try (0..<3).map { _ in try KeepAliveConnection(port: server.port) }
        for connection in connections { connection.write("GET /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n") }
        usleep(150_000)
        let start = ContinuousClock.now
        kill(server.pid, SIGTERM)
        for connection in connections {
            let answer = try BlockingHTTPClient.parse(connection.readToClose())
            #expect(answer.status == 200)
            #expect(answer.bodyText.contains("\"status\":\"ok\""))
        }
        #expect(server.stop(timeout: .seconds(3)) == 0)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func stopsCleanlyOnSIGINT() throws {
        let server = try ServerProcess.start()
        #expect(server.stop(signal: SIGINT) == 0)
    }

    @Test func keepsServingAfterBadInput() throws {
        let server = try ServerProcess.start(["--max-body-bytes", "64"])
        let client = server.client
        let tooLarge = try client.post("/_mock/reset", text: String(repeating: "x", count: 65))
        #expect(tooLarge.status == 413)
        #expect(tooLarge.json["error"] == "payload_too_large")
        let unknown = try client.request("PUT", "/no/where")
        #expect(unknown.status == 404)
        #expect(unknown.json["method"] == "PUT")
        #expect(unknown.json["path"] == "/no/where")
        let raw = try BlockingHTTPClient.parse(BlockingHTTPClient(port: server.port).roundTrip(Array("BROKEN\r\n\r\n".utf8)))
        #expect(raw.status == 400)
        #expect(raw.bodyText == #"{"error":"bad_request","message":"The request line is malformed."}"#)
        let hugeBody = String(repeating: "x", count: 8 << 20)
        #expect(try client.post("/_mock/reset", text: hugeBody).json["error"] == "payload_too_large")
        #expect(try client.get("/_mock/health").status == 200)
        #expect(server.stop() == 0)
    }

    @Test func readsFlagsFromTheEnvironment() throws {
        let server = try ServerProcess.start(
            [], environment: ["TICKETMOCK_MAX_BODY_BYTES": "10", "TICKETMOCK_LOG_LEVEL": "debug"])
        let answer = try server.client.post("/_mock/reset", text: String(repeating: "x", count: 11))
        #expect(answer.status == 413)
        _ = try server.client.get("/_mock/health")
        server.stop()
        #expect(server.log.contains("GET /_mock/health -> 200"))
    }

    @Test(arguments: [
        ["TICKETMOCK_PORT": "eighty"], ["TICKETMOCK_AUTH": "lax"], ["TICKETMOCK_WATCH": "maybe"],
        ["TICKETMOCK_LOG_LEVEL": "loud"], ["TICKETMOCK_MAX_BODY_BYTES": "-1"],
    ])
    func aBadEnvironmentValueIsAClearErrorAndANonZeroExit(_ environment: [String: String]) throws {
        var all = ["TICKETMOCK_PORT": "0"]
        all.merge(environment) { _, given in given }
        let result = try ServerProcess.run(["serve"], environment: all, timeout: .seconds(5))
        #expect(result.code != 0)
        let variable = environment.keys.first!
        let flag = "--" + variable.dropFirst("TICKETMOCK_".count).lowercased().replacing("_", with: "-")
        #expect(result.output.contains(variable) || result.output.contains(flag))
    }

    @Test func aPortInUseIsAClearErrorAndANonZeroExit() throws {
        let server = try ServerProcess.start()
        let result = try ServerProcess.run(["serve", "--port", String(server.port)])
        #expect(result.code != 0)
        #expect(result.output.contains("cannot listen on 127.0.0.1:\(server.port)"))
        server.stop()
    }

    @Test func healthcheckExitsZeroAgainstARunningServerAndNonZeroAgainstNone() throws {
        let server = try ServerProcess.start()
        let up = try ServerProcess.run(["healthcheck", "--url", server.baseURL])
        #expect(up.code == 0)
        let port = server.port
        server.stop()
        let down = try ServerProcess.run(["healthcheck", "--url", "http://127.0.0.1:\(port)", "--timeout", "1"])
        #expect(down.code != 0)
        #expect(down.output.contains("not answering"))
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try ServerProcess.run(["version"])
        #expect(result.code == 0)
        #expect(result.output.hasPrefix("ticketmock "))
    }

    @Test func runningOutOfFileDescriptorsPausesAcceptingInsteadOfSpinning() throws {
        let server = try ServerProcess.start(["--threads", "1"])
        #expect(system("prlimit --pid \(server.pid) --nofile=24:24") == 0)
        var connections = try (0..<40).map { _ in try KeepAliveConnection(port: server.port) }
        usleep(200_000)
        let before = Self.cpuTicks(server.pid)
        usleep(500_000)
        #expect(Self.cpuTicks(server.pid) - before < 10)  // under 0.1 s of CPU in 0.5 s: not spinning
        connections.removeAll()
        #expect(try server.client.get("/_mock/health").status == 200)
        #expect(server.stop() == 0)
    }

    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 1024)
        guard fgets(&line, 1024, file) != nil else { return 0 }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }
}

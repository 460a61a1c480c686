import ArgumentParser
import HTTPCore

struct Healthcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 when the server answers /_mock/health (for Docker HEALTHCHECK).")

    @Option(help: "Base URL of the server. [default: http://127.0.0.1:$TICKETMOCK_PORT or :8080]") var url: String?
    @Option(help: "Seconds to wait for an answer.") var timeout: Int = 3

    func run() throws {
        let base = url ?? "http://127.0.0.1:\(EnvironmentOptions.raw("port") ?? "8080")"
        guard let target = HealthTarget(base) else {
            printError("healthcheck: cannot parse URL '\(base)' (expected http://host:port)")
            throw ExitCode(2)
        }
        let client = BlockingHTTPClient(host: target.host, port: target.port, timeout: .seconds(timeout))
        do {
            var headers = Headers()
            if let token = EnvironmentOptions.raw("admin-token") { headers.add("X-Mock-Admin-Token", token) }
            let answer = try client.send("GET", "/_mock/health", headers: headers)
            guard answer.status == 200 else {
                printError("healthcheck: \(base) answered \(answer.status)")
                throw ExitCode(1)
            }
            print(answer.bodyText)
        } catch let failure as BlockingHTTPClient.Failure {
            printError("healthcheck: \(base) is not answering: \(failure)")
            throw ExitCode(1)
        }
    }
}

struct HealthTarget {
    var host: String
    var port: Int
    init?(_ url: String) {
        var rest = Substring(url)
        if rest.hasPrefix("http://") { rest = rest.dropFirst(7) }
        let authority = rest.prefix { $0 != "/" }
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) else {
            guard !authority.isEmpty else { return nil }
            host = String(authority)
            self.port = 80
            return
        }
        host = String(authority[..<colon]).trimmingCharacters(in: "[]")
        self.port = port
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

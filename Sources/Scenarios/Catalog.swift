import MockCore

/// Every name a scenario may use, gathered from the registered vendor emulators and the router.
public struct ScenarioCatalog: Sendable {
    struct VendorNames: Sendable {
        var name: String
        var events: [String]
        var actions: [String]
        var seedKey: String?
        var validateSeed: @Sendable (JSON) -> [FieldError]
    }

    /// The vendor prefixes ticketmock knows of, registered or not.
    public static let knownPrefixes = ["bk_itsm", "esb", "huawei_coc", "huawei_osm", "huawei", "apig"]
    public static let knownSeedKeys = ["bk_itsm", "huawei", "huawei_osm"]

    var apiNames: [String]
    var vendors: [VendorNames]
    var errorNames: [String]
    /// `check --allow-unregistered`: names under a known prefix that no registered vendor
    /// provides are accepted (and listed), instead of refused.
    public var relaxUnregistered: Bool

    public init(vendors: [any VendorEmulator], apiNames: [String], relaxUnregistered: Bool = false) {
        self.apiNames = apiNames
        self.vendors = vendors.map { vendor in
            VendorNames(
                name: vendor.name, events: vendor.eventNames, actions: vendor.actionNames, seedKey: vendor.seedKey,
                validateSeed: { vendor.validateSeed($0) })
        }
        errorNames = Set(vendors.flatMap { $0.errorCatalog.keys }).sorted()
        self.relaxUnregistered = relaxUnregistered
    }

    var eventNames: [String] { vendors.flatMap(\.events) }

    func vendor(ofEvent event: String) -> VendorNames? { vendors.first { $0.events.contains(event) } }

    func seedVendor(_ key: String) -> VendorNames? { vendors.first { $0.seedKey == key } }

    /// True when `name` sits under a known prefix that nothing registered provides, and the
    /// catalog is relaxed about that.
    func unverifiable(_ name: String, among names: [String]) -> Bool {
        guard relaxUnregistered else { return false }
        let prefix = Self.prefix(of: name)
        guard Self.knownPrefixes.contains(prefix) else { return false }
        return !names.contains { Self.prefix(of: $0) == prefix }
    }

    static func prefix(of name: String) -> String { String(name.prefix { $0 != "." }) }
}

/// Nearest valid names, by edit distance, for "did you mean" messages.
enum Suggest {
    static func nearest(_ name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let scored = candidates.map { (name: $0, distance: distance(name.lowercased(), $0.lowercased())) }
        return scored.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
            .prefix(limit).map(\.name)
    }

    static func message(_ what: String, _ name: String, in candidates: [String]) -> String {
        let near = nearest(name, in: candidates)
        if candidates.isEmpty { return "unknown \(what) '\(name)' (none are registered)" }
        return "unknown \(what) '\(name)'; nearest: \(near.joined(separator: ", "))"
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

/// `*` wildcards over whole strings.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] != UInt8(ascii: "*"), p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}

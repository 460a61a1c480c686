/// The path parameters a router captured (`{id}` → `PM42`). A route has a handful at most, so a
/// short list scanned by name serves them: a dictionary hashed every name on every request.
public struct PathParameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var pairs: [(name: String, value: String)]

    public init() { pairs = [] }

    /// A later value for the same name replaces the earlier one.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (name: $0.0, value: $0.1) })
    }

    /// The pairs as captured; a later value for the same name replaces the earlier one.
    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
        guard Self.repeatsAName(pairs) else { return }
        self.pairs = []
        for (name, value) in pairs { self[name] = value }
    }

    /// Whether two pairs share a name (a pattern that captures one name twice; rare).
    private static func repeatsAName(_ pairs: [(name: String, value: String)]) -> Bool {
        for later in pairs.indices {
            for earlier in 0..<later where pairs[earlier].name == pairs[later].name { return true }
        }
        return false
    }

    public subscript(_ name: String) -> String? {
        get {
            for pair in pairs where pair.name == name { return pair.value }
            return nil
        }
        set {
            let existing = pairs.firstIndex { $0.name == name }
            switch (existing, newValue) {
            case (let index?, let value?): pairs[index].value = value
            case (let index?, nil): pairs.remove(at: index)
            case (nil, let value?): pairs.append((name, value))
            case (nil, nil): break
            }
        }
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    /// The same names with the same values, in any order (as dictionaries compare).
    public static func == (lhs: PathParameters, rhs: PathParameters) -> Bool {
        lhs.count == rhs.count && lhs.pairs.allSatisfy { rhs[$0.name] == $0.value }
    }
}

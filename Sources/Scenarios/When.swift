import MockCore

#if canImport(Glibc)
    import Glibc
#endif

extension WhenCondition {
    /// Decides whether the `call`-th matched call (1-based) fires, given how often the rule has
    /// fired already. `random` is drawn only when everything else holds, so seeded runs repeat.
    public func fires(
        call: Int, firedBefore: Int, now: Timestamp, loadedAt: Timestamp, random: () -> Double
    ) -> Bool {
        if let times, firedBefore >= times { return false }
        if let calls, !calls.contains(call) { return false }
        if let every, call % every != 0 { return false }
        if let afterCalls, call <= afterCalls { return false }
        if let window, !window.contains(now, loadedAt: loadedAt) { return false }
        if let probability {
            if probability <= 0 { return false }
            if probability < 1, random() >= probability { return false }
        }
        return true
    }
}

extension TimeWindow {
    func contains(_ now: Timestamp, loadedAt: Timestamp) -> Bool {
        func time(_ bound: Bound) -> Timestamp {
            switch bound {
            case .relative(let offset): loadedAt + offset
            case .absolute(let at): at
            }
        }
        if let from, now < time(from) { return false }
        if let until, now >= time(until) { return false }
        return true
    }
}

extension DelaySpec {
    /// A delay drawn from this distribution; `random` gives uniform numbers in [0, 1).
    func sample(_ random: () -> Double) -> Duration {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            let span = Double((high - low).milliseconds)
            return low + .milliseconds(Int64((span * random()).rounded()))
        case .lognormal(let median, let sigma, let cap):
            // Box–Muller for a standard normal.
            let u1 = max(random(), 1e-12)
            let u2 = random()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            let value = Double(median.milliseconds) * exp(sigma * z)
            return .milliseconds(min(Int64(value.rounded()), cap.milliseconds))
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGINT, taken synchronously by the main thread.
public enum Termination {
    /// Blocks the signals for this thread and every thread started after; call it first thing.
    public static func blockSignals() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until SIGTERM or SIGINT arrives and returns its number.
    public static func wait() -> Int32 {
        var set = signalSet()
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }
}

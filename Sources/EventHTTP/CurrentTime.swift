import CLibevent

extension Duration {
    var timeval: timeval {
        let (seconds, attoseconds) = components
        return CLibevent.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

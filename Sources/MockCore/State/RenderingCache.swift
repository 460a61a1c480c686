/// Answers rendered from a source value (everything the renderer reads of a record), reused only
/// while the record's source reads the same. So no change to the record can be answered stale,
/// and no change site has to invalidate anything; equal strings and arrays that share storage
/// compare by identity, so the check costs far less than a render.
public final class RenderingCache<Key: Hashable & Sendable, Source: Equatable & Sendable>: Sendable {
    public struct Rendering: Sendable {
        public var source: Source
        public var bytes: [UInt8]

        public init(source: Source, bytes: [UInt8]) {
            self.source = source
            self.bytes = bytes
        }
    }

    @usableFromInline let renderings: BoundedCache<Key, Rendering>

    public init(limit: Int = 64) { renderings = BoundedCache(limit: limit) }

    /// The bytes kept for `key` while they were written from a source equal to `source`, else
    /// `render()`'s. `render` returns the source it wrote from, which may be newer than `source`.
    @inlinable
    public func bytes<Failure: Error>(
        for key: Key, current source: Source, render: () throws(Failure) -> Rendering
    ) throws(Failure) -> [UInt8] {
        try renderings.value(for: key, isCurrent: { $0.source == source }) { _ throws(Failure) in try render() }.bytes
    }
}

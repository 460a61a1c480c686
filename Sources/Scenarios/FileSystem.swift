#if canImport(Glibc)
    import Glibc
#endif

/// The little file access scenarios need: read a file, its change stamp, a directory's scenario files.
enum FileSystem {
    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        // A read error (a directory named like a scenario, an I/O error) is not an empty file.
        guard ferror(file) == 0 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Modification time (ns) and size, or nil when the path does not exist.
    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return FileStamp(modified: nanos, size: Int64(info.st_size), isDirectory: (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// `*.yaml`, `*.yml` and `*.json` directly in `directory`, sorted; a directory that cannot be
    /// listed is an error (an empty answer would load nothing without a word).
    static func scenarioFiles(in directory: String) throws(ScenarioRejected) -> [String] {
        guard let handle = opendir(directory) else {
            let reason = String(cString: strerror(errno))
            throw ScenarioRejected(
                issues: [
                    ScenarioIssue(file: directory, line: 0, field: "(directory)", message: "cannot read the directory: \(reason)")
                ])
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix("."), name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") else {
                continue
            }
            names.append(name)
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().map { base + $0 }
    }

    /// `scenarios/approval.yaml` → `approval`.
    static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }
}

struct FileStamp: Equatable, Sendable {
    var modified: Int64
    var size: Int64
    var isDirectory: Bool
}

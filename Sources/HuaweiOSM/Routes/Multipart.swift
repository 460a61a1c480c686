/// A `multipart/form-data` body split into its parts (RFC 7578), for `upload_accessory`.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    var parts: [Part]

    /// Nil when the content type has no boundary or the body does not follow it.
    init?(contentType: String?, body: [UInt8]) {
        guard let contentType, contentType.lowercasedASCII().hasPrefix("multipart/form-data"),
            let range = contentType.firstRange(of: "boundary=")
        else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: "\" ")
        guard !boundary.isEmpty else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            if partStart + 1 < body.count, body[partStart] == 13, body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd else { return nil }
            let raw = Array(body[partStart..<partEnd])
            guard let split = Self.find([13, 10, 13, 10], in: raw, from: 0) else { return nil }
            let head = String(decoding: raw[..<split], as: UTF8.self)
            let data = Array(raw[(split + 4)...])
            var name = "", filename: String?
            for line in head.split(separator: "\r\n") where String(line).lowercasedASCII().hasPrefix("content-disposition") {
                name = Self.attribute("name", in: String(line)) ?? ""
                filename = Self.attribute("filename", in: String(line))
            }
            parts.append(Part(name: name, filename: filename, data: data))
        }
        self.parts = parts
    }

    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// `name="file"` in `form-data; name="file"; filename="a.txt"` (not matching `filename=` for `name`).
    static func attribute(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = String(piece).trimmingCharacters(in: " ")
            guard trimmed.hasPrefix(key + "=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: "\"")
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

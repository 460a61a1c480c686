import MockCore

/// Seed key `huawei_osm`: behaviour switches and lookup data beside the built-ins.
enum CatalogSeed {
    static func validate(_ section: JSON) -> [FieldError] {
        guard section.objectValue != nil else { return [FieldError(path: [], message: "must be a mapping")] }
        return []
    }

    static func apply(_ sections: [JSON], to base: Catalog) -> Catalog {
        base
    }
}

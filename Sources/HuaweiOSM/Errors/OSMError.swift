import MockCore

/// OSM business errors (huawei-osm.md §2.2): HTTP 200 with `{"error_code", "error_msg"}`. Every
/// `OSM.*` code and message of the module lives here.
enum OSMError: Error, Sendable, Equatable, CaseIterable {
    /// OSM.01010001: a missing, ill-typed, over-long or unknown parameter, or broken JSON.
    case invalidParam
    /// OSM.01010002
    case noPermission
    /// OSM.01010004: `press` again within the cool-down.
    case pressTooFrequent
    /// OSM.01010005: an attachment over the size limit.
    case accessorySizeLimit
    /// OSM.01010006: `severity_id` not in the severity list of the case's problem type.
    case severityNotFound
    /// OSM.01010010: a wrong verification code or verified id.
    case verificationFailed
    /// OSM.01010012: a 0/1 type field with another value.
    case typeNotZeroOrOne
    /// OSM.01010013: `action_id` other than cancel, close, press or delete.
    case unknownOperation
    /// OSM.01010014: an operation the case's status does not allow.
    case operationFailed
    /// OSM.01010015: no such case in the caller's account.
    case caseNotFound

    var code: String {
        switch self {
        case .invalidParam: "OSM.01010001"
        case .noPermission: "OSM.01010002"
        case .pressTooFrequent: "OSM.01010004"
        case .accessorySizeLimit: "OSM.01010005"
        case .severityNotFound: "OSM.01010006"
        case .verificationFailed: "OSM.01010010"
        case .typeNotZeroOrOne: "OSM.01010012"
        case .unknownOperation: "OSM.01010013"
        case .operationFailed: "OSM.01010014"
        case .caseNotFound: "OSM.01010015"
        }
    }

    /// huawei-osm.md §2.2: documented wording where recorded, else the [mock] table.
    var message: String {
        switch self {
        case .invalidParam: "Param validation failed."
        case .noPermission: "No operation permission."
        case .pressTooFrequent: "You have asked for the order. Please ask for it later"
        case .accessorySizeLimit: "The accessory size exceeds the limit."
        case .severityNotFound: "Severity Id does not exist."
        case .verificationFailed: "Verification not passed."
        case .typeNotZeroOrOne: "The type must be 0 or 1."
        case .unknownOperation: "The operation must be canceled or closed or pressed or deleted"
        case .operationFailed: "Operation failed."
        case .caseNotFound: "This case does not exist."
        }
    }

    var body: JSON { ["error_code": .string(code), "error_msg": .string(message)] }

    /// Business errors travel as HTTP 200 (the SDK then reads every field as None).
    var response: Response { .json(body) }
}

/// The older HTTP-level codes (huawei-osm.md §2.3), only for scripted scenario faults.
enum OSMHTTPError: CaseIterable {
    case failed, unauthorized, forbidden, internalError

    var status: Int {
        switch self {
        case .failed: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .internalError: 500
        }
    }

    var code: String {
        switch self {
        case .failed: "OSM.0001"
        case .unauthorized: "OSM.0002"
        case .forbidden: "OSM.0003"
        case .internalError: "OSM.0004"
        }
    }

    var message: String {
        switch self {
        case .failed: "failed"
        case .unauthorized: "Unauthorized"
        case .forbidden: "Forbidden"
        case .internalError: "Internal Server Error"
        }
    }

    var response: Response { .json(["error_code": .string(code), "error_msg": .string(message)], status: status) }
}

enum OSMErrorCatalog {
    /// `huawei_osm.OSM.01010001`, …, `huawei_osm.OSM.0001`, …: what scenario faults may answer with.
    static let entries: [String: @Sendable (Request) -> Response] = {
        var catalog: [String: @Sendable (Request) -> Response] = [:]
        for error in OSMError.allCases {
            let response = error.response
            catalog["huawei_osm." + error.code] = { _ in response }
        }
        for error in OSMHTTPError.allCases {
            let response = error.response
            catalog["huawei_osm." + error.code] = { _ in response }
        }
        return catalog
    }()
}

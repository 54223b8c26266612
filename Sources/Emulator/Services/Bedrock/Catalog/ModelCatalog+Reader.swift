import AWSWire

/// Reads catalog entries out of the parsed document, naming the entry and member at fault when a
/// field is missing or of the wrong kind.
struct CatalogReader {
    /// The entry being read, for error messages.
    private var entry = "catalog"

    mutating func model(_ value: JSONValue) throws(ModelCatalogError) -> FoundationModel {
        entry = try string("modelId", at: value)
        let lifecycle = try member("modelLifecycle", at: value)
        return FoundationModel(
            modelID: entry,
            name: try string("modelName", at: value),
            providerName: try string("providerName", at: value),
            inputModalities: try values("inputModalities", at: value),
            outputModalities: try values("outputModalities", at: value),
            responseStreamingSupported: try bool("responseStreamingSupported", at: value),
            customizationsSupported: try values("customizationsSupported", at: value),
            inferenceTypesSupported: try values("inferenceTypesSupported", at: value),
            lifecycleStatus: try enumeration("status", at: lifecycle),
            regions: try strings("regions", at: value),
            sources: try strings("source", at: value))
    }

    mutating func profile(_ value: JSONValue) throws(ModelCatalogError) -> InferenceProfile {
        entry = try string("inferenceProfileId", at: value)
        return InferenceProfile(
            profileID: entry,
            name: try string("inferenceProfileName", at: value),
            description: try string("description", at: value),
            createdAt: try optionalString("createdAt", at: value),
            updatedAt: try optionalString("updatedAt", at: value),
            status: try string("status", at: value),
            type: try string("type", at: value),
            modelARNs: try strings("models", at: value),
            sources: try strings("source", at: value))
    }

    func member(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> JSONValue {
        guard let member = value[key] else { throw ModelCatalogError("\(entry): missing \(key)") }
        return member
    }

    func array(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> [JSONValue] {
        guard let array = try member(key, at: value).arrayValue else {
            throw ModelCatalogError("\(entry): \(key) is not an array")
        }
        return array
    }

    func string(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> String {
        guard let string = try member(key, at: value).stringValue, !string.isEmpty else {
            throw ModelCatalogError("\(entry): \(key) is not a non-empty string")
        }
        return string
    }

    func optionalString(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> String? {
        value[key] == nil ? nil : try string(key, at: value)
    }

    func bool(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> Bool {
        guard let bool = try member(key, at: value).boolValue else {
            throw ModelCatalogError("\(entry): \(key) is not a boolean")
        }
        return bool
    }

    func strings(_ key: String, at value: JSONValue) throws(ModelCatalogError) -> [String] {
        try array(key, at: value).map { (element: JSONValue) throws(ModelCatalogError) in
            guard let string = element.stringValue else { throw ModelCatalogError("\(entry): \(key) holds a non-string") }
            return string
        }
    }

    func enumeration<Value: RawRepresentable<String>>(_ key: String, at value: JSONValue) throws(ModelCatalogError)
        -> Value
    {
        let raw = try string(key, at: value)
        guard let parsed = Value(rawValue: raw) else { throw ModelCatalogError("\(entry): unknown \(key) \(raw)") }
        return parsed
    }

    func values<Value: RawRepresentable<String>>(_ key: String, at value: JSONValue) throws(ModelCatalogError)
        -> [Value]
    {
        try strings(key, at: value).map { (raw: String) throws(ModelCatalogError) in
            guard let parsed = Value(rawValue: raw) else { throw ModelCatalogError("\(entry): unknown \(key) value \(raw)") }
            return parsed
        }
    }
}

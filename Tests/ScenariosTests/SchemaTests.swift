import AWSWire
import Foundation
import TestSupport
import Testing

@testable import Scenarios

/// docs/scenario.schema.json and the loader must accept the same keys in the same places: editors validate with
/// the schema, and a key only one of them knows would pass one check and fail the other.
@Suite struct SchemaTests {
    let schema: JSONValue

    init() throws {
        schema = try JSONReader().decode(Array(Data(contentsOf: RepositoryFiles.url("docs/scenario.schema.json"))))
    }

    /// Every schema object that lists `properties`, by definition name (`scenario` for the root).
    func propertyLists() throws -> [String: [String]] {
        var lists: [String: [String]] = [:]
        if let properties = schema["properties"]?.objectValue { lists["scenario"] = properties.map(\.key) }
        for definition in try unwrap(schema["$defs"]?.objectValue, "$defs") {
            if let properties = definition.value["properties"]?.objectValue {
                lists[definition.key] = properties.map(\.key)
            }
        }
        return lists
    }

    @Test func isADraft2020_12Schema() {
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func listsExactlyTheKeysTheLoaderAccepts() throws {
        let lists = try propertyLists()
        #expect(Set(lists.keys) == Set(ScenarioKeys.byDefinition.keys))
        for (definition, keys) in ScenarioKeys.byDefinition {
            #expect(Set(lists[definition] ?? []) == Set(keys), "keys of \(definition)")
        }
    }

    /// `properties` nested anywhere but the root and `$defs` would escape the comparison above.
    @Test func declaresPropertiesOnlyAtTheRootAndInDefinitions() throws {
        func count(_ value: JSONValue) -> Int {
            switch value {
            case .object(let members):
                members.reduce(members.contains { $0.key == "properties" } ? 1 : 0) { $0 + count($1.value) }
            case .array(let elements): elements.reduce(0) { $0 + count($1) }
            default: 0
            }
        }
        #expect(count(schema) == ScenarioKeys.byDefinition.count)
    }

    /// Like the loader, the schema refuses keys it does not list.
    @Test func refusesUnlistedKeysEverywhere() throws {
        #expect(schema["additionalProperties"] == false)
        for definition in try unwrap(schema["$defs"]?.objectValue, "$defs") where definition.value["properties"] != nil
        {
            #expect(definition.value["additionalProperties"] == false, "additionalProperties of \(definition.key)")
        }
    }

    @Test func namesTheSameServicesAndActions() throws {
        let step = try unwrap(schema["$defs"]?["step"], "the step definition")
        let pattern = try unwrap(step["properties"]?["call"]?["pattern"]?.stringValue, "the call pattern")
        #expect(pattern == "^(\(StepAction.services.joined(separator: "|")))\\.[A-Za-z0-9]+$")
        let oneOf = try unwrap(step["oneOf"]?.arrayValue, "the step's oneOf")
        #expect(oneOf.compactMap { $0["required"]?.arrayValue?.first?.stringValue } == ScenarioKeys.actions)
    }
}

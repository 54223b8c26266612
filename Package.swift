// swift-tools-version:6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 strict concurrency, explicit `any`, and imports that
/// stay internal unless a target re-exports them on purpose (so no public API can leak a C type).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Roleplay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "roleplay", targets: ["roleplay"]),
        .library(name: "SigV4", targets: ["SigV4"]),
        .library(name: "PolicyEngine", targets: ["PolicyEngine"]),
        .library(name: "ConnectorKit", targets: ["ConnectorKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Scenario files are YAML (issue 7); Yams also gives each node's line for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "RoleplayCrypto", dependencies: ["COpenSSL"], swiftSettings: strictSettings),
        // The project's lock, visible to ThreadSanitizer (docs/reliability.md, "Sanitizers").
        .target(name: "RoleplaySync", swiftSettings: strictSettings),
        .target(name: "SigV4", dependencies: ["RoleplaySync", "RoleplayCrypto"], swiftSettings: strictSettings),
        .target(name: "AWSWire", dependencies: ["RoleplaySync", "RoleplayCrypto"], swiftSettings: strictSettings),
        .target(name: "HTTPServer", dependencies: ["RoleplaySync", "CMicroHTTPD", "AWSWire"], swiftSettings: strictSettings),
        .target(name: "SigV4Vectors", dependencies: ["SigV4", "RoleplayCrypto"], swiftSettings: strictSettings),
        .target(name: "PolicyEngine", swiftSettings: strictSettings),
        .target(
            name: "Emulator", dependencies: ["RoleplaySync", "SigV4", "PolicyEngine", "AWSWire", "RoleplayCrypto"],
            // The Bedrock model catalog is compiled into the binary (`PackageResources`), not a bundle resource:
            // `Bundle.module` fails on Linux once the static binary is copied away from its build folder.
            resources: [.embedInCode("Services/Bedrock/Catalog/models.json")],
            swiftSettings: strictSettings),
        // The client core a connector ships: signing, credentials, retries, the service clients, set-up and the
        // connection check. FoundationNetworking's URLSession needs libcurl at link time (static Swift runtime).
        .target(
            name: "ConnectorKit", dependencies: ["RoleplaySync", "SigV4", "AWSWire", "RoleplayCrypto"], swiftSettings: strictSettings,
            linkerSettings: [.linkedLibrary("curl", .when(platforms: [.linux]))]),
        // ConnectorKit's in-process transport over an `Emulator` (tests, `roleplay connector check` without a server).
        .target(
            name: "ConnectorKitEmulator", dependencies: ["ConnectorKit", "Emulator", "AWSWire"],
            swiftSettings: strictSettings),
        // Scenario scripts: the YAML format, the runner (in-process or against an endpoint), JUnit reports, and
        // record/replay of a client's calls.
        .target(
            name: "Scenarios",
            dependencies: [
                "RoleplaySync",
                "ConnectorKit", "ConnectorKitEmulator", "Emulator", "AWSWire", "HTTPServer", "SigV4",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RoleplayCLI",
            dependencies: [
                "RoleplaySync",
                "SigV4", "SigV4Vectors", "PolicyEngine", "RoleplayCrypto", "Emulator", "HTTPServer", "AWSWire",
                "ConnectorKit", "ConnectorKitEmulator", "Scenarios",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "roleplay",
            dependencies: ["RoleplayCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        // Helpers every test target shares (repository paths, vector files, a seeded generator); tests only.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        // The emulator behind a real server, for the test targets that drive it over a socket.
        .target(
            name: "EmulatorTestSupport", dependencies: ["RoleplaySync", "Emulator", "HTTPServer", "AWSWire"],
            path: "Tests/EmulatorTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "RoleplayCryptoTests", dependencies: ["RoleplayCrypto", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "RoleplayCrypto", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["RoleplaySync", "SigV4", "SigV4Vectors", "RoleplayCrypto", "AWSWire", "ConnectorKit", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(name: "RoleplaySyncTests", dependencies: ["RoleplaySync"], swiftSettings: strictSettings),
        .testTarget(name: "AWSWireTests", dependencies: ["AWSWire", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "AWSWire", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "EmulatorTests", dependencies: ["RoleplaySync", "Emulator", "SigV4", "PolicyEngine", "AWSWire", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ConnectorKitTests",
            dependencies: [
                "RoleplaySync",
                "ConnectorKit", "ConnectorKitEmulator", "Emulator", "HTTPServer", "AWSWire", "SigV4", "TestSupport",
                "EmulatorTestSupport",
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ScenariosTests",
            dependencies: [
                "RoleplaySync",
                "Scenarios", "ConnectorKit", "ConnectorKitEmulator", "Emulator", "AWSWire", "HTTPServer", "SigV4", "TestSupport",
                "EmulatorTestSupport",
            ],
            // Scenario files the tests read by path (from `#filePath`), not bundle resources.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleplayCLITests",
            dependencies: [
                "RoleplaySync", "RoleplayCLI", "Emulator", "HTTPServer", "AWSWire", "SigV4", "ConnectorKit", "TestSupport",
                "EmulatorTestSupport",
            ],
            swiftSettings: strictSettings),
    ]
)

// Fuzz harnesses (`make fuzz`, docs/reliability.md "Fuzzing"): libFuzzer entry points built with
// `-sanitize=fuzzer,address`. They exist only when ROLEPLAY_FUZZ=1, so `swift build` and `swift test` never see
// them: an executable without `main` does not link without libFuzzer, and instrumented code would slow every build.
if Context.environment["ROLEPLAY_FUZZ"] == "1" {
    let harnesses: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzEventStream", ["AWSWire"]),
        ("FuzzQueryForm", ["AWSWire"]),
        ("FuzzJSONReader", ["AWSWire"]),
        ("FuzzXMLReader", ["AWSWire"]),
        ("FuzzSigV4", ["SigV4"]),
        ("FuzzPolicy", ["PolicyEngine"]),
        ("FuzzScenario", ["Scenarios"]),
        ("FuzzEmulatorJSON", ["Emulator", "AWSWire", "SigV4"]),
        ("FuzzHTTPServer", ["HTTPServer", "AWSWire"]),
    ]
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"))
    for harness in harnesses {
        package.targets.append(
            .executableTarget(
                name: harness.name, dependencies: harness.dependencies + ["FuzzDriver"],
                path: "Fuzz/Harnesses/\(harness.name)", swiftSettings: strictSettings))
    }
}

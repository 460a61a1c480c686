// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "ticketmock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ticketmock", targets: ["ticketmock"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibevent",
            pkgConfig: "libevent",
            providers: [.apt(["libevent-dev"])]
        ),
        // Plain HTTP values shared by the transport and everything above it.
        .target(name: "HTTPCore", swiftSettings: strict),
        .target(
            name: "EventHTTP",
            dependencies: ["CLibevent", "HTTPCore"],
            // A connection is only ever touched by its own loop's thread, and debug builds (the
            // tests) keep checking that accesses never overlap. In release, the run-time checks
            // on its buffers cost about 1,200 instructions a request (`swift_beginAccess`).
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "MockCore",
            dependencies: ["HTTPCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // libyaml's C API (libyaml-dev; `make deps` installs it), linked statically by the Scenarios
        // target so the runtime image needs no libyaml. No `pkgConfig:` on purpose: SwiftPM would put
        // pkg-config's `-lyaml` before the objects, and the shared library would win over libyaml.a.
        .systemLibrary(name: "CYaml"),
        .target(
            name: "Scenarios",
            dependencies: ["MockCore", "CYaml"],
            swiftSettings: strict,
            linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libyaml.a"])]
        ),
        // glibc's mallopt, for the executable's heap growth at start (HeapGrowth.swift).
        .systemLibrary(name: "CMalloc"),
        .target(name: "Admin", dependencies: ["MockCore", "Scenarios"], swiftSettings: strict),
        .target(
            name: "BlueKingITSM",
            dependencies: ["MockCore", crypto, .product(name: "_CryptoExtras", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "HuaweiCloud", dependencies: ["MockCore", crypto], swiftSettings: strict),
        .target(name: "HuaweiCOC", dependencies: ["MockCore", "HuaweiCloud"], swiftSettings: strict),
        .target(name: "HuaweiOSM", dependencies: ["MockCore", "HuaweiCloud"], swiftSettings: strict),
        .executableTarget(
            name: "ticketmock",
            dependencies: [
                "EventHTTP", "MockCore", "Admin", "Scenarios", "CMalloc",
                "BlueKingITSM", "HuaweiCloud", "HuaweiCOC", "HuaweiOSM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["MockCore"], path: "Tests/TestSupport"),
        .testTarget(name: "MockCoreTests", dependencies: ["MockCore"]),
        .testTarget(name: "EventHTTPTests", dependencies: ["EventHTTP", "TestSupport"]),
        .testTarget(name: "AdminTests", dependencies: ["Admin", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "TestSupport"]),
        .testTarget(name: "ticketmockTests", dependencies: ["TestSupport", "MockCore"]),
        .testTarget(name: "BlueKingITSMTests", dependencies: ["BlueKingITSM", "TestSupport"]),
        .testTarget(name: "HuaweiCloudTests", dependencies: ["HuaweiCloud", "TestSupport", crypto]),
        .testTarget(name: "HuaweiCOCTests", dependencies: ["HuaweiCOC", "HuaweiCloud", "TestSupport"]),
        .testTarget(name: "HuaweiOSMTests", dependencies: ["HuaweiOSM", "HuaweiCloud", "TestSupport"]),
    ]
)

// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

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
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
            swiftSettings: strict
        ),
        .target(
            name: "MockCore",
            dependencies: ["HTTPCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "Admin", dependencies: ["MockCore"], swiftSettings: strict),
        .target(
            name: "HuaweiCloud",
            dependencies: ["MockCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "HuaweiOSM", dependencies: ["MockCore", "HuaweiCloud"], swiftSettings: strict),
        .executableTarget(
            name: "ticketmock",
            dependencies: [
                "EventHTTP", "MockCore", "Admin", "HuaweiCloud", "HuaweiOSM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["MockCore"], path: "Tests/TestSupport"),
        .testTarget(name: "MockCoreTests", dependencies: ["MockCore"]),
        .testTarget(name: "EventHTTPTests", dependencies: ["EventHTTP", "TestSupport"]),
        .testTarget(name: "AdminTests", dependencies: ["Admin", "TestSupport"]),
        .testTarget(name: "ticketmockTests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "HuaweiCloudTests",
            dependencies: ["HuaweiCloud", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "HuaweiOSMTests", dependencies: ["HuaweiOSM", "HuaweiCloud", "TestSupport"]),
    ]
)

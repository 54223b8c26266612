/// CloudTrail's operations (spec §8).
enum CloudTrailOperations {
    static let all: [Operation] = [lookupEvents]
}

/// IAM's operations (spec §5), gathered from one file per group.
enum IAMOperations {
    static var all: [Operation] { roleOperations + managedPolicyOperations + userOperations + simulationOperations }
}

import AWSWire

/// The emulator speaks AWSWire's JSON. PolicyEngine has its own (package-visible) JSON model for parsing
/// policy documents; this alias settles which one the emulator's code means.
typealias JSONValue = AWSWire.JSONValue

/// Decides one condition test, applying what is common to every operator family: absent keys,
/// `…IfExists`, negation, `ForAnyValue:` / `ForAllValues:`, and several values meaning OR.
///
/// AWS's documented rules, in the order they apply:
/// - `Null` tests only presence: `true` wants the key absent, `false` wants it present.
/// - An absent key makes a condition false, except that `…IfExists` and the negated operators
///   (`StringNotEquals`, `ArnNotLike`, …) are then true.
/// - Several policy values are OR-ed; a negated operator is true when none of them matches.
/// - `ForAnyValue:` needs the key present and some request value to match; `ForAllValues:` is
///   true when every request value matches, and also when the key is absent or empty.
/// - A plain operator given a key with several values does not match; the policy needed a set
///   qualifier (the same choice iam-simulate makes; AWS leaves it unspecified).
enum ConditionEvaluator {
    static func evaluate(_ condition: CompiledCondition, _ resolver: ContextResolver, explain: Bool)
        -> (satisfied: Bool, trace: ConditionTrace?)
    {
        guard let op = condition.conditionOperator else {
            return (false, explain ? trace(condition, resolver, nil, false, .unknownOperator) : nil)
        }
        let resolved = resolver.resolve(condition.keyLowercased)
        var requestValues: [String]? = nil
        var isEmpty = false
        switch resolved {
        case .absent: break
        case .single(let value): if explain { requestValues = [value] }
        case .multiple(let values):
            isEmpty = values.isEmpty
            if explain { requestValues = values }
        }
        let absent: Bool = if case .absent = resolved { true } else { isEmpty }

        if op.base == .null {
            let satisfied = NullConditions.satisfied(condition.operand, keyPresent: !absent)
            return (satisfied, explain ? trace(condition, resolver, requestValues, satisfied, nil) : nil)
        }
        let negated = op.base.isNegated
        let positive = op.base.positive

        /// One request value against all policy values, with negation applied.
        func valueSatisfies(_ value: String) -> Bool {
            switch match(value, positive, condition.operand, resolver) {
            case .match: !negated
            case .noMatch: negated
            case .unreadable: false
            }
        }

        let satisfied: Bool
        var note: ConditionTrace.Note? = nil
        switch op.qualifier {
        case nil:
            switch resolved {
            case .absent:
                satisfied = op.ifExists || negated
                note = op.ifExists ? .absentKeyIfExists : negated ? .absentKeyNegated : .keyMissing
            case .single(let value):
                satisfied = valueSatisfies(value)
            case .multiple(let values):
                if values.count == 1 {
                    satisfied = valueSatisfies(values[0])
                } else if values.isEmpty {
                    satisfied = op.ifExists || negated
                    note = op.ifExists ? .absentKeyIfExists : negated ? .absentKeyNegated : .keyMissing
                } else {
                    satisfied = false
                    note = .multivaluedNeedsSetOperator
                }
            }
        case .forAnyValue?:
            switch resolved {
            case .absent:
                satisfied = false
                note = .keyMissing
            case .single(let value):
                satisfied = valueSatisfies(value)
            case .multiple(let values):
                satisfied = values.contains(where: valueSatisfies)
                if values.isEmpty { note = .keyMissing }
            }
        case .forAllValues?:
            switch resolved {
            case .absent:
                satisfied = true
                note = .absentKeyForAllValues
            case .single(let value):
                satisfied = valueSatisfies(value)
            case .multiple(let values):
                satisfied = values.allSatisfy(valueSatisfies)
                if values.isEmpty { note = .absentKeyForAllValues }
            }
        }
        guard explain else { return (satisfied, nil) }
        if note == nil, satisfied == false, hasUnresolvedVariable(condition.operand, resolver) {
            note = .unresolvedVariable
        }
        return (satisfied, trace(condition, resolver, requestValues, satisfied, note))
    }

    /// Dispatches to the operator family.
    static func match(
        _ value: String, _ base: ConditionOperator.Base, _ operand: ConditionOperand,
        _ resolver: ContextResolver
    ) -> ValueMatch {
        switch operand {
        case .strings(let templates): StringConditions.match(value, base, templates, resolver)
        case .numbers(let numbers): NumericConditions.match(value, base, numbers)
        case .dates(let dates): DateConditions.match(value, base, dates)
        case .bools(let flags): BoolConditions.match(value, flags)
        case .binaries(let blobs): BinaryConditions.match(value, blobs)
        case .addresses(let ranges): IPAddressConditions.match(value, ranges)
        case .arns(let patterns): ARNConditions.match(value, patterns, resolver)
        case .nulls, .unknown: .noMatch
        }
    }

    private static func hasUnresolvedVariable(_ operand: ConditionOperand, _ resolver: ContextResolver) -> Bool {
        switch operand {
        case .strings(let templates): templates.contains { $0.resolve(resolver.variable) == nil }
        case .arns(let patterns): patterns.contains { $0.template.resolve(resolver.variable) == nil }
        default: false
        }
    }

    private static func trace(
        _ condition: CompiledCondition, _ resolver: ContextResolver, _ requestValues: [String]?,
        _ satisfied: Bool, _ note: ConditionTrace.Note?
    ) -> ConditionTrace {
        let shown: [String] =
            switch condition.operand {
            case .strings(let templates): templates.map { $0.display(resolver.variable) }
            case .arns(let patterns): patterns.map { $0.template.display(resolver.variable) }
            default: condition.entry.values
            }
        return ConditionTrace(
            operatorName: condition.entry.operatorText, key: condition.entry.key,
            policyValues: shown, requestValues: requestValues, satisfied: satisfied, note: note)
    }
}

internal import Foundation

/// The JUnit XML CI systems show natively (GitHub, GitLab, Jenkins): one `<testcase>` per scenario, its first
/// failed step and that step's explanation in `<failure>`.
public enum JUnitReport {
    public static func xml(_ results: [ScenarioResult]) -> String {
        let failures = results.filter { !$0.passed }.count
        let total = results.reduce(0) { $0 + $1.durationMilliseconds }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(seconds(total))\">",
            "  <testsuite name=\"roleplay scenarios\" tests=\"\(results.count)\" failures=\"\(failures)\" "
                + "errors=\"0\" skipped=\"0\" time=\"\(seconds(total))\">",
        ]
        for result in results {
            let open =
                "    <testcase name=\"\(escape(result.name))\" classname=\"\(escape(result.file))\" "
                + "time=\"\(seconds(result.durationMilliseconds))\""
            guard let failed = result.firstFailure else {
                lines.append(open + "/>")
                continue
            }
            let explanation = failed.failure ?? "failed"
            let message = "\(failed.title): " + (explanation.split(separator: "\n").first.map(String.init) ?? "")
            lines.append(open + ">")
            lines.append(
                "      <failure message=\"\(escape(message))\" type=\"StepFailed\">"
                    + escape("step \(failed.title) at \(failed.location)\n\(explanation)") + "</failure>")
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Milliseconds as JUnit's seconds: `0.042`.
    static func seconds(_ milliseconds: Int) -> String {
        String(format: "%.3f", Double(milliseconds) / 1000)
    }

    /// Text safe in an attribute or element: the five XML entities, line breaks and tabs as character
    /// references (attribute values keep them), and other control characters, which XML 1.0 cannot carry, as
    /// `?`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

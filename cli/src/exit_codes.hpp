// The program's exit codes: one per error category of the client, so a script can branch on
// what went wrong without reading messages. This table is the one statement of them: --help
// prints it, and a test holds the README's copy to it.
#pragma once

#include <string>

#include "tiktok_aigc.hpp"

namespace tiktok_aigc::cli {

struct ExitCode {
  int code;
  const char* name;  // the client's ErrorCategory, or the CLI's own
  const char* meaning;
};

// The command line itself was wrong: an unknown flag, a --body that is not JSON, a notice not
// acknowledged. Nothing was sent.
inline constexpr int kUsageError = 2;

inline constexpr ExitCode kExitCodes[] = {
    {0, "ok", "success"},
    {1, "unknown", "an error of no other category"},
    {kUsageError, "usage", "a bad command line, an unreadable --body, a notice not acknowledged"},
    {3, "invalid_argument",
     "the request breaks a documented rule (found before sending, or by the API)"},
    {4, "unauthenticated", "no access token, or one the API refuses"},
    {5, "permission_denied", "the app is not allowlisted for this feature"},
    {6, "not_found", "an id the API does not know"},
    {7, "rate_limited", "over the API's budget, after the client's retries"},
    {8, "transient", "a network or server failure, after the client's retries"},
    {9, "task_failed", "a task ended FAILED"},
    {10, "deadline_exceeded", "a wait ran past --timeout (the tasks go on: query them later)"},
    {11, "expired", "a download URL past its validity: list or query again for a fresh one"},
    {12, "bad_response", "the answer is not what the API documents"},
    {130, "cancelled", "interrupted (Ctrl-C)"},
};

// The exit code of a failed call.
inline int exit_code_for(ErrorCategory category) {
  const std::string name = to_string(category);
  for (const ExitCode& entry : kExitCodes) {
    if (name == entry.name) return entry.code;
  }
  return 1;
}

// The table as --help shows it.
inline std::string exit_codes_help() {
  std::string text = "Exit codes:\n";
  for (const ExitCode& entry : kExitCodes) {
    std::string code = std::to_string(entry.code);
    code.insert(0, 5 - code.size(), ' ');
    std::string name = entry.name;
    name.resize(19, ' ');
    text += code + "  " + name + entry.meaning + "\n";
  }
  return text;
}

}  // namespace tiktok_aigc::cli

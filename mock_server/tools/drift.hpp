// Drift: keeps the mock honest against the live API. A recording of a live run (JSON Lines,
// one exchange a line, as the recording proxy writes them) is replayed in order against the
// bundled mock, started in-process, and the SHAPES of the recorded answers are compared,
// path by path, with the mock's answers to the same requests. Values (ids, texts,
// timestamps) are never compared; the envelope code, types, fields and the known enums are.
//
//   {"method":"GET","path":"/open_api/v1.3/...","query":[["task_ids","[\"1\"]"]],
//    "request_body":null,"status":200,"response_body":{...}}
//
// Replaying maps the live ids to the mock's (any value under a key ending in "_id" or "_ids"
// in an answer, paired by position with the mock's answer to the same exchange), rewrites
// loopback upload URLs to a host the mock does not fetch, queues the outcomes the live tasks
// ended with, and moves the mock's frozen clock so that each task is in the state the live
// API reported when the recorded query was made.
#pragma once

#include <cstddef>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace tiktok_aigc::mock {

struct DriftDifference {
  std::size_t exchange = 0;  // 1-based, the line's position among the exchanges
  std::string method;
  std::string path;       // the request path
  std::string json_path;  // where in the answer: "data.list[].preview_url"; "(body)" for the root
  std::string kind;       // "field missing", "field extra", "type differs", "enum value unknown",
                          // "code differs", "http status differs"
  std::string detail;     // the rest of the line, e.g. "live string, mock number"

  // "#3 GET /open_api/... data.list[].preview_url: field missing in the mock"
  std::string to_string() const;
};

struct DriftReport {
  std::size_t exchanges = 0;
  std::vector<DriftDifference> differences;

  bool drifted() const { return !differences.empty(); }
  // One line: "no drift: ..." or "drift: N differences in M of K exchanges".
  std::string summary() const;
};

// Replays `exchanges` against a fresh in-process mock (frozen clock, rate limits off, fixed
// seed) and compares shapes. Throws std::invalid_argument when an exchange is malformed and
// std::runtime_error when the mock cannot be started or does not answer.
DriftReport compare_with_mock(const std::vector<nlohmann::json>& exchanges);

// Reads a JSON Lines recording (blank lines skipped). Throws std::runtime_error naming the
// line when one is not JSON.
std::vector<nlohmann::json> read_recording(std::istream& in);

// The whole command: `tiktok-aigc-drift RECORDING.jsonl`. Returns the exit code: 0 no
// difference, 1 differences, 2 usage or file error.
int drift_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tiktok_aigc::mock

// The mock's value types: its options, faults, task outcomes and journal entries. The
// MockServer class (mock_server.hpp) and the mock's parts all use them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tiktok_aigc::mock {

using Clock = std::chrono::system_clock;
using Millis = std::chrono::milliseconds;

// How long a task spends in each state, on the mock's clock.
struct TaskDurations {
  Millis video_submitted{std::chrono::seconds(5)};    // SUBMITTED, then
  Millis video_processing{std::chrono::seconds(55)};  // PROCESSING, then SUCCESS/FAILED
  Millis lipsync_extra{std::chrono::seconds(30)};     // a DUBBING task with lip sync: PROCESSING longer
  Millis script_submitted{std::chrono::seconds(2)};   // SUBMITTED, then
  Millis script_each{std::chrono::seconds(5)};        // one more script every script_each
  Millis avatar_submitted{std::chrono::seconds(5)};    // an avatar video task SUBMITTED, then
  // PROCESSING this long for a script of up to 400 characters; longer scripts take longer in
  // the documented proportion (up to 1,000 characters twice, beyond five times as long).
  Millis avatar_processing{std::chrono::seconds(90)};
};

// The documented form of the upload response is ambiguous (an object in the videos
// document, an array in the scripts document and on the live API).
enum class UploadResponseShape { array, object };

enum class TaskOutcome { success, failed };

// What an injected fault does to the requests it hits. Faults are tried in the order they
// were injected; a request a fault passes over (its rate) may be hit by the next one.
struct Fault {
  // An endpoint name from endpoint_names() (e.g. "video_task_create"), or "*" for all.
  std::string endpoint = "*";
  // How many requests it hits before it is spent; nullopt: every one until cleared.
  std::optional<int> count = 1;
  std::optional<int> code;         // answer HTTP 200 with this envelope code
  std::optional<int> http_status;  // answer with this HTTP status (e.g. 503)
  Millis delay{0};                 // wait this long (real time) before answering
  bool drop_connection = false;    // close the connection before the body is complete
  // The chance that it hits each request to `endpoint`, in (0, 1]. The draws follow from
  // the mock's seed and start again when the faults are cleared.
  double rate = 1.0;

  // The next `count` requests to `endpoint` answer with envelope code `code` (HTTP 200).
  static Fault with_code(std::string endpoint, int code, int count = 1) {
    Fault fault;
    fault.endpoint = std::move(endpoint);
    fault.code = code;
    fault.count = count;
    return fault;
  }
  // ... answer with this HTTP status (e.g. 503).
  static Fault with_http_status(std::string endpoint, int http_status, int count = 1) {
    Fault fault;
    fault.endpoint = std::move(endpoint);
    fault.http_status = http_status;
    fault.count = count;
    return fault;
  }
  // ... lose their connection before the answer is complete.
  static Fault dropping_connection(std::string endpoint, int count = 1) {
    Fault fault;
    fault.endpoint = std::move(endpoint);
    fault.drop_connection = true;
    fault.count = count;
    return fault;
  }
  // Hits each request to the fault's endpoint with probability `rate`, until cleared
  // (set `count` to stop after that many hits):
  //   Fault::at_rate(0.2, Fault::with_http_status("video_list", 503))
  static Fault at_rate(double rate, Fault fault) {
    fault.rate = rate;
    fault.count.reset();
    return fault;
  }
};

struct JournalEntry {
  std::string time;  // the mock's clock, ISO 8601 UTC
  std::string method;
  std::string path;
  // As received, but for a token: secret-like parameters (access_token=...) and the
  // Access-Token's text wherever it appears read "[SCRUBBED]".
  std::string query;               // the raw query string
  std::string body;                // at most 4 KiB of the request body
  bool access_token_sent = false;  // the token itself is never kept
  // The SHA-256 (hex) of the first Access-Token sent, the account's name in the state; empty
  // when none was sent.
  std::string token_digest;
  int http_status = 0;
  std::optional<int> code;  // the envelope code, when the answer had one
  std::string message;      // the envelope's message, or the text of a plain answer
  std::string request_id;
};

struct Options {
  // Ids, names, generated text and random outcomes derive from the seed. Unset: random.
  std::optional<std::uint64_t> seed;
  // The clock starts at start_time (default: the real time) and runs in real time
  // unless frozen; advance_clock() moves it either way.
  std::optional<Clock::time_point> start_time;
  bool clock_frozen = false;
  TaskDurations durations;
  // Share of tasks that end FAILED when no outcome is queued, drawn from the seed.
  double failure_rate = 0.0;

  // The documented per-minute budgets (see endpoint_names()); false switches them off.
  bool rate_limits = true;
  // Per-endpoint budgets that replace the documented ones; 0 means unlimited.
  std::map<std::string, int> rate_limit_overrides;
  // The window the budgets count over; unset: the API's, a minute. A shorter one makes a test
  // of a budget take seconds (the client's ClientOptions::budgets take the same window).
  std::optional<Millis> rate_window;

  // Empty: any non-empty Access-Token is accepted. Otherwise only these (40105 else).
  std::vector<std::string> tokens;
  // Tokens allowlisted for AVATAR_PRODUCT. Empty: every accepted token is.
  std::vector<std::string> avatar_tokens;

  UploadResponseShape upload_response = UploadResponseShape::array;
  // Upload URLs on these hosts are fetched as well as loopback ones (host or host:port).
  std::vector<std::string> fetch_allowed_hosts;
  std::uint64_t max_upload_bytes = 100ull << 20;
  std::size_t max_body_bytes = 1u << 20;

  // Connections served at once (kept-alive ones included); past it a new connection is
  // answered 503 with Retry-After and closed.
  std::size_t max_connections = 512;
  // A request must arrive whole within this time of its first byte, else it is answered 408
  // and its connection closed: a client that trickles its request cannot hold a thread.
  std::chrono::milliseconds request_timeout{5000};

  bool control_api = true;  // the /__mock__/ endpoints
  std::size_t journal_capacity = 1000;

  // Uploads, tasks and scripts kept (a script task with n scripts counts 1 + n); past it
  // the oldest are forgotten (40007 thereafter), so memory stays bounded. At least 100.
  std::size_t max_retained = 250'000;
  // Non-empty: uploads, tasks, videos, scripts, the seed and the clock are kept in an
  // SQLite database in this directory (created if missing), written before each answer,
  // and a mock started on it again goes on where the last one stopped, even one killed.
  // Faults, queued outcomes, budgets and the journal are not kept.
  std::string state_dir;

  // HTTPS when both are set (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
  // Base of the preview URLs the mock hands out; default: from the request's Host.
  std::string public_base_url;

  // Receives one line per request, without secrets. Unset: no log.
  std::function<void(const std::string&)> log;
  // Sees every answer the mock gives (a dropped connection aside), e.g. so that a test
  // checks each one against a schema. Called from the server's threads.
  std::function<void(const std::string& method, const std::string& path, int http_status,
                     const std::string& body)>
      on_response;
};

// How many of each kind of item a view of the state lists (the newest), unless told.
inline constexpr std::size_t kDefaultStateLimit = 100;

// A journal entry as the control API shows it.
nlohmann::json to_json(const JournalEntry& entry);

}  // namespace tiktok_aigc::mock

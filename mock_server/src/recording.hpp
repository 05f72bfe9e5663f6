// Recordings of API exchanges: the JSON Lines format the record proxy writes, the replay
// server serves and the drift command reads; the scrubbing that keeps secrets out of them;
// and the path-by-path diff that explains why a request matches no recording.
//
// One exchange per line, in the order they happened:
//   {"method":"GET","path":"/open_api/v1.3/...","query":[["task_ids","[\"1\"]"]],
//    "request_body":<JSON value or null>,"status":200,"response_body":<JSON value, or a
//    string when not JSON>}
// query holds the decoded name/value pairs in order; request_body the parsed JSON body
// (null when empty, a string when not JSON). No header is ever stored.
#pragma once

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tiktok_aigc::mock::recording {

using nlohmann::json;
using QueryPairs = std::vector<std::pair<std::string, std::string>>;

inline constexpr const char* kScrubbed = "[SCRUBBED]";
// Secret texts (tokens) shorter than this are not searched for: see scrub().
inline constexpr std::size_t kMinSecretLength = 8;

struct Exchange {
  std::string method;
  std::string path;
  QueryPairs query;
  json request_body;  // null when the request had no body
  int status = 0;
  json response_body;  // a string when the answer was not JSON
};

json to_json(const Exchange& exchange);
Exchange exchange_from_json(const json& line);  // throws std::invalid_argument
// Every exchange of a .jsonl file; throws std::runtime_error naming the line at fault.
std::vector<Exchange> load(const std::string& file);

// A body as the format stores it: null when empty, parsed JSON, else the text itself.
json body_value(const std::string& body);

// True for keys that name a secret: access_token, token, secret, password, authorization,
// app_secret, refresh_token, in any case, '-' or '_', and any key ending in _token,
// _secret or _password.
bool is_secret_key(const std::string& key);
// Replaces, in place, every string under a secret-like key (query pairs included) with
// "[SCRUBBED]", and every occurrence of each of `secrets` (e.g. the request's token) in
// any string, key or query pair with "[SCRUBBED]" (secrets of kMinSecretLength or more).
void scrub(Exchange& exchange, const std::vector<std::string>& secrets);
// What scrub() searches for: each secret of kMinSecretLength or more, as it is and
// URL-encoded. Computed once, for the calls below.
std::vector<std::string> secret_texts(const std::vector<std::string>& secrets);
// `text` with each of `texts` (from secret_texts()) replaced by "[SCRUBBED]".
std::string replace_secrets(std::string text, const std::vector<std::string>& texts);
// The decoded values of a raw query's secret-like parameters (access_token=...).
std::vector<std::string> secret_query_values(const std::string& raw_query);
// A raw query string with the values of secret-like parameters, and each of `texts`
// (from secret_texts()), replaced by "[SCRUBBED]"; the rest stays as received.
std::string scrub_query(const std::string& raw_query, const std::vector<std::string>& texts);
// The line a recording stores for the exchange: scrubbed, one line, no trailing newline.
std::string scrubbed_line(Exchange exchange, const std::vector<std::string>& secrets);

// What a line of a recording gives away, one message each; empty when it is clean. Looks
// for an Access-Token header with a value, anything but "[SCRUBBED]" under a secret-like
// key, and long token-looking strings under such keys.
std::vector<std::string> find_secrets(const std::string& line);

// Why `got` is not `recorded`, one difference per query name or body path, e.g.
//   query task_ids: recorded ["7"], got ["8"]
//   body product_video_info.video_generation_count: recorded 1, got 2
// Empty when method, path, query (as a multiset of pairs) and request_body are equal.
std::vector<std::string> differences(const Exchange& recorded, const Exchange& got);
bool matches(const Exchange& recorded, const Exchange& got);

// Appends scrubbed exchanges to a file, one flushed line each; safe from many threads.
class Writer {
 public:
  explicit Writer(const std::string& file);  // appends; throws std::runtime_error
  void append(const Exchange& exchange, const std::vector<std::string>& secrets);

 private:
  std::mutex mutex_;
  std::ofstream out_;
};

}  // namespace tiktok_aigc::mock::recording

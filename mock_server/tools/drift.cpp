#include "drift.hpp"

#include "tiktok_aigc/api/endpoints.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "task_durations.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/version.hpp"

namespace tiktok_aigc::mock {

namespace {

using nlohmann::json;

// The values the mock ever gives for the enum fields it answers with. A live value outside
// these is drift even when the types agree.
const std::map<std::string, std::set<std::string>>& known_enums() {
  static const std::map<std::string, std::set<std::string>> enums = {
      {"status", {api::enums::task_statuses().begin(), api::enums::task_statuses().end()}},
      {"aigc_video_type", {api::enums::aigc_video_types().begin(), api::enums::aigc_video_types().end()}},
  };
  return enums;
}

constexpr int kMaxScriptsPerTask = 8;  // script_generation_count's documented maximum
constexpr const char* kReplayToken = "drift-replay";
constexpr const char* kReplayHost = "https://drift-replay.example.com";

std::string join(const std::set<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// ---- shapes ----

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "bool";
    case json::value_t::null:
      return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "number";
    default:
      return "other";
  }
}

// The shape of a JSON value; an array's items are merged into one shape (the union of their
// fields, types and strings). std::vector, unlike std::map, may hold an incomplete type.
struct Shape {
  std::set<std::string> types;
  std::vector<std::pair<std::string, Shape>> fields;  // the union over every object seen
  std::vector<Shape> items;                           // empty, or the one merged item shape
  std::set<std::string> strings;                      // for the enum check

  Shape* field(const std::string& name) {
    for (auto& entry : fields)
      if (entry.first == name) return &entry.second;
    return nullptr;
  }
  const Shape* field(const std::string& name) const {
    for (const auto& entry : fields)
      if (entry.first == name) return &entry.second;
    return nullptr;
  }

  void add(const json& value) {
    types.insert(type_name(value));
    if (value.is_object()) {
      for (const auto& [name, child] : value.items()) {
        Shape* shape = field(name);
        if (shape == nullptr) shape = &fields.emplace_back(name, Shape{}).second;
        shape->add(child);
      }
    } else if (value.is_array()) {
      for (const json& item : value) {
        if (items.empty()) items.emplace_back();
        items.front().add(item);
      }
    } else if (value.is_string()) {
      strings.insert(value.get<std::string>());
    }
  }
};

std::string child_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

class Comparison {
 public:
  Comparison(std::size_t exchange, std::string method, std::string path,
             std::vector<DriftDifference>& out)
      : exchange_(exchange), method_(std::move(method)), path_(std::move(path)), out_(out) {}

  void report(const std::string& json_path, const std::string& kind, const std::string& message) {
    out_.push_back(
        {exchange_, method_, path_, json_path.empty() ? "(body)" : json_path, kind, message});
  }

  void compare(const Shape& live, const Shape& mock, const std::string& path,
               const std::string& key) {
    const auto known = known_enums().find(key);
    if (known != known_enums().end()) {
      for (const std::string& value : live.strings)
        if (known->second.count(value) == 0)
          report(path, "enum value unknown",
                 "enum value unknown to the mock: live \"" + value + "\" (the mock gives " +
                     join(known->second, ", ") + ")");
    }
    if (live.types != mock.types) {
      report(path, "type differs",
             "type differs: live " + join(live.types, "|") + ", mock " + join(mock.types, "|"));
      return;
    }
    for (const auto& [name, live_child] : live.fields) {
      const Shape* mock_child = mock.field(name);
      if (mock_child == nullptr)
        report(child_path(path, name), "field missing", "field missing in the mock");
      else
        compare(live_child, *mock_child, child_path(path, name), name);
    }
    for (const auto& [name, mock_child] : mock.fields)
      if (live.field(name) == nullptr)
        report(child_path(path, name), "field extra",
               "field extra in the mock (not in the live answer)");
    // An empty array on either side shows nothing about its items.
    if (!live.items.empty() && !mock.items.empty())
      compare(live.items.front(), mock.items.front(), path + "[]", key);
  }

 private:
  std::size_t exchange_;
  std::string method_;
  std::string path_;
  std::vector<DriftDifference>& out_;
};

std::optional<long long> envelope_code(const json& body) {
  if (!body.is_object()) return std::nullopt;
  const auto code = body.find("code");
  if (code == body.end() || !code->is_number_integer()) return std::nullopt;
  return code->get<long long>();
}

void compare_answers(std::size_t number, const json& exchange, int mock_status,
                     const json& mock_body, std::vector<DriftDifference>& out) {
  Comparison comparison(number, exchange.at("method").get<std::string>(),
                        exchange.at("path").get<std::string>(), out);
  const int live_status = exchange.at("status").get<int>();
  if (live_status != mock_status) {
    comparison.report("", "http status differs",
                      "HTTP status differs: live " + std::to_string(live_status) + ", mock " +
                          std::to_string(mock_status));
    return;
  }
  const json& live_body = exchange.at("response_body");
  const auto live_code = envelope_code(live_body);
  const auto mock_code = envelope_code(mock_body);
  if (live_code && mock_code && *live_code != *mock_code) {
    std::string message =
        "code differs: live " + std::to_string(*live_code) + ", mock " + std::to_string(*mock_code);
    if (mock_body.contains("message") && mock_body["message"].is_string())
      message += " (" + mock_body["message"].get<std::string>() + ")";
    comparison.report("code", "code differs", message);
    return;  // a different outcome: comparing the two data would only add noise
  }
  Shape live;
  live.add(live_body);
  Shape mock;
  mock.add(mock_body);
  comparison.compare(live, mock, "", "");
}

// ---- ids ----

// The text of an id value: a string as it is, a number as its digits.
std::optional<std::string> id_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  return std::nullopt;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_id_key(const std::string& key) {
  return key != "request_id" && (ends_with(key, "_id") || ends_with(key, "_ids"));
}

// Every id in an answer, by key name, in document order.
void collect_ids(const json& value, std::map<std::string, std::vector<std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (is_id_key(key)) {
        if (child.is_array()) {
          for (const json& item : child)
            if (auto text = id_text(item)) out[key].push_back(*text);
        } else if (auto text = id_text(child)) {
          out[key].push_back(*text);
        }
      }
      collect_ids(child, out);
    }
  } else if (value.is_array()) {
    for (const json& item : value) collect_ids(item, out);
  }
}

std::map<std::string, std::vector<std::string>> ids_of(const json& value) {
  std::map<std::string, std::vector<std::string>> ids;
  collect_ids(value, ids);
  return ids;
}

bool is_loopback_host(std::string host) {
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

// http(s)://127.0.0.1:8000/a/clip.mp4 -> https://drift-replay.example.com/a/clip.mp4: the
// same path (so the same extension), on a host the mock does not fetch.
std::optional<std::string> rewrite_loopback_url(const std::string& url) {
  std::size_t start = 0;
  if (url.rfind("http://", 0) == 0)
    start = 7;
  else if (url.rfind("https://", 0) == 0)
    start = 8;
  else
    return std::nullopt;
  const std::size_t end = url.find_first_of("/?#", start);
  std::string authority =
      url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  std::string host = authority;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.find(':'); colon != std::string::npos) {
    host.erase(colon);
  }
  if (!is_loopback_host(host)) return std::nullopt;
  return std::string(kReplayHost) + (end == std::string::npos ? "" : url.substr(end));
}

// ---- replay ----

bool is_terminal(const std::string& status) {
  return status == api::enums::task_status::kSuccess || status == api::enums::task_status::kFailed;
}
// Whose tasks an endpoint makes or reports on: each kind has its own durations and outcomes.
enum class TaskKind { video, script, avatar_video };
TaskKind task_kind(const std::string& path) {
  const api::Endpoint* endpoint = api::find_endpoint_by_path(path);
  if (!endpoint) return TaskKind::video;
  switch (endpoint->id) {
    case api::EndpointId::script_task_create:
    case api::EndpointId::script_task_get:
    case api::EndpointId::script_list:
      return TaskKind::script;
    case api::EndpointId::avatar_video_task_create:
    case api::EndpointId::avatar_video_task_get:
    case api::EndpointId::avatar_video_list:
      return TaskKind::avatar_video;
    default:
      return TaskKind::video;
  }
}
bool is_task_create(const std::string& path) {
  return path.find("/task/create/") != std::string::npos;
}

std::optional<std::string> query_value(const json& exchange, const std::string& name) {
  for (const json& pair : exchange.at("query"))
    if (pair.at(0).get<std::string>() == name) return pair.at(1).get<std::string>();
  return std::nullopt;
}

struct TaskState {
  std::string task_id;  // live
  std::string status;
  std::size_t items = 0;  // scripts that have arrived, for PARTIAL_SUCCESS
};

// The tasks a recorded answer reports on, with their status.
void collect_task_states(const json& value, const std::optional<std::string>& queried_id,
                         std::vector<TaskState>& out) {
  if (value.is_object()) {
    const auto status = value.find("status");
    if (status != value.end() && status->is_string()) {
      std::optional<std::string> id;
      if (const auto task = value.find("task_id"); task != value.end()) id = id_text(*task);
      if (!id) id = queried_id;
      if (id) {
        TaskState state{*id, status->get<std::string>(), 0};
        for (const char* list : {"list", "scripts"})
          if (const auto it = value.find(list); it != value.end() && it->is_array())
            state.items = it->size();
        out.push_back(state);
      }
    }
    for (const auto& [key, child] : value.items()) collect_task_states(child, queried_id, out);
  } else if (value.is_array()) {
    for (const json& item : value) collect_task_states(item, queried_id, out);
  }
}

std::vector<TaskState> task_states(const json& exchange) {
  std::vector<TaskState> states;
  if (envelope_code(exchange.at("response_body")).value_or(-1) != 0) return states;
  collect_task_states(exchange.at("response_body").value("data", json()),
                      query_value(exchange, "task_id"), states);
  return states;
}

void validate(const json& exchange, std::size_t number) {
  const std::string where = "exchange #" + std::to_string(number) + ": ";
  if (!exchange.is_object()) throw std::invalid_argument(where + "not a JSON object");
  for (const char* name : {"method", "path"})
    if (!exchange.contains(name) || !exchange[name].is_string())
      throw std::invalid_argument(where + "\"" + name + "\" must be a string");
  if (exchange["path"].get<std::string>().rfind('/', 0) != 0)
    throw std::invalid_argument(where + "\"path\" must start with /");
  if (!exchange.contains("status") || !exchange["status"].is_number_integer())
    throw std::invalid_argument(where + "\"status\" must be an integer");
  if (!exchange.contains("response_body"))
    throw std::invalid_argument(where + "\"response_body\" is missing");
  if (exchange.contains("query")) {
    const json& query = exchange["query"];
    bool ok = query.is_array() || query.is_null();
    if (query.is_array())
      for (const json& pair : query)
        ok =
            ok && pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string();
    if (!ok)
      throw std::invalid_argument(where + "\"query\" must be a list of [name, value] strings");
  }
}

class Replayer {
 public:
  explicit Replayer(const std::vector<json>& exchanges) : server_(options()) {
    // The outcome each live task ended with, so the mock's task ends the same way.
    for (const json& exchange : exchanges)
      for (const TaskState& state : task_states(exchange))
        if (is_terminal(state.status)) final_status_[state.task_id] = state.status;
    server_.start();
    http_ = std::make_unique<httplib::Client>(server_.base_url());
    http_->set_tcp_nodelay(true);
    http_->set_read_timeout(30, 0);
  }
  ~Replayer() { server_.stop(); }
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  // Sends the exchange's request, as the mock knows its ids; returns status and body.
  std::pair<int, json> replay(const json& exchange) {
    const std::string method = exchange.at("method").get<std::string>();
    const std::string path = exchange.at("path").get<std::string>();
    if (is_task_create(path)) queue_outcomes(exchange, path);
    advance_clock_for(exchange, path);

    std::string target = path;
    char separator = '?';
    if (exchange.contains("query") && exchange["query"].is_array()) {
      for (const json& pair : exchange["query"]) {
        target += separator;
        separator = '&';
        target +=
            httplib::detail::encode_query_param(pair.at(0).get<std::string>()) + "=" +
            httplib::detail::encode_query_param(rewrite_query_value(pair.at(1).get<std::string>()));
      }
    }
    json body = exchange.value("request_body", json());
    rewrite(body);
    const std::string payload = body.is_null() ? std::string() : body.dump();
    const httplib::Headers headers = {{api::kAccessTokenHeader, kReplayToken}};
    httplib::Result result = [&] {
      if (method == "GET") return http_->Get(target.c_str(), headers);
      if (method == "POST")
        return http_->Post(target.c_str(), headers, payload, "application/json");
      if (method == "PUT") return http_->Put(target.c_str(), headers, payload, "application/json");
      if (method == "PATCH")
        return http_->Patch(target.c_str(), headers, payload, "application/json");
      if (method == "DELETE")
        return http_->Delete(target.c_str(), headers, payload, "application/json");
      throw std::invalid_argument("unsupported method " + method);
    }();
    if (!result)
      throw std::runtime_error("the mock did not answer " + method + " " + path + ": " +
                               httplib::to_string(result.error()));
    json answer = json::parse(result->body, nullptr, false);
    if (answer.is_discarded()) answer = result->body;

    if (envelope_code(answer).value_or(-1) == 0) {
      learn_ids(exchange.at("response_body"), answer);
      if (is_task_create(path))
        for (const auto& [key, ids] : ids_of(answer.value("data", json())))
          if (key == "task_id" || key == "task_ids")
            for (const std::string& id : ids) created_.emplace(id, server_.now());
    }
    return {result->status, answer};
  }

 private:
  static Options options() {
    Options options;
    options.seed = 20240607;
    options.clock_frozen = true;
    options.start_time = Clock::time_point(std::chrono::seconds(1767225600));  // 2026-01-01
    options.rate_limits = false;
    return options;
  }

  void learn_ids(const json& live, const json& mock) {
    const auto live_ids = ids_of(live);
    const auto mock_ids = ids_of(mock);
    for (const auto& [key, values] : live_ids) {
      const auto mock_values = mock_ids.find(key);
      if (mock_values == mock_ids.end()) continue;
      for (std::size_t i = 0; i < values.size() && i < mock_values->second.size(); ++i)
        ids_.emplace(values[i], mock_values->second[i]);
    }
  }

  void rewrite(json& value) const {
    if (value.is_string() || value.is_number_integer()) {
      const std::string text = *id_text(value);
      if (const auto mapped = ids_.find(text); mapped != ids_.end()) {
        value = mapped->second;
      } else if (value.is_string()) {
        if (auto url = rewrite_loopback_url(text)) value = *url;
      }
    } else if (value.is_object() || value.is_array()) {
      for (json& child : value) rewrite(child);
    }
  }

  std::string rewrite_query_value(const std::string& value) const {
    if (const auto mapped = ids_.find(value); mapped != ids_.end()) return mapped->second;
    json parsed = json::parse(value, nullptr, false);
    if (parsed.is_discarded() || !(parsed.is_array() || parsed.is_object() || parsed.is_string()))
      return value;
    const json before = parsed;
    rewrite(parsed);
    return parsed == before ? value : parsed.dump();
  }

  void queue_outcomes(const json& exchange, const std::string& path) {
    std::vector<TaskOutcome> outcomes;
    const json& live = exchange.at("response_body");
    if (envelope_code(live).value_or(-1) != 0) return;
    for (const auto& [key, ids] : ids_of(live.value("data", json())))
      if (key == "task_id" || key == "task_ids")
        for (const std::string& id : ids) {
          const auto status = final_status_.find(id);
          outcomes.push_back(status != final_status_.end() && status->second == api::enums::task_status::kFailed
                                 ? TaskOutcome::failed
                                 : TaskOutcome::success);
        }
    switch (task_kind(path)) {
      case TaskKind::script: server_.queue_script_outcomes(outcomes); break;
      case TaskKind::avatar_video: server_.queue_avatar_video_outcomes(outcomes); break;
      case TaskKind::video: server_.queue_video_outcomes(outcomes); break;
    }
  }

  // Moves the frozen clock so that each task the recorded answer reports on is, on the
  // mock, in the state the live API reported (a clock only moves forward: a task already
  // further along stays so).
  void advance_clock_for(const json& exchange, const std::string& path) {
    const TaskDurations durations;  // the mock's defaults, which options() keeps
    const TaskKind kind = task_kind(path);
    const auto margin = std::chrono::seconds(1);
    // A recording does not say how long a script was: the longest documented time.
    const Millis avatar_processing = avatar_processing_time(durations, SIZE_MAX);
    std::optional<Clock::time_point> target;
    for (const TaskState& state : task_states(exchange)) {
      const auto mapped = ids_.find(state.task_id);
      if (mapped == ids_.end()) continue;
      const auto created = created_.find(mapped->second);
      if (created == created_.end()) continue;
      Clock::time_point when = created->second;
      if (kind == TaskKind::avatar_video) {
        if (state.status == api::enums::task_status::kProcessing)
          when += durations.avatar_submitted + margin;
        else if (is_terminal(state.status))
          when += durations.avatar_submitted + avatar_processing + margin;
      } else if (kind == TaskKind::script) {
        if (state.status == api::enums::task_status::kProcessing)
          when += durations.script_submitted + margin;
        else if (state.status == api::enums::task_status::kPartialSuccess)
          when += durations.script_submitted +
                  durations.script_each * static_cast<long>(std::max<std::size_t>(state.items, 1)) +
                  margin;
        else if (is_terminal(state.status))
          when += durations.script_submitted + durations.script_each * kMaxScriptsPerTask + margin;
      } else {
        if (state.status == api::enums::task_status::kProcessing)
          when += durations.video_submitted + margin;
        else if (is_terminal(state.status))
          when += durations.video_submitted + durations.video_processing + margin;
      }
      if (!target || when > *target) target = when;
    }
    const Clock::time_point now = server_.now();
    if (target && *target > now)
      server_.advance_clock(std::chrono::duration_cast<Millis>(*target - now));
  }

  MockServer server_;
  std::unique_ptr<httplib::Client> http_;
  std::map<std::string, std::string> ids_;            // live id -> mock id
  std::map<std::string, Clock::time_point> created_;  // mock task id -> created at
  std::map<std::string, std::string> final_status_;   // live task id -> SUCCESS/FAILED
};

}  // namespace

std::string DriftDifference::to_string() const {
  return "#" + std::to_string(exchange) + " " + method + " " + path + " " + json_path + ": " +
         detail;
}

std::string DriftReport::summary() const {
  if (differences.empty())
    return "no drift: the mock's answers have the shapes of all " + std::to_string(exchanges) +
           " recorded exchanges";
  std::set<std::size_t> drifted_exchanges;
  for (const DriftDifference& difference : differences)
    drifted_exchanges.insert(difference.exchange);
  return "drift: " + std::to_string(differences.size()) + " difference" +
         (differences.size() == 1 ? "" : "s") + " in " + std::to_string(drifted_exchanges.size()) +
         " of " + std::to_string(exchanges) + " exchanges";
}

DriftReport compare_with_mock(const std::vector<json>& exchanges) {
  for (std::size_t i = 0; i < exchanges.size(); ++i) validate(exchanges[i], i + 1);
  DriftReport report;
  report.exchanges = exchanges.size();
  Replayer replayer(exchanges);
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const auto [status, body] = replayer.replay(exchanges[i]);
    compare_answers(i + 1, exchanges[i], status, body, report.differences);
  }
  return report;
}

std::vector<json> read_recording(std::istream& in) {
  std::vector<json> exchanges;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json exchange = json::parse(line, nullptr, false);
    if (exchange.is_discarded())
      throw std::runtime_error("line " + std::to_string(number) + ": not JSON");
    exchanges.push_back(std::move(exchange));
  }
  return exchanges;
}

int drift_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const std::string usage =
      "usage: tiktok-aigc-drift RECORDING.jsonl | --version | --help\n"
      "Replays a recording of the live API against the bundled mock and prints, path by path,\n"
      "where the shapes of the answers differ. Exit: 0 none, 1 differences, 2 usage/file error.\n";
  if (argc == 2 && (std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help")) {
    out << usage;
    return 0;
  }
  if (argc == 2 && std::string(argv[1]) == "--version") {
    out << "tiktok-aigc-drift " TIKTOK_AIGC_VERSION "\n";
    return 0;
  }
  if (argc != 2) {
    err << usage;
    return 2;
  }
  try {
    std::ifstream file(argv[1]);
    if (!file) {
      err << "tiktok-aigc-drift: cannot open " << argv[1] << "\n";
      return 2;
    }
    const std::vector<json> exchanges = read_recording(file);
    if (exchanges.empty()) {
      err << "tiktok-aigc-drift: " << argv[1] << " holds no exchanges\n";
      return 2;
    }
    const DriftReport report = compare_with_mock(exchanges);
    for (const DriftDifference& difference : report.differences)
      out << difference.to_string() << "\n";
    out << report.summary() << "\n";
    return report.drifted() ? 1 : 0;
  } catch (const std::exception& error) {
    err << "tiktok-aigc-drift: " << argv[1] << ": " << error.what() << "\n";
    return 2;
  }
}

}  // namespace tiktok_aigc::mock

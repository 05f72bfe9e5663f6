// The mock server: route -> fault -> auth -> budget -> rules -> state change -> envelope.
#include "tiktok_aigc/mock/mock_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string_view>
#include <deque>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "http_runner.hpp"
#include "journal.hpp"
#include "rate_limiter.hpp"
#include "raw_query.hpp"
#include "recording.hpp"
#include "sample_video.hpp"
#include "state_file.hpp"
#include "store.hpp"
#include "upload_fetcher.hpp"
#include "utf8.hpp"
#include "tiktok_aigc/api/endpoints.hpp"
#include "virtual_clock.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

constexpr const char* kControlPrefix = "/__mock__/";
constexpr const char* kMediaPrefix = "/media/preview/";
constexpr int kMaxJsonDepth = 64;
// Below this, one create could forget what it has just made.
constexpr std::size_t kMinRetained = 100;

// An answer the handlers build; the dispatcher writes it, journals it and logs it.
struct Answer {
  int http_status = 200;
  std::optional<int> code;  // set for envelope answers
  std::string message;      // the envelope's message, or a plain answer's text
  std::string request_id;
  std::string body;
  std::string content_type = "application/json";
};

// Appends `text` as a JSON string. Written by hand rather than through a json tree: the
// video list's page, the largest answer, cost more to build as a tree than all else of
// its request. Invalid UTF-8 (messages may quote the caller's bytes) is replaced, as
// json::dump does with error_handler_t::replace.
void append_json_string(std::string& out, std::string_view text) {
  std::string valid;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    valid = to_valid_utf8(text);
    text = valid;
  }
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

// The envelope around `data`, already JSON text.
Answer envelope_around(const std::string& request_id, int code, const std::string& message,
                       const std::string& data) {
  Answer answer;
  answer.code = code;
  answer.message = message;
  answer.request_id = request_id;
  answer.body = "{\"code\":" + std::to_string(code) + ",\"data\":" + data + ",\"message\":";
  append_json_string(answer.body, message);
  answer.body += ",\"request_id\":";
  append_json_string(answer.body, request_id);
  answer.body += '}';
  return answer;
}

Answer envelope(const std::string& request_id, int code, const std::string& message,
                const json& data = json::object()) {
  return envelope_around(request_id, code, message,
                         data.dump(-1, ' ', false, json::error_handler_t::replace));
}

Answer plain(int http_status, const std::string& text,
             const std::string& content_type = "text/plain; charset=utf-8") {
  Answer answer;
  answer.http_status = http_status;
  answer.body = text;
  answer.content_type = content_type;
  if (content_type.rfind("text/", 0) == 0) answer.message = text;
  return answer;
}

Answer control_json(const json& body, int http_status = 200) {
  Answer answer;
  answer.http_status = http_status;
  answer.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return answer;
}

Answer control_error(const std::string& message) { return control_json({{"error", message}}, 400); }

// Whether httplib may have left part of this request on the connection, where it would be
// read as the next request (a body smuggling one in would be run, and every answer after
// it would go to the wrong request): a body on a method httplib reads no body for, or a
// Content-Length that is not one plain number. Such a request is answered, then its
// connection closed.
bool may_leave_bytes_unread(const httplib::Request& req) {
  const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  const auto lengths = req.headers.count("Content-Length");
  const std::string length = req.get_header_value("Content-Length");
  if (lengths > 1 || (lengths == 1 && (length.empty() || length.find_first_not_of("0123456789") !=
                                                              std::string::npos))) {
    return true;
  }
  return !reads_body && ((lengths == 1 && length.find_first_not_of('0') != std::string::npos) ||
                         req.has_header("Transfer-Encoding"));
}

// httplib ends a connection whose content provider fails: the provider writes the whole
// answer, then fails, so what was left unread on the connection is never taken for a request.
void answer_then_close(httplib::Response& res, const std::string& body,
                       const std::string& content_type) {
  res.set_header("Connection", "close");
  auto shared = std::make_shared<const std::string>(body);
  res.set_content_provider(shared->size(), content_type,
                           [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(shared->data() + offset, length);
                             return false;
                           });
}

// Parses a request body into JSON with a bound on nesting, so a hostile body cannot
// exhaust the stack when the document is destroyed.
std::optional<api::Violation> parse_body(const std::string& body, json& out) {
  if (!is_valid_utf8(body)) return api::invalid_utf8_body();
  // nlohmann::json stops reading at a NUL byte, so "{...}\0anything" would pass; a raw NUL
  // is never valid JSON.
  if (body.find('\0') != std::string::npos) {
    return api::Violation{api::codes::kParamError, "body: malformed JSON: a raw NUL byte"};
  }
  std::vector<std::set<std::string>> keys;  // of each open container
  try {
    out = json::parse(body, [&keys](int depth, json::parse_event_t event, json& parsed) {
      // A container's start is reported at its parent's depth: count the container itself.
      const bool opens =
          event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
      if (depth + (opens ? 1 : 0) > kMaxJsonDepth) {
        throw std::length_error("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      }
      if (opens) {
        keys.emplace_back();
      } else if (event == json::parse_event_t::object_end ||
                 event == json::parse_event_t::array_end) {
        keys.pop_back();
      } else if (event == json::parse_event_t::key &&
                 !keys.back().insert(parsed.get<std::string>()).second) {
        // Parsers differ on which of the two values counts, so neither does.
        throw std::invalid_argument("key " + parsed.dump() + " given more than once");
      }
      return true;
    });
  } catch (const json::parse_error& error) {
    return api::Violation{api::codes::kParamError, std::string("body: malformed JSON: ") + error.what()};
  } catch (const json::out_of_range& error) {  // 1e400: valid JSON, but no double holds it
    return api::Violation{api::codes::kParamError,
                      std::string("body: number out of range: ") + error.what()};
  } catch (const std::length_error& error) {
    return api::Violation{api::codes::kParamError, std::string("body: JSON ") + error.what()};
  } catch (const std::invalid_argument& error) {
    return api::Violation{api::codes::kParamError, std::string("body: ") + error.what()};
  }
  return std::nullopt;
}

std::vector<std::string> strings_at(const json& body, const json::json_pointer& pointer) {
  std::vector<std::string> out;
  if (body.contains(pointer) && body.at(pointer).is_array()) {
    for (const auto& item : body.at(pointer)) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string string_at(const json& body, const char* pointer, const std::string& fallback = "") {
  const json::json_pointer at(pointer);
  return body.contains(at) && body.at(at).is_string() ? body.at(at).get<std::string>() : fallback;
}

json page_info(std::size_t page, std::size_t page_size, std::size_t total) {
  return {{"page", page},
          {"page_size", page_size},
          {"total_number", total},
          {"total_page", (total + page_size - 1) / page_size}};
}

std::optional<TaskOutcome> parse_outcome(const json& value) {
  if (value == "SUCCESS") return TaskOutcome::success;
  if (value == "FAILED") return TaskOutcome::failed;
  return std::nullopt;
}

// The seed a state file was made with wins, so that its preview URLs stay valid; asking
// for another one is an error rather than a silent change.
std::uint64_t choose_seed(const Options& options, StateFile* state) {
  const auto kept = state ? state->seed() : std::nullopt;
  if (kept && options.seed && *kept != *options.seed) {
    throw std::invalid_argument("seed: " + state->path() + " holds a state made with seed " +
                                std::to_string(*kept) + ", not " + std::to_string(*options.seed));
  }
  if (kept) return *kept;
  std::random_device device;
  const std::uint64_t seed =
      options.seed ? *options.seed : (static_cast<std::uint64_t>(device()) << 32) ^ device();
  if (state) state->save_seed(seed);
  return seed;
}

}  // namespace

struct MockServer::Impl {
  explicit Impl(Options opts)
      : options(std::move(opts)),
        state(options.state_dir.empty() ? nullptr : std::make_unique<StateFile>(options.state_dir)),
        seed(choose_seed(options, state.get())),
        store(seed, options.failure_rate, options.durations, options.max_retained, state.get()),
        journal(options.journal_capacity),
        tokens(options.tokens.begin(), options.tokens.end()),
        avatar_tokens(options.avatar_tokens.begin(), options.avatar_tokens.end()) {
    if (options.max_retained < kMinRetained) {
      throw std::invalid_argument("max_retained: must be at least " + std::to_string(kMinRetained));
    }
    // A kept clock goes on from where it stood (tasks carry on through their states).
    if (state) clock.on_change([this](const VirtualClock::State& now) { state->save_clock(now); });
    const auto kept_clock = state ? state->clock() : std::nullopt;
    if (kept_clock) {
      clock.restore(*kept_clock);
    } else {
      clock.restart(options.start_time, options.clock_frozen);
    }
    fetch_policy.allowed_hosts = options.fetch_allowed_hosts;
    fetch_policy.max_bytes = options.max_upload_bytes;
    for (const auto& [name, budget] : options.rate_limit_overrides) {
      if (!api::find_endpoint_by_name(name)) {
        throw std::invalid_argument("rate limit for an unknown endpoint \"" + name + "\"");
      }
      if (budget < 0) throw std::invalid_argument("rate limit for " + name + " below 0");
    }
  }

  // ---- the request's way through ----

  Answer dispatch(const httplib::Request& req, httplib::Response& res, bool& journaled) {
    const std::string& path = req.path;
    // httplib holds Content-Length bodies to the limit, but reads a chunked body whole.
    if (req.body.size() > options.max_body_bytes) {
      return plain(413, "HTTP 413: request bodies are limited to " +
                            std::to_string(options.max_body_bytes) + " bytes");
    }
    if (path.rfind(kControlPrefix, 0) == 0 && options.control_api) {
      journaled = false;
      return control(req);
    }
    if (path.rfind(kMediaPrefix, 0) == 0) return media(req, res);

    const api::Endpoint* endpoint = api::find_endpoint_by_path(path);
    if (!endpoint) return plain(404, "page not found");
    if (req.method != endpoint->method) {
      res.set_header("Allow", endpoint->method);
      return plain(405, "method not allowed");
    }

    const std::string request_id = store.new_request_id(clock.now());
    if (auto fault = take_fault(endpoint->name)) {
      if (fault->delay.count() > 0) std::this_thread::sleep_for(fault->delay);
      if (fault->code)
        return envelope(request_id, *fault->code, api::default_message(*fault->code));
      if (fault->http_status) {
        return plain(*fault->http_status,
                     "injected fault: HTTP " + std::to_string(*fault->http_status));
      }
      if (fault->drop_connection) {
        Answer dropped = plain(200, "");
        dropped.http_status = -1;  // the dispatcher closes the connection mid-answer
        return dropped;
      }
    }

    // The whole value: get_header_value() stops at a NUL byte, and "token\0x" is not "token".
    const auto sent = req.headers.equal_range(api::kAccessTokenHeader);
    const std::string token = sent.first == sent.second ? "" : sent.first->second;
    if (token.empty()) {
      return envelope(request_id, api::codes::kEmptyAccessToken,
                      api::default_message(api::codes::kEmptyAccessToken));
    }
    if (std::next(sent.first) != sent.second) {  // two tokens name no one account
      return envelope(request_id, api::codes::kInvalidAccessToken, "Access-Token: given more than once");
    }
    if (!tokens.empty() && tokens.count(token) == 0) {
      return envelope(request_id, api::codes::kInvalidAccessToken,
                      api::default_message(api::codes::kInvalidAccessToken));
    }
    const auto override = options.rate_limit_overrides.find(endpoint->name);
    const int budget = !options.rate_limits ? 0
                       : override != options.rate_limit_overrides.end()
                           ? override->second
                           : endpoint->budget_per_minute;
    if (!limiter.admit(token, endpoint->name, budget, clock.now())) {
      return envelope(request_id, api::codes::kRequestTooFrequent,
                      api::default_message(api::codes::kRequestTooFrequent));
    }

    json request;  // the body or the parameters, checked against the endpoint's rules
    if (auto e = read_request(req, *endpoint, request)) return envelope(request_id, e->code, e->message);
    const Call call{req, *endpoint, token, request_id, clock.now(), request};
    return (this->*handler(endpoint->id))(call);
  }

  struct Call {
    const httplib::Request& req;
    const api::Endpoint& endpoint;
    const std::string& token;
    const std::string& request_id;
    TimePoint now;
    const json& request;

    // A field of the request, or the default the API's description gives for it.
    json value_or_default(const std::vector<std::string>& path) const {
      return api::value_or_default(endpoint.request(), request, path);
    }
  };

  // Each endpoint's handler, in the order of api::EndpointId.
  using Handler = Answer (Impl::*)(const Call&);
  static Handler handler(api::EndpointId id) {
    static const Handler handlers[] = {
        &Impl::upload,          &Impl::video_task_create,  &Impl::video_task_list, &Impl::video_list,
        &Impl::script_task_create, &Impl::script_task_get, &Impl::script_list,
    };
    static_assert(std::size(handlers) == static_cast<std::size_t>(api::EndpointId::script_list) + 1);
    return handlers[static_cast<std::size_t>(id)];
  }

  Answer error(const Call& call, const api::Violation& e) {
    return envelope(call.request_id, e.code, e.message);
  }
  Answer ok(const Call& call, const json& data) {
    return envelope(call.request_id, api::codes::kOk, "OK", data);
  }

  // A POST's JSON body or a GET's parameters read as JSON, checked against the rules.
  static std::optional<api::Violation> read_request(const httplib::Request& req,
                                                    const api::Endpoint& endpoint, json& request) {
    if (std::string(endpoint.method) == "GET") {
      const auto question = req.target.find('?');
      return api::check_query(
          endpoint, parse_query(question == std::string::npos ? "" : req.target.substr(question + 1)),
          request);
    }
    const std::string type = req.get_header_value("Content-Type");
    if (type.substr(0, type.find(';')) != "application/json") {
      return api::Violation{api::codes::kParamError,
                            "Content-Type: must be application/json, got \"" + type + "\""};
    }
    if (auto e = parse_body(req.body, request)) return e;
    return api::check_body(endpoint, request);
  }

  std::string preview_url(const Call& call, const std::string& video_id, const Preview& preview) {
    std::string base = options.public_base_url;
    if (base.empty()) {
      const std::string host = call.req.get_header_value("Host");
      base = std::string(tls ? "https" : "http") + "://" +
             (host.empty() ? runner->host + ":" + std::to_string(runner->port) : host);
    }
    return base + kMediaPrefix + video_id +
           ".mp4?expires=" + std::to_string(preview.expires_unix) +
           "&signature=" + preview.signature;
  }

  // ---- the endpoints ----

  Answer upload(const Call& call) {
    const std::string url = call.request.at("video_url");
    if (may_fetch(url, fetch_policy)) {
      if (auto e = fetch_and_check(url, fetch_policy)) return error(call, *e);
    }
    const std::string video_id = store.add_upload(call.token, call.now);
    // Quirk 3: an array, as the live API answers, unless the object form is asked for.
    json item = {{"video_id", video_id}};
    return ok(call,
              options.upload_response == UploadResponseShape::array ? json::array({item}) : item);
  }

  Answer video_task_create(const Call& call) {
    const json& body = call.request;
    const std::string type = body.at("aigc_video_type");
    if (type == "AVATAR_PRODUCT" && !avatar_tokens.empty() &&
        avatar_tokens.count(call.token) == 0) {
      return envelope(call.request_id, api::codes::kNotInWhitelist,
                      "aigc_video_type: AVATAR_PRODUCT needs Digital Avatar access, and this app "
                      "is not on its allowlist");
    }
    const auto video_ids =
        strings_at(body, json::json_pointer("/product_video_info/input_video_list/video_id_list"));
    if (auto unknown = store.find_unknown_upload(call.token, video_ids)) {
      return envelope(call.request_id, api::codes::kNotExist,
                      "product_video_info.input_video_list.video_id_list: video " + *unknown +
                          " does not exist");
    }
    const int count = call.value_or_default({"product_video_info", "video_generation_count"});
    return ok(call, {{"task_ids", store.create_video_tasks(call.token, type, count, call.now)}});
  }

  Answer video_task_list(const Call& call) {
    const json& query = call.request;
    std::string unknown;
    const auto views = store.video_tasks(
        call.token, query.at("task_ids").get<std::vector<std::string>>(), call.now, unknown);
    if (!views) {
      return envelope(call.request_id, api::codes::kNotExist,
                      "task_ids: task " + unknown + " does not exist");
    }
    // Quirk 6: without aigc_video_type only dubbing tasks come back, and the mock has none.
    const std::string filter = query.value("aigc_video_type", "");
    json list = json::array();
    for (const auto& view : *views) {
      if (view.aigc_video_type != filter) continue;
      json item = {{"task_id", view.task_id},
                   {"aigc_video_type", view.aigc_video_type},
                   {"status", view.status}};
      if (view.status == "SUCCESS") {
        item["video_id"] = view.video_id;
        item["preview_url"] = preview_url(call, view.video_id, view.preview);
      }
      list.push_back(std::move(item));
    }
    return ok(call, {{"list", std::move(list)}});
  }

  Answer video_list(const Call& call) {
    const json& query = call.request;
    const std::size_t page = call.value_or_default({"page"});
    const std::size_t page_size = call.value_or_default({"page_size"});
    std::set<std::string> types;  // empty: dubbed videos only, of which the mock has none
    if (query.contains("aigc_video_types")) {
      for (const auto& type : query["aigc_video_types"]) types.insert(type.get<std::string>());
    }
    const auto result = store.videos(call.token, types, page, page_size, call.now);
    std::string data = "{\"list\":[";
    for (const auto& video : result.items) {
      if (&video != &result.items.front()) data += ',';
      const std::string created = format_utc(video.created, "%Y-%m-%d %H:%M:%S");
      const std::string url = preview_url(call, video.video_id, video.preview);
      const std::pair<const char*, std::string_view> fields[] = {
          {"{\"aigc_video_type\":", video.aigc_video_type},
          {",\"create_time\":", created},
          {",\"preview_url\":", url},
          {",\"video_id\":", video.video_id},
          {",\"video_name\":", video.video_name}};
      for (const auto& [key, value] : fields) {
        data += key;
        append_json_string(data, value);
      }
      data += '}';
    }
    data += "],\"page_info\":" + page_info(page, page_size, result.total).dump() + "}";
    return envelope_around(call.request_id, api::codes::kOk, "OK", data);
  }

  Answer script_task_create(const Call& call) {
    const json& body = call.request;
    const auto video_ids = strings_at(body, json::json_pointer("/media_list/video_id_list"));
    if (auto unknown = store.find_unknown_upload(call.token, video_ids)) {
      return envelope(call.request_id, api::codes::kNotExist,
                      "media_list.video_id_list: video " + *unknown + " does not exist");
    }
    ScriptBrief brief;
    brief.custom = body.at("script_source") == "CUSTOM";
    brief.custom_prompt = string_at(body, "/custom_prompt");
    brief.video_duration = string_at(body, "/video_duration");
    brief.product_name = string_at(body, "/product_info/name");
    brief.brand = string_at(body, "/product_info/brand");
    brief.description = string_at(body, "/product_info/description");
    brief.currency = call.value_or_default({"product_info", "currency"});
    const json::json_pointer price("/product_info/price");
    if (body.contains(price) && body.at(price).is_number())
      brief.price = body.at(price).get<double>();
    brief.selling_points = strings_at(body, json::json_pointer("/product_info/selling_points"));
    brief.tone = string_at(body, "/script_info/tone");
    brief.style = string_at(body, "/script_info/style");
    brief.point_of_view = string_at(body, "/script_info/point_of_view");
    brief.relevant_industry = string_at(body, "/script_info/relevant_industry");
    brief.language = call.value_or_default({"script_info", "script_language"});
    const int count = call.value_or_default({"script_generation_count"});
    return ok(call, {{"task_id", store.create_script_task(call.token, brief, count, call.now)}});
  }

  Answer script_task_get(const Call& call) {
    const std::string task_id = call.request.at("task_id");
    const auto task = store.script_task(call.token, task_id, call.now);
    if (!task)
      return envelope(call.request_id, api::codes::kNotExist,
                      "task_id: task " + task_id + " does not exist");
    return ok(call, {{"task_id", task->task_id},
                     {"status", task->status},
                     {"list", scripts_json(task->scripts)}});
  }

  Answer script_list(const Call& call) {
    const std::size_t page = call.value_or_default({"page"});
    const std::size_t page_size = call.value_or_default({"page_size"});
    const auto result = store.scripts(call.token, page, page_size, call.now);
    return ok(call, {{"list", scripts_json(result.items)},
                     {"page_info", page_info(page, page_size, result.total)}});
  }

  static json scripts_json(const std::vector<ScriptView>& scripts) {
    json list = json::array();
    for (const auto& script : scripts) {
      list.push_back(
          {{"script_id", script.script_id}, {"title", script.title}, {"script", script.script}});
    }
    return list;
  }

  // ---- the media host ----

  Answer media(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return plain(405, "method not allowed");
    }
    std::string name = req.path.substr(std::string(kMediaPrefix).size());
    const std::string suffix = ".mp4";
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      return plain(404, "not found");
    }
    name.resize(name.size() - suffix.size());
    const auto preview = store.preview(name);
    const TimePoint now = clock.now();
    if (!preview || now < preview->created) return plain(404, "not found");
    if (req.get_param_value("expires") != std::to_string(preview->expires_unix) ||
        req.get_param_value("signature") != preview->signature) {
      return plain(403, "AccessDenied: the signature does not match");
    }
    if (now >= preview->expires) {
      return plain(403, "AccessDenied: the URL expired at " + format_iso8601(preview->expires) +
                            " (a preview_url is valid for six hours)");
    }
    return plain(200, sample_mp4(), "video/mp4");
  }

  // ---- control ----

  Answer control(const httplib::Request& req) {
    const std::string what = req.path.substr(std::string(kControlPrefix).size());
    const std::string action = req.method + " " + what;
    json body = json::object();
    if (req.method == "POST" && !req.body.empty()) {
      if (auto e = parse_body(req.body, body)) return control_error(e->message);
      if (!body.is_object()) return control_error("body: must be a JSON object");
    }
    try {
      if (action == "POST reset") {
        reset();
        return control_json({{"reset", true}});
      }
      if (action == "GET clock") return clock_json();
      if (action == "GET state") {
        std::size_t limit = MockServer::kStateLimit;
        if (req.has_param("limit")) {
          const auto parsed = parse_count(req.get_param_value("limit"));
          if (!parsed) return control_error("limit: must be a non-negative integer");
          limit = *parsed;
        }
        return control_json(state_json(limit));
      }
      if (action == "POST clock/freeze") {
        clock.freeze();
        return clock_json();
      }
      if (action == "POST clock/unfreeze") {
        clock.unfreeze();
        return clock_json();
      }
      if (action == "POST clock/advance") {
        const auto seconds = body.find("seconds");
        // Bounded, so the clock's integer ticks cannot overflow (ten years is plenty).
        constexpr double kMaxAdvanceSeconds = 10.0 * 366 * 24 * 3600;
        if (seconds == body.end() || !seconds->is_number() || !(seconds->get<double>() >= 0) ||
            seconds->get<double>() > kMaxAdvanceSeconds) {
          return control_error("seconds: must be a number from 0 to " +
                               std::to_string(static_cast<long long>(kMaxAdvanceSeconds)));
        }
        clock.advance(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(seconds->get<double>())));
        return clock_json();
      }
      if (action == "POST outcomes") return queue_outcomes(body);
      if (action == "POST faults") {
        inject_fault(fault_from_json(body));
        return faults_json();
      }
      if (action == "GET faults") return faults_json();
      if (action == "DELETE faults") {
        clear_faults();
        return faults_json();
      }
      if (action == "GET journal") {
        std::size_t limit = SIZE_MAX;
        if (req.has_param("limit")) {
          const auto parsed = parse_count(req.get_param_value("limit"));
          if (!parsed) return control_error("limit: must be a non-negative integer");
          limit = *parsed;
        }
        json entries = json::array();
        for (const auto& entry : journal.last(limit)) entries.push_back(to_json(entry));
        return control_json({{"entries", std::move(entries)}});
      }
      if (action == "DELETE journal") {
        journal.clear();
        return control_json({{"entries", json::array()}});
      }
    } catch (const std::invalid_argument& e) {
      return control_error(e.what());
    } catch (const json::exception& e) {
      return control_error(e.what());
    }
    return plain(404, "no such control endpoint: " + action);
  }

  // A control API count: decimal digits, at most nine of them.
  static std::optional<std::size_t> parse_count(const std::string& raw) {
    if (raw.empty() || raw.size() > 9 || raw.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoul(raw);
  }

  json clock_state() const {
    const TimePoint now = clock.now();
    return {{"now", format_iso8601(now)}, {"unix_ms", unix_millis(now)}, {"frozen", clock.frozen()}};
  }
  Answer clock_json() const { return control_json(clock_state()); }

  // What the mock holds, per token digest (never the token): the body of GET state.
  json state_json(std::size_t limit) {
    const StoreView view = store.view(clock.now(), limit);
    const auto outcomes = [](const std::vector<TaskOutcome>& queued) {
      json names = json::array();
      for (const TaskOutcome outcome : queued) {
        names.push_back(outcome == TaskOutcome::success ? "SUCCESS" : "FAILED");
      }
      return names;
    };
    json accounts = json::array();
    for (const AccountView& account : view.accounts) {
      json video_tasks = json::array();
      for (const VideoView& task : account.video_tasks) {
        json item = {{"task_id", task.task_id},
                     {"aigc_video_type", task.aigc_video_type},
                     {"status", task.status}};
        if (!task.video_id.empty()) item["video_id"] = task.video_id;
        video_tasks.push_back(std::move(item));
      }
      json script_tasks = json::array();
      for (const ScriptTaskView& task : account.script_tasks) {
        script_tasks.push_back({{"task_id", task.task_id},
                                {"status", task.status},
                                {"scripts_arrived", task.scripts.size()}});
      }
      accounts.push_back({
          {"token_digest", account.token_digest},
          {"uploads", {{"count", account.upload_count}, {"latest", account.uploads}}},
          {"video_tasks",
           {{"count", account.video_task_count},
            {"by_type_and_status", account.video_tasks_by_type},
            {"latest", std::move(video_tasks)}}},
          {"script_tasks",
           {{"count", account.script_task_count},
            {"by_status", account.script_tasks_by_status},
            {"latest", std::move(script_tasks)}}},
      });
    }
    return {{"clock", clock_state()},
            {"accounts", std::move(accounts)},
            {"queued_outcomes",
             {{"video", outcomes(view.video_outcomes)}, {"script", outcomes(view.script_outcomes)}}},
            {"faults", faults_state()},
            {"journal_entries", journal.size()}};
  }

  Answer queue_outcomes(const json& body) {
    // All checked before any is queued: a refused request changes nothing.
    std::vector<TaskOutcome> outcomes[2];  // video, script
    for (const char* kind : {"video", "script"}) {
      if (!body.contains(kind)) continue;
      if (!body[kind].is_array()) return control_error(std::string(kind) + ": must be an array");
      for (const auto& value : body[kind]) {
        const auto outcome = parse_outcome(value);
        if (!outcome)
          return control_error(std::string(kind) + ": each outcome must be SUCCESS or FAILED");
        outcomes[std::string(kind) == "video" ? 0 : 1].push_back(*outcome);
      }
    }
    if (!outcomes[0].empty()) store.queue_outcomes(true, outcomes[0]);
    if (!outcomes[1].empty()) store.queue_outcomes(false, outcomes[1]);
    return control_json({{"queued", true}});
  }

  static Fault fault_from_json(const json& body) {
    // A JSON integer within int's range, or a clear error (a float like 1e300 is neither).
    const auto integer = [&body](const char* key, int fallback) {
      const auto found = body.find(key);
      if (found == body.end()) return fallback;
      if (!found->is_number_integer() || *found < json(INT_MIN) || *found > json(INT_MAX)) {
        throw std::invalid_argument(std::string(key) + ": must be an integer");
      }
      return found->get<int>();
    };
    // A misspelt field would otherwise leave a fault other than the one meant.
    static const std::set<std::string> known = {"endpoint",    "count",    "rate",           "code",
                                                "http_status", "delay_ms", "drop_connection"};
    for (const auto& item : body.items()) {
      if (known.count(item.key()) == 0) {
        throw std::invalid_argument("unknown field \"" + item.key() +
                                    "\" (a fault has endpoint, count, rate, code, http_status, "
                                    "delay_ms, drop_connection)");
      }
    }
    // body.value() would throw nlohmann's type_error, which names no field.
    if (body.contains("endpoint") && !body.at("endpoint").is_string()) {
      throw std::invalid_argument("endpoint: must be a string");
    }
    if (body.contains("drop_connection") && !body.at("drop_connection").is_boolean()) {
      throw std::invalid_argument("drop_connection: must be true or false");
    }
    Fault fault;
    fault.endpoint = body.value("endpoint", "*");
    if (body.contains("rate")) {
      if (!body.at("rate").is_number()) throw std::invalid_argument("rate: must be a number");
      fault = Fault::at_rate(body.at("rate").get<double>(), fault);
    }
    if (body.contains("count")) fault.count = integer("count", 1);
    if (body.contains("code")) fault.code = integer("code", 0);
    if (body.contains("http_status")) fault.http_status = integer("http_status", 0);
    fault.delay = Millis(integer("delay_ms", 0));
    fault.drop_connection = body.value("drop_connection", false);
    return fault;
  }

  Answer faults_json() { return control_json({{"faults", faults_state()}}); }

  json faults_state() {
    json pending = json::array();
    std::lock_guard<std::mutex> lock(faults_mutex);
    for (const auto& fault : faults) {
      json item = {{"endpoint", fault.endpoint}};
      if (fault.count) item["count"] = *fault.count;  // absent: until cleared
      // Posted again, the item makes the same fault: without a count, only a rate says so.
      if (fault.rate < 1.0 || !fault.count) item["rate"] = fault.rate;
      if (fault.code) item["code"] = *fault.code;
      if (fault.http_status) item["http_status"] = *fault.http_status;
      if (fault.delay.count()) item["delay_ms"] = fault.delay.count();
      if (fault.drop_connection) item["drop_connection"] = true;
      pending.push_back(std::move(item));
    }
    return pending;
  }

  // The first pending fault for this endpoint that hits (a draw, below rate 1), counted down.
  std::optional<Fault> take_fault(const std::string& endpoint) {
    std::lock_guard<std::mutex> lock(faults_mutex);
    for (auto it = faults.begin(); it != faults.end(); ++it) {
      if (it->endpoint != "*" && it->endpoint != endpoint) continue;
      if (it->rate < 1.0 && !std::bernoulli_distribution(it->rate)(fault_random)) continue;
      Fault hit = *it;
      if (it->count && --*it->count == 0) faults.erase(it);
      return hit;
    }
    return std::nullopt;
  }

  void inject_fault(const Fault& fault) {
    if (fault.endpoint != "*" && !api::find_endpoint_by_name(fault.endpoint)) {
      throw std::invalid_argument("endpoint: unknown endpoint \"" + fault.endpoint + "\"");
    }
    if (fault.count && *fault.count < 1) throw std::invalid_argument("count: must be at least 1");
    if (!(fault.rate > 0.0 && fault.rate <= 1.0)) {
      throw std::invalid_argument("rate: must be greater than 0 and at most 1, got " +
                                  json(fault.rate).dump());
    }
    const int effects =
        fault.code.has_value() + fault.http_status.has_value() + fault.drop_connection;
    if (effects > 1)
      throw std::invalid_argument("a fault has one of code, http_status, drop_connection");
    if (effects == 0 && fault.delay.count() <= 0) {
      throw std::invalid_argument("a fault needs code, http_status, delay_ms or drop_connection");
    }
    if (fault.http_status && (*fault.http_status < 400 || *fault.http_status > 599)) {
      throw std::invalid_argument("http_status: must be between 400 and 599");
    }
    if (fault.delay.count() < 0 || fault.delay > std::chrono::minutes(5)) {
      throw std::invalid_argument("delay_ms: must be between 0 and 300000");
    }
    std::lock_guard<std::mutex> lock(faults_mutex);
    faults.push_back(fault);
  }

  void clear_faults() {
    std::lock_guard<std::mutex> lock(faults_mutex);
    faults.clear();
    fault_random.seed(fault_seed());  // the same faults again draw the same hits
  }

  // From the seed, but not the store's stream: fault draws must not mirror its ids.
  std::uint64_t fault_seed() const { return seed ^ 0x4641554C54u; }

  void reset() {
    store.reset();
    limiter.clear();
    journal.clear();
    clear_faults();
    clock.restart(options.start_time, options.clock_frozen);
  }

  // ---- serving ----

  void handle(const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    bool journaled = true;
    Answer answer;
    try {
      answer = dispatch(req, res, journaled);
    } catch (const std::exception& e) {
      // A bug of the mock's own: say so rather than drop the connection.
      answer = plain(500, std::string("mock server error: ") + e.what());
    }
    if (answer.http_status == -1) {
      // Promise a body, then end the stream before it: the client sees the connection drop.
      res.status = 200;
      res.set_content_provider(1024, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    } else if (may_leave_bytes_unread(req)) {
      res.status = answer.http_status;
      answer_then_close(res, answer.body, answer.content_type);
    } else {
      res.status = answer.http_status;
      res.set_content(answer.body, answer.content_type);
    }
    if (answer.http_status != -1 && options.on_response) {
      options.on_response(req.method, req.path, answer.http_status, answer.body);
    }
    if (!journaled && !options.log) return;
    // A token sent in the query, or quoted in the body (and so maybe in the message), is
    // scrubbed from both, as in a recording.
    const auto question = req.target.find('?');
    const std::string raw_query = question == std::string::npos ? "" : req.target.substr(question + 1);
    std::vector<std::string> secrets = recording::secret_query_values(raw_query);
    const auto tokens_sent = req.headers.equal_range(api::kAccessTokenHeader);
    for (auto sent = tokens_sent.first; sent != tokens_sent.second; ++sent) {
      secrets.push_back(sent->second);
    }
    const std::vector<std::string> texts = recording::secret_texts(secrets);
    const std::string message = recording::replace_secrets(answer.message, texts);
    if (journaled) {
      JournalEntry entry;
      entry.time = format_iso8601(clock.now());
      entry.method = req.method;
      entry.path = req.path;
      entry.query = recording::scrub_query(raw_query, texts);
      entry.body = recording::replace_secrets(req.body, texts);
      entry.access_token_sent = tokens_sent.first != tokens_sent.second;
      entry.http_status = answer.http_status;
      entry.code = answer.code;
      entry.message = message;
      entry.request_id = answer.request_id;
      journal.record(std::move(entry));
    }
    if (options.log) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      std::string line = format_iso8601(clock.now()) + " " + req.method + " " + req.path + " " +
                         std::to_string(answer.http_status);
      if (answer.code) line += " code=" + std::to_string(*answer.code);
      if (!message.empty() && message != "OK") {
        line += " message=" + json(message).dump(-1, ' ', false, json::error_handler_t::replace);
      }
      if (!answer.request_id.empty()) line += " request_id=" + answer.request_id;
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, " %.1fms", static_cast<double>(micros) / 1000.0);
      options.log(line + elapsed);
    }
  }

  void build_server() {
    std::unique_ptr<httplib::Server> server;
    const bool want_tls = !options.tls_cert_file.empty() || !options.tls_key_file.empty();
    if (want_tls) {
      if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
        throw std::invalid_argument("HTTPS needs both a certificate and a key file");
      }
      auto tls_server = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(),
                                                             options.tls_key_file.c_str());
      if (!tls_server->is_valid()) {
        throw std::runtime_error("cannot load the TLS certificate " + options.tls_cert_file +
                                 " and key " + options.tls_key_file);
      }
      server = std::move(tls_server);
      tls = true;
    } else {
      server = std::make_unique<httplib::Server>();
    }
    runner = std::make_unique<HttpRunner>(std::move(server), tls ? "https" : "http");
    httplib::Server* http = runner->http.get();
    http->set_keep_alive_max_count(1000);
    http->set_payload_max_length(options.max_body_bytes);
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    for (const char* pattern : {".*"}) {
      http->Get(pattern, handler);
      http->Post(pattern, handler);
      http->Put(pattern, handler);
      http->Patch(pattern, handler);
      http->Delete(pattern, handler);
      http->Options(pattern, handler);
    }
    // A POST, PUT or PATCH with neither Content-Length nor Transfer-Encoding has no body
    // (RFC 9112, 6.3), yet httplib 0.11 reads on until the peer closes and answers 400 when
    // the read times out: `curl -X POST .../__mock__/clock/freeze` would wait for a 400. Such
    // a request is served here, before httplib reads anything.
    http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      const bool reads_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
      if (!reads_body || req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      handle(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    // What httplib answers by itself (413, 414, 400) gets a body that says why, and ends the
    // connection: httplib stops reading such a request where it finds fault, and the rest
    // (headers, a body) would be taken for the next request.
    http->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&,
                                                                        httplib::Response& res) {
      // The mock's own answers all have a type (some have their body in a content provider).
      if (!res.body.empty() || res.has_header("Content-Type")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      std::string why = "HTTP " + std::to_string(res.status);
      if (res.status == 413) {
        why +=
            ": request bodies are limited to " + std::to_string(options.max_body_bytes) + " bytes";
      } else if (res.status == 414) {
        why += ": the request line is too long";
      } else if (res.status == 400) {
        why += ": malformed HTTP request";
      }
      answer_then_close(res, why, "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }));
  }

  Options options;
  std::unique_ptr<StateFile> state;  // with --state-dir
  const std::uint64_t seed;
  VirtualClock clock;
  Store store;
  RateLimiter limiter;
  Journal journal;
  FetchPolicy fetch_policy;
  const std::set<std::string> tokens;
  const std::set<std::string> avatar_tokens;

  std::mutex faults_mutex;
  std::deque<Fault> faults;
  std::mt19937_64 fault_random{fault_seed()};  // guarded by faults_mutex

  // Binds, and serves on a thread of its own when `in_background` (else serve() does).
  int open(const std::string& host, int port, bool in_background) {
    if (runner) throw std::logic_error("the mock server is already bound");
    build_server();
    try {
      return in_background ? runner->start(host, port) : runner->bind(host, port);
    } catch (...) {
      runner.reset();
      throw;
    }
  }

  std::unique_ptr<HttpRunner> runner;
  bool tls = false;
};

MockServer::MockServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

MockServer::~MockServer() { stop(); }

int MockServer::bind(const std::string& host, int port) { return impl_->open(host, port, false); }

void MockServer::serve() { impl_->runner->serve(); }

int MockServer::start(const std::string& host, int port) { return impl_->open(host, port, true); }

void MockServer::stop() {
  if (impl_->runner) impl_->runner->stop();
}

int MockServer::port() const { return impl_->runner ? impl_->runner->port : -1; }

std::string MockServer::base_url() const { return impl_->runner->base_url(); }

void MockServer::reset() { impl_->reset(); }
Clock::time_point MockServer::now() const { return impl_->clock.now(); }
void MockServer::freeze_clock() { impl_->clock.freeze(); }
void MockServer::unfreeze_clock() { impl_->clock.unfreeze(); }
void MockServer::advance_clock(Millis by) {
  if (by.count() < 0) throw std::invalid_argument("the clock only moves forward");
  impl_->clock.advance(by);
}
void MockServer::queue_video_outcomes(const std::vector<TaskOutcome>& outcomes) {
  impl_->store.queue_outcomes(true, outcomes);
}
void MockServer::queue_script_outcomes(const std::vector<TaskOutcome>& outcomes) {
  impl_->store.queue_outcomes(false, outcomes);
}
void MockServer::inject_fault(const Fault& fault) { impl_->inject_fault(fault); }
void MockServer::clear_faults() { impl_->clear_faults(); }
std::vector<JournalEntry> MockServer::journal(std::size_t limit) const {
  return impl_->journal.last(limit);
}
void MockServer::clear_journal() { impl_->journal.clear(); }
nlohmann::json MockServer::state(std::size_t limit) const { return impl_->state_json(limit); }

std::vector<std::string> MockServer::endpoint_names() {
  std::vector<std::string> names;
  for (const auto& endpoint : api::endpoints()) names.emplace_back(endpoint.name);
  return names;
}

}  // namespace tiktok_aigc::mock

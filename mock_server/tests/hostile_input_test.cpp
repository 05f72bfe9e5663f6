// A catalogue of hostile requests, walked case by case: each must get the documented error
// (HTTP status, envelope code, a message naming the field or the rule) and leave the mock as
// it was. Requests travel over a raw socket so that anything can be sent: broken request
// lines, CR/LF inside headers, bodies that disagree with their Content-Length.
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <regex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "raw_http.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOtherToken = "other-token";
constexpr const char* kMaxBodyText = "request bodies are limited to 1048576 bytes";
constexpr const char* kTooDeep = "body: JSON nested deeper than 64 levels";
constexpr const char* kNotUtf8 = "body: must be valid UTF-8";
constexpr const char* kMalformed = "body: malformed JSON";

// Sends `request` to the mock on loopback and reads its one answer. Every socket call is
// bounded in time, so a server that hangs fails the case instead of the run. `half_close`
// ends the stream after the request, for bodies shorter than they announce.
RawReply exchange(int port, const std::string& request, bool half_close = false) {
  // Generous: sanitized builds parse large bodies slowly.
  Socket socket = Socket::connect_loopback(port, 10s);
  if (socket.fd() < 0) return {};
  // The server may answer before it has read everything: stop sending then, and read.
  socket.send_all(request);
  if (half_close) ::shutdown(socket.fd(), SHUT_WR);
  return socket.read_reply(10s);
}

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A request framed as a well-behaved client would: the hostile part is what the case puts in.
std::string frame(const std::string& method, const std::string& target, const HeaderList& headers,
                  const std::string& body = "") {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return out + "Connection: close\r\n\r\n" + body;
}

std::string api_post(const std::string& path, const std::string& body,
                     const std::string& content_type = "application/json") {
  return frame("POST", path, {{"Access-Token", kToken}, {"Content-Type", content_type}}, body);
}

std::string api_get(const std::string& target) {
  return frame("GET", target, {{"Access-Token", kToken}});
}

// ---------------------------------------------------------------------------------------
// Bodies with one thing wrong
// ---------------------------------------------------------------------------------------

// `body` with the value at `pointer` replaced by `raw` JSON text, for values nlohmann::json
// cannot hold (1e400, a 10,000-deep array).
std::string splice(json body, const std::string& pointer, const std::string& raw) {
  const std::string marker = "@@splice@@";
  body[json::json_pointer(pointer)] = marker;
  std::string text = body.dump();
  text.replace(text.find("\"" + marker + "\""), marker.size() + 2, raw);
  return text;
}

std::string with(json body, const std::string& pointer, json value) {
  body[json::json_pointer(pointer)] = std::move(value);
  return body.dump();
}

// `body` with a raw member first, before the body's own members.
std::string with_member_first(const json& body, const std::string& member) {
  return "{" + member + "," + body.dump().substr(1);
}

// `body` with `bytes` spliced into the string value at `pointer`, after its first character.
std::string with_bytes_in(json body, const std::string& pointer, const std::string& bytes) {
  std::string value = body[json::json_pointer(pointer)];
  const std::string marker = "@@bytes@@";
  body[json::json_pointer(pointer)] = value.substr(0, 1) + marker + value.substr(1);
  std::string text = body.dump();
  text.replace(text.find(marker), marker.size(), bytes);
  return text;
}

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string nested_objects(std::size_t depth) {
  std::string out;
  for (std::size_t i = 0; i < depth; ++i) out += "{\"a\":";
  return out + "1" + std::string(depth, '}');
}

json id_array(std::size_t n) {
  json ids = json::array();
  for (std::size_t i = 0; i < n; ++i) ids.push_back(std::to_string(7000000000000000000ull + i));
  return ids;
}

std::string param(const std::string& name, const json& value) {
  return name + "=" + encode(value.dump());
}

// ---------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------

struct Outcome {
  int status = 200;
  std::optional<int> code;  // the envelope's, for API answers
  std::string says;         // in the message, the control API's "error", or the text body
  std::string allow;        // the Allow header a 405 carries
};

Outcome api_error(int code, std::string says) { return {200, code, std::move(says), ""}; }
Outcome param_error(std::string says) { return api_error(40002, std::move(says)); }
Outcome http_error(int status, std::string says, std::string allow = "") {
  return {status, std::nullopt, std::move(says), std::move(allow)};
}
Outcome control_error(std::string says) { return http_error(400, std::move(says)); }
// The connection closed without an answer (status 0).
Outcome dropped() { return http_error(0, ""); }

struct Case {
  std::string name;
  std::string request;  // the bytes on the wire
  Outcome expected;
  bool half_close = false;
};

void expect_outcome(const Outcome& expected, const RawReply& reply) {
  if (expected.status == 0) {
    EXPECT_EQ(reply.status, 0) << reply.body.substr(0, 300);
    EXPECT_TRUE(reply.closed) << "the connection is closed, not left hanging";
    return;
  }
  ASSERT_EQ(reply.status, expected.status) << reply.body.substr(0, 300);
  EXPECT_FALSE(reply.body.empty()) << "an error answer says why";
  const json parsed = json::parse(reply.body, nullptr, false);
  if (expected.code) {
    ASSERT_TRUE(parsed.is_object() && parsed.contains("code")) << reply.body.substr(0, 300);
    EXPECT_EQ(parsed.at("code"), *expected.code) << reply.body.substr(0, 300);
    EXPECT_EQ(parsed.value("data", json()), json::object()) << reply.body.substr(0, 300);
    static const std::regex request_id("^[0-9]{14}[0-9A-F]{20}$");
    EXPECT_TRUE(std::regex_match(parsed.value("request_id", ""), request_id))
        << reply.body.substr(0, 300);
    EXPECT_NE(parsed.value("message", "").find(expected.says), std::string::npos)
        << "message must say \"" << expected.says << "\": " << reply.body.substr(0, 300);
    return;
  }
  const auto type = reply.headers.find("content-type");
  if (type != reply.headers.end() && type->second.rfind("application/json", 0) == 0) {
    ASSERT_TRUE(parsed.is_object() && parsed.contains("error") && parsed.at("error").is_string())
        << reply.body.substr(0, 300);
    EXPECT_NE(parsed.at("error").get<std::string>().find(expected.says), std::string::npos)
        << "error must say \"" << expected.says << "\": " << reply.body.substr(0, 300);
  } else {
    EXPECT_NE(reply.body.find(expected.says), std::string::npos)
        << "body must say \"" << expected.says << "\": " << reply.body.substr(0, 300);
  }
  if (!expected.allow.empty()) {
    const auto allow = reply.headers.find("allow");
    ASSERT_NE(allow, reply.headers.end()) << "a 405 names the allowed methods";
    EXPECT_EQ(allow->second, expected.allow);
  }
}

// ---------------------------------------------------------------------------------------
// The fixture: state to protect, a snapshot of it, and a twin to check the ids
// ---------------------------------------------------------------------------------------

Options catalogue_options() {
  Options options = test_options();
  options.tokens = {kToken, kOtherToken};  // so that a mangled token is a documented 40105
  return options;
}

// What the walk must not change, as ids the cases aim at.
struct State {
  std::vector<std::string> video_tasks;   // VOICEOVER: two SUCCESS, one PROCESSING
  std::string upload;                     // an uploaded clip
  std::string video;                      // a generated video
  std::string preview;                    // its preview_url's path and query
  std::vector<std::string> script_tasks;  // one SUCCESS, one PARTIAL_SUCCESS
  std::string other_task, other_video, other_script, other_upload;  // kOtherToken's
  std::vector<std::string> avatar_tasks;  // one SUCCESS, one SUBMITTED
  std::string avatar_video;               // the first one's video
  std::string other_avatar_task, other_avatar_video;  // kOtherToken's

  auto ids() const {  // the preview URL carries the port, so it is left out
    return std::tie(video_tasks, upload, video, script_tasks, other_task, other_video, other_script,
                    other_upload, avatar_tasks, avatar_video, other_avatar_task, other_avatar_video);
  }
};

class HostileInputCatalogue : public MockFixture {
 protected:
  HostileInputCatalogue() : MockFixture(catalogue_options()), twin(catalogue_options()) {}

  void SetUp() override {
    MockFixture::SetUp();
    // The twin lives the same history without the walk: an upload or task that a refused
    // request left behind would shift the ids the server hands out next.
    twin.start();
    twin_client = std::make_unique<httplib::Client>(twin.base_url());
    twin_client->set_tcp_nodelay(true);
    twin_client->set_read_timeout(15, 0);
    std::swap(client, twin_client);
    const State twin_state = build_state(twin);
    std::swap(client, twin_client);
    state = build_state(server);
    avatar_id = first_avatar_id();
    ASSERT_TRUE(state.ids() == twin_state.ids()) << "the twin has another history";
    before = snapshot();
  }

  void TearDown() override {
    twin.stop();
    MockFixture::TearDown();
  }

  State build_state(MockServer& target) {
    State s;
    s.other_upload = upload(kOtherToken);
    s.other_task = create_voiceover(1, kOtherToken).at(0);
    s.video_tasks = create_voiceover(2);
    s.upload = upload();
    s.script_tasks.push_back(create_script_task(4));
    s.avatar_tasks.push_back(create_avatar_video());
    s.other_avatar_task = create_avatar_video("Hello.", kOtherToken);
    target.advance_clock(2min);
    s.avatar_tasks.push_back(create_avatar_video());
    s.video_tasks.push_back(create_voiceover(1).at(0));
    s.script_tasks.push_back(create_script_task(2));
    s.other_script = create_script_task(1, kOtherToken);
    target.advance_clock(9s);  // the new video task PROCESSING, the new script task partial

    const Reply mine = task_list(s.video_tasks);
    const Reply theirs = task_list({s.other_task}, "VOICEOVER", kOtherToken);
    if (mine.parsed.is_discarded() || theirs.parsed.is_discarded()) {
      ADD_FAILURE() << "no task list";
      return s;
    }
    const json& done = mine.data().at("list").at(0);
    s.video = done.value("video_id", "");
    const std::string url = done.value("preview_url", "");
    s.preview = url.substr(url.find("/media/"));
    s.other_video = theirs.data().at("list").at(0).value("video_id", "");
    EXPECT_FALSE(s.video.empty() || s.other_video.empty()) << mine.body << theirs.body;
    s.avatar_video = avatar_tasks(s.avatar_tasks).data().at("list").at(0).value("avatar_video_id", "");
    s.other_avatar_video =
        avatar_tasks({s.other_avatar_task}, kOtherToken).data().at("list").at(0).value("avatar_video_id", "");
    EXPECT_FALSE(s.avatar_video.empty() || s.other_avatar_video.empty());
    return s;
  }

  // Everything the listing endpoints answer, both tokens, and the control state. Request
  // ids differ per request, so only `data` counts.
  json snapshot() {
    json out;
    const auto data = [](const Reply& reply) {
      return reply.parsed.is_object() && reply.parsed.value("code", -1) == 0 ? reply.data()
                                                                             : json(reply.body);
    };
    const std::string all_types = param("aigc_video_types", all_video_types());
    out["task_list"] = data(task_list(state.video_tasks));
    out["other_task_list"] = data(task_list({state.other_task}, "VOICEOVER", kOtherToken));
    out["video_list"] = data(get(kVideoListPath, all_types + "&page_size=100"));
    out["other_video_list"] = data(get(kVideoListPath, all_types + "&page_size=100", kOtherToken));
    for (const auto& task : state.script_tasks) {
      out["script_tasks"].push_back(data(get(kScriptTaskGetPath, "task_id=" + task)));
    }
    out["other_script_task"] =
        data(get(kScriptTaskGetPath, "task_id=" + state.other_script, kOtherToken));
    out["script_list"] = data(get(kScriptListPath, "page_size=100"));
    out["other_script_list"] = data(get(kScriptListPath, "page_size=100", kOtherToken));
    out["avatar_tasks"] = without_urls(data(avatar_tasks(state.avatar_tasks)));
    out["other_avatar_tasks"] = without_urls(data(avatar_tasks({state.other_avatar_task}, kOtherToken)));
    out["avatar_videos"] = without_urls(data(get(kAvatarVideoListPath, "page_size=100")));
    out["other_avatar_videos"] = without_urls(data(get(kAvatarVideoListPath, "page_size=100", kOtherToken)));
    out["faults"] = to_reply(client->Get("/__mock__/faults")).parsed;
    out["clock"] = to_reply(client->Get("/__mock__/clock")).parsed;
    return out;
  }

  Reply avatar_tasks(const std::vector<std::string>& ids, const std::string& token = kToken) {
    return get(kAvatarVideoTaskGetPath, param("task_ids", ids), token);
  }

  // The Digital Avatar answers sign their URLs afresh each time: whether there is one counts.
  static json without_urls(json data) {
    if (!data.is_object() || !data.contains("list")) return data;
    for (json& item : data["list"]) {
      for (const char* key : {"preview_url", "video_cover_url"}) {
        if (item.contains(key)) item[key] = !item[key].get<std::string>().empty();
      }
    }
    return data;
  }

  static json all_video_types() {
    return json::array({"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER"});
  }

  // One of each kind of create on `client`'s server. In a frozen clock none of them reaches
  // a listing, so the snapshot stays the same; their ids show whether a refused request
  // consumed an id or a queued outcome (the last upload comes after the outcomes are drawn).
  std::vector<std::string> creates() {
    std::vector<std::string> ids = create_voiceover(1);
    ids.push_back(create_script_task(1));
    ids.push_back(create_avatar_video());
    ids.push_back(upload());
    return ids;
  }

  void expect_unchanged() {
    const json now = snapshot();
    EXPECT_TRUE(now == before) << json::diff(before, now).dump().substr(0, 2000);
    before = now;          // report a change once, at the case that made it
    if (diverged) return;  // the ids no longer tell anything; the first case was reported
    const std::vector<std::string> ids = creates();
    std::swap(client, twin_client);
    const std::vector<std::string> twin_ids = creates();
    std::swap(client, twin_client);
    diverged = ids != twin_ids;
    EXPECT_FALSE(diverged) << "a refused request created something or queued an outcome";
  }

  void walk(const std::vector<Case>& cases) {
    ASSERT_FALSE(cases.empty());
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      expect_outcome(c.expected, exchange(server.port(), c.request, c.half_close));
      expect_unchanged();
    }
  }

  // Valid requests, one thing of which each case breaks.
  json upload_body() const { return upload_request(); }
  json video_task() const { return voiceover_task({state.upload}); }
  json script_task() const { return product_script_task(); }
  json avatar_video_task() const {
    return {{"material_packages", json::array({{{"avatar_id", avatar_id}, {"script", "Hi there."}}})}};
  }
  json dubbing_task() const {
    return {{"aigc_video_type", "DUBBING"},
            {"dubbing_video_info",
             {{{"video_url", "https://cdn.example.com/ads/spring.mp4"},
               {"target_languages", {"fr"}},
               {"scripts", {{{"text", "Bonjour"}, {"text_start_time", 0}, {"text_end_time", 900}}}}}}}};
  }
  json rename_body() const { return {{"avatar_video_id", state.avatar_video}, {"file_name", "New name"}}; }
  json custom_script_task() const {
    return {{"script_source", "CUSTOM"}, {"custom_prompt", "A 15 second clip about tea."}};
  }

  MockServer twin;
  std::unique_ptr<httplib::Client> twin_client;
  State state;
  std::string avatar_id;  // the catalogue's first
  json before;
  bool diverged = false;
};

const std::string kInfo = "product_video_info.product_info_list[0]";
const std::string kInfoPointer = "/product_video_info/product_info_list/0";

// ---------------------------------------------------------------------------------------
// 1. JSON syntax, shape and nesting, on the endpoints with a body
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, BrokenJson) {
  std::vector<Case> cases;
  // Each endpoint's valid body, and a string field in it.
  const std::vector<std::tuple<std::string, std::string, std::string>> bodies = {
      {kUploadPath, upload_body().dump(), "/video_url"},
      {kVideoTaskCreatePath, video_task().dump(), "/aigc_video_type"},
      {kScriptTaskCreatePath, script_task().dump(), "/script_source"},
      {kVideoTaskCreatePath, dubbing_task().dump(), "/dubbing_video_info/0/video_url"},
      {kAvatarVideoTaskCreatePath, avatar_video_task().dump(), "/material_packages/0/script"},
      {kAvatarVideoRenamePath, rename_body().dump(), "/file_name"},
  };
  for (const auto& [path, valid, text_field] : bodies) {
    const std::string at = std::string(" at ") + path;
    const auto add = [&](const std::string& name, const std::string& body, Outcome outcome) {
      cases.push_back({name + at, api_post(path, body), std::move(outcome)});
    };
    add("truncated JSON", valid.substr(0, valid.size() - 5), param_error(kMalformed));
    add("cut after the first brace", "{", param_error(kMalformed));
    add("an empty body", "", param_error(kMalformed));
    add("trailing garbage", valid + "x", param_error(kMalformed));
    add("two objects", valid + valid, param_error(kMalformed));
    add("a trailing comma", valid.substr(0, valid.size() - 1) + ",}", param_error(kMalformed));
    add("single quotes", "{'upload_type':'UPLOAD_BY_URL'}", param_error(kMalformed));
    add("a comment", "/* hi */" + valid, param_error(kMalformed));
    add("a raw NUL byte after the object", valid + std::string(1, '\0'), param_error(kMalformed));
    add("a raw NUL byte in a string",
        with_bytes_in(json::parse(valid), text_field, std::string(1, '\0')),
        param_error(kMalformed));
    add("a lone surrogate escape", with_member_first(json::parse(valid), R"("pad":"\ud800")"),
        param_error(kMalformed));
    add("the body in an array", "[" + valid + "]", param_error("body: must be a JSON object"));
    add("a string", "\"" + std::string(100, 'x') + "\"",
        param_error("body: must be a JSON object"));
    add("null", "null", param_error("body: must be a JSON object"));
    add("a number", "42", param_error("body: must be a JSON object"));
    add("10,000 nested arrays in an unknown field",
        splice(json::parse(valid), "/pad", nested_arrays(10000)), param_error(kTooDeep));
    add("10,000 nested objects in an unknown field",
        splice(json::parse(valid), "/pad", nested_objects(10000)), param_error(kTooDeep));
    add("10,000 nested arrays as the body", nested_arrays(10000), param_error(kTooDeep));
    add("10,000 unclosed brackets", std::string(10000, '['), param_error(kTooDeep));
    add("65 levels: the object and 64 arrays",
        splice(json::parse(valid), "/pad", nested_arrays(64)), param_error(kTooDeep));
  }
  // Deep where the rules look, not only in an unknown field.
  cases.push_back(
      {"10,000 nested arrays as product_info_list",
       api_post(kVideoTaskCreatePath, splice(video_task(), "/product_video_info/product_info_list",
                                             nested_arrays(10000))),
       param_error(kTooDeep)});
  cases.push_back(
      {"10,000 nested objects as media_list",
       api_post(kScriptTaskCreatePath, splice(script_task(), "/media_list", nested_objects(10000))),
       param_error(kTooDeep)});
  // A key given twice: which one counts depends on the parser, so neither does.
  cases.push_back(
      {"upload_type given twice, the valid one last",
       api_post(kUploadPath, with_member_first(upload_body(), R"("upload_type":"UPLOAD_BY_FILE")")),
       param_error("\"upload_type\" given more than once")});
  cases.push_back({"aigc_video_type given twice, the valid one last",
                   api_post(kVideoTaskCreatePath,
                            with_member_first(video_task(), R"("aigc_video_type":"HOLOGRAM")")),
                   param_error("\"aigc_video_type\" given more than once")});
  {
    std::string body = video_task().dump();
    const std::string count = "\"video_generation_count\":1";
    body.replace(body.find(count), count.size(), "\"video_generation_count\":9," + count);
    cases.push_back({"video_generation_count given twice, in its object",
                     api_post(kVideoTaskCreatePath, body),
                     param_error("\"video_generation_count\" given more than once")});
  }
  cases.push_back({"script_source given twice",
                   api_post(kScriptTaskCreatePath,
                            with_member_first(script_task(), R"("script_source":"CUSTOM")")),
                   param_error("\"script_source\" given more than once")});
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 2. Wrong types at every level
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, WrongTypes) {
  struct Change {
    std::string path;
    json body;
    std::string pointer;
    json value;
    std::string says;
  };
  const json task = video_task();
  const json script = script_task();
  const std::vector<Change> changes = {
      {kUploadPath, upload_body(), "/upload_type", 1, "upload_type: must be a string, got 1"},
      {kUploadPath, upload_body(), "/use_scenario", {"AIGC"}, "use_scenario: must be a string"},
      {kUploadPath,
       upload_body(),
       "/video_url",
       {{"url", "https://cdn.example.com/a.mp4"}},
       "video_url: must be a string"},
      {kUploadPath, upload_body(), "/video_url", true, "video_url: must be a string"},
      {kUploadPath, upload_body(), "/upload_type", nullptr,
       "Missing required field(s): upload_type"},
      {kVideoTaskCreatePath, task, "/aigc_video_type", 3, "aigc_video_type: must be a string"},
      {kVideoTaskCreatePath, task, "/product_video_info", json::array(),
       "product_video_info: must be an object"},
      {kVideoTaskCreatePath, task, "/product_video_info", "info",
       "product_video_info: must be an object"},
      {kVideoTaskCreatePath, task, "/product_video_info/video_generation_count", "2",
       "product_video_info.video_generation_count: must be an integer, got \"2\""},
      {kVideoTaskCreatePath, task, "/product_video_info/video_generation_count", true,
       "product_video_info.video_generation_count: must be an integer, got true"},
      {kVideoTaskCreatePath, task, "/product_video_info/target_language", 1,
       "product_video_info.target_language: must be a string"},
      {kVideoTaskCreatePath, task, "/product_video_info/product_info_list", json::object(),
       "product_video_info.product_info_list: must be an array"},
      {kVideoTaskCreatePath,
       task,
       "/product_video_info/product_info_list",
       {"info"},
       kInfo + ": must be an object"},
      {kVideoTaskCreatePath, task, kInfoPointer + "/title", 5, kInfo + ".title: must be a string"},
      {kVideoTaskCreatePath, task, kInfoPointer + "/source_language", json::array(),
       kInfo + ".source_language: must be a string"},
      {kVideoTaskCreatePath, task, kInfoPointer + "/selling_points", "Vegan",
       kInfo + ".selling_points: must be an array"},
      {kVideoTaskCreatePath, task, kInfoPointer + "/selling_points/0", json::object(),
       kInfo + ".selling_points[0]: must be a string"},
      {kVideoTaskCreatePath, task, kInfoPointer + "/price", "24.99",
       kInfo + ".price: must be a number"},
      {kVideoTaskCreatePath, task, "/product_video_info/input_video_list", json::array(),
       "product_video_info.input_video_list: must be an object"},
      {kVideoTaskCreatePath, task, "/product_video_info/input_video_list/video_id_list", "id",
       "product_video_info.input_video_list.video_id_list: must be an array"},
      // Ids are strings (quirk 13): one sent as a number is refused, not rounded.
      {kVideoTaskCreatePath, task, "/product_video_info/input_video_list/video_id_list/0",
       7000000000000000001ull,
       "product_video_info.input_video_list.video_id_list[0]: must be a string"},
      {kScriptTaskCreatePath, script, "/script_source", 1, "script_source: must be a string"},
      {kScriptTaskCreatePath, script, "/product_info", "serum", "product_info: must be an object"},
      {kScriptTaskCreatePath, script, "/product_info/name", json::array(),
       "product_info.name: must be a string"},
      {kScriptTaskCreatePath, script, "/product_info/selling_points/0", 1,
       "product_info.selling_points[0]: must be a string"},
      {kScriptTaskCreatePath, script, "/media_list", json::array(),
       "media_list: must be an object"},
      {kScriptTaskCreatePath, script, "/media_list/image_url_list", "https://cdn.example.com/a.png",
       "media_list.image_url_list: must be an array"},
      {kScriptTaskCreatePath, script, "/script_info", 1, "script_info: must be an object"},
      {kScriptTaskCreatePath, script, "/script_info/tone", 1, "script_info.tone: must be a string"},
      {kScriptTaskCreatePath, script, "/script_generation_count", "4",
       "script_generation_count: must be an integer"},
      {kScriptTaskCreatePath, custom_script_task(), "/custom_prompt", json::object(),
       "custom_prompt: must be a string"},
      {kVideoTaskCreatePath, dubbing_task(), "/dubbing_video_info", json::object(),
       "dubbing_video_info: must be an array"},
      {kVideoTaskCreatePath, dubbing_task(), "/dubbing_video_info/0/target_languages", "fr",
       "dubbing_video_info[0].target_languages: must be an array"},
      {kVideoTaskCreatePath, dubbing_task(), "/dubbing_video_info/0/scripts/0/text_end_time", "900",
       "dubbing_video_info[0].scripts[0].text_end_time: must be a number"},
      {kVideoTaskCreatePath, dubbing_task(), "/dubbing_video_info/0/scripts/0", json::array({"Bonjour", 0, 900}),
       "dubbing_video_info[0].scripts[0]: must be an object"},
      {kVideoTaskCreatePath, dubbing_task(), "/dubbing_video_info/0/subtitle_enabled", 1,
       "dubbing_video_info[0].subtitle_enabled: must be true or false"},
      {kAvatarVideoTaskCreatePath, avatar_video_task(), "/material_packages", json::object(),
       "material_packages: must be an array"},
      {kAvatarVideoTaskCreatePath, avatar_video_task(), "/material_packages/0", "package",
       "material_packages[0]: must be an object"},
      {kAvatarVideoTaskCreatePath, avatar_video_task(), "/material_packages/0/script", json::array({"Hi"}),
       "material_packages[0].script: must be a string"},
      {kAvatarVideoTaskCreatePath, avatar_video_task(), "/material_packages/0/package_id", 7,
       "material_packages[0].package_id: must be a string"},
      {kAvatarVideoRenamePath, rename_body(), "/file_name", 3, "file_name: must be a string"},
      {kAvatarVideoRenamePath, rename_body(), "/avatar_video_id", nullptr,
       "Missing required field(s): avatar_video_id"},
  };
  std::vector<Case> cases;
  for (const auto& change : changes) {
    cases.push_back({change.path + change.pointer + " = " + change.value.dump(),
                     api_post(change.path, with(change.body, change.pointer, change.value)),
                     param_error(change.says)});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 3. Numbers at the edges of what JSON and the rules allow
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, Numbers) {
  const std::string count = "/product_video_info/video_generation_count";
  const std::string count_says = "product_video_info.video_generation_count: ";
  const std::vector<std::pair<std::string, std::string>> counts = {
      {"1e400", "body: number out of range"},
      {"-1e400", "body: number out of range"},
      {"-0", count_says + "must be between 1 and 5, got 0"},
      {"9223372036854775808", count_says + "must be between 1 and 5, got 9223372036854775808"},
      {"18446744073709551616", count_says + "must be an integer, got 1.8446744073709552e+19"},
      {"-9223372036854775809", count_says + "must be an integer"},
      {"1e-400", count_says + "must be an integer, got 0.0"},
      {"2.0", count_says + "must be an integer, got 2.0"},
      {"1.5", count_says + "must be an integer, got 1.5"},
      {"1e0", count_says + "must be an integer, got 1.0"},
      {"100000000000000000000000000000", count_says + "must be an integer"},
      {"0x2", kMalformed},
      {"+2", kMalformed},
      {"02", kMalformed},
      {"NaN", kMalformed},
      {"Infinity", kMalformed},
  };
  std::vector<Case> cases;
  for (const auto& [number, says] : counts) {
    cases.push_back({"video_generation_count " + number,
                     api_post(kVideoTaskCreatePath, splice(video_task(), count, number)),
                     param_error(says)});
  }
  const auto script_number = [&](const std::string& pointer, const std::string& number,
                                 const std::string& says) {
    cases.push_back({pointer + " " + number,
                     api_post(kScriptTaskCreatePath, splice(script_task(), pointer, number)),
                     param_error(says)});
  };
  script_number("/script_generation_count", "4.0",
                "script_generation_count: must be an integer, got 4.0");
  script_number("/script_generation_count", "9223372036854775807",
                "script_generation_count: must be between 1 and 8, got 9223372036854775807");
  script_number("/product_info/price", "1e400", "body: number out of range");
  script_number("/product_info/price", "-0.01",
                "product_info.price: must be at least 0, got -0.01");
  script_number("/product_info/price", "-1e308", "product_info.price: must be at least 0");
  cases.push_back(
      {"price -1e400 in a video task",
       api_post(kVideoTaskCreatePath, splice(video_task(), kInfoPointer + "/price", "-1e400")),
       param_error("body: number out of range")});
  // GET parameters: decimal digits only, within range.
  for (const char* path : {kVideoListPath, kScriptListPath}) {
    const std::string prefix =
        std::string(path) + "?" +
        (std::string(path) == kVideoListPath ? param("aigc_video_types", all_video_types()) + "&"
                                             : "");
    const auto add = [&](const std::string& query, const std::string& says) {
      cases.push_back(
          {std::string(path) + " " + query, api_get(prefix + query), param_error(says)});
    };
    add("page=1e3", "page: must be an integer, got \"1e3\"");
    add("page=1.0", "page: must be an integer, got \"1.0\"");
    add("page=0x10", "page: must be an integer");
    add("page=+1", "page: must be an integer");  // '+' is a space in a query
    add("page=%2B1", "page: must be an integer");
    add("page=", "page: must be an integer, got \"\"");
    add("page=-0", "page: must be between 1 and 2147483647, got 0");
    add("page=2147483648", "page: must be between 1 and 2147483647, got 2147483648");
    add("page=9223372036854775808", "page: must be between 1 and 2147483647");
    add("page=" + std::string(200, '9'), "page: must be between 1 and 2147483647");
    add("page=-" + std::string(200, '9'), "page: must be between 1 and 2147483647");
    add("page_size=0", "page_size: must be between 1 and 100, got 0");
    add("page_size=101", "page_size: must be between 1 and 100, got 101");
    add("page_size=1%00", "page_size: must be an integer");
    add("page_size=%EF%BC%91", "page_size: must be an integer");  // a full-width digit one
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 4. Text encoding: invalid and overlong UTF-8, surrogates, NUL
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, Encoding) {
  const std::vector<std::pair<std::string, std::string>> bad_sequences = {
      {"a stray byte FF", "\xFF"},
      {"a lone continuation byte", "\x80"},
      {"a two-byte lead without its continuation", "\xC3("},
      {"an overlong '/' in two bytes", "\xC0\xAF"},
      {"an overlong '/' in three bytes", "\xE0\x80\xAF"},
      {"an overlong '/' in four bytes", "\xF0\x80\x80\xAF"},
      {"an overlong NUL", "\xC0\x80"},
      {"a UTF-16 surrogate encoded as UTF-8", "\xED\xA0\x80"},
      {"a code point above U+10FFFF", "\xF4\x90\x80\x80"},
      {"a truncated three-byte sequence", "\xE2\x82"},
  };
  std::vector<Case> cases;
  for (const auto& [name, bytes] : bad_sequences) {
    cases.push_back({name + " in video_url",
                     api_post(kUploadPath, with_bytes_in(upload_body(), "/video_url", bytes)),
                     param_error(kNotUtf8)});
  }
  cases.push_back({"invalid UTF-8 in a key",
                   api_post(kUploadPath, with_member_first(upload_body(), "\"\xFF\":1")),
                   param_error(kNotUtf8)});
  {
    std::string body = with(video_task(), kInfoPointer + "/x", 1);
    body.replace(body.find("\"x\""), 3, "\"\xC0\xAF\"");
    cases.push_back({"an overlong encoding in a nested key", api_post(kVideoTaskCreatePath, body),
                     param_error(kNotUtf8)});
  }
  cases.push_back(
      {"invalid UTF-8 in a product title",
       api_post(kVideoTaskCreatePath, with_bytes_in(video_task(), kInfoPointer + "/title", "\xF8")),
       param_error(kNotUtf8)});
  cases.push_back({"invalid UTF-8 in a script description",
                   api_post(kScriptTaskCreatePath,
                            with_bytes_in(script_task(), "/product_info/description", "\xC3\x28")),
                   param_error(kNotUtf8)});
  cases.push_back({"invalid UTF-8 in a custom prompt",
                   api_post(kScriptTaskCreatePath,
                            with_bytes_in(custom_script_task(), "/custom_prompt", "\xED\xBF\xBF")),
                   param_error(kNotUtf8)});
  cases.push_back(
      {"a low surrogate escape alone",
       api_post(kScriptTaskCreatePath, with_member_first(script_task(), R"("pad":"\udc00")")),
       param_error(kMalformed)});
  // NUL escaped is valid JSON: it must not cut a value short, nor alias a name.
  cases.push_back(
      {"an escaped NUL in video_url",
       api_post(kUploadPath, with(upload_body(), "/video_url",
                                  "https://cdn.example.com/a.mp4" + std::string(1, '\0') + ".txt")),
       param_error("video_url: must be an absolute http(s) URL")});
  cases.push_back({"an escaped NUL after aigc_video_type",
                   api_post(kVideoTaskCreatePath,
                            with(video_task(), "/aigc_video_type", std::string("VOICEOVER\0", 10))),
                   param_error("aigc_video_type: must be one of")});
  {
    json body = upload_body();
    body.erase("upload_type");
    body[std::string("upload_type\0", 12)] = "UPLOAD_BY_URL";
    cases.push_back({"an escaped NUL after the name upload_type",
                     api_post(kUploadPath, body.dump()),
                     param_error("Missing required field(s): upload_type")});
  }
  // The same in query parameters.
  const auto query = [&](const std::string& name, const std::string& target, Outcome outcome) {
    cases.push_back({name, api_get(target), std::move(outcome)});
  };
  const std::string not_utf8 = "query: parameters must be valid UTF-8";
  query("an invalid byte in task_id", std::string(kScriptTaskGetPath) + "?task_id=%FF",
        param_error(not_utf8));
  query("an overlong encoding in task_ids",
        std::string(kVideoTaskListPath) + "?task_ids=" + encode("[\"\xC0\xAF\"]") +
            "&aigc_video_type=VOICEOVER",
        param_error(not_utf8));
  query("a surrogate in aigc_video_types",
        std::string(kVideoListPath) + "?aigc_video_types=%5B%22%ED%A0%80%22%5D",
        param_error(not_utf8));
  query("invalid UTF-8 in a parameter name", std::string(kScriptListPath) + "?%C3%28=1",
        param_error(not_utf8));
  query("a NUL after a real task_id",
        std::string(kScriptTaskGetPath) + "?task_id=" + state.script_tasks[0] + "%00",
        api_error(40007, "task_id: task " + state.script_tasks[0]));
  query("an escaped NUL after a real id in task_ids",
        std::string(kVideoTaskListPath) +
            "?task_ids=" + encode("[\"" + state.video_tasks[0] + "\\u0000\"]"),
        api_error(40007, "task_ids: task " + state.video_tasks[0]));
  query("a raw NUL inside task_ids' JSON",
        std::string(kVideoTaskListPath) + "?task_ids=%5B%22" + state.video_tasks[0] + "%00%22%5D",
        param_error("task_ids: must be a JSON array sent as one parameter"));
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 5. Sizes: bodies over the limit, huge strings and arrays, over-long request lines
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, Sizes) {
  std::vector<Case> cases;
  const std::size_t over = (1u << 20) + 1;
  const auto padded = [over](const json& body) {
    const std::size_t empty = splice(body, "/pad", "\"\"").size();
    return splice(body, "/pad", "\"" + std::string(over - empty, 'x') + "\"");
  };
  for (const auto& [path, body] :
       std::vector<std::pair<std::string, json>>{{kUploadPath, upload_body()},
                                                 {kVideoTaskCreatePath, video_task()},
                                                 {kScriptTaskCreatePath, script_task()}}) {
    cases.push_back({"a body one byte over 1 MiB at " + path, api_post(path, padded(body)),
                     http_error(413, kMaxBodyText)});
  }
  cases.push_back({"a 2 MiB body to the control API",
                   frame("POST", "/__mock__/clock/advance", {{"Content-Type", "application/json"}},
                         "{\"seconds\":1,\"pad\":\"" + std::string(2u << 20, 'x') + "\"}"),
                   http_error(413, kMaxBodyText)});
  {
    std::string chunked;
    for (int i = 0; i < 20; ++i) chunked += "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
    cases.push_back({"a chunked body over 1 MiB",
                     "POST " + std::string(kUploadPath) +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccess-Token: test-token\r\n"
                         "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                         "Connection: close\r\n\r\n" +
                         chunked + "0\r\n\r\n",
                     http_error(413, kMaxBodyText)});
  }
  // Huge values within the body limit: the rules measure them and say by how much.
  const auto post_change = [&](const std::string& name, const std::string& path,
                               const std::string& body, Outcome outcome) {
    cases.push_back({name, api_post(path, body), std::move(outcome)});
  };
  post_change("a 100,000-character title", kVideoTaskCreatePath,
              with(video_task(), kInfoPointer + "/title", std::string(100000, 'x')),
              param_error(kInfo + ".title: must be at most 500 characters, got 100000"));
  post_change("a description of 400,000 two-byte characters", kVideoTaskCreatePath,
              with(video_task(), kInfoPointer + "/description", repeat("\xC3\xA9", 400000)),
              param_error(kInfo + ".description: must be at most 300 characters, got 400000"));
  post_change("a 900,000-character video_url", kUploadPath,
              with(upload_body(), "/video_url",
                   "https://cdn.example.com/" + std::string(900000, 'a') + ".mp4"),
              param_error("video_url: must be an absolute http(s) URL"));
  post_change("a 500,000-character custom prompt", kScriptTaskCreatePath,
              with(custom_script_task(), "/custom_prompt", std::string(500000, 'p')),
              param_error("custom_prompt: must be at most 3000 characters, got 500000"));
  post_change("a 100,000-character product name", kScriptTaskCreatePath,
              with(script_task(), "/product_info/name", std::string(100000, 'n')),
              param_error("product_info.name: must be at most 300 characters, got 100000"));
  post_change("100,000 selling points", kVideoTaskCreatePath,
              with(video_task(), kInfoPointer + "/selling_points",
                   json(std::vector<std::string>(100000, "x"))),
              param_error(kInfo + ".selling_points: must hold between 1 and 10 items, got 100000"));
  post_change(
      "2,000 products", kVideoTaskCreatePath,
      with(video_task(), "/product_video_info/product_info_list",
           json(std::vector<json>(2000, Bodies::product_info()))),
      param_error(
          "product_video_info.product_info_list: must hold exactly 1 item, got 2000"));
  post_change(
      "30,000 video ids", kVideoTaskCreatePath,
      with(video_task(), "/product_video_info/input_video_list/video_id_list", id_array(30000)),
      api_error(40011,
                "product_video_info.input_video_list.video_id_list: must hold between 1 and 20 "
                "items, got 30000"));
  post_change("30,000 video ids in media_list", kScriptTaskCreatePath,
              with(script_task(), "/media_list/video_id_list", id_array(30000)),
              api_error(40011, "media_list.video_id_list: must hold at most 20 items, got 30000"));
  post_change("20,000 image URLs in media_list", kScriptTaskCreatePath,
              with(script_task(), "/media_list/image_url_list",
                   json(std::vector<std::string>(20000, "https://cdn.example.com/a.png"))),
              param_error("media_list.image_url_list: must hold at most 20 items, got 20000"));
  cases.push_back(
      {"250 task ids in a query",
       api_get(std::string(kVideoTaskListPath) + "?" + param("task_ids", id_array(250))),
       api_error(40011, "task_ids: must hold between 1 and 5 items, got 250")});
  // A request line over httplib's 8,192 bytes, on every GET route.
  const std::string long_query = "&x=" + std::string(9000, 'a');
  for (const std::string& target :
       {std::string(kVideoTaskListPath) + "?" + param("task_ids", {state.video_tasks[0]}) +
            long_query,
        std::string(kVideoListPath) + "?page=1" + long_query,
        std::string(kScriptTaskGetPath) + "?task_id=" + std::string(9000, '7'),
        std::string(kScriptListPath) + "?page=1" + long_query,
        std::string(kUploadPath) + "?x=" + std::string(9000, 'a'),
        "/media/preview/" + std::string(9000, 'v') + ".mp4",
        "/__mock__/journal?limit=" + std::string(9000, '1')}) {
    cases.push_back({"a 9,000-byte request line to " + target.substr(0, target.find('?')),
                     api_get(target), http_error(414, "the request line is too long")});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 6. Query abuse on the four GET endpoints
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, QueryAbuse) {
  const std::string& task = state.video_tasks[0];
  const std::string ids = param("task_ids", {task});
  const std::string types = param("aigc_video_types", all_video_types());
  const std::string list = std::string(kVideoTaskListPath) + "?";
  const std::string videos = std::string(kVideoListPath) + "?";
  const std::string script = std::string(kScriptTaskGetPath) + "?";
  const std::string scripts = std::string(kScriptListPath) + "?";
  const std::string not_one_array = "task_ids: must be a JSON array sent as one parameter";
  const std::vector<std::pair<std::string, Outcome>> queries = {
      // Quirk 5: any parameter given twice is refused, even with the same value.
      {list + ids + "&" + ids, param_error("task_ids: given more than once")},
      {list + ids + "&" + param("task_ids", {state.video_tasks[1]}),
       param_error("task_ids: given more than once")},
      {list + ids + "&aigc_video_type=VOICEOVER&aigc_video_type=STOCK_VIDEO",
       param_error("aigc_video_type: given more than once")},
      {videos + types + "&" + types, param_error("aigc_video_types: given more than once")},
      {videos + "page=1&page=1", param_error("page: given more than once")},
      {scripts + "page_size=5&page_size=50", param_error("page_size: given more than once")},
      {script + "task_id=" + state.script_tasks[0] + "&task_id=" + state.script_tasks[0],
       param_error("task_id: given more than once")},
      // Lists are one JSON value, not repeats or commas.
      {list + "task_ids=" + task + "," + state.video_tasks[1], param_error(not_one_array)},
      {list + "task_ids=" + task, param_error(not_one_array)},
      {list + "task_ids%5B%5D=" + task, param_error("Missing required field(s): task_ids")},
      {videos + "aigc_video_types=VOICEOVER,STOCK_VIDEO",
       param_error("aigc_video_types: must be a JSON array sent as one parameter")},
      {list + "task_ids=" + encode("[\"" + task + "\""), param_error(not_one_array)},
      {list + "task_ids=" + encode("{\"0\":\"" + task + "\"}"), param_error(not_one_array)},
      {list + "task_ids=null", param_error(not_one_array)},
      {list + "task_ids=" + encode("\"" + task + "\""), param_error(not_one_array)},
      {list + "task_ids=" + encode("[1e400]"), param_error(not_one_array)},
      {list + "task_ids=" + encode("[\"" + task + "\"]x"), param_error(not_one_array)},
      {list + ids + "%00" + encode("[\"" + state.video_tasks[1] + "\"]"),
       param_error(not_one_array)},
      {list + "task_ids=%5B%5D", param_error("task_ids: must not be empty")},
      {list + "task_ids=" + encode("[\"\"]"), param_error("task_ids[0]: must not be empty")},
      {list + "task_ids=" + encode("[" + task + "]"), param_error("task_ids[0]: must be a string")},
      {list + "task_ids=" + encode("[[\"" + task + "\"]]"),
       param_error("task_ids[0]: must be a string")},
      {list + "task_ids=" + nested_arrays(3000), param_error("task_ids[0]: must be a string")},
      {videos + "aigc_video_types=" + encode("[\"voiceover\"]"),
       param_error("aigc_video_types[0]: must be one of")},
      {videos + "aigc_video_types=%5B%5D",
       param_error("aigc_video_types: must hold at least 1 item")},
      {videos + "aigc_video_types=" + encode("[null]"),
       param_error("aigc_video_types[0]: must be a string")},
      {list + ids + "&aigc_video_type=" + encode("[\"VOICEOVER\"]"),
       param_error("aigc_video_type: must be one of")},
      // Percent-encoding errors travel as they are, and are then what the rule refuses.
      {scripts + "page=%zz", param_error("page: must be an integer, got \"%zz\"")},
      {scripts + "page=%", param_error("page: must be an integer")},
      {scripts + "page=1%2", param_error("page: must be an integer")},
      {scripts + "page=%00", param_error("page: must be an integer")},
      {videos + "aigc_video_types=%5B%22VOICEOVER%22%5D%2",
       param_error("aigc_video_types: must be a JSON array")},
      {script + "task_id=%zz", api_error(40007, "task_id: task %zz does not exist")},
      {script + "%zz=1", param_error("Missing required field(s): task_id")},
      {script + "task_id=", param_error("task_id: must not be empty")},
      {script + "task_id", param_error("task_id: must not be empty")},
      {list + "aigc_video_type=VOICEOVER", param_error("Missing required field(s): task_ids")},
      // Another token's ids are unknown here.
      {list + param("task_ids", {state.other_task}) + "&aigc_video_type=VOICEOVER",
       api_error(40007, "task_ids: task " + state.other_task + " does not exist")},
      {list + param("task_ids", {task, state.other_task}),
       api_error(40007, "task_ids: task " + state.other_task)},
      {script + "task_id=" + state.other_script,
       api_error(40007, "task_id: task " + state.other_script)},
  };
  const std::string avatar_tasks = std::string(kAvatarVideoTaskGetPath) + "?";
  const std::string avatar_videos = std::string(kAvatarVideoListPath) + "?";
  const std::string filtering = "filtering=" + encode(R"({"start_date":"2025-01-01"})");
  const std::string not_one_object = "filtering: must be a JSON object sent as one parameter";
  const std::vector<std::pair<std::string, Outcome>> avatar_queries = {
      {avatar_tasks + param("task_ids", {state.avatar_tasks[0]}) + "&" + param("task_ids", {state.avatar_tasks[0]}),
       param_error("task_ids: given more than once")},
      {avatar_tasks + "task_ids=" + state.avatar_tasks[0], param_error(not_one_array)},
      {avatar_tasks + param("task_ids", {state.other_avatar_task}),
       api_error(40007, "task_ids: task " + state.other_avatar_task + " does not exist")},
      {avatar_tasks + param("task_ids", {state.video_tasks[0]}),
       api_error(40007, "task_ids: task " + state.video_tasks[0])},  // the stores are apart
      {avatar_videos + filtering + "&" + filtering, param_error("filtering: given more than once")},
      {avatar_videos + "filtering=start_date:2025-01-01", param_error(not_one_object)},
      {avatar_videos + "filtering%5Bstart_date%5D=2025-01-01&filtering=x", param_error(not_one_object)},
      {avatar_videos + "filtering=" + encode("[\"2025-01-01\"]"), param_error(not_one_object)},
      {avatar_videos + "filtering=" + encode(R"({"start_date":20250101})"),
       param_error("filtering.start_date: must be a string")},
      {avatar_videos + "filtering=" + encode(R"({"avatar_id":null,"end_date":"2025-02-30"})"),
       param_error("filtering.end_date: must be a date written YYYY-MM-DD")},
      {avatar_videos + "filtering=" + encode(R"({"start_date":"2025-01-01"}x)"), param_error(not_one_object)},
  };
  std::vector<Case> cases;
  for (const auto& [target, outcome] : queries) cases.push_back({target, api_get(target), outcome});
  for (const auto& [target, outcome] : avatar_queries) cases.push_back({target, api_get(target), outcome});
  cases.push_back({"another token's avatar video renamed",
                   api_post(kAvatarVideoRenamePath, with(rename_body(), "/avatar_video_id", state.other_avatar_video)),
                   api_error(40007, "avatar_video_id: video " + state.other_avatar_video + " does not exist")});
  // Another token's uploads cannot be used either.
  cases.push_back(
      {"another token's clip in a video task",
       api_post(kVideoTaskCreatePath, voiceover_task({state.other_upload}).dump()),
       api_error(40007, "video_id_list: video " + state.other_upload + " does not exist")});
  cases.push_back({"another token's clip in a script task",
                   api_post(kScriptTaskCreatePath,
                            with(script_task(), "/media_list/video_id_list", {state.other_upload})),
                   api_error(40007, "media_list.video_id_list: video " + state.other_upload)});
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 7. Headers: the token, Content-Type, repeats and CR/LF
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, Headers) {
  const std::string null_token = "Access token is null";
  const std::string bad_token = "Access token is incorrect";
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"POST", kUploadPath},
      {"POST", kVideoTaskCreatePath},
      {"GET", std::string(kVideoTaskListPath) + "?" + param("task_ids", {state.video_tasks[0]})},
      {"GET", kVideoListPath},
      {"POST", kScriptTaskCreatePath},
      {"GET", std::string(kScriptTaskGetPath) + "?task_id=" + state.script_tasks[0]},
      {"GET", kScriptListPath},
  };
  std::vector<Case> cases;
  for (const auto& [method, target] : endpoints) {
    const std::string body = method == "POST" ? "{}" : "";  // the token is checked first
    const HeaderList json_type = {{"Content-Type", "application/json"}};
    const auto with_token = [&](const std::string& token) {
      HeaderList headers = json_type;
      headers.emplace_back("Access-Token", token);
      return frame(method, target, headers, body);
    };
    const std::string at = " at " + target.substr(0, target.find('?'));
    cases.push_back({"no Access-Token" + at, frame(method, target, json_type, body),
                     api_error(40104, null_token)});
    cases.push_back({"an empty Access-Token" + at, with_token(""), api_error(40104, null_token)});
    cases.push_back(
        {"an Access-Token of spaces" + at, with_token("   "), api_error(40104, null_token)});
    cases.push_back(
        {"an unknown Access-Token" + at, with_token("intruder"), api_error(40105, bad_token)});
  }
  const std::string list = std::string(kScriptListPath);
  const auto headers_case = [&](const std::string& name, const std::string& head_lines,
                                Outcome outcome) {
    cases.push_back({name,
                     "GET " + list + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head_lines +
                         "Connection: close\r\n\r\n",
                     std::move(outcome)});
  };
  headers_case("an 8,000-byte Access-Token", "Access-Token: " + std::string(8000, 't') + "\r\n",
               api_error(40105, bad_token));
  headers_case("an Access-Token line over 8,192 bytes",
               "Access-Token: " + std::string(9000, 't') + "\r\n",
               http_error(400, "malformed HTTP request"));
  headers_case("a NUL inside the token", std::string("Access-Token: test\0token\r\n", 26),
               api_error(40105, bad_token));
  headers_case("a NUL after the valid token", std::string("Access-Token: test-token\0\r\n", 27),
               api_error(40105, bad_token));
  headers_case("a bare CR injecting a header into the token",
               "Access-Token: test-token\rX-Injected: 1\r\n", api_error(40105, bad_token));
  headers_case("a bare LF ending the token line", "Access-Token: test-token\nX-Injected: 1\r\n",
               api_error(40104, null_token));
  headers_case("a token folded over two lines", "Access-Token: test-\r\n token\r\n",
               api_error(40105, bad_token));
  // Two tokens name no one account, even when both are valid.
  headers_case("the token given twice, another token second",
               "Access-Token: test-token\r\nAccess-Token: other-token\r\n",
               api_error(40105, "Access-Token: given more than once"));
  headers_case("the token given twice, the same both times",
               "Access-Token: test-token\r\nAccess-Token: test-token\r\n",
               api_error(40105, "Access-Token: given more than once"));
  // Content-Type on the three endpoints with a body.
  for (const auto& [path, body] :
       std::vector<std::pair<std::string, json>>{{kUploadPath, upload_body()},
                                                 {kVideoTaskCreatePath, video_task()},
                                                 {kScriptTaskCreatePath, script_task()}}) {
    const std::string text = body.dump();
    const auto typed = [&](const HeaderList& types) {
      HeaderList headers = {{"Access-Token", kToken}};
      headers.insert(headers.end(), types.begin(), types.end());
      return frame("POST", path, headers, text);
    };
    const std::string says = "Content-Type: must be application/json";
    cases.push_back({"no Content-Type at " + path, typed({}), param_error(says + ", got \"\"")});
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonp",
                             "application/json-patch+json", "text/json"}) {
      cases.push_back({std::string("Content-Type ") + type + " at " + path,
                       typed({{"Content-Type", type}}), param_error(says)});
    }
    // httplib parses a multipart body before the mock sees it: one that is not is malformed.
    cases.push_back({"multipart/form-data over a JSON body at " + path,
                     typed({{"Content-Type", "multipart/form-data; boundary=x"}}),
                     http_error(400, "malformed HTTP request")});
    cases.push_back(
        {"multipart/form-data at " + path,
         frame("POST", path,
               {{"Access-Token", kToken}, {"Content-Type", "multipart/form-data; boundary=x"}},
               "--x\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n" + text +
                   "\r\n--x--\r\n"),
         param_error(says + ", got \"multipart/form-data; boundary=x\"")});
    cases.push_back({"Content-Type given twice at " + path,
                     typed({{"Content-Type", "text/plain"}, {"Content-Type", "application/json"}}),
                     param_error(says + ", got \"text/plain\"")});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 8. Methods, paths and request lines
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, MethodsPathsAndRequestLines) {
  std::vector<Case> cases;
  const std::vector<std::tuple<std::string, std::string, std::string>> wrong_methods = {
      {"GET", kUploadPath, "POST"},           {"PUT", kVideoTaskCreatePath, "POST"},
      {"DELETE", kVideoTaskListPath, "GET"},  {"POST", kVideoListPath, "GET"},
      {"GET", kScriptTaskCreatePath, "POST"},  // quirk 4: the curl example's GET
      {"PATCH", kScriptTaskGetPath, "GET"},   {"OPTIONS", kScriptListPath, "GET"},
  };
  for (const auto& [method, path, allowed] : wrong_methods) {
    cases.push_back(
        {method + " " + path,
         frame(method, path, {{"Access-Token", kToken}, {"Content-Type", "application/json"}},
               method == "GET" || method == "OPTIONS" || method == "DELETE" ? "" : "{}"),
         http_error(405, "method not allowed", allowed)});
  }
  for (const std::string& path :
       {std::string("/"), std::string("/open_api/v1.3/"),
        std::string("/open_api/v1.3/creative/aigc/video/task/get/"),
        std::string("/open_api/v1.3/creative/aigc/video/list"),
        std::string("/open_api/v1.3/creative/aigc/video/list//"),
        std::string("/open_api//v1.3/creative/aigc/video/list/"),
        std::string("/open_api/v1.3/creative/aigc/../aigc/video/list/"),
        std::string("/open_api/v1.3/creative/aigc/video/%2e%2e/video/list/"),
        std::string("/OPEN_API/v1.3/creative/aigc/video/list/"),
        std::string("/open_api/v1.3/creative/aigc/video/list/%00"),
        std::string("/open_api/v1.2/creative/aigc/video/list/"), std::string("/media/preview")}) {
    cases.push_back({"GET " + path, api_get(path), http_error(404, "not found")});
  }
  cases.push_back({"an unknown control path", frame("POST", "/__mock__/shutdown", {}),
                   http_error(404, "no such control endpoint")});
  cases.push_back({"a control path with the wrong method", frame("PUT", "/__mock__/clock", {}),
                   http_error(404, "no such control endpoint")});
  const std::string path = kScriptListPath;
  const std::string head =
      "\r\nHost: 127.0.0.1\r\nAccess-Token: test-token\r\nConnection: close\r\n\r\n";
  for (const auto& [name, line] : std::vector<std::pair<std::string, std::string>>{
           {"an unknown method", "BREW " + path + " HTTP/1.1"},
           {"a lower-case method", "get " + path + " HTTP/1.1"},
           {"no HTTP version", "GET " + path},
           {"HTTP/9.9", "GET " + path + " HTTP/9.9"},
           {"a fourth word", "GET " + path + " HTTP/1.1 extra"},
           {"a NUL in the method", std::string("GE\0T ", 5) + path + " HTTP/1.1"},
           {"a TLS hello", "\x16\x03\x01\x02"},
           {"an empty request line", ""},
       }) {
    cases.push_back(
        {"request line: " + name, line + head, http_error(400, "malformed HTTP request")});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 9. Bodies that disagree with their framing
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, Framing) {
  const std::string body = upload_body().dump();
  const std::string head = "POST " + std::string(kUploadPath) +
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccess-Token: test-token\r\n"
                           "Content-Type: application/json\r\nConnection: close\r\n";
  const std::vector<Case> cases = {
      // Only the announced bytes are the body; the rest would be the next request.
      {"a Content-Length shorter than the body", head + "Content-Length: 10\r\n\r\n" + body,
       param_error(kMalformed)},
      // httplib takes what is not a number as 0, and the first of two lengths.
      {"a Content-Length that is not a number", head + "Content-Length: abc\r\n\r\n" + body,
       param_error(kMalformed)},
      {"two different Content-Lengths",
       head + "Content-Length: 10\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body,
       param_error(kMalformed)},
      {"a chunk size that is not hex",
       head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n",
       http_error(400, "malformed HTTP request")},
      {"a chunk longer than announced",
       head + "Transfer-Encoding: chunked\r\n\r\n5\r\n" + body + "\r\n0\r\n\r\n",
       param_error(kMalformed)},
      // Bodies that never arrive whole: the client ends its stream, the server drops the
      // connection (httplib writes nothing to a peer that has closed its side) and goes on.
      {"a Content-Length longer than the body", head + "Content-Length: 1000\r\n\r\n" + body,
       dropped(), true},
      {"a negative Content-Length", head + "Content-Length: -1\r\n\r\n" + body, dropped(), true},
      {"a Content-Length of 2^64", head + "Content-Length: 18446744073709551616\r\n\r\n" + body,
       dropped(), true},
      {"chunks without the last one", head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n",
       dropped(), true},
      {"a gzip Content-Encoding over plain text",
       head + "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body,
       http_error(400, "malformed HTTP request")},
  };
  walk(cases);
}

// `curl -X POST URL` sends neither Content-Length nor a body: that is an empty body, answered
// at once, not a wait for a body until the read times out.
TEST_F(HostileInputCatalogue, APostWithoutContentLengthHasAnEmptyBody) {
  const std::string head = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  const auto started = std::chrono::steady_clock::now();
  const RawReply frozen = exchange(server.port(), "POST /__mock__/clock/freeze" + head + "\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  ASSERT_EQ(frozen.status, 200) << frozen.body;
  EXPECT_EQ(json::parse(frozen.body, nullptr, false).value("frozen", false), true) << frozen.body;

  const RawReply api = exchange(
      server.port(), "POST " + std::string(kUploadPath) + head +
                         "Access-Token: test-token\r\nContent-Type: application/json\r\n\r\n");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(json::parse(api.body, nullptr, false).value("code", 0), 40002) << api.body;
}

// ---------------------------------------------------------------------------------------
// 10. The preview route
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, PreviewRoute) {
  const std::string& url = state.preview;  // /media/preview/<id>.mp4?expires=E&signature=S
  const std::string query = url.substr(url.find('?'));
  const std::string& id = state.video;
  static const std::regex parts(R"(^\?expires=(\d+)&signature=([^&]+)$)");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(query, match, parts)) << url;
  const std::string expires = match[1];
  const std::string signature = match[2];
  ASSERT_EQ(exchange(server.port(), frame("GET", url, {})).status, 200)
      << "the URL itself is served";

  const std::string prefix = "/media/preview/";
  const Outcome not_found = http_error(404, "not found");
  const Outcome denied = http_error(403, "AccessDenied");
  std::string other_case = signature;
  for (char& c : other_case)
    c = static_cast<char>(std::islower(static_cast<unsigned char>(c)) ? std::toupper(c)
                                                                      : std::tolower(c));
  ASSERT_NE(other_case, signature);
  const std::vector<std::pair<std::string, Outcome>> targets = {
      {prefix + "../preview/" + id + ".mp4" + query, not_found},
      {prefix + "%2e%2e/preview/" + id + ".mp4" + query, not_found},
      {prefix + "%2e%2e%2fpreview%2f" + id + ".mp4" + query, not_found},
      {prefix + "..%2F..%2F..%2Fetc%2Fpasswd.mp4" + query, not_found},
      {prefix + "..%5C..%5Cetc%5Cpasswd.mp4" + query, not_found},
      {"/media/%2e%2e/media/preview/" + id + ".mp4" + query, not_found},
      {prefix + id + "%2F.mp4" + query, not_found},
      {prefix + "x%2F" + id + ".mp4" + query, not_found},
      {prefix + "/etc/passwd.mp4" + query, not_found},
      {prefix + "%2Fetc%2Fpasswd.mp4" + query, not_found},
      {prefix + "C:%5Cwindows%5Cwin.ini.mp4" + query, not_found},
      {prefix + id + ".mp4.mp4" + query, not_found},
      {prefix + id + ".php.mp4" + query, not_found},
      {prefix + id + ".mp4.php" + query, not_found},
      {prefix + id + ".mp4%00.txt" + query, not_found},
      {prefix + id + "%00.mp4" + query, not_found},
      {prefix + id + ".mp4/" + query, not_found},
      {prefix + id + ".MP4" + query, not_found},
      {prefix + id + query, not_found},
      {prefix + ".mp4" + query, not_found},
      {prefix + std::string(8000, '7') + ".mp4" + query, not_found},
      {prefix + state.video_tasks[0] + ".mp4" + query, not_found},  // a task id, not a video
      {prefix + state.upload + ".mp4" + query, not_found},          // an uploaded clip
      // This URL's expiry and signature do not open another token's video, nor any other.
      {prefix + state.other_video + ".mp4" + query, denied},
      {prefix + id + ".mp4", denied},
      {prefix + id + ".mp4?expires=" + expires, denied},
      {prefix + id + ".mp4?signature=" + signature, denied},
      {prefix + id + ".mp4?expires=" + std::to_string(std::stoll(expires) + 3600) +
           "&signature=" + signature,
       denied},
      {prefix + id + ".mp4?expires=0" + expires + "&signature=" + signature, denied},
      {prefix + id + ".mp4?expires=+" + expires + "&signature=" + signature, denied},
      {prefix + id + ".mp4?expires=" + expires + "%00&signature=" + signature, denied},
      {prefix + id + ".mp4?expires=-1&signature=" + signature, denied},
      {prefix + id + ".mp4?expires=" + std::string(40, '9') + "&signature=" + signature, denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=", denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=%zz", denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=" + other_case, denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=" + signature + "%00", denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=" + signature.substr(1), denied},
      // The right value repeated after a wrong one does not rescue a tampered URL.
      {prefix + id + ".mp4?expires=" + std::to_string(std::stoll(expires) + 3600) +
           "&signature=" + signature + "&expires=" + expires,
       denied},
      {prefix + id + ".mp4?expires=" + expires + "&signature=" + other_case +
           "&signature=" + signature,
       denied},
  };
  std::vector<Case> cases;
  for (const auto& [target, outcome] : targets)
    cases.push_back({target.substr(0, 200), frame("GET", target, {}), outcome});
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    cases.push_back({std::string(method) + " on a preview URL", frame(method, url, {}, "{}"),
                     http_error(405, "method not allowed", "GET, HEAD")});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 11. The control API
// ---------------------------------------------------------------------------------------

TEST_F(HostileInputCatalogue, ControlApi) {
  const auto control = [](const std::string& path, const std::string& body) {
    return frame("POST", path, {{"Content-Type", "application/json"}}, body);
  };
  const std::string advance = "/__mock__/clock/advance";
  const std::string seconds = "seconds: must be a number from 0 to 316224000";
  const std::string faults = "/__mock__/faults";
  const std::string outcomes = "/__mock__/outcomes";
  std::vector<Case> cases = {
      {"advance: truncated JSON", control(advance, "{\"seconds\": 6"), control_error(kMalformed)},
      {"advance: an array", control(advance, "[60]"), control_error("body: must be a JSON object")},
      {"advance: no seconds", control(advance, "{}"), control_error(seconds)},
      {"advance: seconds as a string", control(advance, R"({"seconds": "60"})"),
       control_error(seconds)},
      {"advance: seconds null", control(advance, R"({"seconds": null})"), control_error(seconds)},
      {"advance: seconds true", control(advance, R"({"seconds": true})"), control_error(seconds)},
      {"advance: -1 seconds", control(advance, R"({"seconds": -1})"), control_error(seconds)},
      {"advance: -1e-300 seconds", control(advance, R"({"seconds": -1e-300})"),
       control_error(seconds)},
      {"advance: 1e300 seconds", control(advance, R"({"seconds": 1e300})"), control_error(seconds)},
      {"advance: 1e400 seconds", control(advance, R"({"seconds": 1e400})"),
       control_error("body: number out of range")},
      {"advance: 2^63 - 1 seconds", control(advance, R"({"seconds": 9223372036854775807})"),
       control_error(seconds)},
      {"advance: 2^64 seconds", control(advance, R"({"seconds": 18446744073709551616})"),
       control_error(seconds)},
      {"advance: 316224001 seconds", control(advance, R"({"seconds": 316224001})"),
       control_error(seconds)},
      {"advance: NaN", control(advance, R"({"seconds": NaN})"), control_error(kMalformed)},
      {"advance: seconds given twice", control(advance, R"({"seconds": 1, "seconds": 2})"),
       control_error("\"seconds\" given more than once")},
      {"advance: 10,000 levels",
       control(advance, "{\"seconds\":1,\"pad\":" + nested_arrays(10000) + "}"),
       control_error(kTooDeep)},
      {"advance: invalid UTF-8", control(advance, "{\"seconds\":1,\"\xFF\":1}"),
       control_error(kNotUtf8)},
      // A refused reset resets nothing; a refused unfreeze leaves the clock frozen.
      {"reset: truncated JSON", control("/__mock__/reset", "{"), control_error(kMalformed)},
      {"reset: an array", control("/__mock__/reset", "[]"),
       control_error("body: must be a JSON object")},
      {"unfreeze: truncated JSON", control("/__mock__/clock/unfreeze", "{\"a\""),
       control_error(kMalformed)},
      {"freeze: 10,000 levels", control("/__mock__/clock/freeze", nested_arrays(10000)),
       control_error(kTooDeep)},
      // Outcomes are queued all or nothing.
      {"outcomes: a bad script outcome after good video ones",
       control(outcomes, R"({"video": ["FAILED", "FAILED"], "script": ["MAYBE"]})"),
       control_error("script: each outcome must be SUCCESS or FAILED")},
      {"outcomes: a bad one among good ones",
       control(outcomes, R"({"video": ["FAILED", "SUCCESS", "failed"]})"),
       control_error("video: each outcome must be SUCCESS or FAILED")},
      {"outcomes: not an array", control(outcomes, R"({"video": "FAILED"})"),
       control_error("video: must be an array")},
      {"outcomes: a nested array", control(outcomes, R"({"script": [["FAILED"]]})"),
       control_error("script: each outcome must be SUCCESS or FAILED")},
      {"outcomes: null", control(outcomes, R"({"video": [null]})"),
       control_error("video: each outcome must be SUCCESS or FAILED")},
      {"faults: count 2^31",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "count": 2147483648})"),
       control_error("count: must be an integer")},
      {"faults: count 1.0",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "count": 1.0})"),
       control_error("count: must be an integer")},
      {"faults: count 0",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "count": 0})"),
       control_error("count: must be at least 1")},
      {"faults: count -1",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "count": -1})"),
       control_error("count: must be at least 1")},
      {"faults: code 1e300", control(faults, R"({"endpoint": "video_list", "code": 1e300})"),
       control_error("code: must be an integer")},
      {"faults: code as a string",
       control(faults, R"({"endpoint": "video_list", "code": "50000"})"),
       control_error("code: must be an integer")},
      {"faults: http_status 200",
       control(faults, R"({"endpoint": "video_list", "http_status": 200})"),
       control_error("http_status: must be between 400 and 599")},
      {"faults: http_status 1e400",
       control(faults, R"({"endpoint": "video_list", "http_status": 1e400})"),
       control_error("body: number out of range")},
      {"faults: delay_ms 300001",
       control(faults, R"({"endpoint": "video_list", "delay_ms": 300001})"),
       control_error("delay_ms: must be between 0 and 300000")},
      {"faults: delay_ms -1",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "delay_ms": -1})"),
       control_error("delay_ms: must be between 0 and 300000")},
      {"faults: endpoint as a number", control(faults, R"({"endpoint": 5, "code": 50000})"),
       control_error("endpoint: must be a string")},
      {"faults: an unknown endpoint",
       control(faults, R"({"endpoint": "video_lists", "code": 50000})"),
       control_error("endpoint: unknown endpoint \"video_lists\"")},
      {"faults: drop_connection as a string",
       control(faults, R"({"endpoint": "video_list", "drop_connection": "yes"})"),
       control_error("drop_connection: must be true or false")},
      {"faults: no effect", control(faults, R"({"endpoint": "video_list"})"),
       control_error("a fault needs code, http_status, delay_ms or drop_connection")},
      {"faults: two effects",
       control(faults, R"({"endpoint": "video_list", "code": 50000, "http_status": 503})"),
       control_error("a fault has one of code, http_status, drop_connection")},
      {"faults: an array", control(faults, R"([{"endpoint": "video_list", "code": 50000}])"),
       control_error("body: must be a JSON object")},
  };
  for (const char* limit : {"abc", "-1", "1e3", "1.5", "", "9999999999", "%00", "1%00", "+1"}) {
    cases.push_back({std::string("journal limit=") + limit,
                     frame("GET", std::string("/__mock__/journal?limit=") + limit, {}),
                     control_error("limit: must be a non-negative integer")});
  }
  walk(cases);
}

// ---------------------------------------------------------------------------------------
// 12. Kept-alive connections
// ---------------------------------------------------------------------------------------

// Everything the mock sends on one kept-alive connection until it closes it, or until 0.5 s
// pass without a byte (less than the mock's keep-alive timeout).
std::string everything_sent(int port, const std::string& requests, bool& closed) {
  const Socket socket = Socket::connect_loopback(port, 500ms);
  std::string raw;
  closed = false;
  if (socket.fd() < 0 || !socket.send_all(requests)) {
    ADD_FAILURE() << "cannot send: " << std::strerror(errno);
    return raw;
  }
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    closed = n == 0;
    if (n <= 0) return raw;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
}

std::size_t answers_in(const std::string& raw) {
  std::size_t count = 0;
  for (auto at = raw.find("HTTP/1.1 "); at != std::string::npos; at = raw.find("HTTP/1.1 ", at + 1)) {
    ++count;
  }
  return count;
}

// httplib reads no body for a GET, takes the first of two Content-Lengths and stops at a
// malformed request line: the bytes it leaves would be read as the next request on a
// kept-alive connection. The mock answers
// the request it understood and closes the connection, so a request hidden in a body never
// runs and no later answer goes to the wrong request.
TEST_F(HostileInputCatalogue, ABodyTheServerDoesNotReadNeverBecomesARequest) {
  const std::string hidden = api_post(kUploadPath, upload_body().dump());  // a whole upload
  const std::string list_head = "GET " + std::string(kScriptListPath) +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccess-Token: " + kToken + "\r\n";
  const std::string upload_head = "POST " + std::string(kUploadPath) +
                                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccess-Token: " + kToken +
                                  "\r\nContent-Type: application/json\r\n";
  const std::string body = upload_body().dump();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a GET with a body", list_head + "Content-Length: " + std::to_string(hidden.size()) +
                                "\r\n\r\n" + hidden},
      {"a GET with a chunked body",
       list_head + "Transfer-Encoding: chunked\r\n\r\n" + hidden},
      {"two different Content-Lengths",
       upload_head + "Content-Length: " + std::to_string(body.size()) + "\r\nContent-Length: " +
           std::to_string(body.size() + hidden.size()) + "\r\n\r\n" + body + hidden},
      {"a Content-Length that is not a number",
       upload_head + "Content-Length: 0x10\r\n\r\n" + hidden},
      // httplib answers 400 without reading the headers: they, and any body, stay unread.
      {"a malformed request line", "GET  HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + hidden},
  };
  for (const auto& [name, request] : cases) {
    SCOPED_TRACE(name);
    server.clear_journal();
    bool closed = false;
    const std::string raw = everything_sent(server.port(), request, closed);
    EXPECT_EQ(answers_in(raw), 1u) << raw;
    EXPECT_TRUE(closed) << "the connection stayed open with bytes unread";
    EXPECT_LE(server.journal().size(), 1u);
    EXPECT_EQ(snapshot(), before);
  }
  // A well-formed request keeps its connection.
  bool closed = false;
  const std::string raw = everything_sent(server.port(), list_head + "\r\n", closed);
  EXPECT_EQ(answers_in(raw), 1u) << raw;
  EXPECT_FALSE(closed);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing

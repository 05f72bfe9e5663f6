// mock_walkthrough: the documented Generate & Remix Videos workflow, step by step, with plain
// cpp-httplib and nlohmann/json (no project client), so it doubles as a readable reference
// of the wire format.
//
//   mock_walkthrough BASE_URL        e.g. http://127.0.0.1:8080
//   TIKTOK_ACCESS_TOKEN              the Access-Token header (default "demo-token")
//
// Steps: upload two videos by URL (served by this program on a loopback port, so the mock
// really fetches them) -> create a VOICEOVER task -> poll the task list until every task is
// SUCCESS or FAILED -> list the generated videos -> download the first preview.
// Exit status 0 on success, 1 on any HTTP error or non-zero API code.

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kApiPrefix = "/open_api/v1.3/";
// 500 ms suits the mock's short task timings; against the live API the task list's budget of
// 20 requests per minute means polling no faster than every 3 s.
constexpr auto kPollInterval = std::chrono::milliseconds(500);
constexpr auto kPollDeadline = std::chrono::seconds(60);

// Any failure of a step: main() prints it and exits 1 after stopping the clip server.
struct StepError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A URL cut into what httplib::Client takes ("http://host:port") and the request target.
struct SplitUrl {
  std::string origin;
  std::string target;
};

SplitUrl split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw StepError("not an absolute URL: " + url);
  const auto path_start = url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

// Percent-encodes everything but RFC 3986 unreserved characters: list parameters travel as
// one JSON value (task_ids=["a","b"]), whose brackets, quotes and commas must be escaped.
std::string url_encode(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

// Both clients and the clip server disable Nagle: cpp-httplib writes headers and body
// separately, and Nagle plus delayed ACKs would add ~40 ms to every exchange.
void configure(httplib::Client& client) {
  client.set_tcp_nodelay(true);
  client.set_connection_timeout(std::chrono::seconds(5));
  // An upload makes the API fetch the URL first (up to 10 s by the documents): wait longer.
  client.set_read_timeout(std::chrono::seconds(30));
  client.set_write_timeout(std::chrono::seconds(10));
}

// "1.5 s": how long the polling has run, for the status-change lines.
std::string seconds(Clock::duration elapsed) {
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

const std::string& string_field(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) {
    throw StepError(std::string("answer lacks the string field \"") + key + "\": " + object.dump());
  }
  return object.at(key).get_ref<const std::string&>();
}

// The API: every outcome is HTTP 200 with {code, message, request_id, data}; a step goes on
// only with code 0, and gets back data plus the request_id to print.
class Api {
 public:
  struct Answer {
    json data;
    std::string request_id;
  };

  Api(const std::string& base_url, const std::string& token)
      : base_(split_url(base_url)), client_(base_.origin) {
    if (!client_.is_valid()) throw StepError("cannot make a client for " + base_url);
    configure(client_);
    client_.set_default_headers({{"Access-Token", token}});
    // A base URL may carry a path (".../open_api" style proxies); keep it without the slash.
    if (!base_.target.empty() && base_.target.back() == '/') base_.target.pop_back();
  }

  // `path_and_query` is relative to /open_api/v1.3/, e.g. "creative/aigc/video/list/?page=1".
  Answer get(const std::string& path_and_query) {
    const std::string target = base_.target + kApiPrefix + path_and_query;
    return decode("GET", target, client_.Get(target.c_str()));
  }

  Answer post(const std::string& path, const json& body) {
    const std::string target = base_.target + kApiPrefix + path;
    return decode("POST", target, client_.Post(target.c_str(), body.dump(), "application/json"));
  }

 private:
  static Answer decode(const char* method, const std::string& target,
                       const httplib::Result& result) {
    const std::string what = std::string(method) + " " + target;
    if (!result) throw StepError(what + ": " + httplib::to_string(result.error()));
    if (result->status != 200) {
      throw StepError(what + ": HTTP " + std::to_string(result->status) + " " +
                      result->body.substr(0, 200));
    }
    json envelope;
    try {
      envelope = json::parse(result->body);
    } catch (const json::parse_error& e) {
      throw StepError(what + ": the answer is not JSON: " + e.what());
    }
    if (!envelope.is_object() || !envelope.contains("code") ||
        !envelope.at("code").is_number_integer()) {
      throw StepError(what + ": the answer is not an envelope: " + result->body.substr(0, 200));
    }
    const auto code = envelope.at("code").get<long long>();
    const std::string message = envelope.value("message", "");
    const std::string request_id = envelope.value("request_id", "");
    if (code != 0) {
      throw StepError(what + ": code " + std::to_string(code) + " \"" + message +
                      "\" (request_id " + request_id + ")");
    }
    return {envelope.value("data", json::object()), request_id};
  }

  SplitUrl base_;
  httplib::Client client_;
};

// The smallest thing a video fetcher takes for an MP4: an ftyp box and an empty mdat box.
// The mock checks the Content-Type and that the body is not empty, not the frames.
std::string fake_clip() {
  static const char kBytes[] =
      "\x00\x00\x00\x18"
      "ftypmp42\x00\x00\x00\x00mp42isom"
      "\x00\x00\x00\x08mdat";
  return std::string(kBytes, sizeof kBytes - 1);
}

// Serves /clip.mp4 on 127.0.0.1 from a thread, so the upload step has a real URL to give.
class ClipServer {
 public:
  ClipServer() {
    server_.set_tcp_nodelay(true);
    server_.Get("/clip.mp4", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(fake_clip(), "video/mp4");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw StepError("cannot bind a loopback port for the clip server");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Debian's cpp-httplib 0.11 has no wait_until_ready(); stop() before the accept loop
    // starts would be lost and join() would hang, so wait for it to run.
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~ClipServer() {
    server_.stop();
    thread_.join();
  }
  ClipServer(const ClipServer&) = delete;
  ClipServer& operator=(const ClipServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/clip.mp4"; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::string upload_by_url(Api& api, const std::string& video_url) {
  std::cout << "POST file/video/ad/upload/  UPLOAD_BY_URL " << video_url << "\n";
  const auto answer = api.post(
      "file/video/ad/upload/",
      {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"}, {"video_url", video_url}});
  // The live API answers [{"video_id": ..}], the videos document {"video_id": ..}: take both.
  const json& item =
      answer.data.is_array() && !answer.data.empty() ? answer.data.front() : answer.data;
  const std::string video_id = string_field(item, "video_id");
  std::cout << "  -> video_id " << video_id << "  (request_id " << answer.request_id << ")\n";
  return video_id;
}

std::vector<std::string> create_voiceover_task(Api& api, const std::vector<std::string>& videos) {
  const json product = {
      {"source_language", "en"},
      {"product_name", "Trail Runner 2"},
      {"title", "Trail Runner 2 running shoes"},
      {"description", "Light trail shoes with a grippy sole and a breathable upper."},
      {"selling_points", json::array({"Grippy on wet rock", "Only 240 g a shoe", "Free returns"})},
      {"brand", "Northpeak"},
      {"price", 89.99},
      {"currency", "USD"},
  };
  const json body = {
      {"aigc_video_type", "VOICEOVER"},
      {"product_video_info",
       {{"video_generation_count", 2},
        {"target_language", "en"},
        {"product_info_list", json::array({product})},
        {"input_video_list", {{"video_id_list", videos}}}}},
  };
  std::cout << "POST creative/aigc/video/task/create/  VOICEOVER, 2 videos, en, product \""
            << product.at("product_name").get<std::string>() << "\" from " << videos.size()
            << " uploads\n";
  const auto answer = api.post("creative/aigc/video/task/create/", body);
  std::vector<std::string> task_ids;
  for (const auto& id : answer.data.at("task_ids")) task_ids.push_back(id.get<std::string>());
  if (task_ids.empty()) throw StepError("the task create answer holds no task_ids");
  std::cout << "  -> task_ids " << json(task_ids).dump() << "  (request_id " << answer.request_id
            << ")\n";
  return task_ids;
}

// Polls until every task is SUCCESS or FAILED; prints each status change as it is seen.
// Returns the final status of every task.
std::map<std::string, std::string> wait_for_tasks(Api& api,
                                                  const std::vector<std::string>& task_ids) {
  const std::string ids_json = json(task_ids).dump();
  const std::string query = "creative/aigc/video/task/list/?task_ids=" + url_encode(ids_json) +
                            "&aigc_video_type=VOICEOVER";
  std::cout << "GET creative/aigc/video/task/list/?task_ids=" << ids_json
            << "&aigc_video_type=VOICEOVER  (URL-encoded; every "
            << std::chrono::milliseconds(kPollInterval).count() << " ms)\n";

  std::map<std::string, std::string> status;
  const auto start = Clock::now();
  for (int polls = 1;; ++polls) {
    const auto answer = api.get(query);
    const auto elapsed = Clock::now() - start;
    for (const auto& task : answer.data.at("list")) {
      const std::string& id = string_field(task, "task_id");
      const std::string& now = string_field(task, "status");
      if (status[id] == now) continue;
      status[id] = now;
      std::cout << "  " << seconds(elapsed) << "  task " << id << "  " << now;
      if (now == "SUCCESS") std::cout << "  video_id " << task.value("video_id", "?");
      std::cout << "  (request_id " << answer.request_id << ")\n";
    }
    std::size_t done = 0;
    for (const auto& id : task_ids) {
      const auto it = status.find(id);
      if (it != status.end() && (it->second == "SUCCESS" || it->second == "FAILED")) ++done;
    }
    if (done == task_ids.size()) {
      std::cout << "  -> all " << done << " tasks finished after " << polls << " polls\n";
      return status;
    }
    if (Clock::now() - start > kPollDeadline) {
      throw StepError("gave up: tasks not finished after " +
                      std::to_string(std::chrono::seconds(kPollDeadline).count()) + " s");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// Lists the VOICEOVER videos (newest first) and returns the first one's preview_url.
std::string list_videos(Api& api) {
  const std::string types = json::array({"VOICEOVER"}).dump();
  std::cout << "GET creative/aigc/video/list/?aigc_video_types=" << types
            << "&page=1&page_size=10  (URL-encoded)\n";
  const auto answer = api.get("creative/aigc/video/list/?aigc_video_types=" + url_encode(types) +
                              "&page=1&page_size=10");
  const json& list = answer.data.at("list");
  const json page_info = answer.data.value("page_info", json::object());
  std::cout << "  -> " << list.size() << " videos on page 1, "
            << page_info.value("total_number", list.size()) << " in all  (request_id "
            << answer.request_id << ")\n";
  for (const auto& video : list) {
    std::cout << "     " << string_field(video, "video_name") << "  "
              << string_field(video, "create_time") << "  video_id "
              << string_field(video, "video_id") << "\n";
  }
  if (list.empty()) throw StepError("the video list is empty: no preview to download");
  return string_field(list.front(), "preview_url");
}

// preview_url is absolute and on a media host: no Access-Token goes there, so a new client.
void download_preview(const std::string& preview_url) {
  std::cout << "GET " << preview_url << "  (no Access-Token)\n";
  const auto url = split_url(preview_url);
  httplib::Client media(url.origin);
  if (!media.is_valid()) throw StepError("cannot make a client for " + url.origin);
  configure(media);
  const auto result = media.Get(url.target.c_str());
  if (!result) throw StepError("preview download: " + httplib::to_string(result.error()));
  if (result->status != 200) {
    throw StepError("preview download: HTTP " + std::to_string(result->status));
  }
  const std::string& bytes = result->body;
  // An MP4 (ISO base media file) opens with a box whose type, at offset 4, is "ftyp".
  const bool is_mp4 = bytes.size() >= 8 && bytes.compare(4, 4, "ftyp") == 0;
  std::cout << "  -> " << bytes.size() << " bytes, Content-Type "
            << result->get_header_value("Content-Type") << ", "
            << (is_mp4 ? "starts with an ftyp box (MP4)" : "NOT an MP4") << "\n";
  if (!is_mp4) throw StepError("the preview is not an MP4");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " BASE_URL   (e.g. http://127.0.0.1:8080)\n"
              << "Access-Token from TIKTOK_ACCESS_TOKEN (default \"demo-token\").\n";
    return 2;
  }
  const char* env_token = std::getenv("TIKTOK_ACCESS_TOKEN");
  const std::string token = env_token != nullptr && *env_token != '\0' ? env_token : "demo-token";

  try {
    ClipServer clips;
    Api api(argv[1], token);
    std::cout << "Generate & Remix Videos walkthrough against " << argv[1] << "\n"
              << "(serving a " << fake_clip().size() << "-byte sample clip at " << clips.url()
              << ")\n\n";

    std::cout << "1. Upload two videos by URL\n";
    const std::vector<std::string> videos = {upload_by_url(api, clips.url()),
                                             upload_by_url(api, clips.url())};
    std::cout << "\n2. Create a VOICEOVER video task\n";
    const auto task_ids = create_voiceover_task(api, videos);
    std::cout << "\n3. Wait for the tasks\n";
    const auto status = wait_for_tasks(api, task_ids);
    std::size_t succeeded = 0;
    for (const auto& entry : status) succeeded += entry.second == "SUCCESS" ? 1 : 0;
    if (succeeded == 0) throw StepError("every task FAILED: nothing to list or download");
    std::cout << "\n4. List the generated videos\n";
    const std::string preview_url = list_videos(api);
    std::cout << "\n5. Download the first preview\n";
    download_preview(preview_url);
    std::cout << "\nDone: " << succeeded << " of " << task_ids.size() << " videos generated.\n";
    return 0;
  } catch (const std::exception& e) {
    // StepError carries the failed request, code and message; the others are answers
    // whose shape did not match the documents (nlohmann type or out-of-range errors).
    std::cerr << "\nerror: " << e.what() << "\n";
    return 1;
  }
}

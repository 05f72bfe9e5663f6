// libFuzzer target: the client's response decoding. The input is parsed as JSON (no
// exceptions) and every decode<T> of tiktok_aigc/model.hpp runs on it, on it wrapped as an
// envelope's `data`, and on the `data` of it read as an envelope the way
// Transport::decode_envelope (private) reads one. None may throw or crash, and a failure must
// be a bad_response Status with a message naming the path under `data`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"

namespace {

using nlohmann::json;

template <typename T>
void one(const json& data) {
  tiktok_aigc::Result<T> result = tiktok_aigc::decode<T>(data);
  if (result.ok()) return;
  const tiktok_aigc::Status& status = result.status();
  if (status.category != tiktok_aigc::ErrorCategory::bad_response ||
      status.message.rfind("data", 0) != 0) {
    std::fprintf(stderr, "client_decode_fuzzer: unexpected failure: %s\n",
                 status.to_string().c_str());
    std::abort();
  }
  (void)status.to_string();
}

void all(const json& data) {
  using namespace tiktok_aigc;
  one<UploadedVideo>(data);
  one<CreatedVideoTasks>(data);
  one<VideoTask>(data);
  one<VideoTaskList>(data);
  one<Video>(data);
  one<PageInfo>(data);
  one<VideoPage>(data);
  one<CreatedScriptTask>(data);
  one<Script>(data);
  one<ScriptTask>(data);
  one<ScriptPage>(data);
}

// The checks Transport::decode_envelope makes before it hands `data` on (kept in step by hand:
// that function is private).
void envelope(const json& envelope) {
  const bool well_formed =
      envelope.is_object() && envelope.contains("code") && envelope["code"].is_number_integer();
  if (!well_formed) return;
  if (envelope.contains("request_id") && envelope["request_id"].is_string())
    (void)envelope["request_id"].get<std::string>();
  const int code = envelope["code"].get<int>();
  (void)tiktok_aigc::classify_code(code);
  const auto message = envelope.find("message");
  if (message != envelope.end() && message->is_string()) (void)message->get<std::string>();
  all(envelope.contains("data") ? envelope["data"] : json::object());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json parsed = json::parse(data, data + size, nullptr, false);
  if (parsed.is_discarded()) return 0;
  try {
    all(parsed);
    all(json{{"code", 0}, {"message", "OK"}, {"request_id", "r"}, {"data", parsed}});
    all(json::array({parsed}));
    envelope(parsed);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "client_decode_fuzzer: decode threw: %s\n", error.what());
    std::abort();
  }
  return 0;
}

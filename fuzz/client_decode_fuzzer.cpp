// libFuzzer target: the client's response decoding. The input is parsed as JSON (no
// exceptions) and every decode<T> of the implementation (impl/decoding.hpp) runs on it, on it
// wrapped as an envelope's `data`, and on the `data` the connection's own envelope reading
// (detail::decode_envelope) finds in the input's bytes. None may throw or crash, and a
// failure must be a bad_response Status with a message naming the path under `data`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#define TIKTOK_AIGC_IMPLEMENTATION
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace {

using nlohmann::json;

template <typename T>
void one(const json& data, const std::shared_ptr<const json>& owner) {
  tiktok_aigc::Result<T> result = tiktok_aigc::decode<T>(data, owner);
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

// `owner`, when set, keeps `data` alive and the results share it.
void all(const json& data, const std::shared_ptr<const json>& owner = nullptr) {
  using namespace tiktok_aigc;
  one<UploadedVideo>(data, owner);
  one<CreatedVideoTasks>(data, owner);
  one<VideoTask>(data, owner);
  one<VideoTaskList>(data, owner);
  one<Video>(data, owner);
  one<PageInfo>(data, owner);
  one<VideoPage>(data, owner);
  one<CreatedScriptTask>(data, owner);
  one<Script>(data, owner);
  one<ScriptTask>(data, owner);
  one<ScriptPage>(data, owner);
}

// The input's bytes as an answer body, read by the connection's own envelope reading.
void envelope(const std::string& body) {
  const auto read = tiktok_aigc::detail::decode_envelope(200, body);
  if (read.ok()) all(*read->data, read->data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json parsed = json::parse(data, data + size, nullptr, false);
  if (parsed.is_discarded()) return 0;
  try {
    all(parsed);
    all(json{{"code", 0}, {"message", "OK"}, {"request_id", "r"}, {"data", parsed}});
    all(json::array({parsed}));
    envelope(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "client_decode_fuzzer: decode threw: %s\n", error.what());
    std::abort();
  }
  return 0;
}

// The mock TikTok AIGC server as a class a test can start in-process.
//
//   tiktok_aigc::mock::Options options;
//   options.clock_frozen = true;                  // time moves only when told
//   tiktok_aigc::mock::MockServer server(options);
//   server.start();                               // 127.0.0.1, a free port
//   httplib::Client http(server.base_url());
//   ...
//   server.advance_clock(std::chrono::minutes(2)); // tasks move on
//
// Everything the HTTP control API (/__mock__/...) can do is also a method here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

class MockServer {
 public:
  explicit MockServer(Options options = {});
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Binds and starts serving on a background thread; port 0 picks a free port.
  // Returns the bound port. Throws std::runtime_error when it cannot bind.
  int start(const std::string& host = "127.0.0.1", int port = 0);
  // Blocks serving on the calling thread (the binary's main loop) after bind().
  int bind(const std::string& host, int port);
  void serve();
  void stop();

  int port() const;
  std::string base_url() const;  // e.g. http://127.0.0.1:41234
  // Sample files the mock serves to anyone, for uploads, image animation and dubbing tried
  // with no media of one's own: base_url() + /media/samples/video.mp4 and image.png.
  std::string sample_video_url() const;
  std::string sample_image_url() const;

  // ---- control, the same as the /__mock__/ API ----
  void reset();  // as freshly started: state, clock, faults, outcomes, budgets, journal
  Clock::time_point now() const;
  void freeze_clock();
  void unfreeze_clock();
  void advance_clock(Millis by);
  void queue_video_outcomes(const std::vector<TaskOutcome>& outcomes);
  void queue_script_outcomes(const std::vector<TaskOutcome>& outcomes);
  void queue_avatar_video_outcomes(const std::vector<TaskOutcome>& outcomes);
  void inject_fault(const Fault& fault);  // throws std::invalid_argument when malformed
  void clear_faults();
  std::vector<JournalEntry> journal(std::size_t limit = SIZE_MAX) const;  // oldest first
  void clear_journal();
  // What GET /__mock__/state answers: the clock; per token digest (a SHA-256 of the token,
  // never the token) the uploads, video, script and avatar video tasks, counted by type and status,
  // with the newest `limit` of each; queued outcomes; pending faults; the journal's size.
  static constexpr std::size_t kStateLimit = kDefaultStateLimit;
  nlohmann::json state(std::size_t limit = kStateLimit) const;

  // The names faults and rate-limit overrides use, one per documented endpoint.
  static std::vector<std::string> endpoint_names();

  struct Impl;

 private:
  // Runs a request through the pipeline without a socket (src/in_process.hpp): the fuzzer's
  // way in, kept out of this header so that it names no httplib type.
  friend struct InProcess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tiktok_aigc::mock

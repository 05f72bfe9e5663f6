// What every example shares, written once: where it talks to (the API named by the
// environment, or the bundled mock started in-process), a loopback server that gives the
// uploads a URL, a one-line progress display, and ending on an error.
//
//   TIKTOK_ACCESS_TOKEN   set: talk to TIKTOK_API_BASE (default: the live API) with it.
//                         unset or empty: start the mock in this process and talk to it.
//   TIKTOK_VIDEO_URLS     comma-separated public .mp4 URLs to upload; unset: two clips
//                         served from 127.0.0.1, which only a mock on this machine can fetch.
//   TIKTOK_IMAGE_URLS     comma-separated product image URLs (AVATAR_PRODUCT, scripts).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>  // the loopback server of the clips

#include "tiktok_aigc.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace example {

using namespace std::chrono_literals;

inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

inline std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

// A failed step: run() prints it and the program exits 1. Thrown rather than exit()ed so
// the mock, the clip server and their threads stop cleanly on the way out.
struct StepFailed : std::exception {
  StepFailed(std::string step_, tiktok_aigc::Status status_)
      : step(std::move(step_)), status(std::move(status_)) {}
  const char* what() const noexcept override { return "step failed"; }
  std::string step;
  tiktok_aigc::Status status;
};

// The value of a call, or the end of the program with its Status printed.
template <typename T>
T or_exit(tiktok_aigc::Result<T> result, const std::string& step) {
  if (!result) throw StepFailed(step, result.status());
  return std::move(result).value();
}

// The same for a wait: anything but "every task SUCCESS" ends the program.
template <typename Task>
std::vector<Task> or_exit(tiktok_aigc::TaskWait<Task> wait, const std::string& step) {
  if (!wait.ok()) {
    std::string pending;
    for (const auto& id : wait.pending_task_ids) pending += " " + id;
    if (!pending.empty()) wait.status.message += "; still pending:" + pending;
    throw StepFailed(step, wait.status);
  }
  return std::move(wait.tasks);
}

// main()'s body: 0 when it returns, 1 (with the Status on stderr) when a step failed.
template <typename Body>
int run(Body&& body) {
  try {
    body();
    return 0;
  } catch (const StepFailed& failed) {
    std::cout << std::endl;
    std::cerr << failed.step << " failed: " << failed.status.to_string() << "\n";
  } catch (const std::exception& error) {
    std::cout << std::endl;
    std::cerr << "error: " << error.what() << "\n";
  }
  return 1;
}

// ---- where to talk to ----

struct Backend {
  std::unique_ptr<tiktok_aigc::mock::MockServer> mock;  // null: the API of the environment
  tiktok_aigc::ClientOptions options;                   // for the Client
  tiktok_aigc::WaitOptions wait;                        // for its waits
};

inline Backend connect() {
  Backend backend;
  if (!env("TIKTOK_ACCESS_TOKEN").empty()) {
    // The Client reads TIKTOK_ACCESS_TOKEN and TIKTOK_API_BASE itself; the default waits
    // (5 s growing to 30 s) stay inside the live budget of 20 task queries a minute.
    const std::string base = env("TIKTOK_API_BASE");
    std::cout << "Using " << (base.empty() ? tiktok_aigc::kLiveBaseUrl : base)
              << " with the token in TIKTOK_ACCESS_TOKEN.\n\n";
    return backend;
  }
  tiktok_aigc::mock::Options mock;
  mock.seed = 7;  // the same ids, names and script texts on every run
  // Seconds where the live API takes minutes, long enough to see every state go by.
  mock.durations.video_submitted = 2s;
  mock.durations.video_processing = 6s;
  mock.durations.lipsync_extra = 2s;
  mock.durations.script_submitted = 1s;
  mock.durations.script_each = 1s;
  mock.durations.avatar_submitted = 1s;
  mock.durations.avatar_processing = 4s;
  // The documented budgets stay on: the client's limiter must keep this program within
  // them, as it would against the live API.
  mock.rate_limits = true;
  backend.mock = std::make_unique<tiktok_aigc::mock::MockServer>(mock);
  backend.mock->start();
  backend.options.base_url = backend.mock->base_url();
  backend.options.access_token = "example-token";
  backend.wait.first_interval = 1s;  // the mock's tasks take seconds, not minutes
  backend.wait.max_interval = 2s;
  backend.wait.timeout = 2min;
  std::cout << "TIKTOK_ACCESS_TOKEN is not set: using the bundled mock, started in this process at "
            << backend.mock->base_url()
            << "\n(seed 7; a video takes 2 s + 6 s, scripts 1 s + 1 s each, an avatar video 1 s + 4 s; "
               "the documented rate limits on).\n\n";
  return backend;
}

// ---- media to upload ----

// The smallest file a fetcher takes for an MP4: an ftyp box and an empty mdat box. The mock
// checks the Content-Type and that the body is not empty, not the frames; `tag` makes the
// clips differ.
inline std::string tiny_mp4(char tag) {
  static const char kBytes[] =
      "\x00\x00\x00\x18"
      "ftypmp42\x00\x00\x00\x00mp42isom"
      "\x00\x00\x00\x09mdat";
  return std::string(kBytes, sizeof kBytes - 1) + tag;
}

// The URLs to upload: TIKTOK_VIDEO_URLS, else two clips this object serves on 127.0.0.1
// for as long as it lives (the API fetches a URL while the upload call waits).
class VideoUrls {
 public:
  VideoUrls() {
    urls_ = split_commas(env("TIKTOK_VIDEO_URLS"));
    if (!urls_.empty()) return;
    if (!env("TIKTOK_ACCESS_TOKEN").empty()) {
      std::cout << "note: TIKTOK_VIDEO_URLS is not set; serving clips from 127.0.0.1, which only a "
                   "mock on this machine can fetch.\n";
    }
    server_.set_tcp_nodelay(true);
    server_.Get(R"(/clip-(\d)\.mp4)",
                [](const httplib::Request& request, httplib::Response& response) {
                  response.set_content(tiny_mp4(request.matches[1].str()[0]), "video/mp4");
                });
    const int port = server_.bind_to_any_port("127.0.0.1");
    if (port <= 0) throw std::runtime_error("cannot bind a loopback port for the clips");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // cpp-httplib 0.11 has no wait_until_ready(), and a stop() before the accept loop runs
    // is lost (join() would hang): wait until it runs.
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
    for (int i = 1; i <= 2; ++i) {
      urls_.push_back("http://127.0.0.1:" + std::to_string(port) + "/clip-" + std::to_string(i) +
                      ".mp4");
    }
  }
  ~VideoUrls() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }
  VideoUrls(const VideoUrls&) = delete;
  VideoUrls& operator=(const VideoUrls&) = delete;

  const std::vector<std::string>& urls() const { return urls_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::vector<std::string> urls_;
};

// Uploads every URL to the asset library (after the notice the terms require) and returns
// the video ids.
inline std::vector<std::string> upload_videos(tiktok_aigc::Client& client,
                                              const VideoUrls& videos) {
  std::cout << tiktok_aigc::kUploadNotice << "\n\n";
  std::vector<std::string> ids;
  for (const std::string& url : videos.urls()) {
    tiktok_aigc::UploadVideoRequest upload;
    upload.video_url = url;
    ids.push_back(or_exit(client.upload_video(upload), "upload of " + url).video_id);
    std::cout << "uploaded " << url << " -> video_id " << ids.back() << "\n";
  }
  return ids;
}

// Product images: TIKTOK_IMAGE_URLS, else placeholders (the API does not fetch or refuse
// them at create time, it leaves unusable ones out).
inline std::vector<std::string> image_urls() {
  std::vector<std::string> urls = split_commas(env("TIKTOK_IMAGE_URLS"));
  if (urls.empty()) {
    for (int i = 1; i <= 3; ++i)
      urls.push_back("https://cdn.example.com/trail-runner-" + std::to_string(i) + ".jpg");
  }
  return urls;
}

// The product the video examples advertise.
inline tiktok_aigc::VideoProductInfo sample_product() {
  tiktok_aigc::VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Trail Runner 2";
  product.title = "Trail Runner 2 running shoes";
  product.description = "Light trail shoes with a grippy sole and a breathable upper.";
  product.selling_points = {"Grippy on wet rock", "Only 240 g a shoe", "Free returns"};
  product.brand = "Northpeak";
  product.price = 89.99;
  product.currency = "USD";
  return product;
}

// ---- output ----

// At most `max_chars` Unicode characters of UTF-8 `text`, cut between characters.
inline std::string first_chars(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) return text.substr(0, i);
  }
  return text;
}

// A text on one line for a listing: line breaks become spaces, and it ends in "..." when
// cut to `max_chars` characters.
inline std::string one_line(std::string text, std::size_t max_chars) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  const std::string cut = first_chars(text, max_chars);
  return cut.size() < text.size() ? cut + "..." : cut;
}

// "videos: 1 SUCCESS, 2 PROCESSING": where a group of video tasks is, for a progress line.
inline std::string describe(const std::vector<tiktok_aigc::VideoTask>& tasks) {
  std::vector<std::pair<std::string, int>> counts;  // in order of first appearance
  for (const auto& task : tasks) {
    const std::string status = task.status.wire().empty() ? "?" : task.status.wire();
    auto found = counts.begin();
    while (found != counts.end() && found->first != status) ++found;
    if (found == counts.end()) {
      counts.emplace_back(status, 1);
    } else {
      ++found->second;
    }
  }
  std::string text = "videos:";
  for (const auto& [status, count] : counts) {
    text += (text.size() > 7 ? ", " : " ") + std::to_string(count) + " " + status;
  }
  return text;
}

// Where a wait is ("scripts: 2/4 PARTIAL_SUCCESS 00:07"). On a terminal, one line rewritten
// in place, so a wait does not scroll; elsewhere (a CI log, a file) a plain line per change,
// time first, since carriage returns would make one endless line there. Call finish() to
// keep the last state.
class ProgressLine {
 public:
  ProgressLine() : in_place_(isatty(fileno(stdout)) == 1) {}

  void show(const std::string& text) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_)
            .count();
    char clock[48];
    std::snprintf(clock, sizeof clock, "%02lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
    if (!in_place_) {
      if (text != last_) std::cout << "[" << clock << "] " << text << std::endl;
      last_ = text;
      return;
    }
    std::string line = text + " " + clock;
    const std::size_t length = line.size();
    if (line.size() < width_) line.append(width_ - line.size(), ' ');  // wipe a longer line
    width_ = length;
    std::cout << '\r' << line << std::flush;
  }
  void finish() {
    if (in_place_) std::cout << std::endl;
  }

 private:
  const bool in_place_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::size_t width_ = 0;
  std::string last_;
};

}  // namespace example

// tiktok-aigc-mock: the mock TikTok AIGC server as a program.
#include <pthread.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <ctime>
#include <iostream>
#include <mutex>
#include <thread>

#include "tiktok_aigc/api/budget_window.hpp"
#include "tiktok_aigc/api/endpoints.hpp"
#include "record_proxy.hpp"
#include "replay_server.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/version.hpp"

namespace {

std::chrono::system_clock::time_point parse_start_time(const std::string& text) {
  std::tm parts{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (!end || (*end != '\0' && std::string(end) != "Z")) {
    throw CLI::ValidationError("--start-time", "expected YYYY-MM-DDTHH:MM:SSZ (UTC), got " + text);
  }
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

// Serves until SIGINT or SIGTERM, which a thread of its own takes (every other thread,
// the server's included, inherits the blocked mask) to stop the server cleanly.
template <typename Server>
int run(Server& server, const std::string& host, int port, sigset_t& stop_signals) {
  server.bind(host, port);
  std::cout << "listening on " << server.base_url() << std::endl;  // flushed: scripts wait for it
  std::thread signal_watcher([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  server.serve();
  // serve() also returns when the listening socket fails; wake the watcher either way.
  pthread_kill(signal_watcher.native_handle(), SIGTERM);
  signal_watcher.join();
  return 0;
}

// Each connection holds a descriptor, and the usual soft limit (1024) would end accept()
// before --max-connections does: take the hard limit, or as much of it as is needed.
void allow_descriptors_for(std::size_t connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(connections) + 256;  // state, logs, the listener
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tiktok_aigc::mock;
  Options options;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::uint64_t seed = 0;
  std::string start_time;
  long long video_submitted_ms = options.durations.video_submitted.count();
  long long video_processing_ms = options.durations.video_processing.count();
  long long script_submitted_ms = options.durations.script_submitted.count();
  long long script_each_ms = options.durations.script_each.count();
  long long avatar_submitted_ms = options.durations.avatar_submitted.count();
  long long avatar_processing_ms = options.durations.avatar_processing.count();
  bool no_rate_limits = false;
  std::vector<std::string> rate_limits;
  std::string upload_response = "array";
  double max_upload_mb = static_cast<double>(options.max_upload_bytes) / (1 << 20);
  std::size_t max_body_kb = options.max_body_bytes / 1024;
  long long request_timeout_ms = options.request_timeout.count();
  long long rate_window_ms = Millis(tiktok_aigc::api::kBudgetWindow).count();
  bool no_control_api = false;
  bool quiet = false;

  std::string endpoint_names;
  for (const auto& endpoint : tiktok_aigc::api::endpoints()) {
    endpoint_names += std::string(endpoint_names.empty() ? "" : ", ") + endpoint.name;
  }

  CLI::App app{
      "A mock of TikTok's creative AI APIs (Generate & Remix Videos, Generate Scripts, Image "
      "to Video, Digital Avatar, Dubbed Translations), for offline tests.\nPrints 'listening on URL' as its first line, then one log line per request "
      "(on stderr)."};
  app.set_version_flag("--version", "tiktok-aigc-mock " TIKTOK_AIGC_VERSION);
  app.add_option("--host", host, "Address to listen on")->capture_default_str();
  app.add_option("--port", port, "Port to listen on; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  auto* seed_option = app.add_option(
      "--seed", seed, "Seed for ids, names, texts and random outcomes (default: random)");
  app.add_option("--start-time", start_time,
                 "Start the clock at this UTC time, YYYY-MM-DDTHH:MM:SSZ");
  app.add_flag("--freeze-clock", options.clock_frozen,
               "Keep the clock still until moved by the control API");
  app.add_option("--video-submitted-ms", video_submitted_ms, "Time a video task stays SUBMITTED")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--video-processing-ms", video_processing_ms, "Time a video task stays PROCESSING")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--script-submitted-ms", script_submitted_ms, "Time a script task stays SUBMITTED")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--script-each-ms", script_each_ms, "Time each script of a task takes")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--avatar-submitted-ms", avatar_submitted_ms, "Time an avatar video task stays SUBMITTED")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--avatar-processing-ms", avatar_processing_ms,
                 "Time an avatar video task of up to 400 script characters stays PROCESSING; up to "
                 "1,000 characters take twice as long, more five times")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--failure-rate", options.failure_rate, "Share of tasks that end FAILED")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--no-rate-limits", no_rate_limits, "Switch off the documented per-minute budgets");
  app.add_option("--rate-limit", rate_limits,
                 "NAME=N: budget per window for one endpoint (0: none). Names: " + endpoint_names);
  app.add_option("--rate-window-ms", rate_window_ms,
                 "The window budgets count over (the API's: a minute); shorter for fast tests")
      ->capture_default_str()
      ->check(CLI::Range(1LL, 24LL * 3600 * 1000));
  app.add_option("--tokens", options.tokens, "Accept only these access tokens (default: any)")
      ->delimiter(',');
  app.add_option("--avatar-tokens", options.avatar_tokens,
                 "Only these tokens may use AVATAR_PRODUCT (default: all)")
      ->delimiter(',');
  app.add_option("--upload-response", upload_response, "Shape of the upload response's data")
      ->check(CLI::IsMember({"array", "object"}))
      ->capture_default_str();
  app.add_option("--fetch-allow", options.fetch_allowed_hosts,
                 "Also fetch upload URLs on this host (loopback always)");
  app.add_option("--max-upload-mb", max_upload_mb, "Largest file an upload may fetch")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-body-kb", max_body_kb, "Largest request body")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-connections", options.max_connections,
                 "Connections served at once; past it a new one gets 503 and is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--request-timeout-ms", request_timeout_ms,
                 "Time a request has to arrive whole from its first byte; past it 408")
      ->capture_default_str()
      ->check(CLI::Range(1LL, 3600LL * 1000));
  app.add_flag("--no-control-api", no_control_api, "Answer 404 under /__mock__/");
  app.add_option("--journal-size", options.journal_capacity, "Requests the journal keeps")
      ->capture_default_str();
  app.add_option("--max-retained", options.max_retained,
                 "Uploads, tasks and scripts kept; past it the oldest are forgotten")
      ->capture_default_str();
  app.add_option("--state-dir", options.state_dir,
                 "Keep the state (uploads, tasks, scripts, seed, clock) in an SQLite database "
                 "in this directory, across restarts (default: in memory)");
  auto* cert = app.add_option("--tls-cert", options.tls_cert_file, "PEM certificate: serve HTTPS")
                   ->check(CLI::ExistingFile);
  auto* key = app.add_option("--tls-key", options.tls_key_file, "PEM private key")
                  ->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  app.add_option("--public-url", options.public_base_url,
                 "Base of the preview URLs (default: from the request's Host)");
  app.add_flag("-q,--quiet", quiet, "No request log");
  RecordOptions record;
  std::string replay_file;
  auto* record_to =
      app.add_option("--record-to", record.record_to,
                     "Record mode: forward to --upstream, append each exchange, scrubbed of "
                     "secrets, to this .jsonl file");
  auto* upstream = app.add_option("--upstream", record.upstream,
                                  "Record mode: the API to forward to, http(s)://host[:port]");
  auto* upstream_ca =
      app.add_option("--upstream-ca", record.upstream_ca,
                     "Record mode: PEM file of the CA that signed the upstream's certificate")
          ->check(CLI::ExistingFile);
  auto* replay = app.add_option("--replay", replay_file,
                                "Replay mode: serve the exchanges of this .jsonl recording offline")
                     ->check(CLI::ExistingFile);
  record_to->needs(upstream);
  upstream->needs(record_to);
  upstream_ca->needs(upstream);
  replay->excludes(record_to);
  CLI11_PARSE(app, argc, argv);

  try {
    if (*seed_option) options.seed = seed;
    if (!start_time.empty()) options.start_time = parse_start_time(start_time);
    options.durations.video_submitted = Millis(video_submitted_ms);
    options.durations.video_processing = Millis(video_processing_ms);
    options.durations.script_submitted = Millis(script_submitted_ms);
    options.durations.script_each = Millis(script_each_ms);
    options.durations.avatar_submitted = Millis(avatar_submitted_ms);
    options.durations.avatar_processing = Millis(avatar_processing_ms);
    options.rate_limits = !no_rate_limits;
    for (const auto& entry : rate_limits) {
      const auto equals = entry.find('=');
      if (equals == std::string::npos)
        throw std::invalid_argument("--rate-limit expects NAME=N, got " + entry);
      options.rate_limit_overrides[entry.substr(0, equals)] = std::stoi(entry.substr(equals + 1));
    }
    options.upload_response =
        upload_response == "object" ? UploadResponseShape::object : UploadResponseShape::array;
    options.max_upload_bytes = static_cast<std::uint64_t>(max_upload_mb * (1 << 20));
    options.max_body_bytes = max_body_kb * 1024;
    options.request_timeout = Millis(request_timeout_ms);
    options.rate_window = Millis(rate_window_ms);
    options.control_api = !no_control_api;
    if (!quiet) {
      static std::mutex log_mutex;
      options.log = [](const std::string& line) {
        std::lock_guard<std::mutex> lock(log_mutex);
        std::cerr << line << '\n';
      };
    }

    // SIGINT and SIGTERM are taken by a thread of their own (every other thread, the
    // server's included, inherits the blocked mask), which stops the server cleanly.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    allow_descriptors_for(options.max_connections);

    if (*record_to) {
      RecordProxy proxy(record);
      return run(proxy, host, port, stop_signals);
    }
    if (*replay) {
      ReplayServer server(replay_file);
      return run(server, host, port, stop_signals);
    }
    MockServer server(options);
    return run(server, host, port, stop_signals);
  } catch (const std::exception& e) {
    std::cerr << "tiktok-aigc-mock: " << e.what() << '\n';
    return 1;
  }
}

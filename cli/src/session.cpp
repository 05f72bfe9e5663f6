#include "session.hpp"

#include <cstdlib>
#include <fstream>

#include "tiktok_aigc/mock/mock_server.hpp"

namespace tiktok_aigc::cli {
namespace {

using namespace std::chrono_literals;

// The token --mock sends unless given one: the mock takes any, and keeps each token's
// tasks apart, so every run without --token sees the same ones.
constexpr const char* kMockToken = "tiktok-aigc-cli";

// Tasks on the bundled mock take seconds, not the live API's minutes: long enough to see
// them move through their states, short enough to try every command.
mock::TaskDurations mock_durations() {
  mock::TaskDurations durations;
  durations.video_submitted = 1s;
  durations.video_processing = 3s;
  durations.lipsync_extra = 2s;
  durations.script_submitted = 1s;
  durations.script_each = 1s;
  durations.avatar_submitted = 1s;
  durations.avatar_processing = 3s;
  return durations;
}

// The mock listens on the port it had last time when it can, so that the media URLs an
// earlier run printed (they name the port) still work for `download`.
std::string port_file(const std::string& state_dir) { return state_dir + "/cli-port"; }

int remembered_port(const std::string& state_dir) {
  std::ifstream in(port_file(state_dir));
  int port = 0;
  return in >> port && port > 0 && port < 65536 ? port : 0;
}

}  // namespace

std::string default_mock_state_dir() {
  const char* state_home = std::getenv("XDG_STATE_HOME");
  if (state_home && *state_home == '/') return std::string(state_home) + "/tiktok-aigc/mock";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return std::string(home) + "/.local/state/tiktok-aigc/mock";
  return {};
}

Session::Session(GlobalOptions options, Terminals terminals, std::istream& in, std::ostream& out,
                 std::ostream& err)
    : options_(std::move(options)),
      terminals_(terminals),
      output_(options_.json, out, err),
      notices_(options_.accept_notices, terminals.in && terminals.err, in, err) {}

Session::~Session() = default;

std::optional<std::string> Session::start() {
  ClientOptions client;
  client.access_token = options_.token;
  client.base_url = options_.base_url;
  client.ca_cert_file = options_.ca_file;
  client.retry.max_attempts = options_.max_attempts;
  if (options_.mock) {
    mock::Options mock_options;
    mock_options.state_dir =
        options_.mock_state_dir.empty() ? default_mock_state_dir() : options_.mock_state_dir;
    mock_options.durations = mock_durations();
    try {
      mock_ = std::make_unique<mock::MockServer>(mock_options);
      const int port = mock_options.state_dir.empty() ? 0 : remembered_port(mock_options.state_dir);
      try {
        mock_->start("127.0.0.1", port);
      } catch (const std::exception&) {
        if (port == 0) throw;
        mock_->start("127.0.0.1", 0);  // taken meanwhile: any port will do
      }
      if (!mock_options.state_dir.empty())
        std::ofstream(port_file(mock_options.state_dir)) << mock_->port() << '\n';
    } catch (const std::exception& error) {
      mock_.reset();
      return std::string("--mock: ") + error.what();
    }
    client.base_url = mock_->base_url();
    if (client.access_token.empty()) client.access_token = kMockToken;
  }
  client_.emplace(client);
  return std::nullopt;
}

CallOptions Session::call() const {
  CallOptions call;
  call.cancel = cancel_;
  return call;
}

WaitOptions Session::wait() const {
  WaitOptions wait;
  wait.timeout = Duration(static_cast<Duration::rep>(options_.timeout_seconds * 1000));
  wait.cancel = cancel_;
  if (on_mock()) {  // its tasks take seconds
    wait.first_interval = 1s;
    wait.max_interval = 2s;
  }
  return wait;
}

Progress::Style Session::progress_style() const {
  if (options_.quiet) return Progress::Style::silent;
  return terminals_.err ? Progress::Style::redrawn : Progress::Style::lines;
}

std::string Session::sample_video_url() const {
  return mock_ ? mock_->sample_video_url() : std::string();
}
std::string Session::sample_image_url() const {
  return mock_ ? mock_->sample_image_url() : std::string();
}

}  // namespace tiktok_aigc::cli

// What every command runs with: the client (for the live API, any base URL, or the bundled
// mock started in this process), the output, the notices, the progress style, and the
// cancellation Ctrl-C triggers.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "notices.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "tiktok_aigc.hpp"

namespace tiktok_aigc::mock {
class MockServer;
}

namespace tiktok_aigc::cli {

// The options every command takes, before its name.
struct GlobalOptions {
  std::string token;     // empty: $TIKTOK_ACCESS_TOKEN
  std::string base_url;  // empty: $TIKTOK_API_BASE, else the live API
  std::string ca_file;
  bool json = false;
  bool quiet = false;
  bool accept_notices = false;
  bool dry_run = false;                           // requests checked and printed, not sent
  double timeout_seconds = 1800;                  // of a --wait
  int max_attempts = RetryPolicy{}.max_attempts;  // of a call that failed transiently
  bool mock = false;
  std::string mock_state_dir;  // empty: the default (default_mock_state_dir())
};

// Where --mock keeps its state between runs: $XDG_STATE_HOME/tiktok-aigc/mock, else
// ~/.local/state/tiktok-aigc/mock; empty when neither can be found (then in memory).
std::string default_mock_state_dir();

class Session {
 public:
  // Which of the streams are a terminal: progress is redrawn on a terminal stderr, and
  // notices are asked when both stdin and stderr are one.
  struct Terminals {
    bool in = false;
    bool err = false;
  };
  Session(GlobalOptions options, Terminals terminals, std::istream& in, std::ostream& out,
          std::ostream& err);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts the bundled mock when asked; why it could not, otherwise nothing.
  std::optional<std::string> start();

  Client& client() { return *client_; }
  Output& output() { return output_; }
  Notices& notices() { return notices_; }
  const GlobalOptions& options() const { return options_; }
  // Cancelled by Ctrl-C: every call and wait of the command stops.
  CancellationToken& cancel() { return cancel_; }
  CallOptions call() const;
  WaitOptions wait() const;
  Progress::Style progress_style() const;

  bool on_mock() const { return mock_ != nullptr; }
  // The bundled mock's sample files (empty unless on_mock()), the default media of the
  // commands that submit some.
  std::string sample_video_url() const;
  std::string sample_image_url() const;

 private:
  GlobalOptions options_;
  Terminals terminals_;
  Output output_;
  Notices notices_;
  CancellationToken cancel_;
  std::unique_ptr<mock::MockServer> mock_;
  std::optional<Client> client_;
};

}  // namespace tiktok_aigc::cli

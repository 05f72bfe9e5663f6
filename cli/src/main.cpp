// tiktok-aigc: TikTok's creative AI APIs from the command line, on the client; with --mock,
// against the bundled mock started in this process.
#include <pthread.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "session.hpp"

namespace {

using namespace tiktok_aigc::cli;

// Ctrl-C (or SIGTERM) cancels the command's calls and waits, which then end with exit code
// 130 and the mock's state saved; a second one (say, at a notice's prompt) ends the program
// at once. A thread of its own takes the signals: every other thread (the mock's too)
// inherits the blocked mask.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  }
  void cancel_on_signal(tiktok_aigc::CancellationToken cancel) {
    watcher_ = std::thread([this, cancel]() mutable {
      for (;;) {
        int signal = 0;
        sigwait(&signals_, &signal);
        if (finished_) return;
        if (cancel.cancelled()) _exit(130);
        cancel.cancel();
      }
    });
  }
  ~StopSignals() {
    if (!watcher_.joinable()) return;
    finished_ = true;
    pthread_kill(watcher_.native_handle(), SIGTERM);
    watcher_.join();
  }

 private:
  sigset_t signals_;
  std::atomic<bool> finished_{false};
  std::thread watcher_;
};

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--token", options.token,
                 "Access token (default: $TIKTOK_ACCESS_TOKEN; the variable keeps it out of the "
                 "process list)");
  app.add_option("--base-url", options.base_url,
                 std::string("API base URL (default: $TIKTOK_API_BASE, else ") +
                     tiktok_aigc::kLiveBaseUrl + ")");
  app.add_option("--ca-file", options.ca_file,
                 "PEM file of extra CAs to trust (verification stays on)")
      ->check(CLI::ExistingFile);
  app.add_flag("--json", options.json,
               "Print one JSON document on stdout (errors under \"error\")");
  app.add_flag("-q,--quiet", options.quiet, "No progress lines while waiting");
  app.add_flag(
      "--accept-notices", options.accept_notices,
      "Acknowledge the upload and download notices and the dubbing consent (see `notices`) "
      "rather than being asked");
  app.add_flag("--dry-run", options.dry_run,
               "Check the request and print it as JSON (what --body takes); send nothing");
  app.add_option("--timeout", options.timeout_seconds,
                 "Seconds --wait waits before giving up (exit 10)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option(
         "--max-attempts", options.max_attempts,
         "Attempts at a call that failed transiently or was throttled, backing off between them "
         "(1: no retries)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  auto* mock = app.add_flag(
      "--mock", options.mock,
      "Run against the bundled mock, started in this process: no token, no network. It "
      "keeps its state between runs in --mock-state");
  const std::string state_dir = default_mock_state_dir();
  app.add_option("--mock-state", options.mock_state_dir,
                 "Where --mock keeps its state (default: " +
                     (state_dir.empty() ? std::string("in memory") : state_dir) + ")")
      ->needs(mock);
  app.get_option("--base-url")->excludes(mock);
}

}  // namespace

int main(int argc, char** argv) {
  StopSignals stop_signals;  // before any thread starts

  CLI::App app{
      "TikTok's creative AI APIs from the command line: videos from products, scripts, Digital\n"
      "Avatar videos, image animation, dubbing. Try every command offline with --mock.\n"
      "Results go to stdout (--json: one JSON document); progress, notices and errors to stderr."};
  app.name("tiktok-aigc");
  app.set_version_flag("--version", "tiktok-aigc " TIKTOK_AIGC_VERSION);
  app.footer("\n" + exit_codes_help());
  app.require_subcommand(1);
  GlobalOptions options;
  add_global_options(app, options);

  Action chosen;
  add_video_commands(app, chosen);
  add_video_task_commands(app, chosen);
  add_image_animation_commands(app, chosen);
  add_dubbing_commands(app, chosen);
  add_script_commands(app, chosen);
  add_avatar_commands(app, chosen);
  add_avatar_video_commands(app, chosen);
  add_download_commands(app, chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints the help, the version, or what was wrong
    return code == 0 ? 0 : kUsageError;
  }

  Session session(options, {isatty(STDIN_FILENO) != 0, isatty(STDERR_FILENO) != 0}, std::cin,
                  std::cout, std::cerr);
  stop_signals.cancel_on_signal(session.cancel());
  if (auto problem = session.start()) return session.output().usage_error(*problem);
  return chosen(session);
}

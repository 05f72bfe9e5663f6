// Runs the tiktok-aigc program as a child process: with pipes for stdin, stdout and stderr,
// or on a pseudo-terminal (what a user at a terminal gives it). Every run is bounded in time:
// a child still running at its deadline is killed and the run fails.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#ifndef CLI_BINARY
#error "CLI_BINARY must name the built tiktok-aigc"
#endif

namespace tiktok_aigc::cli::testing {

using namespace std::chrono_literals;

struct CliRun {
  int exit_code = -1;  // -1: did not exit in time (killed)
  std::string out;     // stdout; on a terminal, everything the terminal showed
  std::string err;     // stderr (empty on a terminal)

  nlohmann::json json() const {
    nlohmann::json document = nlohmann::json::parse(out, nullptr, false);
    EXPECT_FALSE(document.is_discarded()) << "stdout is not one JSON document:\n"
                                          << out << "\nstderr:\n"
                                          << err;
    return document;
  }
};

namespace detail {

inline void exec_cli(const std::vector<std::string>& args) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
#endif
  std::vector<std::string> strings = {CLI_BINARY};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

// Reads what the child writes on `fds` until they all close or `deadline` passes, writing
// `input` first; `during` is called after each read (e.g. to answer a prompt).
inline bool pump(std::vector<std::pair<int, std::string*>> fds,
                 std::chrono::steady_clock::time_point deadline,
                 const std::function<void()>& during = {}) {
  while (!fds.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    std::vector<pollfd> polled;
    for (const auto& [fd, sink] : fds) polled.push_back({fd, POLLIN, 0});
    if (poll(polled.data(), polled.size(), static_cast<int>(left.count())) < 0 && errno != EINTR)
      return false;
    for (std::size_t i = polled.size(); i-- > 0;) {
      if (!polled[i].revents) continue;
      char buffer[4096];
      const ssize_t n = read(polled[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        fds[i].second->append(buffer, static_cast<std::size_t>(n));
        if (during) during();
      } else if (n == 0 || errno != EINTR) {  // EOF, or EIO when a terminal's child is gone
        close(fds[i].first);
        fds.erase(fds.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
  return true;
}

inline int reap(pid_t pid, bool finished) {
  if (!finished) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!finished) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace detail

struct RunOptions {
  std::string input;                                     // written to stdin, which then closes
  std::vector<std::pair<std::string, std::string>> env;  // set in the child ("" value: unset)
  std::chrono::milliseconds timeout = 60s;
  // Called with the child's pid once it runs (e.g. to signal it).
  std::function<void(pid_t, const std::string& err_so_far)> watch;
};

// tiktok-aigc ARGS with pipes.
inline CliRun run_cli(const std::vector<std::string>& args, const RunOptions& options = {}) {
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
    ADD_FAILURE() << "pipe2: " << std::strerror(errno);
    return {};
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    for (const auto& [name, value] : options.env) {
      if (value.empty())
        unsetenv(name.c_str());
      else
        setenv(name.c_str(), value.c_str(), 1);
    }
    detail::exec_cli(args);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // Small inputs fit the pipe's buffer: written whole before reading.
  if (!options.input.empty() && write(in[1], options.input.data(), options.input.size()) < 0) {
    ADD_FAILURE() << "write to stdin: " << std::strerror(errno);
  }
  close(in[1]);
  CliRun run;
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  const bool finished = detail::pump({{out[0], &run.out}, {err[0], &run.err}}, deadline, [&] {
    if (options.watch) options.watch(pid, run.err);
  });
  run.exit_code = detail::reap(pid, finished);
  EXPECT_NE(run.exit_code, -1) << "tiktok-aigc did not end within the test's deadline; stderr:\n"
                               << run.err;
  return run;
}

// tiktok-aigc ARGS on a pseudo-terminal (stdin, stdout and stderr all on it). `answer` is
// typed once the terminal shows `prompt`.
inline CliRun run_cli_on_terminal(const std::vector<std::string>& args,
                                  const std::string& prompt = {}, const std::string& answer = {},
                                  std::chrono::milliseconds timeout = 60s) {
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  if (pid == 0) detail::exec_cli(args);
  if (pid < 0) {
    ADD_FAILURE() << "forkpty: " << std::strerror(errno);
    return {};
  }
  CliRun run;
  bool answered = prompt.empty();
  const bool finished =
      detail::pump({{terminal, &run.out}}, std::chrono::steady_clock::now() + timeout, [&] {
        if (answered || run.out.find(prompt) == std::string::npos) return;
        answered = true;
        if (write(terminal, answer.data(), answer.size()) < 0)
          ADD_FAILURE() << "write: " << std::strerror(errno);
      });
  run.exit_code = detail::reap(pid, finished);
  EXPECT_NE(run.exit_code, -1) << "tiktok-aigc did not end within the test's deadline; terminal:\n"
                               << run.out;
  return run;
}

}  // namespace tiktok_aigc::cli::testing

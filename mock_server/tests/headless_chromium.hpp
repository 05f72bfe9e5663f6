// A headless Chromium for tests, driven over the Chrome DevTools Protocol on a pipe
// (--remote-debugging-pipe): commands go in on the browser's fd 3, replies and events come out
// on its fd 4, each a JSON message ended by a NUL byte, so no WebSocket client is needed.
// Every wait has a deadline; a browser that does not close in time is killed.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tiktok_aigc::mock::testing {

class HeadlessChromium {
 public:
  using json = nlohmann::json;
  using Millis = std::chrono::milliseconds;
  static constexpr Millis kCommandTimeout{20000};

  // The `chromium` program on PATH, or "" when there is none.
  static std::string find_binary() {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
      const std::string candidate = (dir.empty() ? "." : dir) + "/chromium";
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
  }

  // Starts `binary` with a fresh profile in `work_dir` (which must exist) and its output in
  // work_dir/chromium.log; pages are `width` x `height` CSS pixels.
  HeadlessChromium(const std::string& binary, const std::string& work_dir, int width, int height)
      : log_path_(work_dir + "/chromium.log"), width_(width), height_(height) {
    // A write to a browser that died must fail with EPIPE, not end the test process.
    signal(SIGPIPE, SIG_IGN);
    const std::vector<std::string> args = {
        binary,
        "--headless=new",
        "--no-sandbox",  // tests may run as root, in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--remote-debugging-pipe",
        "--user-data-dir=" + work_dir + "/profile",
        "--window-size=" + std::to_string(width) + "," + std::to_string(height),
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",  // no calls home: the test watches the network
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--mute-audio",
        "about:blank",
    };
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    int commands[2], replies[2];
    if (pipe2(commands, O_CLOEXEC) != 0 || pipe2(replies, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe2 failed");
    }
    const int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int null_input = open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      // Only async-signal-safe calls from here to exec: the test process has threads.
      setpgid(0, 0);  // its own group, so that a kill reaches its helper processes too
      const int commands_in = fcntl(commands[0], F_DUPFD, 5);
      const int replies_out = fcntl(replies[1], F_DUPFD, 5);
      if (commands_in < 0 || replies_out < 0 || dup2(commands_in, 3) < 0 ||
          dup2(replies_out, 4) < 0 || dup2(null_input, 0) < 0 || dup2(log, 1) < 0 ||
          dup2(log, 2) < 0) {
        _exit(127);
      }
      close_range(5, ~0U, 0);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(commands[0]);
    close(replies[1]);
    close(log);
    close(null_input);
    to_browser_ = commands[1];
    from_browser_ = replies[0];
  }

  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  ~HeadlessChromium() {
    try {
      close_browser(Millis(3000));
    } catch (...) {
      // A destructor must not throw; close_browser() has killed what it could not close.
    }
  }

  // Sends `method` to the browser, or to a page's session when `session_id` is given, and
  // returns the reply's result. Events that arrive meanwhile are kept for events(). Throws on
  // an error reply, or when none comes within `timeout`.
  json command(const std::string& method, const json& params = json::object(),
               const std::string& session_id = "", Millis timeout = kCommandTimeout) {
    const int id = ++last_id_;
    json message = {{"id", id}, {"method", method}, {"params", params}};
    if (!session_id.empty()) message["sessionId"] = session_id;
    send(message.dump() + '\0');
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      json received = receive(deadline, method);
      if (received.contains("method")) {
        events_.push_back(std::move(received));
      } else if (received.value("id", 0) == id) {
        if (received.contains("error")) {
          throw std::runtime_error(method + " failed: " + received["error"].dump());
        }
        return received.value("result", json::object());
      }
    }
  }

  // A new tab at `url`, its network and runtime events recorded from the start; the session
  // id of the page.
  std::string open_page(const std::string& url) {
    const json target = command("Target.createTarget", {{"url", "about:blank"}});
    const json attached =
        command("Target.attachToTarget", {{"targetId", target.at("targetId")}, {"flatten", true}});
    const std::string session = attached.at("sessionId");
    command("Network.enable", json::object(), session);
    command("Runtime.enable", json::object(), session);
    command("Page.enable", json::object(), session);
    command("Emulation.setDeviceMetricsOverride",
            {{"width", width_}, {"height", height_}, {"deviceScaleFactor", 1}, {"mobile", false}},
            session);
    command("Page.navigate", {{"url", url}}, session);
    return session;
  }

  // The value of `expression` in the page (a promise awaited), as JSON; throws when it throws.
  json evaluate(const std::string& session_id, const std::string& expression) {
    const json reply = command(
        "Runtime.evaluate",
        {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}}, session_id);
    if (reply.contains("exceptionDetails")) {
      throw std::runtime_error("evaluating `" + expression +
                               "` threw: " + reply["exceptionDetails"].dump());
    }
    return reply.at("result").value("value", json());
  }

  // Evaluates `expression` until its value is truthy, and returns it; throws when it is not
  // within `timeout`.
  json wait_until(const std::string& session_id, const std::string& expression, Millis timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    json value;
    for (;;) {
      value = evaluate(session_id, expression);
      const bool truthy = !(value.is_null() || value == false || value == 0 || value == "");
      if (truthy) return value;
      if (std::chrono::steady_clock::now() >= deadline) {
        throw std::runtime_error("timed out waiting for `" + expression + "` (last value " +
                                 value.dump() + ")");
      }
      std::this_thread::sleep_for(Millis(50));
    }
  }

  // The page as shown, as PNG bytes.
  std::string screenshot_png(const std::string& session_id) {
    const json shot = command("Page.captureScreenshot", {{"format", "png"}}, session_id);
    return decode_base64(shot.at("data").get<std::string>());
  }

  // The events received so far whose method is `method` (e.g. "Network.requestWillBeSent").
  std::vector<json> events(const std::string& method) const {
    std::vector<json> matching;
    for (const json& event : events_) {
      if (event.value("method", "") == method) matching.push_back(event);
    }
    return matching;
  }

  // Browser.close, then a wait for the process to end; SIGKILL to its process group when it
  // has not ended within `timeout`. True when it closed by itself.
  bool close_browser(Millis timeout = Millis(10000)) {
    if (pid_ <= 0) return true;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
      command("Browser.close", json::object(), "", timeout);
    } catch (const std::exception&) {
      // No reply is fine: the browser may close its pipe before it answers.
    }
    bool exited = false;
    while (!exited && std::chrono::steady_clock::now() < deadline) {
      exited = waitpid(pid_, nullptr, WNOHANG) == pid_;
      if (!exited) std::this_thread::sleep_for(Millis(20));
    }
    kill(-pid_, SIGKILL);  // the group: renderers and helpers left behind, if any
    if (!exited) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    ::close(to_browser_);
    ::close(from_browser_);
    return exited;
  }

  // The end of the browser's output, for a failure message.
  std::string log_tail(std::size_t bytes = 2000) const {
    std::ifstream in(log_path_, std::ios::binary);
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return log.size() > bytes ? log.substr(log.size() - bytes) : log;
  }

 private:
  void send(const std::string& bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = write(to_browser_, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("chromium stopped reading commands\n" + log_tail());
      written += static_cast<std::size_t>(n);
    }
  }

  // The next message, whole.
  json receive(std::chrono::steady_clock::time_point deadline, const std::string& awaited) {
    for (;;) {
      const auto end = pending_.find('\0');
      if (end != std::string::npos) {
        json message = json::parse(pending_.substr(0, end));
        pending_.erase(0, end + 1);
        return message;
      }
      const auto left =
          std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("no reply to " + awaited + " in time");
      pollfd readable = {from_browser_, POLLIN, 0};
      const int ready = poll(&readable, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) continue;  // the deadline is checked above
      char chunk[65536];
      const ssize_t n = read(from_browser_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        throw std::runtime_error("chromium closed its pipe awaiting " + awaited + "\n" +
                                 log_tail());
      pending_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  static std::string decode_base64(const std::string& text) {
    std::string out;
    unsigned int bits = 0;
    int count = 0;
    for (const char c : text) {
      int value;
      if (c >= 'A' && c <= 'Z')
        value = c - 'A';
      else if (c >= 'a' && c <= 'z')
        value = c - 'a' + 26;
      else if (c >= '0' && c <= '9')
        value = c - '0' + 52;
      else if (c == '+')
        value = 62;
      else if (c == '/')
        value = 63;
      else
        continue;  // '=' padding
      bits = (bits << 6) | static_cast<unsigned int>(value);
      count += 6;
      if (count >= 8) {
        count -= 8;
        out.push_back(static_cast<char>((bits >> count) & 0xFF));
      }
    }
    return out;
  }

  std::string log_path_;
  int width_, height_;
  pid_t pid_ = -1;
  int to_browser_ = -1, from_browser_ = -1;
  int last_id_ = 0;
  std::string pending_;  // bytes read past the last whole message
  std::vector<json> events_;
};

}  // namespace tiktok_aigc::mock::testing

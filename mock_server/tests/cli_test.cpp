// The tiktok-aigc-mock program, run as a child process: its flags, its first line, its
// request log, HTTPS, bad flags and SIGTERM. Loopback only; every wait is bounded and every
// child is killed (by its pid) when a test ends.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "self_signed_certificate.hpp"
#include "test_support.hpp"
#include "tiktok_aigc/version.hpp"

#ifndef MOCK_BINARY
#error "MOCK_BINARY must name the built tiktok-aigc-mock"
#endif

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;
using tiktok_aigc::testing::SelfSignedCertificate;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kStartTimeout = 10s;
constexpr auto kExitTimeout = 5s;

// A running tiktok-aigc-mock with its stdout and stderr on pipes.
class MockProcess {
 public:
  explicit MockProcess(const std::vector<std::string>& args) {
    int out[2];
    int err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: " << std::strerror(errno);
      return;
    }
    std::vector<std::string> argv_strings = {MOCK_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);

    pid_ = fork();
    if (pid_ == 0) {
#ifdef __linux__
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
#endif
      dup2(out[1], STDOUT_FILENO);
      dup2(err[1], STDERR_FILENO);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    close(err[1]);
    out_fd_ = out[0];
    err_fd_ = err[0];
    if (pid_ < 0) ADD_FAILURE() << "fork: " << std::strerror(errno);
  }

  ~MockProcess() {
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (err_fd_ >= 0) close(err_fd_);
  }
  MockProcess(const MockProcess&) = delete;
  MockProcess& operator=(const MockProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The next line of stdout (without its newline), or nothing on EOF or timeout.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      const auto newline = out_.find('\n');
      if (newline != std::string::npos) {
        std::string line = out_.substr(0, newline);
        out_.erase(0, newline + 1);
        return line;
      }
      if (!read_some(out_fd_, out_, deadline)) return std::nullopt;
    }
  }

  // Everything on stdout until EOF (or the timeout).
  std::string read_stdout(std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    while (read_some(out_fd_, out_, deadline)) {
    }
    return out_;
  }

  // Reads stderr until it holds `needle` (true) or the timeout passes (false).
  bool wait_stderr_for(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    while (err_.find(needle) == std::string::npos) {
      if (!read_some(err_fd_, err_, deadline)) return false;
    }
    return true;
  }

  // Everything on stderr until EOF (or the timeout).
  std::string read_stderr(std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    while (read_some(err_fd_, err_, deadline)) {
    }
    return err_;
  }
  const std::string& stderr_so_far() const { return err_; }

  // The raw wait status once the process has exited, or nothing after the timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    if (status_) return status_;
    const auto deadline = SteadyClock::now() + timeout;
    while (SteadyClock::now() < deadline) {
      int status = 0;
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        status_ = status;
        return status_;
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  void signal(int number) {
    if (pid_ > 0 && !status_) kill(pid_, number);
  }

 private:
  // Appends what `fd` has to `buffer`; false on EOF, error or deadline.
  static bool read_some(int fd, std::string& buffer, SteadyClock::time_point deadline) {
    if (fd < 0) return false;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd, POLLIN, 0};
      const int ready = poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      char chunk[4096];
      const ssize_t n = read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  std::optional<int> status_;
};

// A started mock: the process and where it listens.
struct Started {
  std::unique_ptr<MockProcess> process;
  std::string first_line;
  std::string scheme;
  int port = 0;
};

// Runs the binary on a free loopback port with `args` and waits for its first line.
Started start_mock(std::vector<std::string> args) {
  args.insert(args.begin(), {"--host", "127.0.0.1", "--port", "0"});
  Started started;
  started.process = std::make_unique<MockProcess>(args);
  const auto line = started.process->read_line(kStartTimeout);
  if (!line) {
    ADD_FAILURE() << "no first line; stderr: " << started.process->read_stderr(1s);
    return started;
  }
  started.first_line = *line;
  static const std::regex listening(R"(^listening on (https?)://127\.0\.0\.1:([0-9]+)$)");
  std::smatch match;
  if (!std::regex_match(*line, match, listening)) {
    ADD_FAILURE() << "unexpected first line: " << *line;
    return started;
  }
  started.scheme = match[1];
  started.port = std::stoi(match[2]);
  return started;
}

std::unique_ptr<httplib::Client> http_client(int port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(5, 0);
  client->set_write_timeout(5, 0);
  return client;
}

template <typename HttpClient>
Reply api_get(HttpClient& client, const std::string& target, const std::string& token = kToken) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Access-Token", token);
  return to_reply(client.Get(target.c_str(), headers));
}

template <typename HttpClient>
Reply api_post(HttpClient& client, const std::string& path, const json& body,
               const std::string& token = kToken) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Access-Token", token);
  return to_reply(client.Post(path.c_str(), headers, body.dump(), "application/json"));
}

json upload_body() {
  return {{"upload_type", "UPLOAD_BY_URL"},
          {"use_scenario", "AIGC"},
          {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
}

// Runs the binary to completion (bad flags, --help): its exit status, stdout and stderr.
struct Finished {
  std::optional<int> status;
  std::string out;
  std::string err;
};

Finished run_to_exit(const std::vector<std::string>& args) {
  MockProcess process(args);
  Finished finished;
  finished.out = process.read_stdout(kExitTimeout);
  finished.err = process.read_stderr(1s);
  finished.status = process.wait_exit(kExitTimeout);
  return finished;
}

bool exited_with(const std::optional<int>& status, int code) {
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) == code;
}

bool exited_nonzero(const std::optional<int>& status) {
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) != 0;
}


// =============================================================================================

TEST(Cli, HelpExitsZeroAndNamesTheMainFlags) {
  const Finished help = run_to_exit({"--help"});
  EXPECT_TRUE(exited_with(help.status, 0)) << "status " << help.status.value_or(-1);
  for (const char* flag : {"--port", "--seed", "--tls-cert", "--tls-key", "--no-rate-limits",
                           "--tokens", "--freeze-clock", "--no-control-api", "--quiet"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag << " missing from:\n" << help.out;
  }
  EXPECT_EQ(help.out.find("listening on http"), std::string::npos);  // it does not serve
}

TEST(Cli, VersionPrintsTheProjectVersionAndExitsZero) {
  const Finished version = run_to_exit({"--version"});
  EXPECT_TRUE(exited_with(version.status, 0)) << "status " << version.status.value_or(-1);
  EXPECT_EQ(version.out, "tiktok-aigc-mock " TIKTOK_AIGC_VERSION "\n");
}

TEST(Cli, FirstLineSaysWhereItListensAndThatPortAnswers) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0) << mock.first_line;
  EXPECT_EQ(mock.scheme, "http");
  EXPECT_EQ(mock.first_line, "listening on http://127.0.0.1:" + std::to_string(mock.port));
  auto client = http_client(mock.port);
  const Reply reply = api_post(*client, kUploadPath, upload_body(), "");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.code(), 40104) << reply.body;
  const Reply ok = api_post(*client, kUploadPath, upload_body());
  EXPECT_EQ(ok.code(), 0) << ok.body;
}

TEST(Cli, LogsALinePerRequestOnStderrWithoutTheToken) {
  const std::string secret = "SECRET-CLI-TOKEN-424242";
  Started mock = start_mock({});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  const Reply listed = api_get(*client, std::string(kVideoListPath) + "?page=1", secret);
  ASSERT_EQ(listed.code(), 0) << listed.body;
  const Reply uploaded = api_post(*client, kUploadPath, upload_body(), secret);
  ASSERT_EQ(uploaded.code(), 0) << uploaded.body;
  const std::string request_id = uploaded.parsed.at("request_id");

  EXPECT_TRUE(mock.process->wait_stderr_for(kVideoListPath, 5s)) << mock.process->stderr_so_far();
  EXPECT_TRUE(mock.process->wait_stderr_for(request_id, 5s)) << mock.process->stderr_so_far();
  const std::string log = mock.process->stderr_so_far();
  EXPECT_NE(log.find(kUploadPath), std::string::npos) << log;
  EXPECT_EQ(log.find(secret), std::string::npos) << log;
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  // One line each (a line per request), in order.
  const auto list_at = log.find(kVideoListPath);
  const auto upload_at = log.find(kUploadPath);
  EXPECT_LT(list_at, upload_at);
  EXPECT_NE(log.find('\n', list_at), std::string::npos);
  EXPECT_LT(log.find('\n', list_at), upload_at);

  mock.process->signal(SIGTERM);
  EXPECT_TRUE(exited_with(mock.process->wait_exit(kExitTimeout), 0));
  EXPECT_EQ(mock.process->read_stderr(1s).find(secret), std::string::npos);
}

TEST(Cli, QuietLogsNothing) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0);
  mock.process->signal(SIGTERM);
  EXPECT_TRUE(exited_with(mock.process->wait_exit(kExitTimeout), 0));
  const std::string err = mock.process->read_stderr(1s);
  EXPECT_EQ(err.find(kVideoListPath), std::string::npos) << err;
}

TEST(Cli, RateLimitsAreOnByDefault) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0) << "request " << i + 1;
  }
  const Reply throttled = api_get(*client, kVideoListPath);
  EXPECT_EQ(throttled.status, 200);
  EXPECT_EQ(throttled.code(), 40100) << throttled.body;
  EXPECT_EQ(api_get(*client, kVideoListPath, "another-token").code(), 0);
}

TEST(Cli, NoRateLimitsSwitchesThemOff) {
  Started mock = start_mock({"--quiet", "--no-rate-limits"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0) << "request " << i + 1;
  }
}

TEST(Cli, RateLimitFlagSetsOneEndpointsBudget) {
  Started mock = start_mock({"--quiet", "--rate-limit", "video_list=3"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0);
  EXPECT_EQ(api_get(*client, kVideoListPath).code(), 40100);
}

TEST(Cli, RateWindowFlagSetsTheWindowBudgetsCountOver) {
  Started mock = start_mock({"--quiet", "--rate-limit", "video_list=2", "--rate-window-ms", "300"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0);
  EXPECT_EQ(api_get(*client, kVideoListPath).code(), 40100);
  std::this_thread::sleep_for(std::chrono::milliseconds(350));  // the window has passed
  EXPECT_EQ(api_get(*client, kVideoListPath).code(), 0);
}

TEST(Cli, TokensFlagRefusesOtherTokens) {
  Started mock = start_mock({"--quiet", "--tokens", "a,b"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  const Reply refused = api_get(*client, kVideoListPath, "c");
  EXPECT_EQ(refused.status, 200);
  EXPECT_EQ(refused.code(), 40105) << refused.body;
  EXPECT_EQ(api_get(*client, kVideoListPath, "a").code(), 0);
  EXPECT_EQ(api_get(*client, kVideoListPath, "b").code(), 0);
  EXPECT_EQ(api_get(*client, kVideoListPath, "a,b").code(), 40105);
  EXPECT_EQ(api_get(*client, kVideoListPath, "").code(), 40104);
}

TEST(Cli, NoControlApiAnswers404UnderMock) {
  {
    Started mock = start_mock({"--quiet"});
    ASSERT_GT(mock.port, 0);
    auto client = http_client(mock.port);
    const auto clock = client->Get("/__mock__/clock");
    ASSERT_TRUE(clock);
    EXPECT_EQ(clock->status, 200);  // on by default
  }
  Started mock = start_mock({"--quiet", "--no-control-api"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  const auto clock = client->Get("/__mock__/clock");
  ASSERT_TRUE(clock);
  EXPECT_EQ(clock->status, 404);
  const auto reset = client->Post("/__mock__/reset", "", "application/json");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 404);
  EXPECT_EQ(api_get(*client, kVideoListPath).code(), 0);  // the API still serves
}

TEST(Cli, MaxConnectionsRefusesTheConnectionPastIt) {
  Started mock = start_mock({"--quiet", "--max-connections", "2"});
  ASSERT_GT(mock.port, 0);
  auto first = http_client(mock.port);
  auto second = http_client(mock.port);
  first->set_keep_alive(true);
  second->set_keep_alive(true);
  ASSERT_EQ(api_get(*first, kVideoListPath).code(), 0);  // both kept alive from here on
  ASSERT_EQ(api_get(*second, kVideoListPath).code(), 0);
  const auto refused = http_client(mock.port)->Get("/__mock__/clock");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
}

TEST(Cli, RaisesItsDescriptorLimitToWhatMaxConnectionsNeeds) {
  rlimit ours{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &ours), 0);
  if (ours.rlim_max != RLIM_INFINITY && ours.rlim_max < 2000) {
    GTEST_SKIP() << "the hard descriptor limit (" << ours.rlim_max << ") is below 2000";
  }
  // The child inherits a soft limit of 1024, the usual one.
  const rlimit usual{1024, ours.rlim_max};
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &usual), 0);
  Started mock = start_mock({"--quiet", "--max-connections", "1500"});
  setrlimit(RLIMIT_NOFILE, &ours);
  ASSERT_GT(mock.port, 0);
  std::ifstream limits("/proc/" + std::to_string(mock.process->pid()) + "/limits");
  std::string line;
  long long soft = 0;
  while (std::getline(limits, line)) {
    if (line.rfind("Max open files", 0) == 0) soft = std::stoll(line.substr(26));
  }
  EXPECT_GE(soft, 1500);
}

// Ids a fresh mock hands out for a few fixed requests.
std::vector<std::string> ids_with_seed(const std::string& seed) {
  Started mock = start_mock({"--quiet", "--seed", seed});
  if (mock.port <= 0) return {};
  auto client = http_client(mock.port);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const Reply reply = api_post(*client, kUploadPath, upload_body());
    EXPECT_EQ(reply.code(), 0) << reply.body;
    if (reply.code() == 0) ids.push_back(reply.data().at(0).at("video_id"));
  }
  return ids;
}

TEST(Cli, SameSeedGivesTheSameIds) {
  const auto first = ids_with_seed("99");
  const auto second = ids_with_seed("99");
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first, second);
  const auto other = ids_with_seed("100");
  ASSERT_EQ(other.size(), 3u);
  EXPECT_NE(first, other);
}

TEST(Cli, FreezeClockAndAdvanceThroughTheControlApi) {
  Started mock = start_mock({"--quiet", "--freeze-clock"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  const auto read_clock = [&] {
    const auto result = client->Get("/__mock__/clock");
    EXPECT_TRUE(result);
    return result ? json::parse(result->body, nullptr, false) : json();
  };
  const json before = read_clock();
  ASSERT_TRUE(before.is_object());
  EXPECT_EQ(before.at("frozen"), true);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(read_clock().at("unix_ms"), before.at("unix_ms"));

  // A task waits on the frozen clock and moves when it is advanced.
  const Reply uploaded = api_post(*client, kUploadPath, upload_body());
  ASSERT_EQ(uploaded.code(), 0) << uploaded.body;
  const std::string video_id = uploaded.data().at(0).at("video_id");
  const json task = {{"aigc_video_type", "VOICEOVER"},
                     {"product_video_info",
                      {{"video_generation_count", 1},
                       {"target_language", "en"},
                       {"product_info_list",
                        {{{"source_language", "en"},
                          {"product_name", "Glow Serum"},
                          {"title", "Glow Serum 30 ml"},
                          {"description", "A light vitamin C serum."},
                          {"selling_points", {"Vegan formula"}},
                          {"brand", "Lumen"},
                          {"price", 24.99},
                          {"currency", "USD"}}}},
                       {"input_video_list", {{"video_id_list", {video_id}}}}}}};
  const Reply created = api_post(*client, kVideoTaskCreatePath, task);
  ASSERT_EQ(created.code(), 0) << created.body;
  const std::string task_id = created.data().at("task_ids").at(0);
  const std::string status_target = std::string(kVideoTaskListPath) + "?task_ids=" +
                                    encode(json::array({task_id}).dump()) +
                                    "&aigc_video_type=VOICEOVER";
  EXPECT_EQ(api_get(*client, status_target).data().at("list").at(0).at("status"), "SUBMITTED");

  const auto advanced = client->Post("/__mock__/clock/advance", R"({"seconds": 60})", "application/json");
  ASSERT_TRUE(advanced);
  ASSERT_EQ(advanced->status, 200) << advanced->body;
  const json after = read_clock();
  EXPECT_EQ(after.at("unix_ms").get<long long>(), before.at("unix_ms").get<long long>() + 60000);
  EXPECT_EQ(after.at("frozen"), true);
  EXPECT_EQ(api_get(*client, status_target).data().at("list").at(0).at("status"), "SUCCESS");
}

TEST(Cli, WithoutFreezeClockTheClockRuns) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  const auto first = client->Get("/__mock__/clock");
  ASSERT_TRUE(first);
  const json a = json::parse(first->body);
  EXPECT_EQ(a.at("frozen"), false);
  std::this_thread::sleep_for(60ms);
  const auto second = client->Get("/__mock__/clock");
  ASSERT_TRUE(second);
  const json b = json::parse(second->body);
  EXPECT_GE(b.at("unix_ms").get<long long>() - a.at("unix_ms").get<long long>(), 40);
}

TEST(Cli, ServesHttpsWithTheGivenCertificate) {
  SelfSignedCertificate certificate;
  ASSERT_TRUE(certificate.ok()) << "openssl could not make a certificate";
  Started mock = start_mock({"--quiet", "--tls-cert", certificate.cert(), "--tls-key", certificate.key()});
  ASSERT_GT(mock.port, 0) << mock.first_line;
  EXPECT_EQ(mock.scheme, "https");
  EXPECT_EQ(mock.first_line, "listening on https://127.0.0.1:" + std::to_string(mock.port));

  {
    httplib::SSLClient verified("127.0.0.1", mock.port);
    verified.set_ca_cert_path(certificate.cert().c_str());
    verified.enable_server_certificate_verification(true);
    verified.set_connection_timeout(5, 0);
    verified.set_read_timeout(5, 0);
    const auto result = verified.Post(kUploadPath, upload_body().dump(), "application/json");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(json::parse(result->body).at("code"), 40104) << result->body;

    const Reply listed = api_get(verified, kVideoListPath);
    EXPECT_EQ(listed.code(), 0) << listed.body;
  }
  {
    // Without the CA the self-signed certificate fails verification.
    httplib::SSLClient unverified("127.0.0.1", mock.port);
    unverified.enable_server_certificate_verification(true);
    unverified.set_connection_timeout(5, 0);
    unverified.set_read_timeout(5, 0);
    const auto result = unverified.Get(kVideoListPath);
    EXPECT_FALSE(result) << "HTTP " << result->status;
    EXPECT_EQ(result.error(), httplib::Error::SSLServerVerification)
        << httplib::to_string(result.error());
  }
  {
    // Plain HTTP to the HTTPS port gets no API answer.
    auto plain = http_client(mock.port);
    const auto result = plain->Get(kVideoListPath);
    EXPECT_TRUE(!result || result->status == 400) << result->status << " " << result->body;
  }
}

TEST(Cli, BadFlagsExitNonZeroWithAMessage) {
  SelfSignedCertificate certificate;
  ASSERT_FALSE(certificate.dir().empty());
  const std::string garbage = certificate.dir() + "/garbage.pem";
  std::ofstream(garbage) << "not a certificate\n";

  struct Case {
    std::vector<std::string> args;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {{"--port", "abc"}, "--port"},
      // Out of range: httplib would take it modulo 65536 and listen elsewhere than it says.
      {{"--port", "99999"}, "--port"},
      {{"--port", "-1"}, "--port"},
      {{"--port", "0", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"},
       "/nonexistent/cert.pem"},
      {{"--port", "0", "--tls-cert", garbage, "--tls-key", garbage}, garbage},
      {{"--port", "0", "--tls-cert", garbage}, "--tls-key"},
      {{"--port", "0", "--failure-rate", "2"}, "--failure-rate"},
      {{"--port", "0", "--rate-limit", "no_such_endpoint=3"}, "no_such_endpoint"},
      {{"--port", "0", "--rate-limit", "video_list"}, "--rate-limit"},
      {{"--port", "0", "--start-time", "yesterday"}, "--start-time"},
      {{"--port", "0", "--no-such-flag"}, "--no-such-flag"},
  };
  for (const auto& c : cases) {
    const Finished run = run_to_exit(c.args);
    std::string joined;
    for (const auto& arg : c.args) joined += arg + " ";
    EXPECT_TRUE(exited_nonzero(run.status)) << joined << "-> status " << run.status.value_or(-1)
                                            << "\n" << run.out << run.err;
    EXPECT_FALSE(run.err.empty()) << joined;
    EXPECT_NE(run.err.find(c.mentions), std::string::npos) << joined << "-> " << run.err;
    EXPECT_EQ(run.out.find("listening on"), std::string::npos) << joined << "-> " << run.out;
  }
}

TEST(Cli, SigtermStopsItWithStatusZero) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0);
  client.reset();

  const auto sent = SteadyClock::now();
  mock.process->signal(SIGTERM);
  const auto status = mock.process->wait_exit(kExitTimeout);
  ASSERT_TRUE(status) << "still running " << kExitTimeout.count() << " s after SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status)) << "killed by signal " << (WIFSIGNALED(*status) ? WTERMSIG(*status) : 0);
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_LT(SteadyClock::now() - sent, kExitTimeout);
  // And it no longer listens.
  auto after = http_client(mock.port);
  after->set_connection_timeout(1, 0);
  EXPECT_FALSE(after->Get(kVideoListPath));
}

TEST(Cli, SigtermStopsItWhileAClientKeepsAConnectionOpen) {
  Started mock = start_mock({"--quiet"});
  ASSERT_GT(mock.port, 0);
  auto client = http_client(mock.port);
  client->set_keep_alive(true);
  ASSERT_EQ(api_get(*client, kVideoListPath).code(), 0);
  // An idle keep-alive connection holds its worker until the keep-alive timeout, which the
  // mock keeps at 1 s (httplib's default of 5 s made a stop slow).
  mock.process->signal(SIGTERM);
  const auto status = mock.process->wait_exit(3s);
  ASSERT_TRUE(status) << "still running 3 s after SIGTERM with a keep-alive connection open";
  EXPECT_TRUE(exited_with(status, 0));
}

TEST(Cli, AnOccupiedPortIsAnErrorNotASharedPort) {
  Started first = start_mock({"--quiet"});
  ASSERT_GT(first.port, 0);
  const Finished second = run_to_exit({"--port", std::to_string(first.port), "--quiet"});
  EXPECT_TRUE(exited_nonzero(second.status)) << second.out;
  EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
  EXPECT_EQ(second.out.find("listening on"), std::string::npos) << second.out;
}

// Clients create and poll on four tokens (videos, scripts, avatar videos); the mock is killed with SIGKILL while they do,
// then started again on the same --state-dir: every create that was answered is there,
// once, in the state it was in, and goes on to SUCCESS when the clock moves.
TEST(Cli, StateDirSurvivesSigkillInTheMiddleOfALoad) {
  TempDir dir;
  const std::vector<std::string> args = {"--quiet",       "--no-rate-limits", "--seed", "11",
                                         "--freeze-clock", "--state-dir",      dir.path()};
  Started first = start_mock(args);
  ASSERT_GT(first.port, 0);

  struct Acknowledged {
    std::string token;
    std::vector<std::string> uploads, video_tasks, script_tasks, avatar_tasks;
  };
  constexpr int kClients = 4;
  std::vector<Acknowledged> acknowledged(kClients);
  for (int c = 0; c < kClients; ++c) acknowledged[static_cast<std::size_t>(c)].token = "load-token-" + std::to_string(c);
  std::atomic<int> answers{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Acknowledged& mine = acknowledged[static_cast<std::size_t>(c)];
      auto http = http_client(first.port);
      // The answer's data; nothing once the mock is gone (or on an error, which fails).
      const auto data_of = [](const httplib::Result& result) -> std::optional<json> {
        if (!result) return std::nullopt;
        const json body = json::parse(result->body, nullptr, false);
        if (!body.is_object() || body.value("code", -1) != 0) {
          ADD_FAILURE() << "HTTP " << result->status << ": " << result->body;
          return std::nullopt;
        }
        return body["data"];
      };
      const httplib::Headers headers{{"Access-Token", mine.token}};
      const auto avatars = data_of(http->Get((std::string(kAvatarListPath) + "?page_size=1").c_str(), headers));
      if (!avatars) return;
      const json avatar_task = {
          {"material_packages", {{{"avatar_id", (*avatars)["list"][0]["avatar_id"]}, {"script", "Hello."}}}}};
      for (int i = 0; i < 10'000; ++i) {
        const auto upload = data_of(
            http->Post(kUploadPath, headers, upload_body().dump(), "application/json"));
        if (!upload) return;
        const std::string upload_id = (*upload)[0]["video_id"];
        mine.uploads.push_back(upload_id);
        const auto created =
            data_of(http->Post(kVideoTaskCreatePath, headers,
                               Bodies::voiceover_task({upload_id}, 2).dump(), "application/json"));
        if (!created) return;
        for (const auto& id : (*created)["task_ids"]) mine.video_tasks.push_back(id);
        const std::vector<std::string> recent(mine.video_tasks.end() - 2, mine.video_tasks.end());
        if (!data_of(http->Get((std::string(kVideoTaskListPath) +
                                "?aigc_video_type=VOICEOVER&task_ids=" + encode(json(recent).dump()))
                                   .c_str(),
                               headers))) {
          return;
        }
        if (i % 3 == 0) {
          const auto script = data_of(http->Post(kScriptTaskCreatePath, headers,
                                                 Bodies::product_script_task(2).dump(),
                                                 "application/json"));
          if (!script) return;
          mine.script_tasks.push_back((*script)["task_id"]);
        }
        if (i % 3 == 1) {
          const auto avatar =
              data_of(http->Post(kAvatarVideoTaskCreatePath, headers, avatar_task.dump(), "application/json"));
          if (!avatar) return;
          mine.avatar_tasks.push_back((*avatar)["list"][0]["task_id"]);
        }
        answers += 3;
      }
    });
  }
  const auto deadline = SteadyClock::now() + 20s;
  while (answers < 300 && SteadyClock::now() < deadline) std::this_thread::sleep_for(1ms);
  first.process->signal(SIGKILL);  // the clients are still sending
  for (auto& client : clients) client.join();
  const auto status = first.process->wait_exit(kExitTimeout);
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL);
  ASSERT_GE(answers, 300);

  Started second = start_mock(args);
  ASSERT_GT(second.port, 0);
  auto http = http_client(second.port);
  std::set<std::string> seen;
  const auto task_statuses = [&](const Acknowledged& mine) {
    std::map<std::string, std::string> statuses;
    for (std::size_t i = 0; i < mine.video_tasks.size(); i += 5) {
      const std::vector<std::string> some(
          mine.video_tasks.begin() + static_cast<std::ptrdiff_t>(i),
          mine.video_tasks.begin() + static_cast<std::ptrdiff_t>(std::min(i + 5, mine.video_tasks.size())));
      const Reply reply = api_get(*http,
                                  std::string(kVideoTaskListPath) +
                                      "?aigc_video_type=VOICEOVER&task_ids=" + encode(json(some).dump()),
                                  mine.token);
      EXPECT_EQ(reply.code(), 0) << reply.body;
      if (reply.code() != 0) continue;
      for (const auto& task : reply.data()["list"]) statuses[task["task_id"]] = task["status"];
    }
    return statuses;
  };
  for (const auto& mine : acknowledged) {
    SCOPED_TRACE(mine.token);
    ASSERT_FALSE(mine.video_tasks.empty());
    for (const auto& id : mine.video_tasks) EXPECT_TRUE(seen.insert(id).second) << id << " twice";
    const auto statuses = task_statuses(mine);
    EXPECT_EQ(statuses.size(), mine.video_tasks.size());
    for (const auto& [id, task_status] : statuses) EXPECT_EQ(task_status, "SUBMITTED") << id;
    for (const auto& id : mine.script_tasks) {
      EXPECT_EQ(api_get(*http, std::string(kScriptTaskGetPath) + "?task_id=" + id, mine.token).code(), 0);
    }
    ASSERT_FALSE(mine.avatar_tasks.empty());
    for (const auto& id : mine.avatar_tasks) {
      const Reply reply = api_get(
          *http, std::string(kAvatarVideoTaskGetPath) + "?task_ids=" + encode(json::array({id}).dump()), mine.token);
      ASSERT_EQ(reply.code(), 0) << reply.body;
      EXPECT_EQ(reply.data()["list"][0]["status"], "SUBMITTED") << id;
    }
    const Reply reuse = api_post(*http, kVideoTaskCreatePath,
                                 Bodies::voiceover_task({mine.uploads.front()}), mine.token);
    EXPECT_EQ(reuse.code(), 0) << reuse.body;
  }

  // The kept clock moves on: every task succeeds, and each video is listed once.
  ASSERT_EQ(http->Post("/__mock__/clock/advance", R"({"seconds": 300})", "application/json")->status, 200);
  for (const auto& mine : acknowledged) {
    SCOPED_TRACE(mine.token);
    for (const auto& [id, task_status] : task_statuses(mine)) EXPECT_EQ(task_status, "SUCCESS") << id;
    std::map<std::string, int> listed;
    for (int page = 1;; ++page) {
      const Reply reply = api_get(*http,
                                  std::string(kVideoListPath) + "?aigc_video_types=" +
                                      encode(R"(["VOICEOVER"])") + "&page_size=20&page=" +
                                      std::to_string(page),
                                  mine.token);
      ASSERT_EQ(reply.code(), 0) << reply.body;
      for (const auto& video : reply.data()["list"]) ++listed[video["video_id"]];
      if (page >= reply.data()["page_info"]["total_page"]) break;
    }
    // At least every acknowledged one (a create the kill cut off may have been kept), plus
    // the one made above.
    EXPECT_GE(listed.size(), mine.video_tasks.size() + 1);
    for (const auto& [video_id, times] : listed) EXPECT_EQ(times, 1) << video_id;
    const Reply avatar_videos =
        api_get(*http, std::string(kAvatarVideoListPath) + "?page_size=100", mine.token);
    ASSERT_EQ(avatar_videos.code(), 0) << avatar_videos.body;
    EXPECT_GE(avatar_videos.data()["page_info"]["total_number"].get<std::size_t>(), mine.avatar_tasks.size());
  }
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing

// The mock against a bare cpp-httplib server as connections multiply, in one run.
//
//   connection_scaling [SECONDS] [RATE]      default: 5 s per measurement, 2,000 requests/s
//
// 1. Kept-alive connections: 4, 64 and 256 clients, each on its own kept-alive connection,
//    send GET script/list/ at RATE requests a second in all (bench/load_generator.hpp,
//    run_paced_load: the same load spread over more connections). p50 and p99 latency,
//    counted from when each request was due, and the requests not answered within 10 s.
// 2. Slow clients: 100 connections each send a request's headers a byte every 100 ms (and
//    connect again when closed); meanwhile one well-behaved client sends GET script/list/ on
//    a new connection, 20 times, 50 ms apart. The time each takes to be answered (at most
//    5 s; past it the request counts as unanswered).
//
// Baseline: bench::BareServer, an in-process httplib::Server with cpp-httplib's defaults
// answering every GET with one fixed JSON envelope. Mock:
// tiktok_aigc::mock::MockServer in-process with its defaults (budgets off). Servers and
// clients share the machine's two cores.
#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "load_generator.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kConnectionCounts[] = {4, 64, 256};
constexpr int kTricklers = 100;
constexpr auto kTrickleEvery = std::chrono::milliseconds(100);
constexpr int kProbes = 20;
constexpr const char* kScriptList = "/open_api/v1.3/creative/aigc/script/list/?page=1&page_size=10";

const bench::Target kTarget{kScriptList, {{"Access-Token", "bench-token"}}};

// 100 connections that send a request a byte at a time, from a thread of their own.
class Tricklers {
 public:
  explicit Tricklers(int port) : port_(port) {
    thread_ = std::thread([this] { run(); });
  }
  ~Tricklers() {
    stop_ = true;
    thread_.join();
  }

 private:
  int connect_nonblocking() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
  }

  void run() {
    const std::string request = std::string("GET ") + kScriptList +
                                " HTTP/1.1\r\nHost: mock\r\nAccess-Token: bench-token\r\n";
    struct Slow {
      int fd;
      std::size_t sent;
    };
    std::vector<Slow> slow;
    for (int i = 0; i < kTricklers; ++i) slow.push_back({connect_nonblocking(), 0});
    while (!stop_) {
      for (Slow& connection : slow) {
        // Never the request's end: its headers go on for as long as the server listens.
        const char byte = connection.sent < request.size() ? request[connection.sent] : 'x';
        if (::send(connection.fd, &byte, 1, MSG_NOSIGNAL) != 1) {
          ::close(connection.fd);
          connection = {connect_nonblocking(), 0};
          continue;
        }
        ++connection.sent;
      }
      std::this_thread::sleep_for(kTrickleEvery);
    }
    for (const Slow& connection : slow) ::close(connection.fd);
  }

  const int port_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct ProbeResult {
  std::vector<double> answered_ms;
  int unanswered = 0;
};

// A well-behaved client among the tricklers: a new connection each time.
ProbeResult probe_among_tricklers(const std::string& base_url, int port) {
  Tricklers tricklers(port);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all connected and trickling
  ProbeResult result;
  for (int i = 0; i < kProbes; ++i) {
    httplib::Client http(base_url);
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(5, 0);
    const auto start = Clock::now();
    const auto answer = http.Get(kTarget.path.c_str(), kTarget.headers);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (answer && answer->status == 200) {
      result.answered_ms.push_back(ms);
    } else {
      ++result.unanswered;
      break;  // a server that starves one will starve the next: spare the run 5 s a probe
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::sort(result.answered_ms.begin(), result.answered_ms.end());
  return result;
}

std::string describe(const ProbeResult& probe) {
  if (probe.answered_ms.empty()) return "no answer within 5 s";
  char text[128];
  std::snprintf(text, sizeof text, "median %.1f ms, max %.1f ms, %d unanswered",
                probe.answered_ms[probe.answered_ms.size() / 2], probe.answered_ms.back(),
                probe.unanswered);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::max(0.5, std::atof(argv[1])) : 5.0;
  const double rate = argc > 2 ? std::max(10.0, std::atof(argv[2])) : 2000.0;
  const auto duration = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));

  const bench::BareServer bare;
  const std::string bare_url = bare.url();

  tiktok_aigc::mock::Options options;
  options.rate_limits = false;
  tiktok_aigc::mock::MockServer mock(options);
  mock.start();

  std::printf("Kept-alive connections: GET script/list/, %.0f requests/s in all, %.0f s each\n\n",
              rate, seconds);
  std::printf(
      "| connections | mock p50 | mock p99 | mock unanswered | bare p50 | bare p99 | "
      "bare unanswered |\n|---|---|---|---|---|---|---|\n");
  double mock_p99_at_4 = 0;
  std::vector<double> mock_p99;
  for (const int connections : kConnectionCounts) {
    const auto on_mock =
        bench::run_paced_load(mock.base_url(), {kTarget}, connections, rate, duration);
    const auto on_bare = bench::run_paced_load(bare_url, {kTarget}, connections, rate, duration);
    if (connections == kConnectionCounts[0]) mock_p99_at_4 = on_mock.p99_us;
    mock_p99.push_back(on_mock.p99_us);
    std::printf("| %d | %.0f us | %.0f us | %zu | %.0f us | %.0f us | %zu |\n", connections,
                on_mock.p50_us, on_mock.p99_us, on_mock.errors, on_bare.p50_us, on_bare.p99_us,
                on_bare.errors);
    std::fflush(stdout);
  }
  std::printf("\nmock p99 against its p99 at %d connections:", kConnectionCounts[0]);
  for (std::size_t i = 1; i < mock_p99.size(); ++i) {
    std::printf(" %.2fx at %d;", mock_p99[i] / mock_p99_at_4, kConnectionCounts[i]);
  }
  std::printf(
      "\n\n%d connections trickling a request's headers (a byte every %lld ms), one "
      "GET script/list/ on a new connection, %d times:\n",
      kTricklers, static_cast<long long>(kTrickleEvery.count()), kProbes);
  std::printf("  mock: %s\n",
              describe(probe_among_tricklers(mock.base_url(), mock.port())).c_str());
  std::fflush(stdout);
  std::printf("  bare: %s\n", describe(probe_among_tricklers(bare_url, bare.port())).c_str());
}

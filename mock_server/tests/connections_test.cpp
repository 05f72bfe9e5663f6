// What other connections may not do to a well-behaved client: hold every thread by staying
// open, hold one by sending a request a byte at a time, or open more connections than the
// mock serves. And the thread pool under it: growing with the connections, bounded,
// shrinking when they go.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elastic_thread_pool.hpp"
#include "raw_http.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

const std::string kClockRequest = "GET /__mock__/clock HTTP/1.1\r\nHost: mock\r\n\r\n";

std::unique_ptr<MockServer> started(Options options) {
  auto mock = std::make_unique<MockServer>(std::move(options));
  mock->start("127.0.0.1", 0);
  return mock;
}

// A client with its own connection, bounded so that a starved request fails the case.
Reply clock_of(const MockServer& mock) {
  httplib::Client http(mock.base_url());
  http.set_connection_timeout(2, 0);
  http.set_read_timeout(2, 0);
  return to_reply(http.Get("/__mock__/clock"));
}

// `count` connections, each with one request answered and then left open and idle.
std::vector<Socket> kept_alive_connections(int port, int count) {
  std::vector<Socket> open;
  for (int i = 0; i < count; ++i) {
    Socket socket = Socket::connect_loopback(port, 5000ms);
    EXPECT_TRUE(socket.send_all(kClockRequest));
    EXPECT_EQ(socket.read_reply(5000ms).status, 200) << "connection " << i;
    open.push_back(std::move(socket));
  }
  return open;
}

TEST(Connections, HundredsOfIdleKeptAliveConnectionsLeaveANewClientServed) {
  // httplib's own pool has a thread per kept-alive connection up to eight: the 9th client
  // would wait for one of them to time out (5 s, past the client's 2 s).
  const auto mock = started(test_options());
  const std::vector<Socket> idle = kept_alive_connections(mock->port(), 200);
  const Reply reply = clock_of(*mock);
  EXPECT_EQ(reply.status, 200);
  // The idle connections are still served too.
  ASSERT_TRUE(idle.front().send_all(kClockRequest));
  EXPECT_EQ(idle.front().read_reply(5000ms).status, 200);
}

TEST(Connections, ARequestTrickledPastItsDeadlineGets408AndItsConnectionCloses) {
  Options options = test_options();
  options.request_timeout = 300ms;
  const auto mock = started(options);

  std::vector<Socket> tricklers;
  for (int i = 0; i < 20; ++i) tricklers.push_back(Socket::connect_loopback(mock->port(), 5000ms));
  // A byte every 50 ms: each read comes well within httplib's read timeout, the request as a
  // whole never does.
  const std::string line = "GET /__mock__/clock HTTP/1.1\r\nHost: mock\r\nX-Slow: ";
  for (std::size_t sent = 0; sent < line.size() && sent < 10; ++sent) {
    for (const Socket& slow : tricklers) slow.send_all(line.substr(sent, 1));
    std::this_thread::sleep_for(50ms);
  }
  // Meanwhile a well-behaved client is served.
  EXPECT_EQ(clock_of(*mock).status, 200);

  for (const Socket& slow : tricklers) {
    RawReply reply = slow.read_reply(3000ms);
    EXPECT_EQ(reply.status, 408);
    EXPECT_EQ(reply.headers["connection"], "close");
    EXPECT_NE(reply.body.find("within 300 ms of its first byte"), std::string::npos) << reply.body;
    EXPECT_TRUE(reply.closed || slow.closed_by_peer(1000ms));
  }
}

TEST(Connections, ABodyTrickledPastTheDeadlineGets408Too) {
  Options options = test_options();
  options.request_timeout = 300ms;
  const auto mock = started(options);
  const Reply before = clock_of(*mock);
  const Socket slow = Socket::connect_loopback(mock->port(), 5000ms);
  ASSERT_TRUE(
      slow.send_all(std::string("POST /__mock__/clock/advance HTTP/1.1\r\nHost: mock\r\n"
                                "Content-Type: application/json\r\n"
                                "Content-Length: 20\r\n\r\n{\"seconds\":")));
  const RawReply reply = slow.read_reply(3000ms);
  EXPECT_EQ(reply.status, 408);
  // Nothing of the cut-off request ran: the frozen clock has not moved.
  EXPECT_EQ(clock_of(*mock).parsed, before.parsed);
}

TEST(Connections, AConnectionPastTheBoundIsRefusedWith503UntilOneCloses) {
  Options options = test_options();
  options.max_connections = 3;
  const auto mock = started(options);
  std::vector<Socket> open = kept_alive_connections(mock->port(), 3);

  const Socket extra = Socket::connect_loopback(mock->port(), 5000ms);
  ASSERT_TRUE(extra.send_all(kClockRequest));
  RawReply refused = extra.read_reply(3000ms);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.headers["retry-after"], "1");
  EXPECT_EQ(refused.headers["connection"], "close");
  EXPECT_NE(refused.body.find("3 connections open, its limit"), std::string::npos) << refused.body;
  EXPECT_TRUE(refused.closed || extra.closed_by_peer(1000ms));

  // Once one closes, a new connection is served: the mock sees the close when it polls.
  open.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    const Socket again = Socket::connect_loopback(mock->port(), 5000ms);
    again.send_all(kClockRequest);
    status = again.read_reply(3000ms).status;
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(status, 200);
}

TEST(Connections, StopEndsKeptAliveConnectionsWithoutWaitingForThem) {
  const auto mock = started(test_options());
  const std::vector<Socket> idle = kept_alive_connections(mock->port(), 10);
  const auto before = std::chrono::steady_clock::now();
  mock->stop();
  // The keep-alive timeout is 5 s; waiting it out would show here.
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2500ms);
  for (const Socket& socket : idle) EXPECT_TRUE(socket.closed_by_peer(1000ms));
}

// ---- the thread pool ----

// Tasks that each wait until `expected` of them run at once: they finish only if the pool
// runs that many together.
struct Rendezvous {
  explicit Rendezvous(int count) : expected(count) {}
  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ++arrived;
    peak = std::max(peak, arrived - left);
    all_here.notify_all();
    all_here.wait_for(lock, 5s, [&] { return arrived >= expected; });
    ++left;
  }
  // Read under the lock: the tasks may still be leaving.
  int left_count() {
    std::lock_guard<std::mutex> lock(mutex);
    return left;
  }
  int peak_count() {
    std::lock_guard<std::mutex> lock(mutex);
    return peak;
  }

  const int expected;
  std::mutex mutex;
  std::condition_variable all_here;
  int arrived = 0;
  int left = 0;
  int peak = 0;
};

TEST(ElasticThreadPool, GrowsToRunAsManyTasksAtOnceAsAreQueued) {
  constexpr int kTasks = 300;
  Rendezvous rendezvous(kTasks);
  std::atomic<int> done{0};
  {
    ElasticThreadPool pool(1000);
    for (int i = 0; i < kTasks; ++i) {
      pool.enqueue([&] {
        rendezvous.arrive_and_wait();
        ++done;
      });
    }
    pool.shutdown();
  }
  EXPECT_EQ(done.load(), kTasks);
  EXPECT_EQ(rendezvous.peak_count(), kTasks);
}

TEST(ElasticThreadPool, RunsNoMoreThanItsBoundAtOnceAndQueuesTheRest) {
  constexpr int kTasks = 40;
  std::atomic<int> running{0}, peak{0}, done{0};
  ElasticThreadPool pool(4);
  for (int i = 0; i < kTasks; ++i) {
    pool.enqueue([&] {
      const int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(2ms);
      --running;
      ++done;
    });
  }
  pool.shutdown();
  EXPECT_EQ(done.load(), kTasks);
  EXPECT_LE(peak.load(), 4);
  EXPECT_GE(peak.load(), 2);
}

TEST(ElasticThreadPool, ThreadsIdleForTheirLifetimeEndDownToTheOnesKept) {
  ElasticThreadPool pool(64, /*kept_idle=*/2, /*idle_lifetime=*/50ms);
  Rendezvous rendezvous(16);
  for (int i = 0; i < 16; ++i) pool.enqueue([&] { rendezvous.arrive_and_wait(); });
  for (int i = 0; i < 500 && rendezvous.left_count() < 16; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(rendezvous.peak_count(), 16);
  std::size_t threads = pool.thread_count();
  for (int i = 0; i < 500 && threads > 2; ++i) {
    std::this_thread::sleep_for(10ms);
    threads = pool.thread_count();
  }
  EXPECT_EQ(threads, 2u);
  // The pool still works, and grows again.
  std::atomic<int> done{0};
  for (int i = 0; i < 8; ++i) pool.enqueue([&] { ++done; });
  pool.shutdown();
  EXPECT_EQ(done.load(), 8);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing

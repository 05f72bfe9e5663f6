#include "http_server.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "elastic_thread_pool.hpp"

namespace tiktok_aigc::mock {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Threads beyond the connection bound, for connections that are only refused.
constexpr std::size_t kRefusalThreads = 16;
// How long a refused or timed-out connection's unread bytes are drained before closing, so
// the kernel does not reset the connection before the client has read the answer.
constexpr int kDrainMillis = 100;

// Rounded up, so that a poll() that times out returns at `when` or after it.
int millis_until(SteadyClock::time_point when) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(when - SteadyClock::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

void address_of(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
  char host[NI_MAXHOST] = {};
  char service[NI_MAXSERV] = {};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service,
                  sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

std::string plain_answer(int status, const char* reason, const std::string& text,
                         const char* extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n" + extra_headers +
         "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
}

// Sends `answer` whole (bounded by one second), then ends the connection gracefully.
void answer_and_drain(socket_t sock, const std::string& answer) {
  std::size_t sent = 0;
  const auto give_up = SteadyClock::now() + std::chrono::seconds(1);
  while (sent < answer.size()) {
    pollfd writable{sock, POLLOUT, 0};
    if (poll(&writable, 1, millis_until(give_up)) <= 0) return;
    const ssize_t n = send(sock, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
  shutdown(sock, SHUT_WR);
  const auto drained = SteadyClock::now() + std::chrono::milliseconds(kDrainMillis);
  char sink[4096];
  for (;;) {
    pollfd readable{sock, POLLIN, 0};
    if (poll(&readable, 1, millis_until(drained)) <= 0) return;
    if (recv(sock, sink, sizeof sink, 0) <= 0) return;
  }
}

// A connection's byte stream for httplib's request parser, with a deadline on the request
// being read. httplib reads its request line a byte at a time, hence the buffer.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, std::chrono::milliseconds read_timeout,
                 std::chrono::milliseconds write_timeout, std::chrono::milliseconds deadline)
      : sock_(sock),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout),
        request_deadline_(deadline) {}

  // A request's first byte has arrived (or is about to be read): its deadline runs from now.
  void start_request() { deadline_ = SteadyClock::now() + request_deadline_; }
  bool timed_out() const { return timed_out_; }

  // Bytes of the next request already read: pipelined after the last one.
  bool has_buffered() const { return begin_ < end_; }

  // As httplib's own stream: buffered bytes, or bytes within the read timeout.
  bool is_readable() const override {
    pollfd readable{sock_, POLLIN, 0};
    return has_buffered() || poll(&readable, 1, static_cast<int>(read_timeout_.count())) > 0;
  }
  // As httplib's own stream: room in the send buffer within the write timeout, and a peer
  // that has not closed its side (a client that did is not answered).
  bool is_writable() const override {
    pollfd writable{sock_, POLLOUT, 0};
    if (timed_out_ || poll(&writable, 1, static_cast<int>(write_timeout_.count())) <= 0) {
      return false;
    }
    pollfd readable{sock_, POLLIN, 0};
    char byte;
    return poll(&readable, 1, 0) == 0 || recv(sock_, &byte, 1, MSG_PEEK) > 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (timed_out_) return -1;
    if (begin_ == end_ && !fill()) return -1;
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    // After a 408 the connection only closes: httplib's own answer to the cut-off request
    // (a 400) would follow the 408 on the wire.
    if (timed_out_) return static_cast<ssize_t>(size);
    std::size_t sent = 0;
    while (sent < size) {
      if (!is_writable()) return -1;
      const ssize_t n = send(sock_, ptr + sent, size - sent, MSG_NOSIGNAL);
      if (n <= 0) return -1;
      sent += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(sent);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      address_of(address, length, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      address_of(address, length, ip, port);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  bool fill() {
    const auto read_by = std::min(deadline_, SteadyClock::now() + read_timeout_);
    pollfd readable{sock_, POLLIN, 0};
    const int ready = poll(&readable, 1, millis_until(read_by));
    if (ready == 0 && SteadyClock::now() >= deadline_) {
      timed_out_ = true;
      answer_and_drain(sock_, plain_answer(408, "Request Timeout",
                                           "HTTP 408: a request must arrive whole within " +
                                               std::to_string(request_deadline_.count()) +
                                               " ms of its first byte"));
      return false;
    }
    if (ready <= 0) return false;
    const ssize_t n = recv(sock_, buffer_, sizeof buffer_, 0);
    if (n <= 0) return false;
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
    return true;
  }

  const socket_t sock_;
  const std::chrono::milliseconds read_timeout_;
  const std::chrono::milliseconds write_timeout_;
  const std::chrono::milliseconds request_deadline_;
  SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
  bool timed_out_ = false;
  char buffer_[4096];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

std::chrono::milliseconds to_millis(time_t sec, time_t usec) {
  return std::chrono::milliseconds(sec * 1000 + usec / 1000);
}

}  // namespace

httplib::TaskQueue* new_connection_task_queue(const ConnectionLimits& limits) {
  return new ElasticThreadPool(limits.max_connections + kRefusalThreads);
}

HttpServer::HttpServer(ConnectionLimits limits)
    : limits_(limits), stop_event_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  new_task_queue = [limits] { return new_connection_task_queue(limits); };
}

HttpServer::~HttpServer() {
  if (stop_event_ >= 0) close(stop_event_);
}

void HttpServer::stop_serving() {
  if (stop_event_ >= 0) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(stop_event_, &one, sizeof one);
  }
  stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  bool served = false;
  if (open_connections_.fetch_add(1) < limits_.max_connections) {
    served = serve_connection(sock);
  } else {
    answer_and_drain(
        sock, plain_answer(503, "Service Unavailable",
                           "HTTP 503: the server has " + std::to_string(limits_.max_connections) +
                               " connections open, its limit; retry shortly",
                           "Retry-After: 1\r\n"));
  }
  open_connections_.fetch_sub(1);
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return served;
}

bool HttpServer::serve_connection(socket_t sock) {
  DeadlineStream stream(sock, to_millis(read_timeout_sec_, read_timeout_usec_),
                        to_millis(write_timeout_sec_, write_timeout_usec_),
                        limits_.request_deadline);
  bool ok = false;
  for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.has_buffered() && !wait_for_request(sock)) break;
    stream.start_request();
    bool connection_closed = false;
    ok = process_request(stream, left == 1, connection_closed, nullptr);
    if (!ok || connection_closed || stream.timed_out()) break;
  }
  return ok;
}

bool HttpServer::wait_for_request(socket_t sock) const {
  pollfd waits[2] = {{sock, POLLIN, 0}, {stop_event_, POLLIN, 0}};
  const auto give_up = SteadyClock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  for (;;) {
    if (svr_sock_ == INVALID_SOCKET) return false;
    const int ready = poll(waits, stop_event_ >= 0 ? 2 : 1, millis_until(give_up));
    if (ready > 0) return (waits[0].revents & POLLIN) != 0 && (waits[1].revents & POLLIN) == 0;
    if (ready == 0 || errno != EINTR) return false;
  }
}

}  // namespace tiktok_aigc::mock

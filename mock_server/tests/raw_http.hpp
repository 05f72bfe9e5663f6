// HTTP over a raw loopback socket, for tests that must send what no HTTP client would (broken
// request lines, bodies that disagree with their Content-Length, a request a byte at a time)
// or hold connections open. Every call is bounded in time, so a server that hangs fails the
// case instead of the run.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <regex>
#include <string>
#include <utility>

namespace tiktok_aigc::mock::testing {

struct RawReply {
  int status = 0;       // 0: no answer came
  bool closed = false;  // the server closed the connection (rather than the wait timing out)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

inline RawReply parse_reply(const std::string& raw) {
  RawReply reply;
  const auto head_end = raw.find("\r\n\r\n");
  static const std::regex status_line(R"(^HTTP/1\.[01] (\d{3}) )");
  std::smatch match;
  const std::string head = raw.substr(0, head_end);
  if (head_end == std::string::npos || !std::regex_search(head, match, status_line)) return reply;
  reply.status = std::stoi(match[1]);
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos) {
    const std::size_t next = head.find("\r\n", line + 2);
    const std::string header =
        head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
    const auto colon = header.find(':');
    if (colon != std::string::npos) {
      std::string name = header.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const auto value = header.find_first_not_of(' ', colon + 1);
      reply.headers[name] = value == std::string::npos ? "" : header.substr(value);
    }
    line = next;
  }
  reply.body = raw.substr(head_end + 4);
  const auto length = reply.headers.find("content-length");
  if (length != reply.headers.end()) reply.body = reply.body.substr(0, std::stoul(length->second));
  return reply;
}

// The answer is complete: its head, and as much body as it announces.
inline bool complete(const std::string& raw) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  const RawReply reply = parse_reply(raw);
  const auto length = reply.headers.find("content-length");
  return length != reply.headers.end() && raw.size() - head_end - 4 >= std::stoul(length->second);
}

class Socket {
 public:
  // A socket connected to 127.0.0.1:port, each send and receive bounded by `timeout`; fd() is
  // negative (and the case failed) when it cannot connect.
  static Socket connect_loopback(int port, std::chrono::milliseconds timeout) {
    Socket socket;
    if (socket.fd_ < 0) {
      ADD_FAILURE() << "socket: " << std::strerror(errno);
      return socket;
    }
    const timeval bound{static_cast<time_t>(timeout.count() / 1000),
                        static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    setsockopt(socket.fd_, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
    setsockopt(socket.fd_, SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket.fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ADD_FAILURE() << "connect: " << std::strerror(errno);
      ::close(socket.fd_);
      socket.fd_ = -1;
    }
    return socket;
  }

  Socket() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  int fd() const { return fd_; }

  // Sends until all is sent or the peer stops reading (it may answer before reading all).
  bool send_all(const std::string& bytes) const {
    for (std::size_t sent = 0; sent < bytes.size();) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one answer: until it is complete, the server closes, or `within` has passed.
  RawReply read_reply(std::chrono::milliseconds within) const {
    std::string raw;
    char buffer[16384];
    bool closed = false;
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!complete(raw)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd readable{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n == 0) closed = true;
      if (n <= 0) break;
      raw.append(buffer, static_cast<std::size_t>(n));
    }
    RawReply reply = parse_reply(raw);
    reply.closed = closed;
    return reply;
  }

  // The server has closed the connection: a read sees its end within `within`.
  bool closed_by_peer(std::chrono::milliseconds within) const {
    pollfd readable{fd_, POLLIN, 0};
    char byte;
    return ::poll(&readable, 1, static_cast<int>(within.count())) > 0 &&
           ::recv(fd_, &byte, 1, MSG_PEEK) <= 0;
  }

 private:
  int fd_;
};

}  // namespace tiktok_aigc::mock::testing

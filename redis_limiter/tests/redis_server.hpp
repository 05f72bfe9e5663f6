// A redis-server of the test's own: on a free loopback port, keeping nothing on disk, and
// stopped with the test. It can be killed and started again on the same port.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace tiktok_aigc::redis::testing {

class RedisServer {
 public:
  RedisServer() : port_(free_port()) {}
  ~RedisServer() { stop(SIGTERM); }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts it and waits until it answers PING (at most 10 s); false if it never does.
  bool start() {
    pid_ = fork();
    if (pid_ == 0) {
#ifdef __linux__
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
#endif
      std::vector<std::string> args = {
          "redis-server", "--port", std::to_string(port_), "--bind",   "127.0.0.1", "--save", "",
          "--appendonly", "no",     "--logfile",           "/dev/null"};
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execvp("redis-server", argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (answers_ping()) return true;
      if (waitpid(pid_, nullptr, WNOHANG) == pid_)
        break;  // it exited: not installed, or the port taken
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop(SIGKILL);
    return false;
  }

  // SIGKILL: as a crash, with no goodbye to its clients. SIGTERM: an orderly shutdown.
  void stop(int signal = SIGKILL) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }

 private:
  static int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
  }

  bool answers_ping() const {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    bool pong = false;
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6) {
      char reply[16] = {};
      timeval timeout{1, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      pong = recv(fd, reply, sizeof reply - 1, 0) > 0 && std::string(reply).rfind("+PONG", 0) == 0;
    }
    close(fd);
    return pong;
  }

  int port_;
  pid_t pid_ = -1;
};

}  // namespace tiktok_aigc::redis::testing

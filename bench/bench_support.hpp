// What the benchmarks share: a server binary run as a child process, its resident memory,
// the bare cpp-httplib baseline in-process, and the documented request bodies they send.
#pragma once

#include <httplib.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace bench {

inline double rss_mib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

// A server binary that prints "listening on URL" first, started with `args`; the
// constructor returns once that line is read. Stopped with SIGTERM when this goes.
class ServerProcess {
 public:
  ServerProcess(const std::string& binary, std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      std::vector<char*> argv{const_cast<char*>(binary.c_str())};
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    if (line.find("http") == std::string::npos) {
      stop();
      throw std::runtime_error(binary + " did not start");
    }
    url_ = line.substr(line.find("http"));
  }
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& url() const { return url_; }

 private:
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  pid_t pid_ = -1;
  std::string url_;
};

// The baseline in-process, as bench/bare_server.cpp: cpp-httplib's defaults, TCP_NODELAY on
// (as the mock has it), one fixed JSON envelope for every GET.
class BareServer {
 public:
  BareServer() {
    http_.set_tcp_nodelay(true);
    http_.Get(".*", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"code":0,"message":"OK","request_id":"1","data":{}})", "application/json");
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~BareServer() {
    http_.stop();
    thread_.join();
  }
  BareServer(const BareServer&) = delete;
  BareServer& operator=(const BareServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server http_;
  int port_ = -1;
  std::thread thread_;
};

inline nlohmann::json upload_request() {
  return {{"upload_type", "UPLOAD_BY_URL"},
          {"use_scenario", "AIGC"},
          {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
}

// A video task create body: `count` videos of `type` from one uploaded clip.
inline nlohmann::json video_task(const std::string& type, const std::string& video_id, int count) {
  const nlohmann::json product = {{"source_language", "en"},
                                  {"product_name", "Glow Serum"},
                                  {"title", "Glow Serum 30 ml"},
                                  {"description", "A light vitamin C serum for daily use."},
                                  {"selling_points", {"Brighter skin in 7 days", "Vegan formula"}},
                                  {"brand", "Lumen"},
                                  {"price", 24.99},
                                  {"currency", "USD"}};
  nlohmann::json info = {{"video_generation_count", count},
                         {"product_info_list", {product}},
                         {"input_video_list", {{"video_id_list", {video_id}}}}};
  if (type == "VOICEOVER") info["target_language"] = "en";
  return {{"aigc_video_type", type}, {"product_video_info", std::move(info)}};
}

}  // namespace bench

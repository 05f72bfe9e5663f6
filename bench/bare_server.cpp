// The baseline for the mock's benchmarks: a bare cpp-httplib server that answers every GET
// and POST with one static JSON envelope. Same CLI contract as the mock: --port, and a
// first stdout line "listening on http://HOST:PORT".
#include <httplib.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  int port = 0;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--port") == 0) port = std::atoi(argv[i + 1]);
  }
  httplib::Server server;
  server.set_tcp_nodelay(true);  // as the mock does, so the comparison is fair
  const std::string body = R"({"code":0,"message":"OK","request_id":"1","data":{}})";
  const auto answer = [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  };
  server.Get(".*", answer);
  server.Post(".*", answer);
  const int bound = port == 0 ? server.bind_to_any_port("127.0.0.1")
                              : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound < 0) return 1;
  std::cout << "listening on http://127.0.0.1:" << bound << std::endl;
  server.listen_after_bind();
}

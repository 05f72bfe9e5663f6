// write_openapi: prints the OpenAPI document of the API's description, or checks a file.
//
//   write_openapi > tiktok-aigc.openapi.json        (./dev openapi)
//   write_openapi --check tiktok-aigc.openapi.json  (ctest: fails while the file is stale)
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "openapi_writer.hpp"

int main(int argc, char** argv) {
  const std::string text = tiktok_aigc::openapi::document().dump(2) + "\n";
  if (argc == 1) {
    std::cout << text;
    return 0;
  }
  if (argc != 3 || std::string(argv[1]) != "--check") {
    std::cerr << "usage: write_openapi [--check FILE]\n";
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::ostringstream committed;
  committed << in.rdbuf();
  if (!in || committed.str() != text) {
    std::cerr << argv[2] << " is not what the API's description gives: run ./dev openapi\n";
    return 1;
  }
  return 0;
}

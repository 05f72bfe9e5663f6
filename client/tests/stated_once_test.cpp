// The API's facts are stated once: in the description (client/tiktok_aigc/api/). This test
// reads the code of the client, the mock and the OpenAPI writer and fails where one of
// them writes a fact of the description again: an endpoint's path, an enum's value, a
// return code's message. Comments are not code and are skipped; the tests, the contract
// suite (independent of the description on purpose), the examples and the generated files
// are not read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = SOURCE_DIR;
const fs::path kDescription = kRoot / "client/tiktok_aigc/api";

// The code of a file, its // comments blanked (a "//" inside a string literal is kept).
std::string code_of(const fs::path& file) {
  std::ifstream in(file);
  std::string out, line;
  while (std::getline(in, line)) {
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) in_string = !in_string;
      if (!in_string && line.compare(i, 2, "//") == 0) {
        line.resize(i);
        break;
      }
    }
    out += line + "\n";
  }
  return out;
}

// The project's code that must read the facts from the description, not state them.
std::vector<fs::path> code_files() {
  std::vector<fs::path> files;
  for (const char* dir : {"client/tiktok_aigc", "mock_server/src", "mock_server/tools", "mock_server/include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kRoot / dir)) {
      const fs::path& path = entry.path();
      if (path.extension() != ".hpp" && path.extension() != ".cpp") continue;
      files.push_back(path);
    }
  }
  for (const char* file : {"contract_tests/openapi/openapi_writer.hpp", "contract_tests/openapi/write_openapi.cpp"}) {
    files.push_back(kRoot / file);
  }
  return files;
}

struct Fact {
  std::string text;  // as it appears in code
  std::string what;
  bool once_in_description = true;  // false: codes may share a message, and "OK" names one too
};

std::vector<Fact> facts() {
  std::vector<Fact> out;
  for (const api::Endpoint& endpoint : api::endpoints()) {
    out.push_back({std::string(endpoint.path).substr(std::string(api::kApiPrefix).size()),
                   std::string("the path of ") + endpoint.name});
  }
  for (const auto* list : {&api::enums::aigc_video_types(), &api::enums::task_statuses(), &api::enums::script_sources(),
                           &api::enums::video_durations(), &api::enums::upload_types(), &api::enums::use_scenarios()}) {
    for (const std::string& value : *list) out.push_back({'"' + value + '"', "the enum value " + value});
  }
  for (const api::ReturnCode& code : api::return_codes()) {
    if (*code.message) {
      out.push_back({'"' + std::string(code.message) + '"', "the message of " + std::to_string(code.code), false});
    }
  }
  return out;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(StatedOnce, NoCodeOutsideTheDescriptionStatesItsFacts) {
  const std::vector<Fact> all = facts();
  ASSERT_GT(all.size(), 30u);
  std::size_t files = 0;
  for (const fs::path& file : code_files()) {
    const std::string code = code_of(file);
    const bool in_description = file.parent_path() == kDescription;
    ++files;
    for (const Fact& fact : all) {
      const std::size_t found = occurrences(code, fact.text);
      if (in_description && fact.once_in_description) {
        EXPECT_LE(found, 1u) << fact.what << " is written " << found << " times in " << file;
      } else if (!in_description) {
        EXPECT_EQ(found, 0u) << fact.what << " (" << fact.text << ") is written again in " << file
                             << ": read it from the description";
      }
    }
  }
  EXPECT_GT(files, 40u);
}

// The scan is not blind: a fact written again is found.
TEST(StatedOnce, TheScanFindsAFactWrittenAgain) {
  const fs::path file = fs::temp_directory_path() / "stated_once_probe.cpp";
  std::ofstream(file) << "// \"VOICEOVER\" in a comment is not code\nconst char* type = \"VOICEOVER\";\n";
  EXPECT_EQ(occurrences(code_of(file), "\"VOICEOVER\""), 1u);
  fs::remove(file);
}

}  // namespace
}  // namespace tiktok_aigc

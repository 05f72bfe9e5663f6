// A libFuzzer target's inputs replayed without libFuzzer: every file under the directories
// (or the files) given, in name order, through LLVMFuzzerTestOneInput, once. Built with the
// project's usual compiler, so the plain and sanitizer builds' ctest replay the corpus and the
// regressions of fuzz/ (a finding aborts, and fails the test).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Defined by a target with threads of its own, to stop them before exit.
extern "C" __attribute__((weak)) void fuzz_replay_finished();

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (fs::is_directory(arg)) {
      std::vector<fs::path> here;
      for (const auto& entry : fs::directory_iterator(arg)) {
        // .gitkeep and README files say what a directory is for; they are no inputs.
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name[0] != '.' && name.rfind("README", 0) != 0)
          here.push_back(entry.path());
      }
      std::sort(here.begin(), here.end());
      files.insert(files.end(), here.begin(), here.end());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      return 2;
    }
  }
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s\n", file.string().c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
  if (fuzz_replay_finished) fuzz_replay_finished();
  std::printf("replayed %zu inputs\n", files.size());
  return 0;
}

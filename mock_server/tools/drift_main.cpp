// tiktok-aigc-drift RECORDING.jsonl: replays a recording of the live API against the bundled
// mock (in-process) and prints where the shapes of the answers differ. See drift.hpp.
#include <iostream>

#include "drift.hpp"

int main(int argc, char** argv) {
  return tiktok_aigc::mock::drift_main(argc, argv, std::cout, std::cerr);
}

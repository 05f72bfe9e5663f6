// Progress while a command waits, on stderr (stdout stays the result's): on a terminal one
// line redrawn in place; otherwise (a CI log, a file) a line with a UTC timestamp each time
// the state changes, so the log reads as a history rather than a smear of carriage returns.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace tiktok_aigc::cli {

class Progress {
 public:
  enum class Style { redrawn, lines, silent };

  Progress(std::ostream& err, Style style)
      : err_(err), style_(style), started_(std::chrono::steady_clock::now()) {}
  ~Progress() { done(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // The current state, e.g. "video tasks: 1 SUBMITTED, 2 PROCESSING".
  void update(const std::string& state);
  // Ends the redrawn line, if any.
  void done();

 private:
  std::ostream& err_;
  Style style_;
  std::chrono::steady_clock::time_point started_;
  std::string last_;
  bool line_open_ = false;
};

// "1 SUBMITTED, 2 PROCESSING": how many of each status, in the order first seen.
class StatusCount {
 public:
  void add(const std::string& status);
  std::string text() const;

 private:
  std::vector<std::pair<std::string, int>> counts_;  // in the order first seen
};

}  // namespace tiktok_aigc::cli

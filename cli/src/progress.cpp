#include "progress.hpp"

#include <ctime>
#include <ostream>

namespace tiktok_aigc::cli {
namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

void Progress::update(const std::string& state) {
  switch (style_) {
    case Style::silent:
      return;
    case Style::redrawn: {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now() - started_)
                               .count();
      // \r and "erase to the end of the line": the new text replaces the old, even a longer one.
      err_ << "\r\033[K" << state << " (" << seconds << " s)" << std::flush;
      line_open_ = true;
      return;
    }
    case Style::lines:
      if (state == last_) return;
      err_ << utc_now() << ' ' << state << std::endl;
      last_ = state;
      return;
  }
}

void Progress::done() {
  if (!line_open_) return;
  err_ << '\n' << std::flush;
  line_open_ = false;
}

void StatusCount::add(const std::string& status) {
  for (auto& [name, count] : counts_) {
    if (name == status) {
      ++count;
      return;
    }
  }
  counts_.emplace_back(status, 1);
}

std::string StatusCount::text() const {
  std::string text;
  for (const auto& [name, count] : counts_) {
    text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + (name.empty() ? "?" : name);
  }
  return text;
}

}  // namespace tiktok_aigc::cli

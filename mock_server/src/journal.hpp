// The last N requests the mock received, for tests to inspect. Bounded, so a long-running
// mock cannot run out of memory; the Access-Token is never stored.
#pragma once

#include <deque>
#include <mutex>

#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

class Journal {
 public:
  static constexpr std::size_t kMaxBodyBytes = 4096;

  explicit Journal(std::size_t capacity) : capacity_(capacity) {}
  void record(JournalEntry entry);
  std::vector<JournalEntry> last(std::size_t limit) const;  // oldest first
  std::size_t size() const;
  void clear();

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<JournalEntry> entries_;
};

}  // namespace tiktok_aigc::mock

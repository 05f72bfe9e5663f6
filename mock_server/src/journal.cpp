#include "journal.hpp"

#include "utf8.hpp"

namespace tiktok_aigc::mock {
namespace {

// Bodies of bad requests may hold invalid UTF-8 (or be cut inside a character).
nlohmann::json printable(const std::string& bytes) { return to_valid_utf8(bytes); }

}  // namespace

void Journal::record(JournalEntry entry) {
  if (capacity_ == 0) return;
  if (entry.body.size() > kMaxBodyBytes) entry.body.resize(kMaxBodyBytes);
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() == capacity_) entries_.pop_front();
  entries_.push_back(std::move(entry));
}

std::vector<JournalEntry> Journal::last(std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::size_t count = std::min(limit, entries_.size());
  return {entries_.end() - static_cast<std::ptrdiff_t>(count), entries_.end()};
}

std::size_t Journal::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void Journal::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

nlohmann::json to_json(const JournalEntry& entry) {
  nlohmann::json out = {
      {"time", entry.time},
      {"method", entry.method},
      {"path", entry.path},
      {"query", printable(entry.query)},
      {"body", printable(entry.body)},
      {"access_token_sent", entry.access_token_sent},
      {"token_digest",
       entry.token_digest.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.token_digest)},
      {"http_status", entry.http_status},
      {"code", entry.code ? nlohmann::json(*entry.code) : nlohmann::json(nullptr)},
      {"message", printable(entry.message)},
      {"request_id", entry.request_id},
  };
  return out;
}

}  // namespace tiktok_aigc::mock

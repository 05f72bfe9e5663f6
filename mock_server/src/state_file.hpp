// The mock's state on disk (--state-dir): an SQLite database written through on every
// change, so that a mock killed at any moment restarts with every answer it gave still true.
//
// Write-ahead logging with synchronous=NORMAL: a committed change survives the process
// being killed (it is in the operating system's hands once the commit returns); only a
// power cut may lose the last ones. The database is opened in exclusive locking mode, so a
// second mock on the same directory fails to start rather than diverge from the first.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "records.hpp"
#include "virtual_clock.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tiktok_aigc::mock {

class StateFile {
 public:
  // Opens (or creates) DIR/mock-state.sqlite3. Throws std::runtime_error saying why not.
  explicit StateFile(const std::string& dir);
  ~StateFile();
  StateFile(const StateFile&) = delete;
  StateFile& operator=(const StateFile&) = delete;

  const std::string& path() const { return path_; }

  // ---- what a restart reads ----
  std::optional<std::uint64_t> seed() const;
  std::optional<VirtualClock::State> clock() const;
  std::uint64_t id_counter() const;
  // Request ids made by this run start here; each start takes a fresh range.
  std::uint64_t request_counter_base() const { return request_counter_base_; }
  void for_each_record(const std::function<void(Record&&)>& visit) const;

  // ---- changes, each its own transaction unless inside a Batch ----
  void save_seed(std::uint64_t seed);
  void save_clock(const VirtualClock::State& clock);

  // Groups the writes of one store change into one transaction: all of them or none.
  class Batch {
   public:
    explicit Batch(StateFile& file);
    ~Batch();  // rolls back unless commit() ran
    void commit();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

   private:
    StateFile& file_;
    std::unique_lock<std::mutex> lock_;
    bool done_ = false;
  };
  // Within a Batch:
  void put(const Record& record);
  void erase(std::uint64_t seq);
  void rename_avatar_video(std::uint64_t seq, const std::string& name);
  void save_id_counter(std::uint64_t counter);
  void clear();  // every record, and the id counter

 private:
  class Statement;
  void exec(const char* sql);
  void put_meta(const char* key, long long value);
  std::optional<long long> meta(const char* key) const;
  Statement& statement(const char* sql) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  std::uint64_t request_counter_base_ = 0;
};

}  // namespace tiktok_aigc::mock

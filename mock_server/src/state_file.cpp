#include "state_file.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/stat.h>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace tiktok_aigc::mock {
namespace {

// 2 added avatar_tasks and dubbing_tasks. A file of schema 1 has neither kind of task, so
// creating the tables is its whole migration.
constexpr int kSchemaVersion = 2;
// Each start reserves this many request ids, so ids stay unique across restarts without a
// write per request.
constexpr std::uint64_t kRequestIdsPerRun = 1ull << 32;

long long ticks(TimePoint t) { return static_cast<long long>(t.time_since_epoch().count()); }
TimePoint time_at(long long ticks) { return TimePoint(Clock::duration(ticks)); }

void make_directories(const std::string& dir) {
  for (std::size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    const std::string prefix = dir.substr(0, slash);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      throw std::runtime_error("state dir " + dir + ": cannot create " + prefix + ": " +
                               std::strerror(errno));
    }
    if (slash == std::string::npos) return;
  }
}

}  // namespace

// A prepared statement, reset after each use so it can be run again.
class StateFile::Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& path) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& bind(int index, long long value) {
    check(sqlite3_bind_int64(stmt_, index, value), "bind");
    return *this;
  }
  Statement& bind(int index, const std::string& value) {
    check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
  }
  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    if (rc != SQLITE_DONE) fail("write");
    return false;
  }
  void run() {
    while (step()) {
    }
  }
  long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(stmt_, column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                 : std::string();
  }

 private:
  void check(int rc, const char* what) {
    if (rc != SQLITE_OK) fail(what);
  }
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error("state file " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* stmt_ = nullptr;
};

StateFile::StateFile(const std::string& dir) {
  if (dir.empty()) throw std::runtime_error("state dir: must not be empty");
  make_directories(dir);
  path_ = dir + (dir.back() == '/' ? "" : "/") + "mock-state.sqlite3";
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("state file " + path_ + ": cannot open: " + why);
  }
  try {
    exec("PRAGMA locking_mode = EXCLUSIVE");
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    // The first write takes the exclusive lock, held until this mock ends.
    exec("BEGIN IMMEDIATE");
    Statement version(db_, "PRAGMA user_version", path_);
    const long long found = version.step() ? version.integer(0) : 0;
    version.run();
    if (found > kSchemaVersion) {
      throw std::runtime_error("state file " + path_ + " was written by a newer mock (schema " +
                               std::to_string(found) + ")");
    }
    exec(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) "
        "WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY, account TEXT NOT NULL,"
        " kind INTEGER NOT NULL, id INTEGER NOT NULL, video_id INTEGER, video_type INTEGER,"
        " name_suffix TEXT, outcome INTEGER, processing INTEGER, done INTEGER);"
        "CREATE TABLE IF NOT EXISTS scripts (task_seq INTEGER NOT NULL,"
        " position INTEGER NOT NULL, script_id INTEGER NOT NULL, title TEXT NOT NULL,"
        " script TEXT NOT NULL, arrives INTEGER NOT NULL, PRIMARY KEY (task_seq, position))"
        " WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS avatar_tasks (task_seq INTEGER PRIMARY KEY,"
        " avatar_id INTEGER NOT NULL, video_name TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS dubbing_tasks (task_seq INTEGER PRIMARY KEY, video_name TEXT NOT NULL,"
        " language TEXT NOT NULL, lipsync INTEGER NOT NULL, error_msg TEXT NOT NULL, scripts TEXT NOT NULL)"
        " WITHOUT ROWID;");
    exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
    request_counter_base_ = static_cast<std::uint64_t>(meta("request_counter_base").value_or(0));
    put_meta("request_counter_base",
             static_cast<long long>(request_counter_base_ + kRequestIdsPerRun));
    exec("COMMIT");
  } catch (const std::runtime_error& error) {
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    const std::string why = error.what();
    if (why.find("locked") != std::string::npos) {
      throw std::runtime_error("state dir " + dir + " is in use by another mock server");
    }
    throw;
  }
}

StateFile::~StateFile() {
  statements_.clear();  // statements first: a connection with open statements stays open
  sqlite3_close(db_);
}

void StateFile::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw std::runtime_error("state file " + path_ + ": " + why);
  }
}

StateFile::Statement& StateFile::statement(const char* sql) const {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<Statement>(db_, sql, path_);
  return *slot;
}

void StateFile::put_meta(const char* key, long long value) {
  statement("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
      .bind(1, std::string(key))
      .bind(2, value)
      .run();
}

std::optional<long long> StateFile::meta(const char* key) const {
  auto& select = statement("SELECT value FROM meta WHERE key = ?1").bind(1, std::string(key));
  std::optional<long long> value;
  if (select.step()) {
    value = select.integer(0);
    select.run();
  }
  return value;
}

// ---- reading ----

std::optional<std::uint64_t> StateFile::seed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto value = meta("seed");
  if (!value) return std::nullopt;
  return static_cast<std::uint64_t>(*value);
}

std::optional<VirtualClock::State> StateFile::clock() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto offset = meta("clock_offset"), frozen = meta("clock_frozen"),
             frozen_at = meta("clock_frozen_at");
  if (!offset || !frozen || !frozen_at) return std::nullopt;
  VirtualClock::State state;
  state.offset = Clock::duration(*offset);
  state.frozen = *frozen != 0;
  state.frozen_at = time_at(*frozen_at);
  return state;
}

std::uint64_t StateFile::id_counter() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::uint64_t>(meta("id_counter").value_or(0));
}

void StateFile::for_each_record(const std::function<void(Record&&)>& visit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unordered_map<std::uint64_t, std::vector<Script>> scripts;
  auto& select_scripts = statement(
      "SELECT task_seq, script_id, title, script, arrives FROM scripts "
      "ORDER BY task_seq, position");
  while (select_scripts.step()) {
    scripts[static_cast<std::uint64_t>(select_scripts.integer(0))].push_back(
        {static_cast<Id>(select_scripts.integer(1)), select_scripts.text(2),
         select_scripts.text(3), time_at(select_scripts.integer(4))});
  }
  std::unordered_map<std::uint64_t, std::pair<Id, std::string>> avatars;  // avatar id, video name
  auto& select_avatars = statement("SELECT task_seq, avatar_id, video_name FROM avatar_tasks");
  while (select_avatars.step()) {
    avatars[static_cast<std::uint64_t>(select_avatars.integer(0))] = {static_cast<Id>(select_avatars.integer(1)),
                                                                      select_avatars.text(2)};
  }
  std::unordered_map<std::uint64_t, Dubbing> dubbing;
  auto& select_dubbing =
      statement("SELECT task_seq, video_name, language, lipsync, error_msg, scripts FROM dubbing_tasks");
  while (select_dubbing.step()) {
    Dubbing& video = dubbing[static_cast<std::uint64_t>(select_dubbing.integer(0))];
    video.video_name = select_dubbing.text(1);
    video.language = select_dubbing.text(2);
    video.lipsync = select_dubbing.integer(3) != 0;
    video.error_msg = select_dubbing.text(4);
    const nlohmann::json segments = nlohmann::json::parse(select_dubbing.text(5), nullptr, false);
    const auto is_segment = [](const nlohmann::json& segment) {
      return segment.is_array() && segment.size() == 3 && segment[0].is_string() && segment[1].is_number() &&
             segment[2].is_number();
    };
    if (!segments.is_array() || !std::all_of(segments.begin(), segments.end(), is_segment)) {
      throw std::runtime_error("state file " + path_ + ": the scripts of dubbing task " +
                               std::to_string(select_dubbing.integer(0)) + " are not [text, start, end] lists");
    }
    for (const auto& segment : segments) {
      video.scripts.push_back({segment[0].get<std::string>(), segment[1].get<double>(), segment[2].get<double>()});
    }
  }
  auto& select = statement(
      "SELECT seq, account, kind, id, video_id, video_type, name_suffix, outcome, processing, "
      "done FROM records ORDER BY seq");
  while (select.step()) {
    Record record;
    record.seq = static_cast<std::uint64_t>(select.integer(0));
    record.account = select.text(1);
    const long long kind = select.integer(2);
    const Id id = static_cast<Id>(select.integer(3));
    const auto outcome = select.integer(7) == 0 ? TaskOutcome::success : TaskOutcome::failed;
    if (kind == static_cast<int>(RecordKind::upload)) {
      record.kind = RecordKind::upload;
      record.upload_id = id;
    } else if (kind == static_cast<int>(RecordKind::video_task)) {
      record.kind = RecordKind::video_task;
      VideoTask& task = record.video;
      task.task_id = id;
      task.video_id = static_cast<Id>(select.integer(4));
      task.video_type = static_cast<std::uint8_t>(select.integer(5));
      const std::string suffix = select.text(6);
      for (std::size_t i = 0; i < task.name_suffix.size() && i < suffix.size(); ++i) {
        task.name_suffix[i] = suffix[i];
      }
      task.outcome = outcome;
      task.processing = time_at(select.integer(8));
      task.done = time_at(select.integer(9));
      if (const auto found = dubbing.find(record.seq); found != dubbing.end()) record.dubbing = std::move(found->second);
    } else if (kind == static_cast<int>(RecordKind::script_task)) {
      record.kind = RecordKind::script_task;
      ScriptTask& task = record.script;
      task.task_id = id;
      task.outcome = outcome;
      task.processing = time_at(select.integer(8));
      task.done = time_at(select.integer(9));
      const auto found = scripts.find(record.seq);
      if (found != scripts.end()) task.scripts = std::move(found->second);
    } else if (kind == static_cast<int>(RecordKind::avatar_task)) {
      record.kind = RecordKind::avatar_task;
      AvatarTask& task = record.avatar;
      task.task_id = id;
      task.video_id = static_cast<Id>(select.integer(4));
      task.outcome = outcome;
      task.processing = time_at(select.integer(8));
      task.done = time_at(select.integer(9));
      const auto found = avatars.find(record.seq);
      if (found == avatars.end()) {
        throw std::runtime_error("state file " + path_ + ": avatar task " + std::to_string(record.seq) +
                                 " has no avatar_tasks row");
      }
      task.avatar_id = found->second.first;
      task.video_name = std::move(found->second.second);
    } else {
      throw std::runtime_error("state file " + path_ + ": record " + std::to_string(record.seq) +
                               " has an unknown kind " + std::to_string(kind));
    }
    visit(std::move(record));
  }
}

// ---- writing ----

void StateFile::save_seed(std::uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  put_meta("seed", static_cast<long long>(seed));
}

void StateFile::save_clock(const VirtualClock::State& clock) {
  std::lock_guard<std::mutex> lock(mutex_);
  exec("BEGIN");
  try {
    put_meta("clock_offset", static_cast<long long>(clock.offset.count()));
    put_meta("clock_frozen", clock.frozen ? 1 : 0);
    put_meta("clock_frozen_at", ticks(clock.frozen_at));
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

StateFile::Batch::Batch(StateFile& file) : file_(file), lock_(file.mutex_) { file_.exec("BEGIN"); }

StateFile::Batch::~Batch() {
  if (done_) return;
  try {
    file_.exec("ROLLBACK");
  } catch (const std::exception&) {
    // Nothing to add: the write that failed has already said why.
  }
}

void StateFile::Batch::commit() {
  file_.exec("COMMIT");
  done_ = true;
}

void StateFile::put(const Record& record) {
  auto& insert = statement(
      "INSERT INTO records (seq, account, kind, id, video_id, video_type, name_suffix, outcome,"
      " processing, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  insert.bind(1, static_cast<long long>(record.seq))
      .bind(2, record.account)
      .bind(3, static_cast<long long>(record.kind));
  const auto outcome_code = [](TaskOutcome outcome) {
    return outcome == TaskOutcome::success ? 0LL : 1LL;
  };
  switch (record.kind) {
    case RecordKind::upload:
      insert.bind(4, static_cast<long long>(record.upload_id));
      break;
    case RecordKind::video_task: {
      const VideoTask& task = record.video;
      insert.bind(4, static_cast<long long>(task.task_id))
          .bind(5, static_cast<long long>(task.video_id))
          .bind(6, static_cast<long long>(task.video_type))
          .bind(7, std::string(task.name_suffix.data(), task.name_suffix.size()))
          .bind(8, outcome_code(task.outcome))
          .bind(9, ticks(task.processing))
          .bind(10, ticks(task.done));
      if (!record.dubbing.language.empty()) {  // a DUBBING task
        nlohmann::json scripts = nlohmann::json::array();
        for (const DubbingSegment& segment : record.dubbing.scripts) {
          scripts.push_back({segment.text, segment.start_ms, segment.end_ms});
        }
        statement(
            "INSERT INTO dubbing_tasks (task_seq, video_name, language, lipsync, error_msg, scripts)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, static_cast<long long>(record.seq))
            .bind(2, record.dubbing.video_name)
            .bind(3, record.dubbing.language)
            .bind(4, record.dubbing.lipsync ? 1LL : 0LL)
            .bind(5, record.dubbing.error_msg)
            .bind(6, scripts.dump())
            .run();
      }
      break;
    }
    case RecordKind::script_task: {
      const ScriptTask& task = record.script;
      insert.bind(4, static_cast<long long>(task.task_id))
          .bind(8, outcome_code(task.outcome))
          .bind(9, ticks(task.processing))
          .bind(10, ticks(task.done));
      auto& insert_script = statement(
          "INSERT INTO scripts (task_seq, position, script_id, title, script, arrives)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      for (std::size_t i = 0; i < task.scripts.size(); ++i) {
        const Script& script = task.scripts[i];
        insert_script.bind(1, static_cast<long long>(record.seq))
            .bind(2, static_cast<long long>(i))
            .bind(3, static_cast<long long>(script.script_id))
            .bind(4, script.title)
            .bind(5, script.script)
            .bind(6, ticks(script.arrives))
            .run();
      }
      break;
    }
    case RecordKind::avatar_task: {
      const AvatarTask& task = record.avatar;
      insert.bind(4, static_cast<long long>(task.task_id))
          .bind(5, static_cast<long long>(task.video_id))
          .bind(8, outcome_code(task.outcome))
          .bind(9, ticks(task.processing))
          .bind(10, ticks(task.done));
      statement("INSERT INTO avatar_tasks (task_seq, avatar_id, video_name) VALUES (?1, ?2, ?3)")
          .bind(1, static_cast<long long>(record.seq))
          .bind(2, static_cast<long long>(task.avatar_id))
          .bind(3, task.video_name)
          .run();
      break;
    }
  }
  insert.run();
}

void StateFile::rename_avatar_video(std::uint64_t seq, const std::string& name) {
  statement("UPDATE avatar_tasks SET video_name = ?2 WHERE task_seq = ?1")
      .bind(1, static_cast<long long>(seq))
      .bind(2, name)
      .run();
}

void StateFile::erase(std::uint64_t seq) {
  statement("DELETE FROM records WHERE seq = ?1").bind(1, static_cast<long long>(seq)).run();
  statement("DELETE FROM scripts WHERE task_seq = ?1").bind(1, static_cast<long long>(seq)).run();
  statement("DELETE FROM avatar_tasks WHERE task_seq = ?1").bind(1, static_cast<long long>(seq)).run();
  statement("DELETE FROM dubbing_tasks WHERE task_seq = ?1").bind(1, static_cast<long long>(seq)).run();
}

void StateFile::save_id_counter(std::uint64_t counter) {
  put_meta("id_counter", static_cast<long long>(counter));
}

void StateFile::clear() {
  exec("DELETE FROM records; DELETE FROM scripts; DELETE FROM avatar_tasks; DELETE FROM dubbing_tasks; DELETE FROM meta WHERE key = 'id_counter'");
}

}  // namespace tiktok_aigc::mock

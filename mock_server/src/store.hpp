// What the mock remembers: per token, the uploaded videos, the tasks and what they
// produce. Task states are not stored but computed from the clock (see view_of), so
// moving the clock moves every task at once and nothing runs in the background.
//
// Bounded: past `max_retained` records (an upload, a video task, a script task and each of
// its scripts count one each) the oldest are forgotten, so a mock that runs for days holds
// a fixed amount of memory. With a StateFile, every change is written through before it
// is acknowledged, and the constructor reloads it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "records.hpp"
#include "script_writer.hpp"
#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

class StateFile;

// Where and until when a generated video can be downloaded.
struct Preview {
  TimePoint created;  // not served before
  TimePoint expires;  // nor after
};

// A generated video, as the task list and the video list show it.
struct VideoView {
  std::string task_id;
  std::string aigc_video_type;
  std::string status;  // SUBMITTED, PROCESSING, SUCCESS, FAILED
  // Set when status is SUCCESS:
  std::string video_id;
  std::string video_name;
  TimePoint created;  // when the task succeeded
  Preview preview;
  std::optional<Dubbing> dubbing;  // DUBBING tasks
};

// An avatar video task, as the task query and the avatar video list show it.
struct AvatarTaskView {
  std::string task_id;
  std::string status;  // SUBMITTED, PROCESSING, SUCCESS, FAILED
  std::string video_name;
  std::string avatar_id;
  // Set when status is SUCCESS:
  std::string avatar_video_id;
  TimePoint created;  // when the task succeeded
};

// One material package of an avatar video task create.
struct AvatarPackage {
  std::string avatar_id;
  std::size_t script_chars = 0;
  std::optional<std::string> video_name;
};

// What one package made: a task, or why not.
struct AvatarPackageResult {
  std::optional<std::string> task_id;
  std::optional<std::string> error_msg;
};

struct AvatarVideoFilter {
  std::optional<std::string> avatar_id;
  std::optional<std::string> start_date, end_date;  // YYYY-MM-DD, UTC, inclusive
};

struct ScriptView {
  std::string script_id, title, script;
};

struct ScriptTaskView {
  std::string task_id;
  std::string status;               // SUBMITTED, PROCESSING, PARTIAL_SUCCESS, SUCCESS, FAILED
  std::vector<ScriptView> scripts;  // those arrived so far
};

// The key of a token's account, all the state and the journal show of it: its SHA-256, in
// hex.
std::string token_digest(const std::string& token);

// Everything one token's account holds, for the control API's state view: how many of
// each, and the newest `limit` of each, oldest first.
struct AccountView {
  std::string token_digest;  // the store's key: a SHA-256 of the token, never the token
  std::size_t upload_count = 0, video_task_count = 0, script_task_count = 0, avatar_task_count = 0;
  // Over all of them: aigc_video_type -> status -> count, and status -> count.
  std::map<std::string, std::map<std::string, std::size_t>> video_tasks_by_type;
  std::map<std::string, std::size_t> script_tasks_by_status, avatar_tasks_by_status;
  std::vector<std::string> uploads;  // video ids
  std::vector<VideoView> video_tasks;
  std::vector<ScriptTaskView> script_tasks;
  std::vector<AvatarTaskView> avatar_tasks;
};

// The kinds of task whose outcomes a test may queue.
enum class OutcomeQueue { video, script, avatar_video };

struct StoreView {
  std::vector<AccountView> accounts;  // by token digest
  std::map<OutcomeQueue, std::vector<TaskOutcome>> outcomes;  // queued, next first
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::size_t total = 0;
};

class Store {
 public:

  // Reloads `state` when given (which must outlive the store).
  Store(std::uint64_t seed, double failure_rate, TaskDurations durations,
        std::size_t max_retained, StateFile* state);

  // Forgets everything and starts the id sequence again from the seed.
  void reset();

  std::string new_request_id(TimePoint now);

  std::string add_upload(const std::string& token, TimePoint now);
  // The first of `video_ids` this token did not upload, if any.
  std::optional<std::string> find_unknown_upload(const std::string& token,
                                                 const std::vector<std::string>& video_ids) const;

  std::vector<std::string> create_video_tasks(const std::string& token,
                                              const std::string& aigc_video_type, int count,
                                              TimePoint now);
  // One DUBBING task per video; one whose error_msg is set (its source could not be used)
  // ends FAILED with it.
  std::vector<std::string> create_dubbing_tasks(const std::string& token, std::vector<Dubbing> videos,
                                                TimePoint now);
  // nullopt (with the first unknown id in `unknown`) when an id is not this token's task.
  std::optional<std::vector<VideoView>> video_tasks(const std::string& token,
                                                    const std::vector<std::string>& task_ids,
                                                    TimePoint now, std::string& unknown) const;
  // Succeeded videos of the given types, newest first.
  Page<VideoView> videos(const std::string& token, const std::set<std::string>& types,
                         std::size_t page, std::size_t page_size, TimePoint now) const;

  std::string create_script_task(const std::string& token, const ScriptBrief& brief, int count,
                                 TimePoint now);
  std::optional<ScriptTaskView> script_task(const std::string& token, const std::string& task_id,
                                            TimePoint now) const;
  // Arrived scripts of every task, newest first.
  Page<ScriptView> scripts(const std::string& token, std::size_t page, std::size_t page_size,
                           TimePoint now) const;

  // One task per package; a package whose avatar the catalogue lacks makes none.
  std::vector<AvatarPackageResult> create_avatar_video_tasks(const std::string& token,
                                                             const std::vector<AvatarPackage>& packages,
                                                             TimePoint now);
  // nullopt (with the first unknown id in `unknown`) when an id is not this token's task.
  std::optional<std::vector<AvatarTaskView>> avatar_video_tasks(const std::string& token,
                                                                const std::vector<std::string>& task_ids,
                                                                TimePoint now, std::string& unknown) const;
  // Succeeded avatar videos that pass the filter, newest first.
  Page<AvatarTaskView> avatar_videos(const std::string& token, const AvatarVideoFilter& filter,
                                     std::size_t page, std::size_t page_size, TimePoint now) const;
  // False when this token made no such video.
  bool rename_avatar_video(const std::string& token, const std::string& avatar_video_id,
                           const std::string& name, TimePoint now);

  // The media host: when a video (of any token) was made, if it exists.
  std::optional<TimePoint> video_created(const std::string& video_id) const;
  // A media URL's signature over what it names and when it expires, keyed by the seed so
  // that a URL cannot be extended by editing its expiry.
  std::string sign(const std::string& name, long long expires_unix) const;

  void queue_outcomes(OutcomeQueue queue, const std::vector<TaskOutcome>& outcomes);

  StoreView view(TimePoint now, std::size_t limit) const;

 private:
  // A succeeded task in a per-type list kept in order of `done`, then creation.
  struct Listed {
    TimePoint done;
    std::uint64_t seq;
    const VideoTask* task;
  };
  struct ListedAvatarVideo {
    TimePoint done;
    std::uint64_t seq;
    const AvatarTask* task;
  };
  struct Account {
    std::string key;  // the token's digest
    std::unordered_set<Id> uploads;
    std::unordered_map<Id, VideoTask> video_tasks;
    std::vector<std::deque<Listed>> videos_by_type;  // indexed like api::enums::aigc_video_types()
    std::unordered_map<Id, Dubbing> dubbing;          // of the DUBBING video tasks
    std::unordered_map<Id, ScriptTask> script_tasks;
    std::deque<Id> script_task_order;  // creation order
    std::unordered_map<Id, std::pair<AvatarTask, std::uint64_t>> avatar_tasks;  // with their seq
    std::unordered_map<Id, Id> avatar_task_of_video;
    std::deque<ListedAvatarVideo> avatar_videos;  // succeeded, in order of `done`, then creation
    std::size_t records = 0;
  };
  // The retention order: oldest first.
  struct Retained {
    std::uint64_t seq;
    Account* account;
    RecordKind kind;
    Id id;
    std::size_t weight;
  };

  Id id_for(std::uint64_t n) const;  // the n-th id: unique, not sequential-looking
  Account& account_for(const std::string& key);
  // By the token's digest, which callers compute before they take the lock.
  const Account* find_account(const std::string& key) const;
  VideoView view_of(const Account& account, const VideoTask& task, TimePoint now) const;
  std::vector<std::string> add_video_tasks(const std::string& token, std::uint8_t type, std::size_t count,
                                           std::vector<Dubbing> dubbing, TimePoint now);
  ScriptTaskView view_of(const ScriptTask& task, TimePoint now) const;
  AvatarTaskView view_of(const AvatarTask& task, TimePoint now) const;
  TaskOutcome next_outcome(OutcomeQueue queue, std::size_t& taken, std::mt19937_64& random) const;
  void take_outcomes(OutcomeQueue queue, std::size_t taken);
  // Adds a record in memory as it is.
  void keep(Record&& record);
  // How many of the oldest records to forget so that `incoming` more fit.
  std::size_t overflow(std::size_t incoming) const;
  void forget_oldest();
  // Writes `records` and erases the `evicted` oldest in one transaction (without a state
  // file: nothing), then makes the same change in memory.
  void persist(const std::vector<Record>& records, std::size_t evicted);
  void write(std::vector<Record>&& records);

  const std::uint64_t seed_;
  const double failure_rate_;
  const TaskDurations durations_;
  const std::size_t max_retained_;
  StateFile* const state_;

  mutable std::shared_mutex mutex_;
  std::atomic<std::uint64_t> request_counter_{0};  // every request: no lock
  std::uint64_t id_counter_ = 0;
  std::uint64_t record_counter_ = 0;
  std::unordered_map<std::string, Account> accounts_;  // by token digest
  std::deque<Retained> retained_;
  std::size_t retained_weight_ = 0;
  std::unordered_map<Id, TimePoint> previews_;  // video id -> when it was created
  std::map<OutcomeQueue, std::deque<TaskOutcome>> outcomes_;
};

}  // namespace tiktok_aigc::mock

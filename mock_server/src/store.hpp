// What the mock remembers: per token, the uploaded videos, the tasks and what they
// produce. Task states are not stored but computed from the clock (see status_*), so
// moving the clock moves every task at once and nothing runs in the background.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "script_writer.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

namespace tiktok_aigc::mock {

using TimePoint = Clock::time_point;

// A generated video, as the task list and the video list show it.
struct VideoView {
  std::string task_id;
  std::string aigc_video_type;
  std::string status;  // SUBMITTED, PROCESSING, SUCCESS, FAILED
  // Set when status is SUCCESS:
  std::string video_id;
  std::string video_name;
  TimePoint created;  // when the task succeeded
};

struct ScriptView {
  std::string script_id, title, script;
};

struct ScriptTaskView {
  std::string task_id;
  std::string status;               // SUBMITTED, PROCESSING, PARTIAL_SUCCESS, SUCCESS, FAILED
  std::vector<ScriptView> scripts;  // those arrived so far
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::size_t total = 0;
};

class Store {
 public:
  // A preview URL stops working this long after its video was created.
  static constexpr std::chrono::hours kPreviewValidity{6};

  Store(std::uint64_t seed, double failure_rate, TaskDurations durations);

  // Forgets everything and starts the random sequence again from the seed.
  void reset();

  std::string new_request_id(TimePoint now);

  std::string add_upload(const std::string& token, TimePoint now);
  // The first of `video_ids` this token did not upload, if any.
  std::optional<std::string> find_unknown_upload(const std::string& token,
                                                 const std::vector<std::string>& video_ids) const;

  std::vector<std::string> create_video_tasks(const std::string& token,
                                              const std::string& aigc_video_type, int count,
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

  // The media host: a preview by video id (any token), and the signature its URL carries.
  struct Preview {
    TimePoint created;  // not served before
    TimePoint expires;  // nor after
    long long expires_unix;
    std::string signature;
  };
  std::optional<Preview> preview(const std::string& video_id) const;
  std::string preview_signature(const std::string& video_id, long long expires_unix) const;

  void queue_outcomes(bool video, const std::vector<TaskOutcome>& outcomes);

 private:
  struct VideoTask {
    std::string task_id, aigc_video_type, video_id, name_suffix;
    TimePoint processing;  // SUBMITTED before, PROCESSING from here
    TimePoint done;        // SUCCESS or FAILED from here
    TaskOutcome outcome;
  };
  struct Script {
    ScriptView view;
    TimePoint arrives;
  };
  struct ScriptTask {
    std::string task_id;
    TimePoint processing;  // SUBMITTED before, PROCESSING (or PARTIAL_SUCCESS) from here
    TimePoint done;        // SUCCESS (the last script arrived) or FAILED from here
    TaskOutcome outcome;
    std::vector<Script> scripts;
  };
  struct Account {
    std::set<std::string> uploads;
    std::map<std::string, VideoTask> video_tasks;
    std::vector<std::string> video_task_order;  // creation order
    std::map<std::string, ScriptTask> script_tasks;
    std::vector<std::string> script_task_order;
  };

  std::string new_id();  // 19 digits, above 2^53; unique in this store
  TaskOutcome next_outcome(std::deque<TaskOutcome>& queued);
  static VideoView view_of(const VideoTask& task, TimePoint now);

  const std::uint64_t seed_;
  const double failure_rate_;
  const TaskDurations durations_;

  mutable std::mutex mutex_;
  std::mt19937_64 random_;
  std::uint64_t request_counter_ = 0;
  std::set<std::string> ids_;
  std::map<std::string, Account> accounts_;    // by token
  std::map<std::string, TimePoint> previews_;  // video id -> when it was created
  std::deque<TaskOutcome> video_outcomes_, script_outcomes_;
};

}  // namespace tiktok_aigc::mock

// What the mock's store keeps, one struct per kind of record, shared by the store (in
// memory) and the state file (on disk).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tiktok_aigc/mock/types.hpp"

namespace tiktok_aigc::mock {

using TimePoint = Clock::time_point;

// Task, video and script ids: 19 decimal digits starting with 7, above 2^53 as the live
// API's are (so a client that reads them as doubles loses digits), below 2^63.
using Id = std::uint64_t;
std::string id_text(Id id);
std::optional<Id> parse_id(const std::string& text);  // nullopt: not an id the mock hands out
// An uploaded video's id has the live API's shape instead: v10033g50000 and 20 characters of
// [a-z0-9], e.g. v10033g50000cloo0mvog65lmdtlk9bg.
std::string upload_id_text(Id id);
std::optional<Id> parse_upload_id(const std::string& text);

enum class RecordKind { upload = 0, video_task = 1, script_task = 2, avatar_task = 3 };

struct VideoTask {
  Id task_id = 0;
  Id video_id = 0;             // 0 when the task fails
  std::uint8_t video_type = 0;  // index into api::enums::aigc_video_types()
  TaskOutcome outcome = TaskOutcome::success;
  std::array<char, 3> name_suffix{};  // the video name's random end
  TimePoint processing;               // SUBMITTED before, PROCESSING from here
  TimePoint done;                     // SUCCESS or FAILED from here
};

// One timed segment of a dubbed video's speech, in milliseconds.
struct DubbingSegment {
  std::string text;
  double start_ms = 0, end_ms = 0;
};

// What a DUBBING video task adds to its VideoTask, kept beside it (other tasks carry none).
struct Dubbing {
  std::string video_name;  // as given; empty: the default name
  std::string language;    // the one target language
  bool lipsync = false;
  std::string error_msg;                 // why the source could not be used; empty otherwise
  std::vector<DubbingSegment> scripts;  // sent at creation; empty: translated by the API
};

struct Script {
  Id script_id = 0;
  std::string title, script;
  TimePoint arrives;
};

struct ScriptTask {
  Id task_id = 0;
  TaskOutcome outcome = TaskOutcome::success;
  TimePoint processing;  // SUBMITTED before, PROCESSING (or PARTIAL_SUCCESS) from here
  TimePoint done;        // SUCCESS (the last script arrived) or FAILED from here
  std::vector<Script> scripts;
};

// A Digital Avatar video task: one material package.
struct AvatarTask {
  Id task_id = 0;
  Id video_id = 0;   // the avatar_video_id; 0 when the task fails
  Id avatar_id = 0;  // from the catalogue
  std::string video_name;  // as given, the default, or as renamed
  TaskOutcome outcome = TaskOutcome::success;
  TimePoint processing;  // SUBMITTED before, PROCESSING from here
  TimePoint done;        // SUCCESS or FAILED from here
};

// One upload or task as the state file stores it; `seq` is the creation order, which is
// also the order in which records are forgotten once the store is full.
struct Record {
  std::uint64_t seq = 0;
  std::string account;  // a digest of the token, never the token
  RecordKind kind = RecordKind::upload;
  Id upload_id = 0;  // kind upload
  VideoTask video;   // kind video_task
  Dubbing dubbing;   // kind video_task of type DUBBING
  ScriptTask script;  // kind script_task
  AvatarTask avatar;  // kind avatar_task
};

}  // namespace tiktok_aigc::mock

#include "store.hpp"

#include <algorithm>
#include <cstdio>

#include "virtual_clock.hpp"

namespace tiktok_aigc::mock {
namespace {

// splitmix64: a good 64-bit mix, for request ids and URL signatures.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::string hex(std::uint64_t value, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llX", static_cast<unsigned long long>(value));
  return std::string(buffer + 16 - digits);
}

template <typename T>
Page<T> page_of(std::vector<T> all, std::size_t page, std::size_t page_size) {
  Page<T> out;
  out.total = all.size();
  const std::size_t first = (page - 1) * page_size;
  if (first < all.size()) {
    const std::size_t last = std::min(all.size(), first + page_size);
    out.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first)),
                     std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(last)));
  }
  return out;
}

}  // namespace

Store::Store(std::uint64_t seed, double failure_rate, TaskDurations durations)
    : seed_(seed), failure_rate_(failure_rate), durations_(durations), random_(seed) {}

void Store::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  random_.seed(seed_);
  request_counter_ = 0;
  ids_.clear();
  accounts_.clear();
  previews_.clear();
  video_outcomes_.clear();
  script_outcomes_.clear();
}

std::string Store::new_request_id(TimePoint now) {
  std::uint64_t counter;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    counter = ++request_counter_;
  }
  // The counter keeps ids unique; the mix keeps them from looking sequential.
  return format_utc(now, "%Y%m%d%H%M%S") + hex(counter, 8) + hex(mix(seed_ ^ counter), 10);
}

std::string Store::new_id() {
  std::uniform_int_distribution<std::uint64_t> digits(0, 999'999'999'999'999'999ull);
  for (;;) {
    std::string id = std::to_string(digits(random_));
    id = "7" + std::string(18 - id.size(), '0') + id;
    if (ids_.insert(id).second) return id;
  }
}

TaskOutcome Store::next_outcome(std::deque<TaskOutcome>& queued) {
  if (!queued.empty()) {
    const TaskOutcome outcome = queued.front();
    queued.pop_front();
    return outcome;
  }
  std::uniform_real_distribution<double> chance(0.0, 1.0);
  return chance(random_) < failure_rate_ ? TaskOutcome::failed : TaskOutcome::success;
}

void Store::queue_outcomes(bool video, const std::vector<TaskOutcome>& outcomes) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& queue = video ? video_outcomes_ : script_outcomes_;
  queue.insert(queue.end(), outcomes.begin(), outcomes.end());
}

std::string Store::add_upload(const std::string& token, TimePoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = new_id();
  accounts_[token].uploads.insert(id);
  return id;
}

std::optional<std::string> Store::find_unknown_upload(
    const std::string& token, const std::vector<std::string>& video_ids) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto account = accounts_.find(token);
  for (const auto& id : video_ids) {
    if (account == accounts_.end() || account->second.uploads.count(id) == 0) return id;
  }
  return std::nullopt;
}

// ---- video tasks ----

std::vector<std::string> Store::create_video_tasks(const std::string& token,
                                                   const std::string& aigc_video_type, int count,
                                                   TimePoint now) {
  static const char kNameCharacters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::lock_guard<std::mutex> lock(mutex_);
  auto& account = accounts_[token];
  std::vector<std::string> task_ids;
  // Quirk 10: one task per generated video.
  for (int i = 0; i < count; ++i) {
    VideoTask task;
    task.task_id = new_id();
    task.aigc_video_type = aigc_video_type;
    task.processing = now + durations_.video_submitted;
    task.done = task.processing + durations_.video_processing;
    task.outcome = next_outcome(video_outcomes_);
    if (task.outcome == TaskOutcome::success) {
      task.video_id = new_id();
      std::uniform_int_distribution<std::size_t> pick(0, sizeof kNameCharacters - 2);
      for (int c = 0; c < 3; ++c) task.name_suffix += kNameCharacters[pick(random_)];
      previews_[task.video_id] = task.done;
    }
    task_ids.push_back(task.task_id);
    account.video_task_order.push_back(task.task_id);
    account.video_tasks.emplace(task.task_id, std::move(task));
  }
  return task_ids;
}

VideoView Store::view_of(const VideoTask& task, TimePoint now) {
  VideoView view;
  view.task_id = task.task_id;
  view.aigc_video_type = task.aigc_video_type;
  if (now < task.processing) {
    view.status = "SUBMITTED";
  } else if (now < task.done) {
    view.status = "PROCESSING";
  } else if (task.outcome == TaskOutcome::failed) {
    view.status = "FAILED";
  } else {
    view.status = "SUCCESS";
    view.video_id = task.video_id;
    view.created = task.done;
    view.video_name =
        task.aigc_video_type + "-" + format_utc(task.done, "%Y%m%d%H%M%S") + "-" + task.name_suffix;
  }
  return view;
}

std::optional<std::vector<VideoView>> Store::video_tasks(const std::string& token,
                                                         const std::vector<std::string>& task_ids,
                                                         TimePoint now,
                                                         std::string& unknown) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto account = accounts_.find(token);
  std::vector<VideoView> views;
  for (const auto& id : task_ids) {
    if (account == accounts_.end() || account->second.video_tasks.count(id) == 0) {
      unknown = id;
      return std::nullopt;
    }
    views.push_back(view_of(account->second.video_tasks.at(id), now));
  }
  return views;
}

Page<VideoView> Store::videos(const std::string& token, const std::set<std::string>& types,
                              std::size_t page, std::size_t page_size, TimePoint now) const {
  Page<VideoView> out;
  const std::size_t first = (page - 1) * page_size;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto account = accounts_.find(token);
  if (account == accounts_.end()) return out;
  // Every task of a store takes the same durations, so a later task never succeeds before
  // an earlier one: newest task first is newest video first, with no sort, and only the
  // requested page's videos are built.
  const auto& order = account->second.video_task_order;
  for (auto id = order.rbegin(); id != order.rend(); ++id) {
    const VideoTask& task = account->second.video_tasks.at(*id);
    if (now < task.done || task.outcome != TaskOutcome::success ||
        types.count(task.aigc_video_type) == 0) {
      continue;
    }
    if (out.total >= first && out.items.size() < page_size) out.items.push_back(view_of(task, now));
    ++out.total;
  }
  return out;
}

// ---- script tasks ----

std::string Store::create_script_task(const std::string& token, const ScriptBrief& brief, int count,
                                      TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  ScriptTask task;
  task.task_id = new_id();
  task.processing = now + durations_.script_submitted;
  task.outcome = next_outcome(script_outcomes_);
  task.done = task.processing + durations_.script_each * count;
  if (task.outcome == TaskOutcome::success) {
    for (int i = 0; i < count; ++i) {
      const WrittenScript written = write_script(brief, i, random_);
      task.scripts.push_back({{new_id(), written.title, written.script},
                              task.processing + durations_.script_each * (i + 1)});
    }
  }
  auto& account = accounts_[token];
  account.script_task_order.push_back(task.task_id);
  const std::string id = task.task_id;
  account.script_tasks.emplace(id, std::move(task));
  return id;
}

std::optional<ScriptTaskView> Store::script_task(const std::string& token,
                                                 const std::string& task_id, TimePoint now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto account = accounts_.find(token);
  if (account == accounts_.end()) return std::nullopt;
  const auto found = account->second.script_tasks.find(task_id);
  if (found == account->second.script_tasks.end()) return std::nullopt;
  const ScriptTask& task = found->second;

  ScriptTaskView view;
  view.task_id = task.task_id;
  for (const auto& script : task.scripts) {
    if (script.arrives <= now) view.scripts.push_back(script.view);
  }
  if (now < task.processing) {
    view.status = "SUBMITTED";
  } else if (now >= task.done) {
    view.status = task.outcome == TaskOutcome::success ? "SUCCESS" : "FAILED";
  } else {
    view.status = view.scripts.empty() ? "PROCESSING" : "PARTIAL_SUCCESS";
  }
  return view;
}

Page<ScriptView> Store::scripts(const std::string& token, std::size_t page, std::size_t page_size,
                                TimePoint now) const {
  std::vector<const Script*> arrived;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto account = accounts_.find(token);
  if (account != accounts_.end()) {
    // Walk newest task first and, within a task, the last script first, so that a stable
    // sort by arrival time gives newest first with a fixed order among equals.
    const auto& order = account->second.script_task_order;
    for (auto id = order.rbegin(); id != order.rend(); ++id) {
      const auto& task = account->second.script_tasks.at(*id);
      for (auto script = task.scripts.rbegin(); script != task.scripts.rend(); ++script) {
        if (script->arrives <= now) arrived.push_back(&*script);
      }
    }
  }
  std::stable_sort(arrived.begin(), arrived.end(),
                   [](const Script* a, const Script* b) { return a->arrives > b->arrives; });
  std::vector<ScriptView> views;
  views.reserve(arrived.size());
  for (const Script* script : arrived) views.push_back(script->view);
  return page_of(std::move(views), page, page_size);
}

// ---- the media host ----

std::optional<Store::Preview> Store::preview(const std::string& video_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = previews_.find(video_id);
  if (found == previews_.end()) return std::nullopt;
  const TimePoint expires = found->second + kPreviewValidity;
  const long long expires_unix =
      std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count();
  return Preview{found->second, expires, expires_unix, preview_signature(video_id, expires_unix)};
}

// Keyed by the seed, so a URL cannot be extended by editing its expiry.
std::string Store::preview_signature(const std::string& video_id, long long expires_unix) const {
  std::uint64_t h = mix(seed_ ^ 0x5052455649455755ull);
  for (unsigned char c : video_id) h = mix(h ^ c);
  h = mix(h ^ static_cast<std::uint64_t>(expires_unix));
  return hex(h, 16);
}

}  // namespace tiktok_aigc::mock

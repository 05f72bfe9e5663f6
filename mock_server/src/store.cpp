#include "store.hpp"

#include <cctype>

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>

#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/impl/digest.hpp"
#include "avatar_catalogue.hpp"
#include "mix.hpp"
#include "state_file.hpp"
#include "task_durations.hpp"
#include "virtual_clock.hpp"

namespace tiktok_aigc::mock {
namespace {

std::string hex(std::uint64_t value, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llX", static_cast<unsigned long long>(value));
  return std::string(buffer + 16 - digits);
}

constexpr Id kIdBase = 7'000'000'000'000'000'000ull;
constexpr int kIdBits = 59;  // kIdBase + 2^59 stays within 19 digits starting with 7
constexpr std::uint64_t kIdMask = (1ull << kIdBits) - 1;

std::uint8_t video_type_index(const std::string& type) {
  const auto& types = api::enums::aigc_video_types();
  const auto found = std::find(types.begin(), types.end(), type);
  if (found == types.end()) throw std::invalid_argument("unknown aigc_video_type " + type);
  return static_cast<std::uint8_t>(found - types.begin());
}

// Where a video or avatar video task is at `now`: SUBMITTED, PROCESSING from `processing`,
// then its outcome from `done`.
const char* status_at(TimePoint processing, TimePoint done, TaskOutcome outcome, TimePoint now) {
  if (now < processing) return api::enums::task_status::kSubmitted;
  if (now < done) return api::enums::task_status::kProcessing;
  return outcome == TaskOutcome::failed ? api::enums::task_status::kFailed : api::enums::task_status::kSuccess;
}

std::uint8_t dubbing_type() {
  static const std::uint8_t index = video_type_index(api::enums::aigc_video_type::kDubbing);
  return index;
}

std::size_t weight_of(const Record& record) {
  return record.kind == RecordKind::script_task ? 1 + record.script.scripts.size() : 1;
}

// The first index of page `page` (from 1), or nullopt when it lies past `total`.
std::optional<std::size_t> first_of_page(std::size_t page, std::size_t page_size,
                                         std::size_t total) {
  if (page_size == 0 || page - 1 > total / page_size) return std::nullopt;
  const std::size_t first = (page - 1) * page_size;
  if (first >= total) return std::nullopt;
  return first;
}

}  // namespace

std::string id_text(Id id) { return std::to_string(id); }

// Accounts are keyed by a digest of the token, so the state file never holds a token.
std::string token_digest(const std::string& token) {
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::string digest = tiktok_aigc::detail::hex_digest(token, sha256);
  if (digest.empty()) throw std::runtime_error("SHA-256 is not available");
  return digest;
}

namespace {
constexpr const char kUploadPrefix[] = "v10033g50000";
constexpr const char kBase36[] = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kUploadNoise = 7, kUploadDigits = 13;  // 36^13 > 2^64

// The characters before the id's own: derived from it, so that a made-up id is refused.
std::string upload_noise(Id id) {
  std::string out;
  for (std::uint64_t bits = mix(id ^ 0x55504C4F4144ull); out.size() < kUploadNoise; bits /= 36) out += kBase36[bits % 36];
  return out;
}
}  // namespace

std::string upload_id_text(Id id) {
  std::string digits(kUploadDigits, '0');
  Id rest = id;
  for (std::size_t i = kUploadDigits; i-- > 0; rest /= 36) digits[i] = kBase36[rest % 36];
  return kUploadPrefix + upload_noise(id) + digits;
}

std::optional<Id> parse_upload_id(const std::string& text) {
  const std::size_t prefix = sizeof kUploadPrefix - 1;
  if (text.size() != prefix + kUploadNoise + kUploadDigits || text.compare(0, prefix, kUploadPrefix) != 0) {
    return std::nullopt;
  }
  Id id = 0;
  for (std::size_t i = text.size() - kUploadDigits; i < text.size(); ++i) {
    const char* digit = std::strchr(kBase36, text[i]);
    if (text[i] == '\0' || digit == nullptr || id > (UINT64_MAX - 35) / 36) return std::nullopt;
    id = id * 36 + static_cast<Id>(digit - kBase36);
  }
  if (upload_id_text(id) != text) return std::nullopt;  // the noise must be the id's own
  return id;
}

std::optional<Id> parse_id(const std::string& text) {
  if (text.size() != 19 || text[0] != '7' ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<Id>(std::stoull(text));
}

Store::Store(std::uint64_t seed, double failure_rate, TaskDurations durations,
             std::size_t max_retained, StateFile* state)
    : seed_(seed),
      failure_rate_(failure_rate),
      durations_(durations),
      max_retained_(max_retained),
      state_(state) {
  if (!state_) return;
  id_counter_ = state_->id_counter();
  request_counter_ = state_->request_counter_base();
  state_->for_each_record([this](Record&& record) { keep(std::move(record)); });
  write({});  // a smaller limit than the last run's: forget the excess now
}

void Store::reset() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (state_) {
    StateFile::Batch batch(*state_);
    state_->clear();
    batch.commit();
  }
  id_counter_ = 0;
  record_counter_ = 0;
  request_counter_ = state_ ? state_->request_counter_base() : 0;
  accounts_.clear();
  retained_.clear();
  retained_weight_ = 0;
  previews_.clear();
  outcomes_.clear();
}

std::string Store::new_request_id(TimePoint now) {
  const std::uint64_t counter = ++request_counter_;
  // The counter keeps ids unique; the mix keeps them from looking sequential.
  return format_utc(now, "%Y%m%d%H%M%S") + hex(counter, 8) + hex(mix(seed_ ^ counter), 12);
}

// A keyed bijection of [0, 2^59): every step (add, xor-shift, multiply by an odd number,
// all modulo 2^59) can be undone, so distinct n give distinct ids without a set of the
// ids handed out.
Id Store::id_for(std::uint64_t n) const {
  std::uint64_t x = (n + mix(seed_)) & kIdMask;
  x ^= x >> 31;
  x = (x * 0xD6E8FEB86659FD93ull) & kIdMask;
  x ^= x >> 27;
  x = (x * 0x9E3779B97F4A7C15ull) & kIdMask;
  x ^= x >> 33;
  return kIdBase + x;
}

void Store::queue_outcomes(OutcomeQueue queue, const std::vector<TaskOutcome>& outcomes) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& queued = outcomes_[queue];
  queued.insert(queued.end(), outcomes.begin(), outcomes.end());
}

// The next queued outcome past the `taken` already used by this change, else a draw. The
// caller removes what it took once the change is written.
TaskOutcome Store::next_outcome(OutcomeQueue queue, std::size_t& taken, std::mt19937_64& random) const {
  const auto found = outcomes_.find(queue);
  if (found != outcomes_.end() && taken < found->second.size()) return found->second[taken++];
  return std::uniform_real_distribution<double>(0.0, 1.0)(random) < failure_rate_ ? TaskOutcome::failed
                                                                                 : TaskOutcome::success;
}

void Store::take_outcomes(OutcomeQueue queue, std::size_t taken) {
  if (taken == 0) return;
  auto& queued = outcomes_.at(queue);
  queued.erase(queued.begin(), queued.begin() + static_cast<std::ptrdiff_t>(taken));
}

// ---- keeping and forgetting ----

Store::Account& Store::account_for(const std::string& key) {
  auto [found, added] = accounts_.try_emplace(key);
  if (added) {
    found->second.key = key;
    found->second.videos_by_type.resize(api::enums::aigc_video_types().size());
  }
  return found->second;
}

const Store::Account* Store::find_account(const std::string& key) const {
  const auto found = accounts_.find(key);
  return found == accounts_.end() ? nullptr : &found->second;
}

void Store::keep(Record&& record) {
  Account& account = account_for(record.account);
  const std::size_t weight = weight_of(record);  // before the scripts move out
  Id id = 0;
  switch (record.kind) {
    case RecordKind::upload:
      id = record.upload_id;
      account.uploads.insert(id);
      break;
    case RecordKind::video_task: {
      id = record.video.task_id;
      const VideoTask& task = account.video_tasks.emplace(id, record.video).first->second;
      if (task.video_type == dubbing_type()) {
        account.dubbing.emplace(id, std::move(record.dubbing));
      }
      if (task.outcome == TaskOutcome::success) {
        previews_[task.video_id] = task.done;
        // Nearly always at the end: only a task made with shorter durations (after a restart
        // with other options) succeeds before one made earlier.
        auto& listed = account.videos_by_type.at(task.video_type);
        auto at = listed.end();
        while (at != listed.begin() && std::prev(at)->done > task.done) --at;
        listed.insert(at, Listed{task.done, record.seq, &task});
      }
      break;
    }
    case RecordKind::script_task:
      id = record.script.task_id;
      account.script_task_order.push_back(id);
      account.script_tasks.emplace(id, std::move(record.script));
      break;
    case RecordKind::avatar_task: {
      id = record.avatar.task_id;
      const AvatarTask& task =
          account.avatar_tasks.emplace(id, std::make_pair(std::move(record.avatar), record.seq)).first->second.first;
      if (task.outcome == TaskOutcome::success) {
        previews_[task.video_id] = task.done;
        account.avatar_task_of_video.emplace(task.video_id, id);
        auto& listed = account.avatar_videos;
        auto at = listed.end();
        while (at != listed.begin() && std::prev(at)->done > task.done) --at;
        listed.insert(at, ListedAvatarVideo{task.done, record.seq, &task});
      }
      break;
    }
  }
  ++account.records;
  retained_.push_back({record.seq, &account, record.kind, id, weight});
  retained_weight_ += weight;
  record_counter_ = std::max(record_counter_, record.seq);
}

std::size_t Store::overflow(std::size_t incoming) const {
  std::size_t weight = retained_weight_ + incoming, count = 0;
  while (weight > max_retained_ && count < retained_.size()) weight -= retained_[count++].weight;
  return count;
}

void Store::forget_oldest() {
  const Retained oldest = retained_.front();
  retained_.pop_front();
  Account& account = *oldest.account;
  switch (oldest.kind) {
    case RecordKind::upload:
      account.uploads.erase(oldest.id);
      break;
    case RecordKind::video_task: {
      const auto task = account.video_tasks.find(oldest.id);
      if (task == account.video_tasks.end()) break;
      if (task->second.outcome == TaskOutcome::success) {
        previews_.erase(task->second.video_id);
        auto& listed = account.videos_by_type.at(task->second.video_type);
        const auto entry = std::find_if(listed.begin(), listed.end(), [&](const Listed& each) {
          return each.task == &task->second;
        });
        if (entry != listed.end()) listed.erase(entry);
      }
      account.dubbing.erase(oldest.id);
      account.video_tasks.erase(task);
      break;
    }
    case RecordKind::script_task: {
      account.script_tasks.erase(oldest.id);
      auto& order = account.script_task_order;
      const auto entry = std::find(order.begin(), order.end(), oldest.id);
      if (entry != order.end()) order.erase(entry);
      break;
    }
    case RecordKind::avatar_task: {
      const auto task = account.avatar_tasks.find(oldest.id);
      if (task == account.avatar_tasks.end()) break;
      const AvatarTask& avatar = task->second.first;
      if (avatar.outcome == TaskOutcome::success) {
        previews_.erase(avatar.video_id);
        account.avatar_task_of_video.erase(avatar.video_id);
        auto& listed = account.avatar_videos;
        const auto entry = std::find_if(listed.begin(), listed.end(),
                                        [&](const ListedAvatarVideo& each) { return each.task == &avatar; });
        if (entry != listed.end()) listed.erase(entry);
      }
      account.avatar_tasks.erase(task);
      break;
    }
  }
  retained_weight_ -= oldest.weight;
  // A copy of the key: the account (and its key) goes with the erase.
  if (--account.records == 0) accounts_.erase(std::string(account.key));
}

void Store::persist(const std::vector<Record>& records, std::size_t evicted) {
  if (!state_ || (records.empty() && evicted == 0)) return;
  StateFile::Batch batch(*state_);
  for (std::size_t i = 0; i < evicted; ++i) state_->erase(retained_[i].seq);
  for (const Record& record : records) state_->put(record);
  state_->save_id_counter(id_counter_);
  batch.commit();
}

void Store::write(std::vector<Record>&& records) {
  std::size_t incoming = 0;
  for (const Record& record : records) incoming += weight_of(record);
  const std::size_t evicted = overflow(incoming);
  persist(records, evicted);  // first: when it fails, memory is left as it was
  for (std::size_t n = evicted; n > 0; --n) forget_oldest();
  for (Record& record : records) keep(std::move(record));
}

// ---- uploads ----

std::string Store::add_upload(const std::string& token, TimePoint) {
  Record record;
  record.account = token_digest(token);
  record.kind = RecordKind::upload;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  record.seq = record_counter_ + 1;
  record.upload_id = id_for(++id_counter_);
  const std::string id = upload_id_text(record.upload_id);
  std::vector<Record> records;
  records.push_back(std::move(record));
  write(std::move(records));
  return id;
}

std::optional<std::string> Store::find_unknown_upload(
    const std::string& token, const std::vector<std::string>& video_ids) const {
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  for (const auto& text : video_ids) {
    const auto id = parse_upload_id(text);
    if (!account || !id || account->uploads.count(*id) == 0) return text;
  }
  return std::nullopt;
}

// ---- video tasks ----

std::vector<std::string> Store::create_video_tasks(const std::string& token,
                                                   const std::string& aigc_video_type, int count,
                                                   TimePoint now) {
  return add_video_tasks(token, video_type_index(aigc_video_type), static_cast<std::size_t>(count), {}, now);
}

std::vector<std::string> Store::create_dubbing_tasks(const std::string& token, std::vector<Dubbing> videos,
                                                     TimePoint now) {
  const std::size_t count = videos.size();
  return add_video_tasks(token, dubbing_type(), count, std::move(videos), now);
}

std::vector<std::string> Store::add_video_tasks(const std::string& token, std::uint8_t type, std::size_t count,
                                                std::vector<Dubbing> dubbing, TimePoint now) {
  static const char kNameCharacters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const std::string key = token_digest(token);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  std::vector<Record> records;
  std::vector<std::string> task_ids;
  std::size_t queued = 0;  // outcomes taken from the queue
  // Quirk 10: one task per generated video.
  for (std::size_t i = 0; i < count; ++i) {
    Record record;
    record.seq = record_counter_ + 1 + static_cast<std::uint64_t>(i);
    record.account = key;
    record.kind = RecordKind::video_task;
    VideoTask& task = record.video;
    task.task_id = id_for(++id_counter_);
    // Each task draws from its own generator, so a restart needs no generator state.
    std::mt19937_64 random(mix(seed_ ^ task.task_id));
    task.video_type = type;
    task.processing = now + durations_.video_submitted;
    task.done = task.processing + durations_.video_processing;
    task.outcome = next_outcome(OutcomeQueue::video, queued, random);
    if (!dubbing.empty()) {
      record.dubbing = std::move(dubbing[i]);
      if (record.dubbing.lipsync) task.done += durations_.lipsync_extra;
      if (!record.dubbing.error_msg.empty()) task.outcome = TaskOutcome::failed;  // the source was unusable
    }
    if (task.outcome == TaskOutcome::success) task.video_id = id_for(++id_counter_);
    // Every task has its video's name from the start (quirk 27), a failed one too.
    std::uniform_int_distribution<std::size_t> pick(0, sizeof kNameCharacters - 2);
    for (char& c : task.name_suffix) c = kNameCharacters[pick(random)];
    task_ids.push_back(id_text(task.task_id));
    records.push_back(std::move(record));
  }
  write(std::move(records));
  take_outcomes(OutcomeQueue::video, queued);
  return task_ids;
}

std::string Store::sign(const std::string& name, long long expires_unix) const {
  std::uint64_t h = mix(seed_ ^ 0x5052455649455755ull);
  for (const char c : name) h = mix(h ^ static_cast<unsigned char>(c));
  h = mix(h ^ static_cast<std::uint64_t>(expires_unix));
  return hex(h, 16);
}



VideoView Store::view_of(const Account& account, const VideoTask& task, TimePoint now) const {
  VideoView view;
  view.task_id = id_text(task.task_id);
  view.aigc_video_type = api::enums::aigc_video_types().at(task.video_type);
  const auto dubbing = account.dubbing.find(task.task_id);
  if (dubbing != account.dubbing.end()) view.dubbing = dubbing->second;
  // {type}-{when the video is done, UTC}-{3 characters}; quirk 26: an image animation's type
  // in lower case.
  std::string prefix = view.aigc_video_type;
  if (prefix == api::enums::aigc_video_type::kImageAnimation) {
    for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  view.video_name = prefix + "-" + format_utc(task.done, "%Y%m%d%H%M%S") + "-" +
                    std::string(task.name_suffix.data(), task.name_suffix.size());
  if (view.dubbing && !view.dubbing->video_name.empty()) view.video_name = view.dubbing->video_name;
  view.status = status_at(task.processing, task.done, task.outcome, now);
  if (view.status == api::enums::task_status::kSuccess) {
    view.video_id = id_text(task.video_id);
    view.created = task.done;
    // Quirk 41: a dubbed video's preview lasts 30 days from when it was made.
    view.preview = {task.done, task.done + (view.dubbing ? api::limits::kDubbedPreviewValidity
                                                         : api::limits::kMediaValidity)};
  }
  return view;
}

std::optional<std::vector<VideoView>> Store::video_tasks(const std::string& token,
                                                         const std::vector<std::string>& task_ids,
                                                         TimePoint now,
                                                         std::string& unknown) const {
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  std::vector<VideoView> views;
  for (const auto& text : task_ids) {
    const VideoTask* task = nullptr;
    if (const auto id = parse_id(text); account && id) {
      const auto found = account->video_tasks.find(*id);
      if (found != account->video_tasks.end()) task = &found->second;
    }
    if (!task) {
      unknown = text;
      return std::nullopt;
    }
    views.push_back(view_of(*account, *task, now));
  }
  return views;
}

Page<VideoView> Store::videos(const std::string& token, const std::set<std::string>& types,
                              std::size_t page, std::size_t page_size, TimePoint now) const {
  Page<VideoView> out;
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  if (!account) return out;
  // Per requested type, the videos already made: a prefix of its list, found by bisection.
  struct Cursor {
    const std::deque<Listed>* listed;
    std::size_t end;  // the next one, newest first, is listed[end - 1]
  };
  std::vector<Cursor> cursors;
  for (const auto& type : types) {
    const auto& listed = account->videos_by_type.at(video_type_index(type));
    const auto made = std::upper_bound(listed.begin(), listed.end(), now,
                                       [](TimePoint t, const Listed& entry) { return t < entry.done; });
    const auto end = static_cast<std::size_t>(made - listed.begin());
    out.total += end;
    if (end > 0) cursors.push_back({&listed, end});
  }
  const auto first = first_of_page(page, page_size, out.total);
  if (!first) return out;
  // Merge the lists newest first (latest `done`, then latest created), skipping to the page.
  std::size_t skip = *first;
  if (cursors.size() == 1) {  // one list: straight to the page
    cursors.front().end -= skip;
    skip = 0;
  }
  while (out.items.size() < page_size && !cursors.empty()) {
    const auto newest = std::max_element(
        cursors.begin(), cursors.end(), [](const Cursor& a, const Cursor& b) {
          const Listed& x = (*a.listed)[a.end - 1];
          const Listed& y = (*b.listed)[b.end - 1];
          return x.done != y.done ? x.done < y.done : x.seq < y.seq;
        });
    if (skip > 0) {
      --skip;
    } else {
      out.items.push_back(view_of(*account, *(*newest->listed)[newest->end - 1].task, now));
    }
    if (--newest->end == 0) cursors.erase(newest);
  }
  return out;
}

// ---- script tasks ----

std::string Store::create_script_task(const std::string& token, const ScriptBrief& brief, int count,
                                      TimePoint now) {
  Record record;
  record.account = token_digest(token);
  record.kind = RecordKind::script_task;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  record.seq = record_counter_ + 1;
  ScriptTask& task = record.script;
  task.task_id = id_for(++id_counter_);
  std::mt19937_64 random(mix(seed_ ^ task.task_id));
  task.processing = now + durations_.script_submitted;
  task.done = task.processing + durations_.script_each * count;
  std::size_t queued = 0;
  task.outcome = next_outcome(OutcomeQueue::script, queued, random);
  if (task.outcome == TaskOutcome::success) {
    for (int i = 0; i < count; ++i) {
      const WrittenScript written = write_script(brief, i, random);
      task.scripts.push_back({id_for(++id_counter_), written.title, written.script,
                              task.processing + durations_.script_each * (i + 1)});
    }
  }
  const std::string id = id_text(task.task_id);
  std::vector<Record> records;
  records.push_back(std::move(record));
  write(std::move(records));
  take_outcomes(OutcomeQueue::script, queued);
  return id;
}

std::optional<ScriptTaskView> Store::script_task(const std::string& token,
                                                 const std::string& task_id, TimePoint now) const {
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  const auto id = parse_id(task_id);
  if (!account || !id) return std::nullopt;
  const auto found = account->script_tasks.find(*id);
  if (found == account->script_tasks.end()) return std::nullopt;
  return view_of(found->second, now);
}

ScriptTaskView Store::view_of(const ScriptTask& task, TimePoint now) const {
  ScriptTaskView view;
  view.task_id = id_text(task.task_id);
  for (const auto& script : task.scripts) {
    if (script.arrives <= now)
      view.scripts.push_back({id_text(script.script_id), script.title, script.script});
  }
  if (now < task.processing) {
    view.status = api::enums::task_status::kSubmitted;
  } else if (now >= task.done) {
    view.status = task.outcome == TaskOutcome::success ? api::enums::task_status::kSuccess
                                                       : api::enums::task_status::kFailed;
  } else {
    view.status = view.scripts.empty() ? api::enums::task_status::kProcessing
                                        : api::enums::task_status::kPartialSuccess;
  }
  return view;
}

Page<ScriptView> Store::scripts(const std::string& token, std::size_t page, std::size_t page_size,
                                TimePoint now) const {
  Page<ScriptView> out;
  std::vector<const Script*> arrived;
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  if (!account) return out;
  // Walk newest task first and, within a task, the last script first, so that a stable
  // sort by arrival time gives newest first with a fixed order among equals.
  const auto& order = account->script_task_order;
  for (auto id = order.rbegin(); id != order.rend(); ++id) {
    const auto& task = account->script_tasks.at(*id);
    for (auto script = task.scripts.rbegin(); script != task.scripts.rend(); ++script) {
      if (script->arrives <= now) arrived.push_back(&*script);
    }
  }
  std::stable_sort(arrived.begin(), arrived.end(),
                   [](const Script* a, const Script* b) { return a->arrives > b->arrives; });
  out.total = arrived.size();
  const auto first = first_of_page(page, page_size, out.total);
  if (!first) return out;
  for (std::size_t i = *first; i < out.total && i < *first + page_size; ++i) {
    out.items.push_back({id_text(arrived[i]->script_id), arrived[i]->title, arrived[i]->script});
  }
  return out;
}

// ---- avatar video tasks ----

std::vector<AvatarPackageResult> Store::create_avatar_video_tasks(const std::string& token,
                                                                  const std::vector<AvatarPackage>& packages,
                                                                  TimePoint now) {
  // The document's example mixes cases (quirk 36).
  static const char kNameCharacters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const std::string key = token_digest(token);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  std::vector<Record> records;
  std::vector<AvatarPackageResult> results;
  std::size_t queued = 0;
  for (const AvatarPackage& package : packages) {
    const auto avatar_id = parse_id(package.avatar_id);
    if (!avatar_id || !find_avatar(*avatar_id)) {
      results.push_back({std::nullopt, "avatar_id: avatar " + package.avatar_id + " is not in the avatar catalogue (" +
                                           api::endpoint(api::EndpointId::avatar_list).path + ")"});
      continue;
    }
    Record record;
    record.seq = record_counter_ + 1 + records.size();
    record.account = key;
    record.kind = RecordKind::avatar_task;
    AvatarTask& task = record.avatar;
    task.task_id = id_for(++id_counter_);
    std::mt19937_64 random(mix(seed_ ^ task.task_id));
    task.avatar_id = *avatar_id;
    task.processing = now + durations_.avatar_submitted;
    task.done = task.processing + avatar_processing_time(durations_, package.script_chars);
    task.outcome = next_outcome(OutcomeQueue::avatar_video, queued, random);
    if (task.outcome == TaskOutcome::success) task.video_id = id_for(++id_counter_);
    if (package.video_name) {
      task.video_name = *package.video_name;
    } else {  // project-{creation time, UTC}-{3 characters}
      std::uniform_int_distribution<std::size_t> pick(0, sizeof kNameCharacters - 2);
      task.video_name = "project-" + format_utc(now, "%Y%m%d%H%M%S") + "-";
      for (int i = 0; i < 3; ++i) task.video_name += kNameCharacters[pick(random)];
    }
    results.push_back({id_text(task.task_id), std::nullopt});
    records.push_back(std::move(record));
  }
  write(std::move(records));
  take_outcomes(OutcomeQueue::avatar_video, queued);
  return results;
}

AvatarTaskView Store::view_of(const AvatarTask& task, TimePoint now) const {
  AvatarTaskView view;
  view.task_id = id_text(task.task_id);
  view.video_name = task.video_name;
  view.avatar_id = id_text(task.avatar_id);
  view.status = status_at(task.processing, task.done, task.outcome, now);
  if (view.status == api::enums::task_status::kSuccess) {
    view.avatar_video_id = id_text(task.video_id);
    view.created = task.done;
  }
  return view;
}

std::optional<std::vector<AvatarTaskView>> Store::avatar_video_tasks(const std::string& token,
                                                                     const std::vector<std::string>& task_ids,
                                                                     TimePoint now, std::string& unknown) const {
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  std::vector<AvatarTaskView> views;
  for (const auto& text : task_ids) {
    const AvatarTask* task = nullptr;
    if (const auto id = parse_id(text); account && id) {
      const auto found = account->avatar_tasks.find(*id);
      if (found != account->avatar_tasks.end()) task = &found->second.first;
    }
    if (!task) {
      unknown = text;
      return std::nullopt;
    }
    views.push_back(view_of(*task, now));
  }
  return views;
}

Page<AvatarTaskView> Store::avatar_videos(const std::string& token, const AvatarVideoFilter& filter,
                                          std::size_t page, std::size_t page_size, TimePoint now) const {
  Page<AvatarTaskView> out;
  const std::string key = token_digest(token);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const Account* account = find_account(key);
  if (!account) return out;
  // Newest first: from the last video already made (the list is in order of `done`).
  const auto& listed = account->avatar_videos;
  const auto made = std::upper_bound(listed.begin(), listed.end(), now,
                                     [](TimePoint t, const ListedAvatarVideo& entry) { return t < entry.done; });
  const std::size_t first = (page - 1) * page_size;  // page <= 2^31 - 1, page_size <= 100: no overflow
  for (auto it = std::make_reverse_iterator(made); it != listed.rend(); ++it) {
    const AvatarTask& task = *it->task;
    if (filter.avatar_id && id_text(task.avatar_id) != *filter.avatar_id) continue;
    const std::string day = format_utc(task.done, "%Y-%m-%d");  // the date of create_time
    if ((filter.start_date && day < *filter.start_date) || (filter.end_date && day > *filter.end_date)) continue;
    if (out.total >= first && out.items.size() < page_size) out.items.push_back(view_of(task, now));
    ++out.total;
  }
  return out;
}

bool Store::rename_avatar_video(const std::string& token, const std::string& avatar_video_id,
                                const std::string& name, TimePoint now) {
  const std::string key = token_digest(token);
  const auto video_id = parse_id(avatar_video_id);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  const auto account = accounts_.find(key);
  if (account == accounts_.end() || !video_id) return false;
  const auto task_id = account->second.avatar_task_of_video.find(*video_id);
  if (task_id == account->second.avatar_task_of_video.end()) return false;
  auto& [task, seq] = account->second.avatar_tasks.at(task_id->second);
  if (now < task.done) return false;  // not made yet: no id was handed out
  if (state_) {
    StateFile::Batch batch(*state_);
    state_->rename_avatar_video(seq, name);
    batch.commit();
  }
  task.video_name = name;
  return true;
}

// ---- the state view ----

StoreView Store::view(TimePoint now, std::size_t limit) const {
  StoreView out;
  std::shared_lock<std::shared_mutex> lock(mutex_);
  for (const auto& [queue, queued] : outcomes_) out.outcomes[queue].assign(queued.begin(), queued.end());
  std::map<std::string, AccountView> by_digest;
  for (const auto& [key, account] : accounts_) {
    AccountView& view = by_digest[key];
    view.token_digest = key;
    view.upload_count = account.uploads.size();
    view.video_task_count = account.video_tasks.size();
    view.script_task_count = account.script_tasks.size();
    for (const auto& [id, task] : account.video_tasks) {
      const VideoView video = view_of(account, task, now);
      ++view.video_tasks_by_type[video.aigc_video_type][video.status];
    }
    for (const auto& [id, task] : account.script_tasks) {
      ++view.script_tasks_by_status[view_of(task, now).status];
    }
    view.avatar_task_count = account.avatar_tasks.size();
    for (const auto& [id, task] : account.avatar_tasks) {
      ++view.avatar_tasks_by_status[view_of(task.first, now).status];
    }
  }
  // The retention order is the creation order: walk it from the newest, `limit` a kind.
  for (auto it = retained_.rbegin(); it != retained_.rend(); ++it) {
    AccountView& view = by_digest[it->account->key];
    switch (it->kind) {
      case RecordKind::upload:
        if (view.uploads.size() < limit) view.uploads.push_back(upload_id_text(it->id));
        break;
      case RecordKind::video_task:
        if (view.video_tasks.size() < limit)
          view.video_tasks.push_back(view_of(*it->account, it->account->video_tasks.at(it->id), now));
        break;
      case RecordKind::script_task:
        if (view.script_tasks.size() < limit)
          view.script_tasks.push_back(view_of(it->account->script_tasks.at(it->id), now));
        break;
      case RecordKind::avatar_task:
        if (view.avatar_tasks.size() < limit)
          view.avatar_tasks.push_back(view_of(it->account->avatar_tasks.at(it->id).first, now));
        break;
    }
  }
  for (auto& [key, view] : by_digest) {
    std::reverse(view.uploads.begin(), view.uploads.end());
    std::reverse(view.video_tasks.begin(), view.video_tasks.end());
    std::reverse(view.script_tasks.begin(), view.script_tasks.end());
    std::reverse(view.avatar_tasks.begin(), view.avatar_tasks.end());
    out.accounts.push_back(std::move(view));
  }
  return out;
}

// ---- the media host ----

std::optional<TimePoint> Store::video_created(const std::string& video_id) const {
  const auto id = parse_id(video_id);
  if (!id) return std::nullopt;
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto found = previews_.find(*id);
  if (found == previews_.end()) return std::nullopt;
  return found->second;
}

}  // namespace tiktok_aigc::mock

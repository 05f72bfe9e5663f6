// The client: the endpoints, typed; waiting for tasks; every page; downloads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tiktok_aigc/dependencies.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"
#include "tiktok_aigc/transport.hpp"
#include "tiktok_aigc/validation.hpp"

namespace tiktok_aigc {

namespace detail {
// GET requests have a to_query(); POST requests a to_body().
template <typename Request, typename = void>
struct is_query : std::false_type {};
template <typename Request>
struct is_query<Request, std::void_t<decltype(to_query(std::declval<const Request&>()))>> : std::true_type {};
}  // namespace detail

// ---------------------------------------------------------------------------------------
// Waiting for tasks
// ---------------------------------------------------------------------------------------

struct WaitOptions {
  Duration timeout{std::chrono::minutes(30)};
  // Polls start at first_interval and grow by 1.5x to max_interval; the rate limiter
  // spaces them further when the budget is short.
  Duration first_interval{std::chrono::seconds(5)};
  Duration max_interval{std::chrono::seconds(30)};
  CancellationToken cancel;
};

// How a wait ended. `tasks` holds the last known state of every task; on a timeout, a
// cancellation or an error, `pending_task_ids` are the ones to wait for again later.
template <typename Task>
struct TaskWait {
  Status status;  // ok; task_failed (some ended FAILED); deadline_exceeded; cancelled; ...
  std::vector<Task> tasks;
  std::vector<std::string> pending_task_ids;
  bool ok() const { return status.ok(); }
};

// ---------------------------------------------------------------------------------------
// Every page
// ---------------------------------------------------------------------------------------

// Iterates the items of every page, fetching pages as it goes:
//   for (const Result<Video>& video : client.all_videos()) { if (!video) ...; }
// An error is the last item.
template <typename Item>
class PageRange {
 public:
  struct Page {
    std::vector<Item> items;
    PageInfo info;
  };
  using Fetch = std::function<Result<Page>(int page)>;

  class iterator {
   public:
    using value_type = Result<Item>;
    using reference = const value_type&;
    using pointer = const value_type*;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    reference operator*() const { return *current_; }
    pointer operator->() const { return &*current_; }
    iterator& operator++() {
      range_->advance(*this);
      return *this;
    }
    bool operator==(const iterator& other) const { return range_ == other.range_; }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    friend class PageRange;
    PageRange* range_ = nullptr;  // nullptr: the end
    std::optional<value_type> current_;
  };

  explicit PageRange(Fetch fetch) : fetch_(std::move(fetch)) {}
  iterator begin() {
    iterator it;
    it.range_ = this;
    advance(it);
    return it;
  }
  iterator end() { return iterator{}; }

 private:
  void advance(iterator& it) {
    if (index_ >= buffer_.size()) {
      if (failed_ || (fetched_ && next_page_ > total_pages_)) {
        it.range_ = nullptr;
        return;
      }
      Result<Page> page = fetch_(next_page_);
      if (!page) {
        failed_ = true;
        it.current_ = Result<Item>(page.status());
        return;
      }
      fetched_ = true;
      total_pages_ = page->info.total_page;
      buffer_ = std::move(page->items);
      index_ = 0;
      ++next_page_;
      if (buffer_.empty()) {  // an empty page ends the walk, whatever page_info says
        it.range_ = nullptr;
        return;
      }
    }
    it.current_ = Result<Item>(buffer_[index_++]);
  }

  Fetch fetch_;
  std::vector<Item> buffer_;
  std::size_t index_ = 0;
  int next_page_ = 1;
  int total_pages_ = 0;
  bool fetched_ = false;
  bool failed_ = false;
};

// ---------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------

class Client {
 public:
  // Token and base URL from the options, else from TIKTOK_ACCESS_TOKEN and TIKTOK_API_BASE.
  explicit Client(ClientOptions options = {}) : transport_(std::move(options)) {}

  const ClientOptions& options() const { return transport_.options(); }

  // ---- the endpoints ----

  Result<UploadedVideo> upload_video(const UploadVideoRequest& request) {
    return call<UploadedVideo>(request);
  }
  Result<CreatedVideoTasks> create_video_tasks(const CreateVideoTaskRequest& request) {
    return call<CreatedVideoTasks>(request);
  }
  Result<VideoTaskList> get_video_tasks(const VideoTaskQuery& query) {
    return call<VideoTaskList>(query);
  }
  Result<VideoPage> list_videos(const VideoListQuery& query = {}) {
    return call<VideoPage>(query);
  }
  Result<CreatedScriptTask> create_script_task(const CreateScriptTaskRequest& request) {
    return call<CreatedScriptTask>(request);
  }
  Result<ScriptTask> get_script_task(const ScriptTaskQuery& query) {
    return call<ScriptTask>(query);
  }
  Result<ScriptPage> list_scripts(const ScriptListQuery& query = {}) {
    return call<ScriptPage>(query);
  }

  // ---- waiting ----

  // Polls the video tasks (at most five ids a query, as documented) until every one is
  // SUCCESS or FAILED. `on_progress` sees the latest state of all of them after each round.
  TaskWait<VideoTask> wait_for_video_tasks(
      const std::vector<std::string>& task_ids, const AigcVideoType& type, const WaitOptions& wait = {},
      const std::function<void(const std::vector<VideoTask>&)>& on_progress = {}) {
    std::vector<VideoTask> latest(task_ids.size());
    for (std::size_t i = 0; i < task_ids.size(); ++i) latest[i].task_id = task_ids[i];
    return poll_until_done<VideoTask>(
        latest, wait,
        [&](std::vector<VideoTask>& tasks) -> Status {
          for (std::size_t first = 0; first < tasks.size(); first += api::limits::kTaskIdsPerQuery) {
            VideoTaskQuery query;
            query.aigc_video_type = type;
            for (std::size_t i = first; i < std::min(tasks.size(), first + api::limits::kTaskIdsPerQuery); ++i) {
              if (!tasks[i].status.is_terminal()) query.task_ids.push_back(tasks[i].task_id);
            }
            if (query.task_ids.empty()) continue;
            Result<VideoTaskList> answer = call<VideoTaskList>(query, wait.cancel);
            if (!answer) return answer.status();
            for (const std::string& id : query.task_ids) {
              const auto found = std::find_if(answer->list.begin(), answer->list.end(),
                                              [&](const VideoTask& t) { return t.task_id == id; });
              // The API leaves out tasks of another type than the filter: waiting would
              // never end.
              if (found == answer->list.end()) {
                return Status{ErrorCategory::not_found, "task " + id + " is not among the " + type.wire() +
                                                            " tasks: is aigc_video_type right?"};
              }
              for (VideoTask& task : tasks) {
                if (task.task_id == id) task = *found;
              }
            }
          }
          if (on_progress) on_progress(tasks);
          return Status{};
        });
  }

  // Polls a script task until SUCCESS or FAILED. Scripts of a PARTIAL_SUCCESS task reach
  // `on_progress` as they arrive.
  TaskWait<ScriptTask> wait_for_script_task(const std::string& task_id, const WaitOptions& wait = {},
                                            const std::function<void(const ScriptTask&)>& on_progress = {}) {
    std::vector<ScriptTask> latest(1);
    latest[0].task_id = task_id;
    return poll_until_done<ScriptTask>(latest, wait, [&](std::vector<ScriptTask>& tasks) -> Status {
      Result<ScriptTask> answer = call<ScriptTask>(ScriptTaskQuery{task_id}, wait.cancel);
      if (!answer) return answer.status();
      tasks[0] = std::move(answer.value());
      if (on_progress) on_progress(tasks[0]);
      return Status{};
    });
  }

  // ---- every page ----

  // The videos of `query.aigc_video_types` (all three types unless narrowed), page by page.
  PageRange<Video> all_videos(VideoListQuery query = {}) {
    if (!query.page_size) query.page_size = api::limits::kMaxPageSize;
    return PageRange<Video>([this, query](int page) mutable -> Result<PageRange<Video>::Page> {
      query.page = page;
      Result<VideoPage> answer = list_videos(query);
      if (!answer) return answer.status();
      return PageRange<Video>::Page{std::move(answer->list), answer->page_info};
    });
  }

  PageRange<Script> all_scripts(ScriptListQuery query = {}) {
    if (!query.page_size) query.page_size = api::limits::kMaxPageSize;
    return PageRange<Script>([this, query](int page) mutable -> Result<PageRange<Script>::Page> {
      query.page = page;
      Result<ScriptPage> answer = list_scripts(query);
      if (!answer) return answer.status();
      return PageRange<Script>::Page{std::move(answer->list), answer->page_info};
    });
  }

  // ---- downloads (show kDownloadNotice to end users first) ----

  // The preview's bytes. The Access-Token is not sent: the media host is not the API.
  Result<std::string> download_preview(const std::string& preview_url) {
    std::string bytes;
    Result<int> status = transport_.fetch(preview_url, [&](const char* data, std::size_t length) {
      bytes.append(data, length);
      return true;
    });
    if (Status problem = download_status(status); !problem.ok()) return problem;
    return bytes;
  }

  // Streams the preview into `path` (through `path` + ".part", renamed when complete, so a
  // failed download leaves no partial file). Returns the bytes written.
  Result<std::uint64_t> download_preview_to_file(const std::string& preview_url, const std::string& path) {
    const std::string partial = path + ".part";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return Status{ErrorCategory::invalid_argument, "cannot write " + partial};
    std::uint64_t written = 0;
    Result<int> status = transport_.fetch(preview_url, [&](const char* data, std::size_t length) {
      out.write(data, static_cast<std::streamsize>(length));
      written += length;
      return static_cast<bool>(out);
    });
    out.close();
    Status problem = download_status(status);
    if (problem.ok() && !out) problem = Status{ErrorCategory::unknown, "writing " + partial + " failed"};
    if (problem.ok() && std::rename(partial.c_str(), path.c_str()) != 0) {
      problem = Status{ErrorCategory::unknown, "cannot rename " + partial + " to " + path};
    }
    if (!problem.ok()) {
      std::remove(partial.c_str());
      return problem;
    }
    return written;
  }

 private:
  // Builds what is sent once, checks it against the endpoint's rules, and sends it.
  template <typename T, typename Request>
  Result<T> call(const Request& request, const CancellationToken& cancel = {}) {
    const api::Endpoint& endpoint = api::endpoint(detail::endpoint_of(request));
    const bool check = transport_.options().check_requests;
    Call http{endpoint.name, endpoint.method, endpoint.path, {}, {}, endpoint.idempotent,
              endpoint.budget_per_minute};
    if constexpr (detail::is_query<Request>::value) {
      http.query = to_query(request);
      if (check) {
        if (std::optional<Status> problem = detail::check_query(endpoint, http.query)) return *problem;
      }
    } else {
      const nlohmann::json body = to_body(request);
      if (check) {
        if (std::optional<Status> problem = detail::check_body(endpoint, body)) return *problem;
      }
      http.body = body.dump();
    }
    Result<Envelope> envelope = transport_.execute(http, cancel);
    if (!envelope) return envelope.status();
    Result<T> decoded = decode<T>(envelope->data);
    if (!decoded) {
      Status status = decoded.status();
      status.request_id = envelope->request_id;
      return status;
    }
    return decoded;
  }

  template <typename Task, typename Poll>
  TaskWait<Task> poll_until_done(std::vector<Task> tasks, const WaitOptions& wait, Poll poll) {
    Clock& clock = *transport_.options().clock;
    const auto deadline = clock.now() + wait.timeout;
    Duration interval = wait.first_interval;
    TaskWait<Task> outcome;
    for (;;) {
      outcome.status = poll(tasks);
      outcome.tasks = tasks;
      outcome.pending_task_ids.clear();
      bool any_failed = false;
      for (const Task& task : tasks) {
        if (!task.status.is_terminal()) outcome.pending_task_ids.push_back(task.task_id);
        any_failed = any_failed || task.status == TaskStatus::failed();
      }
      if (!outcome.status.ok()) return outcome;
      if (outcome.pending_task_ids.empty()) {
        if (any_failed) outcome.status = Status{ErrorCategory::task_failed, "a task ended FAILED"};
        return outcome;
      }
      const auto now = clock.now();
      if (now >= deadline) {
        outcome.status = Status{ErrorCategory::deadline_exceeded,
                                std::to_string(outcome.pending_task_ids.size()) +
                                    " task(s) not finished in time; wait again with pending_task_ids"};
        return outcome;
      }
      const Duration sleep = std::min(interval, std::chrono::duration_cast<Duration>(deadline - now));
      if (!clock.sleep_for(sleep, wait.cancel)) {
        outcome.status = Status{ErrorCategory::cancelled, "the wait was cancelled"};
        return outcome;
      }
      interval = std::min(wait.max_interval, Duration(interval.count() * 3 / 2));
    }
  }

  static Status download_status(const Result<int>& fetched) {
    if (!fetched) return fetched.status();
    const int http = *fetched;
    if (http == 200) return Status{};
    Status status{classify_http_status(http), "the preview URL answered HTTP " + std::to_string(http)};
    status.http_status = http;
    if (http == 403 || http == 410) {
      status.category = ErrorCategory::expired;
      status.message = "the preview URL was refused (HTTP " + std::to_string(http) +
                       "): a preview_url is valid for six hours, after which only a new task gives a new one";
    }
    return status;
  }

  Transport transport_;
};

}  // namespace tiktok_aigc

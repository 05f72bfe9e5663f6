// The client's calls, waits, walks over every page and downloads, all on its Connection.
#pragma once

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/requests.hpp"
#include "tiktok_aigc/client.hpp"

namespace tiktok_aigc {
namespace detail {

// Polls until every task is SUCCESS or FAILED, the wait's timeout passes, it is cancelled or
// a poll fails. `poll` refreshes the tasks it is given.
template <typename Task, typename Poll>
TaskWait<Task> poll_until_done(Clock& clock, std::vector<Task> tasks, const WaitOptions& wait, Poll poll) {
  const auto deadline = clock.now() + wait.timeout;
  Duration interval = wait.first_interval;
  TaskWait<Task> outcome;
  for (;;) {
    outcome.status = poll(tasks, std::chrono::duration_cast<Duration>(deadline - clock.now()));
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

// The clock waits sleep on: the connection's, else the system's.
inline std::shared_ptr<Clock> clock_of(const Connection& connection) {
  std::shared_ptr<Clock> clock = connection.options().clock;
  return clock ? clock : SystemClock::instance();
}

// A poll's call: the wait's cancellation, and what is left of its timeout as the deadline.
inline CallOptions poll_call(const WaitOptions& wait, Duration remaining) {
  CallOptions call;
  call.cancel = wait.cancel;
  call.timeout = std::max(remaining, Duration(0));
  return call;
}

// Waits for tasks polled a few ids a query: `ask(ids, call)` answers a list of the tasks of
// `ids` (a Result of a type with `list`), `missing(id)` is the error when an id is not in
// the answer (waiting for it would never end).
template <typename Task, typename Ask, typename Missing>
TaskWait<Task> poll_in_batches(Clock& clock, const std::vector<std::string>& task_ids, const WaitOptions& wait,
                               Ask ask, Missing missing,
                               const std::function<void(const std::vector<Task>&)>& on_progress) {
  std::vector<Task> latest(task_ids.size());
  for (std::size_t i = 0; i < task_ids.size(); ++i) latest[i].task_id = task_ids[i];
  const std::size_t per_query = api::limits::kTaskIdsPerQuery;
  return poll_until_done<Task>(clock, latest, wait, [&](std::vector<Task>& tasks, Duration remaining) -> Status {
    for (std::size_t first = 0; first < tasks.size(); first += per_query) {
      std::vector<std::string> ids;
      for (std::size_t i = first; i < std::min(tasks.size(), first + per_query); ++i) {
        if (!tasks[i].status.is_terminal()) ids.push_back(tasks[i].task_id);
      }
      if (ids.empty()) continue;
      auto answer = ask(ids, poll_call(wait, remaining));
      if (!answer) return answer.status();
      for (const std::string& id : ids) {
        const auto found = std::find_if(answer->list.begin(), answer->list.end(),
                                        [&](const Task& t) { return t.task_id == id; });
        if (found == answer->list.end()) return missing(id);
        for (Task& task : tasks) {
          if (task.task_id == id) task = *found;
        }
      }
    }
    if (on_progress) on_progress(tasks);
    return Status{};
  });
}

inline Status download_status(const Result<int>& fetched) {
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

}  // namespace detail

Client::Client(ClientOptions options) : connection_(make_connection(std::move(options))) {}

Client::Client(std::shared_ptr<Connection> connection) : connection_(std::move(connection)) {}

ClientOptions Client::options() const { return connection_->options(); }

Result<UploadedVideo> Client::upload_video(const UploadVideoRequest& request, const CallOptions& call) {
  return connection_->upload_video(request, call);
}
Result<CreatedVideoTasks> Client::create_video_tasks(const CreateVideoTaskRequest& request, const CallOptions& call) {
  return connection_->create_video_tasks(request, call);
}
Result<VideoTaskList> Client::get_video_tasks(const VideoTaskQuery& query, const CallOptions& call) {
  return connection_->get_video_tasks(query, call);
}
Result<VideoPage> Client::list_videos(const VideoListQuery& query, const CallOptions& call) {
  return connection_->list_videos(query, call);
}
Result<CreatedScriptTask> Client::create_script_task(const CreateScriptTaskRequest& request, const CallOptions& call) {
  return connection_->create_script_task(request, call);
}
Result<ScriptTask> Client::get_script_task(const ScriptTaskQuery& query, const CallOptions& call) {
  return connection_->get_script_task(query, call);
}
Result<ScriptPage> Client::list_scripts(const ScriptListQuery& query, const CallOptions& call) {
  return connection_->list_scripts(query, call);
}

Result<CreatedVideoTasks> Client::create_image_animation_tasks(const CreateImageAnimationTaskRequest& request,
                                                               const CallOptions& call) {
  return connection_->create_image_animation_tasks(request, call);
}

Result<AvatarPage> Client::list_avatars(const AvatarListQuery& query, const CallOptions& call) {
  return connection_->list_avatars(query, call);
}
Result<CreatedAvatarVideoTasks> Client::create_avatar_video_tasks(const CreateAvatarVideoTasksRequest& request,
                                                                  const CallOptions& call) {
  return connection_->create_avatar_video_tasks(request, call);
}
Result<AvatarVideoTaskList> Client::get_avatar_video_tasks(const AvatarVideoTaskQuery& query, const CallOptions& call) {
  return connection_->get_avatar_video_tasks(query, call);
}
Result<AvatarVideoPage> Client::list_avatar_videos(const AvatarVideoListQuery& query, const CallOptions& call) {
  return connection_->list_avatar_videos(query, call);
}
Result<RenamedAvatarVideo> Client::rename_avatar_video(const RenameAvatarVideoRequest& request,
                                                       const CallOptions& call) {
  return connection_->rename_avatar_video(request, call);
}

TaskWait<VideoTask> Client::wait_for_video_tasks(const std::vector<std::string>& task_ids, const AigcVideoType& type,
                                                 const WaitOptions& wait,
                                                 const std::function<void(const std::vector<VideoTask>&)>& on_progress) {
  const std::shared_ptr<Clock> clock = detail::clock_of(*connection_);
  return detail::poll_in_batches<VideoTask>(
      *clock, task_ids, wait,
      [&](std::vector<std::string> ids, const CallOptions& call) {
        VideoTaskQuery query;
        query.task_ids = std::move(ids);
        query.aigc_video_type = type;
        return connection_->get_video_tasks(query, call);
      },
      // The API leaves out tasks of another type than the filter.
      [&](const std::string& id) {
        return Status{ErrorCategory::not_found,
                      "task " + id + " is not among the " + type.wire() + " tasks: is aigc_video_type right?"};
      },
      on_progress);
}

TaskWait<AvatarVideoTask> Client::wait_for_avatar_video_tasks(
    const std::vector<std::string>& task_ids, const WaitOptions& wait,
    const std::function<void(const std::vector<AvatarVideoTask>&)>& on_progress) {
  const std::shared_ptr<Clock> clock = detail::clock_of(*connection_);
  return detail::poll_in_batches<AvatarVideoTask>(
      *clock, task_ids, wait,
      [&](std::vector<std::string> ids, const CallOptions& call) {
        return connection_->get_avatar_video_tasks(AvatarVideoTaskQuery{std::move(ids)}, call);
      },
      [](const std::string& id) {
        return Status{ErrorCategory::not_found, "task " + id + " is not in the answer about the Digital Avatar tasks"};
      },
      on_progress);
}

TaskWait<ScriptTask> Client::wait_for_script_task(const std::string& task_id, const WaitOptions& wait,
                                                  const std::function<void(const ScriptTask&)>& on_progress) {
  std::vector<ScriptTask> latest(1);
  latest[0].task_id = task_id;
  const std::shared_ptr<Clock> clock = detail::clock_of(*connection_);
  return detail::poll_until_done<ScriptTask>(
      *clock, latest, wait, [&](std::vector<ScriptTask>& tasks, Duration remaining) -> Status {
        Result<ScriptTask> answer =
            connection_->get_script_task(ScriptTaskQuery{task_id}, detail::poll_call(wait, remaining));
        if (!answer) return answer.status();
        tasks[0] = std::move(answer.value());
        if (on_progress) on_progress(tasks[0]);
        return Status{};
      });
}

PageRange<Video> Client::all_videos(VideoListQuery query, const CallOptions& call) {
  if (!query.page_size) query.page_size = api::limits::kMaxPageSize;
  return PageRange<Video>(
      [connection = connection_, query, call](int page) mutable -> Result<PageRange<Video>::Page> {
        query.page = page;
        Result<VideoPage> answer = connection->list_videos(query, call);
        if (!answer) return answer.status();
        return PageRange<Video>::Page{std::move(answer->list), answer->page_info};
      });
}

PageRange<Script> Client::all_scripts(ScriptListQuery query, const CallOptions& call) {
  if (!query.page_size) query.page_size = api::limits::kMaxPageSize;
  return PageRange<Script>(
      [connection = connection_, query, call](int page) mutable -> Result<PageRange<Script>::Page> {
        query.page = page;
        Result<ScriptPage> answer = connection->list_scripts(query, call);
        if (!answer) return answer.status();
        return PageRange<Script>::Page{std::move(answer->list), answer->page_info};
      });
}

PageRange<Avatar> Client::all_avatars(const CallOptions& call) {
  AvatarListQuery query;
  query.page_size = api::limits::kMaxPageSize;
  return PageRange<Avatar>(
      [connection = connection_, query, call](int page) mutable -> Result<PageRange<Avatar>::Page> {
        query.page = page;
        Result<AvatarPage> answer = connection->list_avatars(query, call);
        if (!answer) return answer.status();
        PageInfo info;
        if (answer->page_info) {
          info = *answer->page_info;
        } else {  // no page_info (quirk 30): a full page may have a next one, a short one is the last
          info.page = page;
          info.page_size = *query.page_size;
          const bool full = answer->list.size() >= static_cast<std::size_t>(*query.page_size);
          info.total_page = full ? page + 1 : page;
        }
        return PageRange<Avatar>::Page{std::move(answer->list), info};
      });
}

PageRange<AvatarVideo> Client::all_avatar_videos(AvatarVideoListQuery query, const CallOptions& call) {
  if (!query.page_size) query.page_size = api::limits::kMaxPageSize;
  return PageRange<AvatarVideo>(
      [connection = connection_, query, call](int page) mutable -> Result<PageRange<AvatarVideo>::Page> {
        query.page = page;
        Result<AvatarVideoPage> answer = connection->list_avatar_videos(query, call);
        if (!answer) return answer.status();
        return PageRange<AvatarVideo>::Page{std::move(answer->list), answer->page_info};
      });
}

Result<std::string> Client::download_preview(const std::string& preview_url, const CallOptions& call) {
  std::string bytes;
  Result<int> status = connection_->download(
      preview_url,
      [&](const char* data, std::size_t length) {
        bytes.append(data, length);
        return true;
      },
      call);
  if (Status problem = detail::download_status(status); !problem.ok()) return problem;
  return bytes;
}

Result<std::uint64_t> Client::download_preview_to_file(const std::string& preview_url, const std::string& path,
                                                       const CallOptions& call) {
  const std::string partial = path + ".part";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) return Status{ErrorCategory::invalid_argument, "cannot write " + partial};
  std::uint64_t written = 0;
  Result<int> status = connection_->download(
      preview_url,
      [&](const char* data, std::size_t length) {
        out.write(data, static_cast<std::streamsize>(length));
        written += length;
        return static_cast<bool>(out);
      },
      call);
  out.close();
  Status problem = detail::download_status(status);
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

}  // namespace tiktok_aigc

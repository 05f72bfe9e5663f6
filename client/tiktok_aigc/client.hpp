// The client: the endpoints, typed; waiting for tasks; every page; downloads.
//
// A Client is a small value: copies and moves share one Connection, which holds the state
// (connections, the rate limiter, the clock). A Client may be used from many threads at
// once; a PageRange may not (each thread walks its own).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/connection.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/options.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

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
// An error is the last item. A PageRange keeps the connection it fetches from alive, so it
// may outlive its Client; it is not safe to iterate one range from several threads.
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
  explicit Client(ClientOptions options = {});
  // Sends through `connection`, e.g. a test's mock of it.
  explicit Client(std::shared_ptr<Connection> connection);

  ClientOptions options() const;
  const std::shared_ptr<Connection>& connection() const { return connection_; }

  // ---- the endpoints ----

  Result<UploadedVideo> upload_video(const UploadVideoRequest& request, const CallOptions& call = {});
  Result<CreatedVideoTasks> create_video_tasks(const CreateVideoTaskRequest& request, const CallOptions& call = {});
  Result<VideoTaskList> get_video_tasks(const VideoTaskQuery& query, const CallOptions& call = {});
  Result<VideoPage> list_videos(const VideoListQuery& query = {}, const CallOptions& call = {});
  Result<CreatedScriptTask> create_script_task(const CreateScriptTaskRequest& request, const CallOptions& call = {});
  Result<ScriptTask> get_script_task(const ScriptTaskQuery& query, const CallOptions& call = {});
  Result<ScriptPage> list_scripts(const ScriptListQuery& query = {}, const CallOptions& call = {});
  // One task per video; wait with wait_for_video_tasks(ids, AigcVideoType::image_animation()).
  Result<CreatedVideoTasks> create_image_animation_tasks(const CreateImageAnimationTaskRequest& request,
                                                         const CallOptions& call = {});

  // Digital Avatar: the catalogue, videos of an avatar saying a script (one task per
  // package), their tasks, the list of the videos made, and a rename. Download a preview
  // with download_preview().
  Result<AvatarPage> list_avatars(const AvatarListQuery& query = {}, const CallOptions& call = {});
  // A package the API could not take is an item whose failed() is true; the others' ids
  // are task_ids(), to wait for with wait_for_avatar_video_tasks().
  Result<CreatedAvatarVideoTasks> create_avatar_video_tasks(const CreateAvatarVideoTasksRequest& request,
                                                            const CallOptions& call = {});
  Result<AvatarVideoTaskList> get_avatar_video_tasks(const AvatarVideoTaskQuery& query, const CallOptions& call = {});
  Result<AvatarVideoPage> list_avatar_videos(const AvatarVideoListQuery& query = {}, const CallOptions& call = {});
  Result<RenamedAvatarVideo> rename_avatar_video(const RenameAvatarVideoRequest& request,
                                                 const CallOptions& call = {});

  // ---- waiting ----

  // Polls the video tasks (a few ids a query, as documented) until every one is SUCCESS or
  // FAILED. `on_progress` sees the latest state of all of them after each round.
  TaskWait<VideoTask> wait_for_video_tasks(
      const std::vector<std::string>& task_ids, const AigcVideoType& type, const WaitOptions& wait = {},
      const std::function<void(const std::vector<VideoTask>&)>& on_progress = {});

  // Polls the Digital Avatar video tasks (a few ids a query) until every one is SUCCESS or
  // FAILED, like wait_for_video_tasks().
  TaskWait<AvatarVideoTask> wait_for_avatar_video_tasks(
      const std::vector<std::string>& task_ids, const WaitOptions& wait = {},
      const std::function<void(const std::vector<AvatarVideoTask>&)>& on_progress = {});

  // Polls a script task until SUCCESS or FAILED. Scripts of a PARTIAL_SUCCESS task reach
  // `on_progress` as they arrive.
  TaskWait<ScriptTask> wait_for_script_task(const std::string& task_id, const WaitOptions& wait = {},
                                            const std::function<void(const ScriptTask&)>& on_progress = {});

  // ---- every page ----

  // The videos of `query.aigc_video_types` (every type unless narrowed), page by page.
  PageRange<Video> all_videos(VideoListQuery query = {}, const CallOptions& call = {});
  PageRange<Script> all_scripts(ScriptListQuery query = {}, const CallOptions& call = {});
  // The Digital Avatar catalogue; the pages end at an empty or short one when the API gives
  // no page_info.
  PageRange<Avatar> all_avatars(const CallOptions& call = {});
  PageRange<AvatarVideo> all_avatar_videos(AvatarVideoListQuery query = {}, const CallOptions& call = {});

  // ---- downloads (show kDownloadNotice to end users first) ----

  // The preview's bytes. The Access-Token is not sent: the media host is not the API.
  Result<std::string> download_preview(const std::string& preview_url, const CallOptions& call = {});

  // Streams the preview into `path` (through `path` + ".part", renamed when complete, so a
  // failed download leaves no partial file). Returns the bytes written.
  Result<std::uint64_t> download_preview_to_file(const std::string& preview_url, const std::string& path,
                                                 const CallOptions& call = {});

 private:
  std::shared_ptr<Connection> connection_;
};

}  // namespace tiktok_aigc

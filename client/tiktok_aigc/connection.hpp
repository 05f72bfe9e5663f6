// The seam between Client and the API: one virtual function per endpoint, and downloads.
// Client sends every request through a Connection, and runs its waits and its walks over
// every page on it too, so a test can give Client a connection of its own (for example the
// GoogleMock one in tiktok_aigc/mocks/mock_connection.hpp) and drive all of it offline.
//
// The connection make_connection() returns is safe to use from many threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/options.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

// Receives a download's body in pieces; returns false to stop.
using DownloadSink = std::function<bool(const char* data, std::size_t length)>;

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Result<UploadedVideo> upload_video(const UploadVideoRequest& request, const CallOptions& call) = 0;
  virtual Result<CreatedVideoTasks> create_video_tasks(const CreateVideoTaskRequest& request,
                                                       const CallOptions& call) = 0;
  virtual Result<VideoTaskList> get_video_tasks(const VideoTaskQuery& query, const CallOptions& call) = 0;
  virtual Result<VideoPage> list_videos(const VideoListQuery& query, const CallOptions& call) = 0;
  virtual Result<CreatedScriptTask> create_script_task(const CreateScriptTaskRequest& request,
                                                       const CallOptions& call) = 0;
  virtual Result<ScriptTask> get_script_task(const ScriptTaskQuery& query, const CallOptions& call) = 0;
  virtual Result<ScriptPage> list_scripts(const ScriptListQuery& query, const CallOptions& call) = 0;
  virtual Result<CreatedVideoTasks> create_image_animation_tasks(const CreateImageAnimationTaskRequest& request,
                                                                 const CallOptions& call) = 0;
  virtual Result<AvatarPage> list_avatars(const AvatarListQuery& query, const CallOptions& call) = 0;
  virtual Result<CreatedAvatarVideoTasks> create_avatar_video_tasks(const CreateAvatarVideoTasksRequest& request,
                                                                    const CallOptions& call) = 0;
  virtual Result<AvatarVideoTaskList> get_avatar_video_tasks(const AvatarVideoTaskQuery& query,
                                                             const CallOptions& call) = 0;
  virtual Result<AvatarVideoPage> list_avatar_videos(const AvatarVideoListQuery& query, const CallOptions& call) = 0;
  virtual Result<RenamedAvatarVideo> rename_avatar_video(const RenameAvatarVideoRequest& request,
                                                         const CallOptions& call) = 0;

  // GETs a URL outside the API (a preview on the media host): no token, no envelope. The
  // body goes to `sink`; the result is the HTTP status.
  virtual Result<int> download(const std::string& url, const DownloadSink& sink, const CallOptions& call) = 0;

  // The options in effect (the real connection fills in the token, base URL, limiter and
  // clock it took from the environment and the defaults). Waits sleep on options().clock.
  virtual ClientOptions options() const { return {}; }
};

// The connection to the API over HTTPS: the documented rules checked before sending, the
// rate limits, retries, TLS verification. It never throws: with options it cannot use (a
// base URL that is not http or https), every call answers invalid_argument saying why.
std::shared_ptr<Connection> make_connection(ClientOptions options = {});

}  // namespace tiktok_aigc

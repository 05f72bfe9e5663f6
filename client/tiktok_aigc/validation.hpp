// Client-side checks of every documented request rule, before anything is sent.
//
//   if (std::optional<Status> problem = check(request)) { ... problem->message ... }
//
// A violation is a Status of category invalid_argument with the api_code and the message
// the API (as the project's mock implements the documents) answers for the same request:
// 40002, except 40011 for too many ids and 40908 for an upload URL without a video
// extension. Client checks every request this way before sending it, unless
// ClientOptions::check_requests is false.
#pragma once

#include <optional>

#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

std::optional<Status> check(const UploadVideoRequest& request);
std::optional<Status> check(const CreateVideoTaskRequest& request);
std::optional<Status> check(const VideoTaskQuery& query);
std::optional<Status> check(const VideoListQuery& query);
std::optional<Status> check(const CreateScriptTaskRequest& request);
std::optional<Status> check(const ScriptTaskQuery& query);
std::optional<Status> check(const ScriptListQuery& query);
std::optional<Status> check(const CreateImageAnimationTaskRequest& request);
std::optional<Status> check(const AvatarListQuery& query);
std::optional<Status> check(const CreateAvatarVideoTasksRequest& request);
std::optional<Status> check(const AvatarVideoTaskQuery& query);
std::optional<Status> check(const AvatarVideoListQuery& query);
std::optional<Status> check(const RenameAvatarVideoRequest& request);

}  // namespace tiktok_aigc

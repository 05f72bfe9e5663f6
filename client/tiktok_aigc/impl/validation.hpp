// The checks of requests. A request is checked as it will travel: its JSON body, or its
// query parameters read the way the API reads them, against the rules of the API's
// description (api/requests.hpp), which the mock checks with too; so a violation has the
// code and the message the mock answers for the same request.
#pragma once

#include <optional>

#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/impl/encoding.hpp"
#include "tiktok_aigc/validation.hpp"

namespace tiktok_aigc {
namespace detail {

// The endpoint each request is sent to.
inline api::EndpointId endpoint_of(const UploadVideoRequest&) { return api::EndpointId::upload; }
inline api::EndpointId endpoint_of(const CreateVideoTaskRequest&) { return api::EndpointId::video_task_create; }
inline api::EndpointId endpoint_of(const VideoTaskQuery&) { return api::EndpointId::video_task_list; }
inline api::EndpointId endpoint_of(const VideoListQuery&) { return api::EndpointId::video_list; }
inline api::EndpointId endpoint_of(const CreateScriptTaskRequest&) { return api::EndpointId::script_task_create; }
inline api::EndpointId endpoint_of(const ScriptTaskQuery&) { return api::EndpointId::script_task_get; }
inline api::EndpointId endpoint_of(const ScriptListQuery&) { return api::EndpointId::script_list; }
inline api::EndpointId endpoint_of(const CreateImageAnimationTaskRequest&) {
  return api::EndpointId::image_animation_task_create;
}
inline api::EndpointId endpoint_of(const AvatarListQuery&) { return api::EndpointId::avatar_list; }
inline api::EndpointId endpoint_of(const CreateAvatarVideoTasksRequest&) {
  return api::EndpointId::avatar_video_task_create;
}
inline api::EndpointId endpoint_of(const AvatarVideoTaskQuery&) { return api::EndpointId::avatar_video_task_get; }
inline api::EndpointId endpoint_of(const AvatarVideoListQuery&) { return api::EndpointId::avatar_video_list; }
inline api::EndpointId endpoint_of(const RenameAvatarVideoRequest&) { return api::EndpointId::avatar_video_rename; }

inline std::optional<Status> to_status(const std::optional<api::Violation>& violation) {
  if (!violation) return std::nullopt;
  return Status{ErrorCategory::invalid_argument, violation->message, violation->code};
}

// The checks of what is about to be sent, built once.
inline std::optional<Status> body_problem(const api::Endpoint& endpoint, const nlohmann::json& body) {
  return to_status(api::check_body(endpoint, body));
}
inline std::optional<Status> query_problem(const api::Endpoint& endpoint, const QueryParams& query) {
  nlohmann::json as_json;
  return to_status(api::check_query(endpoint, query, as_json));
}

}  // namespace detail

std::optional<Status> check(const UploadVideoRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}
std::optional<Status> check(const CreateVideoTaskRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}
std::optional<Status> check(const CreateImageAnimationTaskRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}
std::optional<Status> check(const CreateScriptTaskRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}
std::optional<Status> check(const VideoTaskQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const VideoListQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const ScriptTaskQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const ScriptListQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const AvatarListQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const CreateAvatarVideoTasksRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}
std::optional<Status> check(const AvatarVideoTaskQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const AvatarVideoListQuery& query) {
  return detail::query_problem(api::endpoint(detail::endpoint_of(query)), to_query(query));
}
std::optional<Status> check(const RenameAvatarVideoRequest& request) {
  return detail::body_problem(api::endpoint(detail::endpoint_of(request)), to_body(request));
}

}  // namespace tiktok_aigc

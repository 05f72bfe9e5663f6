// Requests as JSON, for requests kept in files: request_to_json() writes one, and
// request_from_json<Request>() reads it back.
//
// The JSON form of a request is a POST's body exactly as sent (to_body), or a GET's
// parameters as one object whose list and object parameters are JSON values and whose page
// and page_size are integers: {"task_ids": ["7..."], "aigc_video_type": "STOCK_VIDEO"},
// {"filtering": {"avatar_id": "7..."}, "page": 2}.
//
//   Result<CreateVideoTaskRequest> request = request_from_json<CreateVideoTaskRequest>(body);
//   if (!request) std::cerr << request.status().message << "\n";
//
// Reading does not check the documented rules (check() and the client do, before sending),
// so a partial request completed later reads fine. It loses nothing either: a member of the
// wrong JSON type, or one the request has no place for (a misspelt name, product_video_info
// for DUBBING, a second target language), is a Status of category invalid_argument whose
// message names it by its path:
//
//   product_video_info.product_info_list[0].price: must be a number, got "9.99"
//   product_video_info.video_generation_cnt: not a field of this request
//
// Enums take any string, kept as the open enum types keep it. Neither function throws. The
// declarations need only nlohmann/json's forward declarations (raw_json.hpp); include
// <nlohmann/json.hpp> to build or read the JSON.
#pragma once

#include <type_traits>

#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

nlohmann::json request_to_json(const UploadVideoRequest& request);
nlohmann::json request_to_json(const CreateVideoTaskRequest& request);
nlohmann::json request_to_json(const VideoTaskQuery& query);
nlohmann::json request_to_json(const VideoListQuery& query);
nlohmann::json request_to_json(const CreateImageAnimationTaskRequest& request);
nlohmann::json request_to_json(const CreateScriptTaskRequest& request);
nlohmann::json request_to_json(const ScriptTaskQuery& query);
nlohmann::json request_to_json(const ScriptListQuery& query);
nlohmann::json request_to_json(const AvatarListQuery& query);
nlohmann::json request_to_json(const CreateAvatarVideoTasksRequest& request);
nlohmann::json request_to_json(const AvatarVideoTaskQuery& query);
nlohmann::json request_to_json(const AvatarVideoListQuery& query);
nlohmann::json request_to_json(const RenameAvatarVideoRequest& request);

namespace detail {
template <typename T>
struct dependent_false : std::false_type {};
}  // namespace detail

// Only the specialisations below exist: any other type stops the build here.
template <typename Request>
Result<Request> request_from_json(const nlohmann::json& /*json*/) {
  static_assert(detail::dependent_false<Request>::value,
                "request_from_json<Request>: Request must be one of the request types of "
                "tiktok_aigc/model.hpp");
  return Status{};
}

template <>
Result<UploadVideoRequest> request_from_json<UploadVideoRequest>(const nlohmann::json& json);
template <>
Result<CreateVideoTaskRequest> request_from_json<CreateVideoTaskRequest>(
    const nlohmann::json& json);
template <>
Result<VideoTaskQuery> request_from_json<VideoTaskQuery>(const nlohmann::json& json);
template <>
Result<VideoListQuery> request_from_json<VideoListQuery>(const nlohmann::json& json);
template <>
Result<CreateImageAnimationTaskRequest> request_from_json<CreateImageAnimationTaskRequest>(
    const nlohmann::json& json);
template <>
Result<CreateScriptTaskRequest> request_from_json<CreateScriptTaskRequest>(
    const nlohmann::json& json);
template <>
Result<ScriptTaskQuery> request_from_json<ScriptTaskQuery>(const nlohmann::json& json);
template <>
Result<ScriptListQuery> request_from_json<ScriptListQuery>(const nlohmann::json& json);
template <>
Result<AvatarListQuery> request_from_json<AvatarListQuery>(const nlohmann::json& json);
template <>
Result<CreateAvatarVideoTasksRequest> request_from_json<CreateAvatarVideoTasksRequest>(
    const nlohmann::json& json);
template <>
Result<AvatarVideoTaskQuery> request_from_json<AvatarVideoTaskQuery>(const nlohmann::json& json);
template <>
Result<AvatarVideoListQuery> request_from_json<AvatarVideoListQuery>(const nlohmann::json& json);
template <>
Result<RenameAvatarVideoRequest> request_from_json<RenameAvatarVideoRequest>(
    const nlohmann::json& json);

}  // namespace tiktok_aigc

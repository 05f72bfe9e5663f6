// The endpoints: one row each, the only place their paths, methods, budgets and codes are
// written down. The client sends through these rows, the mock routes by them, and the
// OpenAPI file's paths are written from them.
#pragma once

#include <string>
#include <vector>

#include "tiktok_aigc/api/requests.hpp"
#include "tiktok_aigc/api/responses.hpp"

namespace tiktok_aigc::api {

// The live API's address; every path below starts with kApiPrefix.
inline constexpr const char* kLiveBaseUrl = "https://business-api.tiktok.com";
inline constexpr const char* kApiPrefix = "/open_api";
// Every request to the API carries the app's access token in this header.
inline constexpr const char* kAccessTokenHeader = "Access-Token";

// The documents an endpoint belongs to.
inline constexpr const char* kVideosDocument = "Generate & Remix Videos";
inline constexpr const char* kScriptsDocument = "Generate Scripts";
inline constexpr const char* kImageToVideoDocument = "Image to Video";
inline constexpr const char* kDigitalAvatarDocument = "Digital Avatar";
inline constexpr const char* kDubbedTranslationsDocument = "Dubbed Translations";

enum class EndpointId {
  upload,
  video_task_create,
  video_task_list,
  video_list,
  script_task_create,
  script_task_get,
  script_list,
  image_animation_task_create,
  avatar_list,
  avatar_video_task_create,
  avatar_video_task_get,
  avatar_video_list,
  avatar_video_rename,
};

struct Endpoint {
  EndpointId id;
  const char* name;       // used by faults, budgets, logs and the command lines
  const char* method;     // "GET" (parameters in the query) or "POST" (a JSON body)
  const char* path;       // with the trailing slash the API requires
  int budget_per_minute;  // per app and token, over api::kBudgetWindow; 0 when none is documented
  bool idempotent;        // repeating the request is harmless, so it may be retried
  const ValueRule& (*request)();        // the body's or the query's rules
  const ValueRule& (*response_data)();  // `data` of a success
  std::vector<int> return_codes;        // the codes it is known to answer with
  // For the OpenAPI file.
  const char* operation_id;
  const char* summary;
  const char* about;
  std::vector<const char*> documents;
};

// clang-format off
inline const std::vector<Endpoint>& endpoints() {
  // Budgets: 20 a minute for each endpoint of the videos document (upload included), about
  // 2 a minute recommended for script create, none stated for the other script endpoints,
  // one a minute for an image animation, none stated for the Digital Avatar endpoints (only
  // the app's global limits apply).
  static const std::vector<Endpoint> table = {
      {EndpointId::upload, "upload", "POST", "/open_api/v1.3/file/video/ad/upload/", 20, false,
       requests::upload, responses::upload,
       {0, 40002, 40100, 40104, 40105, 40900, 40902, 40903, 40906, 40907, 40908},
       "uploadVideo", "Upload a video to the stock library",
       "Shared by both APIs. Show the upload notice to the end user first. The request times out after 10 s.",
       {kVideosDocument, kScriptsDocument}},
      {EndpointId::video_task_create, "video_task_create", "POST", "/open_api/v1.3/creative/aigc/video/task/create/",
       20, false, requests::video_task_create, responses::video_task_create,
       {0, 40002, 40007, 40011, 40100, 40104, 40105, 40118},
       "createVideoTasks", "Create video generation and remix tasks",
       "Asynchronous: query the tasks with video_task_list. AVATAR_PRODUCT is allowlist-only (40118); "
       "DUBBING dubs videos given by URL (show the dubbing consent first).",
       {kVideosDocument, kDubbedTranslationsDocument}},
      {EndpointId::video_task_list, "video_task_list", "GET", "/open_api/v1.3/creative/aigc/video/task/list/",
       20, true, requests::video_task_list, responses::video_task_list,
       {0, 40002, 40007, 40011, 40100, 40104, 40105},
       "listVideoTasks", "Get the results of video tasks",
       "The workflow text's /creative/aigc/video/task/get/ is this endpoint (quirk 1).",
       {kVideosDocument, kImageToVideoDocument, kDubbedTranslationsDocument}},
      {EndpointId::video_list, "video_list", "GET", "/open_api/v1.3/creative/aigc/video/list/", 20, true,
       requests::video_list, responses::video_list,
       {0, 40002, 40100, 40104, 40105},
       "listVideos", "Get generated videos",
       "One page of the videos this token generated. Show the download notice before a download.",
       {kVideosDocument, kImageToVideoDocument, kDubbedTranslationsDocument}},
      {EndpointId::script_task_create, "script_task_create", "POST",
       "/open_api/v1.3/creative/aigc/script_generation/task/create/", 2, false,
       requests::script_task_create, responses::script_task_create,
       {0, 40002, 40007, 40100, 40104, 40105},
       "createScriptTask", "Create a script generation task",
       "POST, although the documents' curl example says GET (quirk 4).",
       {kScriptsDocument}},
      {EndpointId::script_task_get, "script_task_get", "GET", "/open_api/v1.3/creative/aigc/script/task/get/", 0,
       true, requests::script_task_get, responses::script_task_get,
       {0, 40002, 40007, 40104, 40105},
       "getScriptTask", "Get the result of a script generation task",
       "Poll until SUCCESS or FAILED; while PARTIAL_SUCCESS the finished scripts are listed.",
       {kScriptsDocument}},
      {EndpointId::script_list, "script_list", "GET", "/open_api/v1.3/creative/aigc/script/list/", 0, true,
       requests::script_list, responses::script_list,
       {0, 40002, 40104, 40105},
       "listScripts", "Get generated scripts",
       "One page of the scripts this token generated.",
       {kScriptsDocument}},
      {EndpointId::image_animation_task_create, "image_animation_task_create", "POST",
       "/open_api/v1.3/creative/aigc/image_animation/task/create/", 1, false,
       requests::image_animation_task_create, responses::video_task_create,
       {0, 40002, 40100, 40104, 40105, 40118},
       "createImageAnimationTasks", "Animate a still image into videos",
       "Alpha, allowlist-only; one request a minute. One task per video, found through the video task "
       "list and the video list as IMAGE_ANIMATION. Show the upload notice first; no download notice "
       "is required.",
       {kImageToVideoDocument}},
      {EndpointId::avatar_list, "avatar_list", "GET", "/open_api/v1.3/creative/digital_avatar/get/", 0, true,
       requests::avatar_list, responses::avatar_list,
       {0, 40002, 40100, 40104, 40105, 40118, 51010},
       "listAvatars", "List the Digital Avatars",
       "Alpha, allowlist-only (40118). The avatar_id of each is what avatar videos and AVATAR_PRODUCT "
       "videos take; thumbnails and demo videos are valid for six hours.",
       {kDigitalAvatarDocument}},
      {EndpointId::avatar_video_task_create, "avatar_video_task_create", "POST",
       "/open_api/v1.3/creative/digital_avatar/video/task/create/", 0, false,
       requests::avatar_video_task_create, responses::avatar_video_task_create,
       {0, 40002, 40100, 40104, 40105, 40118},
       "createAvatarVideoTasks", "Make Digital Avatar videos from scripts",
       "One task per material package. Up to 400 characters of script take under 100 s, up to 1,000 "
       "under 200 s, more under 500 s. Show the upload notice first.",
       {kDigitalAvatarDocument}},
      {EndpointId::avatar_video_task_get, "avatar_video_task_get", "GET",
       "/open_api/v1.3/creative/digital_avatar/video/task/get/", 0, true,
       requests::avatar_video_task_get, responses::avatar_video_task_get,
       {0, 40002, 40007, 40011, 40100, 40104, 40105, 40118},
       "getAvatarVideoTasks", "Get the results of Digital Avatar video tasks",
       "Poll until SUCCESS or FAILED; the live API answers 40100 to several jobs polling every few seconds.",
       {kDigitalAvatarDocument}},
      {EndpointId::avatar_video_list, "avatar_video_list", "GET", "/open_api/v1.3/creative/digital_avatar/video/list/",
       0, true, requests::avatar_video_list, responses::avatar_video_list,
       {0, 40002, 40100, 40104, 40105, 40118},
       "listAvatarVideos", "Get generated Digital Avatar videos",
       "One page of this account's avatar videos, newest first. Show the download notice before a download.",
       {kDigitalAvatarDocument}},
      {EndpointId::avatar_video_rename, "avatar_video_rename", "POST", "/open_api/v1.3/file/video/ad/update/", 0,
       true, requests::avatar_video_rename, responses::avatar_video_rename,
       {0, 40002, 40007, 40100, 40104, 40105, 40118},
       "renameAvatarVideo", "Rename a Digital Avatar video",
       "Only avatar_video_id and file_name (quirk 34); the new name shows in the task query and the list.",
       {kDigitalAvatarDocument}},
  };
  return table;
}
// clang-format on

// The row of `id` (the table is in EndpointId order).
inline const Endpoint& endpoint(EndpointId id) { return endpoints()[static_cast<std::size_t>(id)]; }

inline const Endpoint* find_endpoint_by_name(const std::string& name) {
  for (const auto& row : endpoints()) {
    if (name == row.name) return &row;
  }
  return nullptr;
}

inline const Endpoint* find_endpoint_by_path(const std::string& path) {
  for (const auto& row : endpoints()) {
    if (path == row.path) return &row;
  }
  return nullptr;
}

// Checks a request about to be sent, or just received, against the endpoint's rules. A
// POST's body is checked as JSON; a GET's parameters are read as the API reads them
// (integers, JSON array texts) into `as_json` first.
inline Violation invalid_utf8_body() { return {codes::kParamError, "body: must be valid UTF-8"}; }
inline std::optional<Violation> check_body(const Endpoint& endpoint, const nlohmann::json& body) {
  if (!strings::is_valid_utf8_json(body)) return invalid_utf8_body();
  return validate(endpoint.request(), body);
}
inline std::optional<Violation> check_query(const Endpoint& endpoint, const QueryParams& params,
                                            nlohmann::json& as_json) {
  if (auto problem = query_to_json(endpoint.request(), params, as_json)) return problem;
  return validate(endpoint.request(), as_json);
}

}  // namespace tiktok_aigc::api
